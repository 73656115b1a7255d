"""What the rule docs claim about the JWT libraries, checked against the real libraries.

If a library changes behaviour, this fails and the rule's doc (and maybe the rule) must change.
"""

from __future__ import annotations

import time
import warnings

import pytest

SECRET = "a-test-secret-that-is-long-enough-for-hs256"
NOW = int(time.time())


def test_pyjwt_audience_semantics():
    jwt = pytest.importorskip("jwt")
    with_aud = jwt.encode({"sub": "a", "aud": "other-service", "exp": NOW + 3600}, SECRET, algorithm="HS256")
    without_aud = jwt.encode({"sub": "a", "exp": NOW + 3600}, SECRET, algorithm="HS256")
    # no audience=: a token with an aud is rejected, a token without one is accepted (medium)
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(with_aud, SECRET, algorithms=["HS256"])
    assert jwt.decode(without_aud, SECRET, algorithms=["HS256"])["sub"] == "a"
    # verify_aud False: any audience is accepted (high)
    options = {"verify_aud": False}
    assert jwt.decode(with_aud, SECRET, algorithms=["HS256"], audience="mine", options=options)["sub"] == "a"


def test_pyjwt_verify_signature_false_also_skips_exp_and_aud():
    jwt = pytest.importorskip("jwt")
    token = jwt.encode({"sub": "a", "aud": "x", "exp": NOW - 3600}, SECRET, algorithm="HS256")
    claims = jwt.decode(token, "wrong-key", algorithms=["HS256"], audience="y", options={"verify_signature": False})
    assert claims["sub"] == "a"


def test_pyjwt2_decode_without_a_key_only_succeeds_unverified():
    # NHL101 leaves a keyless decode to NHL102: its claims come back only with the check off
    jwt = pytest.importorskip("jwt")
    if int(jwt.__version__.split(".")[0]) < 2:
        pytest.skip("PyJWT 1 allowed an empty HMAC key")
    token = jwt.encode({"sub": "a", "aud": "other"}, SECRET, algorithm="HS256")
    with pytest.raises(jwt.InvalidKeyError):
        jwt.decode(token, algorithms=["HS256"], options={"verify_aud": False, "verify_signature": True})
    claims = jwt.decode(token, algorithms=["HS256"], options={"verify_aud": False, "verify_signature": False})
    assert claims["sub"] == "a"


def test_pyjwt_instance_options_merge_under_the_call_options():
    jwt = pytest.importorskip("jwt")
    token = jwt.encode({"sub": "a", "aud": "x", "exp": NOW - 3600}, SECRET, algorithm="HS256")
    # an instance's verify_aud / verify_exp False holds for every decode() on it
    lax = jwt.PyJWT(options={"verify_aud": False, "verify_exp": False})
    assert lax.decode(token, SECRET, algorithms=["HS256"], audience="y")["sub"] == "a"
    # the call's own options win
    with pytest.raises(jwt.InvalidAudienceError):
        lax.decode(token, SECRET, algorithms=["HS256"], audience="y", options={"verify_aud": True})
    # an instance's verify_signature False skips exp and aud, but the signature is still checked
    unsigned = jwt.PyJWT(options={"verify_signature": False})
    assert unsigned.decode(token, SECRET, algorithms=["HS256"], audience="y")["sub"] == "a"
    with pytest.raises(jwt.InvalidSignatureError):
        unsigned.decode(token, "wrong-key-that-is-long-enough-for-hs256", algorithms=["HS256"], audience="y")


def test_pyjwt_expiry_and_leeway():
    jwt = pytest.importorskip("jwt")
    expired = jwt.encode({"exp": NOW - 3600}, SECRET, algorithm="HS256")
    with pytest.raises(jwt.ExpiredSignatureError):
        jwt.decode(expired, SECRET, algorithms=["HS256"])
    assert jwt.decode(expired, SECRET, algorithms=["HS256"], options={"verify_exp": False}) is not None
    assert jwt.decode(expired, SECRET, algorithms=["HS256"], leeway=7200) is not None


def test_pyjwt2_requires_algorithms():
    jwt = pytest.importorskip("jwt")
    token = jwt.encode({"sub": "a"}, SECRET, algorithm="HS256")
    with pytest.raises(jwt.DecodeError, match="algorithms"):
        jwt.decode(token, SECRET)


def test_python_jose_audience_and_algorithms():
    jose_jwt = pytest.importorskip("jose.jwt")
    from jose.exceptions import JWTClaimsError

    with_aud = jose_jwt.encode({"sub": "a", "aud": "other"}, SECRET, algorithm="HS256")
    without_aud = jose_jwt.encode({"sub": "a"}, SECRET, algorithm="HS256")
    with pytest.raises(JWTClaimsError):
        jose_jwt.decode(with_aud, SECRET, algorithms=["HS256"])
    # audience= does not require the claim unless require_aud is set
    assert jose_jwt.decode(without_aud, SECRET, algorithms=["HS256"], audience="mine")["sub"] == "a"
    # no algorithms=: whatever the header names is accepted
    assert jose_jwt.decode(without_aud, SECRET)["sub"] == "a"


def test_authlib_checks_claims_only_in_validate():
    pytest.importorskip("authlib")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from authlib.jose import jwt
        from authlib.jose.errors import ExpiredTokenError, InvalidClaimError

    expired = jwt.encode({"alg": "HS256"}, {"sub": "a", "aud": "other", "exp": NOW - 3600}, SECRET)
    claims = jwt.decode(expired, SECRET)  # no complaint: only the signature is checked
    assert claims["sub"] == "a"
    with pytest.raises(ExpiredTokenError):
        claims.validate()
    fresh = jwt.encode({"alg": "HS256"}, {"aud": "other", "exp": NOW + 3600}, SECRET)
    jwt.decode(fresh, SECRET).validate()  # no aud in claims_options: any audience passes
    with pytest.raises(InvalidClaimError):
        jwt.decode(fresh, SECRET, claims_options={"aud": {"essential": True, "value": "mine"}}).validate()


def test_joserfc_checks_claims_only_with_a_registry():
    joserfc_jwt = pytest.importorskip("joserfc.jwt")
    from joserfc.errors import InvalidClaimError
    from joserfc.jwk import OctKey

    key = OctKey.import_key(SECRET)
    expired = joserfc_jwt.encode({"alg": "HS256"}, {"aud": "other", "exp": NOW - 3600}, key)
    token = joserfc_jwt.decode(expired, key)  # no complaint
    assert token.claims["aud"] == "other"
    fresh = joserfc_jwt.decode(joserfc_jwt.encode({"alg": "HS256"}, {"aud": "other", "exp": NOW + 3600}, key), key)
    joserfc_jwt.JWTClaimsRegistry().validate(fresh.claims)  # no aud=: any audience passes
    with pytest.raises(InvalidClaimError):
        joserfc_jwt.JWTClaimsRegistry(aud={"essential": True, "value": "mine"}).validate(fresh.claims)


def test_google_auth_skips_audience_when_none():
    pytest.importorskip("google.auth")
    import inspect

    from google.auth import jwt as google_jwt
    from google.oauth2 import id_token

    for verifier in (id_token.verify_oauth2_token, id_token.verify_token, id_token.verify_firebase_token,
                     google_jwt.decode):
        assert inspect.signature(verifier).parameters["audience"].default is None
    assert "if audience is not None" in inspect.getsource(google_jwt.decode)


def test_jwcrypto_checks_exp_by_default_but_not_aud():
    pytest.importorskip("jwcrypto")
    from jwcrypto import jwk, jwt
    from jwcrypto.jwt import JWTExpired

    key = jwk.JWK(generate="oct", size=256)

    def signed(claims):
        token = jwt.JWT(header={"alg": "HS256"}, claims=claims)
        token.make_signed_token(key)
        return token.serialize()

    with pytest.raises(JWTExpired):
        jwt.JWT(jwt=signed({"exp": NOW - 3600}), key=key)
    assert jwt.JWT(jwt=signed({"exp": NOW - 3600}), key=key, check_claims=False).claims
    assert jwt.JWT(jwt=signed({"aud": "other", "exp": NOW + 3600}), key=key).claims  # aud unchecked


def test_jwcrypto_jwe_envelope_is_no_verification():
    """NHL101: `JWT(jwt=raw, key=enc_key)` on an encrypted ID token only decrypts. Anyone with the
    client's public encryption key builds the envelope. Its claims are the nested signed JWT as a
    string, so no claim (aud included) can be checked on it. The nested JWT() verifies."""
    pytest.importorskip("jwcrypto")
    from jwcrypto import jwk, jwt
    from jwcrypto.jwt import JWTInvalidClaimFormat, JWTInvalidClaimValue

    signing = jwk.JWK.generate(kty="RSA", size=2048)
    encryption = jwk.JWK.generate(kty="RSA", size=2048, use="enc")
    inner = jwt.JWT(header={"alg": "RS256"}, claims={"sub": "a", "aud": "other-client", "exp": NOW + 3600})
    inner.make_signed_token(signing)
    outer = jwt.JWT(header={"alg": "RSA-OAEP", "enc": "A256GCM", "cty": "JWT"}, claims=inner.serialize())
    outer.make_encrypted_token(encryption.public())  # the public half: anyone can do this
    raw = outer.serialize()
    assert raw.count(".") == 4  # JWE compact serialization: five segments
    nested = jwt.JWT(jwt=raw, key=encryption).claims
    assert nested.count(".") == 2  # the signed JWT, not a claims set
    with pytest.raises(JWTInvalidClaimFormat):
        jwt.JWT(jwt=raw, key=encryption, check_claims={"aud": "me"})
    with pytest.raises(JWTInvalidClaimValue):
        jwt.JWT(jwt=nested, algs=["RS256"], key=signing, check_claims={"aud": "me"})


def test_jose_jws_verify_without_verification_returns_any_payload():
    """NHL102: python-jose's `jws.verify(..., verify=False)` hands back the payload of a token
    signed with another key."""
    from jose import jws

    token = jws.sign({"sub": "a"}, "the-signer's-key-that-is-long-enough", algorithm="HS256")
    assert jws.verify(token, "another-key-that-is-long-enough", ["HS256"], verify=False) == b'{"sub":"a"}'
    with pytest.raises(Exception):
        jws.verify(token, "another-key-that-is-long-enough", ["HS256"])


def test_pyjwt_mints_unsigned_tokens_with_algorithm_none():
    """NHL102: `jwt.encode(payload, None, algorithm="none")` makes a token anyone can forge."""
    import jwt

    token = jwt.encode({"sub": "a"}, None, algorithm="none")
    assert token.endswith(".")  # no signature
    assert jwt.decode(token, options={"verify_signature": False})["sub"] == "a"


def test_python_jose_verify_aud_false_accepts_any_audience():
    """NHL101: switching the check off matters only for tokens that carry an `aud`."""
    jose_jwt = pytest.importorskip("jose.jwt")
    with_aud = jose_jwt.encode({"sub": "a", "aud": "other"}, SECRET, algorithm="HS256")
    assert jose_jwt.decode(with_aud, SECRET, algorithms=["HS256"], options={"verify_aud": False})["sub"] == "a"


def test_authlib_refuses_a_pem_public_key_as_an_hmac_secret():
    """NHL104: an authlib instance accepting HMAC and RSA is no algorithm confusion by itself."""
    pytest.importorskip("authlib")
    pytest.importorskip("cryptography")
    import base64
    import hashlib
    import hmac
    import json

    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from authlib.jose import JsonWebToken

    public = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)

    def part(data: dict) -> bytes:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=")

    signing_input = part({"alg": "HS256", "typ": "JWT"}) + b"." + part({"sub": "admin"})
    signature = base64.urlsafe_b64encode(hmac.new(pem, signing_input, hashlib.sha256).digest()).rstrip(b"=")
    with pytest.raises(ValueError):
        JsonWebToken(["HS256", "RS256"]).decode(signing_input + b"." + signature, pem)


def test_authlib_essential_aud_without_a_value_accepts_any_audience():
    """NHL101: `claims_options={"aud": {"essential": True}}` requires the claim, binds no value."""
    pytest.importorskip("authlib")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from authlib.jose import jwt
        from authlib.oidc.core.claims import IDToken

    token = jwt.encode({"alg": "HS256"}, {"iss": "idp", "sub": "a", "aud": "other", "exp": NOW + 3600, "iat": NOW}, SECRET)
    jwt.decode(token, SECRET, claims_options={"aud": {"essential": True}}).validate()
    jwt.decode(token, SECRET, claims_cls=IDToken, claims_options={"aud": {"essential": True}}).validate()
    # a `validate` callable is not called for `aud` (validate_aud reads only value / values)
    jwt.decode(token, SECRET, claims_options={"aud": {"essential": True, "validate": lambda c, v: False}}).validate()


def test_simplejwt_token_backend_decode_without_verification():
    """NHL102: simplejwt's `TokenBackend.decode(token, verify=False)` skips the signature."""
    pytest.importorskip("rest_framework_simplejwt")
    from django.conf import settings

    if not settings.configured:
        settings.configure(SECRET_KEY=SECRET, INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"])
    import django

    django.setup()
    import jwt
    from rest_framework_simplejwt.backends import TokenBackend
    from rest_framework_simplejwt.exceptions import TokenBackendError

    forged = jwt.encode({"user_id": 1, "exp": NOW + 3600}, "another-key-that-is-long-enough-for-hs256", algorithm="HS256")
    backend = TokenBackend(algorithm="HS256", signing_key=SECRET)
    assert backend.decode(forged, verify=False)["user_id"] == 1
    with pytest.raises(TokenBackendError):
        backend.decode(forged)


def test_itsdangerous_timed_serializer_checks_age_only_with_max_age(monkeypatch):
    itsdangerous = pytest.importorskip("itsdangerous")
    serializer = itsdangerous.URLSafeTimedSerializer(SECRET, salt="reset")
    monkeypatch.setattr(time, "time", lambda: NOW - 10 ** 7)  # signed months ago
    token = serializer.dumps({"uid": 1})
    signed = itsdangerous.TimestampSigner(SECRET).sign("value")
    monkeypatch.undo()
    # no max_age: the old token loads (NHL103 reports the read)
    assert serializer.loads(token) == {"uid": 1}
    assert itsdangerous.TimestampSigner(SECRET).unsign(signed) == b"value"
    with pytest.raises(itsdangerous.SignatureExpired):
        serializer.loads(token, max_age=3600)
    with pytest.raises(itsdangerous.SignatureExpired):
        serializer.loads(token, 3600)  # max_age is the second parameter


def test_django_timestamp_signer_checks_age_only_with_max_age(monkeypatch):
    pytest.importorskip("django")
    from django.core import signing

    signer = signing.TimestampSigner(key=SECRET, fallback_keys=[])
    monkeypatch.setattr(time, "time", lambda: NOW - 10 ** 7)
    signed = signer.sign("value")
    monkeypatch.undo()
    assert signer.unsign(signed) == "value"
    with pytest.raises(signing.SignatureExpired):
        signer.unsign(signed, max_age=3600)


def test_oauthlib_query_placement_puts_the_token_in_the_url():
    oauth2 = pytest.importorskip("oauthlib.oauth2")
    token = {"access_token": "the-token", "token_type": "Bearer"}
    client = oauth2.WebApplicationClient("client-id", token=token, default_token_placement="query")
    uri, headers, _ = client.add_token("https://api.example.com/items")
    assert uri == "https://api.example.com/items?access_token=the-token" and not headers
    # the default puts it in the Authorization header; add_token can ask for the query per call
    plain = oauth2.WebApplicationClient("client-id", token=token)
    assert plain.add_token("https://api.example.com/items")[1] == {"Authorization": "Bearer the-token"}
    assert "access_token=the-token" in plain.add_token("https://api.example.com/items", token_placement="query")[0]
