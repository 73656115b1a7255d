"""JWT libraries: which calls decode, verify, validate or mint tokens, and with which parameters.

Parameter lists were read off the libraries' signatures (PyJWT 2.15, python-jose 3.5, Authlib 1.9,
joserfc 1.8, google-auth 2.62, jwcrypto 1.5); positional arguments past the listed ones make the
call unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

# Roles of JWT APIs
DECODE = "decode"  # verifies a token and returns its claims
UNVERIFIED = "unverified"  # returns claims without any verification by design
CLAIMS_REGISTRY = "claims-registry"  # joserfc's JWTClaimsRegistry: the claims check
ALGORITHMS_OWNER = "algorithms-owner"  # a constructor fixing the accepted algorithms (authlib)
JWCRYPTO_TOKEN = "jwcrypto-token"  # jwcrypto.jwt.JWT(jwt=..., key=..., check_claims=...)
ENCODE = "encode"  # mints a token from a payload
MINT_WITH_LIFETIME = "mint-with-lifetime"  # flask-jwt-extended create_*_token(expires_delta=...)
# roles whose call checks a token (what a verification cache would keep the verdict of)
VERIFYING_ROLES = frozenset({DECODE, CLAIMS_REGISTRY, JWCRYPTO_TOKEN})

# How a decoder's claims (exp, aud) get checked
INLINE = "inline"  # by the decode call itself (PyJWT, jose, google-auth)
VALIDATE_CALL = "validate-call"  # only by a later `.validate()` (authlib, joserfc)
SIGNATURE_ONLY = "signature-only"  # never (PyJWS: a JWS, not a JWT; no claims at all)


@dataclass(frozen=True)
class JwtApi:
    qualname: str
    library: str
    role: str
    params: Tuple[str, ...]  # positional parameters in order
    token: Optional[str] = None
    audience: Optional[str] = None  # keyword carrying the expected audience
    options: Optional[str] = None  # keyword carrying a `verify_*` options dict
    algorithms: Optional[str] = None
    leeway: Optional[str] = None  # keyword carrying the clock-skew leeway
    leeway_option: Optional[str] = None  # key inside `options` carrying the leeway (jose)
    verify: Optional[str] = None  # keyword that turns all verification off when False
    claims_options: Optional[str] = None  # authlib's claims_options
    payload: Optional[str] = None  # the claims an encode call mints
    lifetime: Optional[str] = None  # keyword giving a minted token's lifetime (False: never expires)
    claims: str = INLINE
    # python-jose accepts any algorithm (HS256 with an RSA public key...) when none is pinned
    algorithms_default_any: bool = False
    # google-auth's audience=None is documented as "don't check": high confidence when missing
    audience_confidence: str = "medium"

    def param_index(self, name: Optional[str]) -> Optional[int]:
        if name is None or name not in self.params:
            return None
        return self.params.index(name)


# PyJWT's parameters after `options` moved between releases (2.15 puts `verify` fifth), so a
# call with more positional arguments than these is unknown.
PYJWT_DECODE = ("jwt", "key", "algorithms", "options")
# PyJWT 1.x put a `verify` flag third (`jwt.decode(token, None, False)` returns the claims
# unverified; 2.x rejects that call): a literal True / False there binds as 1.x did
PYJWT1_DECODE = ("jwt", "key", "verify", "algorithms", "options")
_JOSE_DECODE = ("token", "key", "algorithms", "options", "audience", "issuer", "subject", "access_token")
_GOOGLE_VERIFY = ("id_token", "request", "audience", "certs_url", "clock_skew_in_seconds")


def _pyjwt(qualname: str) -> JwtApi:
    return JwtApi(
        qualname, "pyjwt", DECODE, PYJWT_DECODE, token="jwt", audience="audience",
        options="options", algorithms="algorithms", leeway="leeway", verify="verify",
    )


def _pyjws(qualname: str) -> JwtApi:
    return JwtApi(
        qualname, "pyjwt", DECODE, PYJWT_DECODE,
        token="jwt", options="options", algorithms="algorithms", verify="verify",
        claims=SIGNATURE_ONLY,
    )


def _google(qualname: str, params: Tuple[str, ...] = _GOOGLE_VERIFY) -> JwtApi:
    return JwtApi(
        qualname, "google-auth", DECODE, params, token="id_token", audience="audience",
        leeway="clock_skew_in_seconds", audience_confidence="high",
    )


def _authlib_decode(qualname: str) -> JwtApi:
    return JwtApi(
        qualname, "authlib", DECODE, ("s", "key", "claims_cls", "claims_options", "claims_params"),
        token="s", claims_options="claims_options", claims=VALIDATE_CALL,
    )


DECODERS = (
    _pyjwt("jwt.decode"),
    _pyjwt("jwt.decode_complete"),
    _pyjwt("jwt.PyJWT.decode"),
    _pyjwt("jwt.PyJWT.decode_complete"),
    _pyjws("jwt.PyJWS.decode"),
    _pyjws("jwt.PyJWS.decode_complete"),
    _pyjws("jwt.api_jws.decode"),
    _pyjws("jwt.api_jws.decode_complete"),
    JwtApi(
        "jose.jwt.decode", "python-jose", DECODE, _JOSE_DECODE, token="token",
        audience="audience", options="options", algorithms="algorithms",
        leeway_option="leeway", algorithms_default_any=True,
    ),
    JwtApi("jose.jwt.get_unverified_claims", "python-jose", UNVERIFIED, ("token",), token="token"),
    # python-jose 3.5: `jws.verify(token, key, algorithms, verify=True)` returns the payload; with
    # verify=False it returns it whatever the signature (checked: tests/test_library_semantics.py)
    JwtApi(
        "jose.jws.verify", "python-jose", DECODE, ("token", "key", "algorithms", "verify"), token="token",
        algorithms="algorithms", verify="verify", claims=SIGNATURE_ONLY,
    ),
    # python_jwt 4.1 (read from its source): `process_jwt` returns header and claims unverified;
    # `verify_jwt(jwt, pub_key, allowed_algs, ...)` checks the signature and iat / nbf / exp
    # (never an audience: the library has no such check)
    JwtApi("python_jwt.process_jwt", "python-jwt", UNVERIFIED, ("jwt",), token="jwt"),
    JwtApi(
        "python_jwt.verify_jwt", "python-jwt", DECODE,
        ("jwt", "pub_key", "allowed_algs", "iat_skew", "checks_optional", "ignore_not_implemented"),
        token="jwt", algorithms="allowed_algs",
    ),
    JwtApi("jose.jws.get_unverified_claims", "python-jose", UNVERIFIED, ("token",), token="token"),
    _authlib_decode("authlib.jose.jwt.decode"),
    _authlib_decode("authlib.jose.JsonWebToken.decode"),
    JwtApi(
        "authlib.jose.JsonWebToken", "authlib", ALGORITHMS_OWNER, ("algorithms", "private_headers"),
        algorithms="algorithms",
    ),
    JwtApi(
        "joserfc.jwt.decode", "joserfc", DECODE, ("value", "key", "algorithms", "registry"),
        token="value", algorithms="algorithms", claims=VALIDATE_CALL,
    ),
    JwtApi(
        "joserfc.jwt.JWTClaimsRegistry", "joserfc", CLAIMS_REGISTRY, ("now", "leeway"),
        audience="aud", leeway="leeway",
    ),
    _google("google.oauth2.id_token.verify_oauth2_token", _GOOGLE_VERIFY[:3] + ("clock_skew_in_seconds",)),
    _google("google.oauth2.id_token.verify_token"),
    _google("google.oauth2.id_token.verify_firebase_token", _GOOGLE_VERIFY[:3] + ("clock_skew_in_seconds",)),
    JwtApi(
        "google.auth.jwt.decode", "google-auth", DECODE,
        ("token", "certs", "verify", "audience", "clock_skew_in_seconds"), token="token",
        audience="audience", leeway="clock_skew_in_seconds", verify="verify",
        audience_confidence="high",
    ),
    # djangorestframework-simplejwt 5.5: `TokenBackend(...).decode(token, verify=True)` is PyJWT's
    # decode with the backend's own key, algorithm and audience (given to the constructor);
    # verify=False switches the signature check off (tests/test_library_semantics.py)
    JwtApi(
        "rest_framework_simplejwt.backends.TokenBackend.decode", "simplejwt", DECODE, ("token", "verify"),
        token="token", verify="verify",
    ),
    JwtApi(
        "jwcrypto.jwt.JWT", "jwcrypto", JWCRYPTO_TOKEN,
        ("header", "claims", "jwt", "key", "algs", "default_claims", "check_claims", "expected_type"),
        token="jwt", algorithms="algs",
    ),
)

MINTERS = (
    # signatures checked: PyJWT 2.15, python-jose 3.5, Authlib 1.9, joserfc 1.8,
    # flask-jwt-extended 4.7
    JwtApi("jwt.encode", "pyjwt", ENCODE, ("payload", "key", "algorithm", "headers"), payload="payload"),
    JwtApi("jwt.PyJWT.encode", "pyjwt", ENCODE, ("payload", "key", "algorithm", "headers"), payload="payload"),
    JwtApi("jose.jwt.encode", "python-jose", ENCODE, ("claims", "key", "algorithm", "headers"), payload="claims"),
    JwtApi("authlib.jose.jwt.encode", "authlib", ENCODE, ("header", "payload", "key"), payload="payload"),
    JwtApi("authlib.jose.JsonWebToken.encode", "authlib", ENCODE, ("header", "payload", "key"), payload="payload"),
    JwtApi("joserfc.jwt.encode", "joserfc", ENCODE, ("header", "claims", "key"), payload="claims"),
    JwtApi(
        "flask_jwt_extended.create_access_token", "flask-jwt-extended", MINT_WITH_LIFETIME,
        ("identity", "fresh", "expires_delta"), lifetime="expires_delta",
    ),
    JwtApi(
        "flask_jwt_extended.create_refresh_token", "flask-jwt-extended", MINT_WITH_LIFETIME,
        ("identity", "expires_delta"), lifetime="expires_delta",
    ),
)

# Objects whose attributes are algorithm names as strings (python-jose 3.5:
# `ALGORITHMS.RS256 == "RS256"`, also reachable as `jose.jwt.ALGORITHMS`).
ALGORITHM_CONSTANTS = frozenset({"jose.constants.ALGORITHMS", "jose.jwt.ALGORITHMS", "jose.jws.ALGORITHMS"})

# djangorestframework-simplejwt 5 gives a token class its lifetime as a class attribute
# (`class KioskToken(AccessToken): lifetime = timedelta(days=14)`) and one token another with
# `token.set_exp(claim="exp", from_time=None, lifetime=None)`.
SIMPLEJWT_MODULE = "rest_framework_simplejwt"
SIMPLEJWT_LIFETIME_ATTRIBUTE = "lifetime"
SIMPLEJWT_SET_EXP = ("set_exp", ("claim", "from_time", "lifetime"))

# Other spellings of the same API.
ALIASES = {
    "jwt.api_jwt.decode": "jwt.decode",
    "jwt.api_jwt.decode_complete": "jwt.decode_complete",
    "jwt.api_jwt.PyJWT.decode": "jwt.PyJWT.decode",
    "jwt.api_jwt.PyJWT.decode_complete": "jwt.PyJWT.decode_complete",
    "jwt.api_jwt.encode": "jwt.encode",
    "flask_jwt_extended.utils.create_access_token": "flask_jwt_extended.create_access_token",
    "flask_jwt_extended.utils.create_refresh_token": "flask_jwt_extended.create_refresh_token",
    "jwt.api_jws.PyJWS.decode": "jwt.PyJWS.decode",
    "jwt.api_jws.PyJWS.decode_complete": "jwt.PyJWS.decode_complete",
    "jose.jwt.decode": "jose.jwt.decode",
    "authlib.jose.rfc7519.jwt.JsonWebToken.decode": "authlib.jose.JsonWebToken.decode",
    "authlib.jose.rfc7519.JsonWebToken.decode": "authlib.jose.JsonWebToken.decode",
    "authlib.jose.rfc7519.JsonWebToken": "authlib.jose.JsonWebToken",
    "authlib.jose.rfc7519.jwt.JsonWebToken": "authlib.jose.JsonWebToken",
    "joserfc.jwt.JWTClaimsRegistry": "joserfc.jwt.JWTClaimsRegistry",
    "joserfc._rfc7519.registry.JWTClaimsRegistry": "joserfc.jwt.JWTClaimsRegistry",
    "google.oauth2._id_token_async.verify_oauth2_token": "google.oauth2.id_token.verify_oauth2_token",
    "google.oauth2._id_token_async.verify_token": "google.oauth2.id_token.verify_token",
    "google.oauth2._id_token_async.verify_firebase_token": "google.oauth2.id_token.verify_firebase_token",
}

# Libraries whose JWT algorithm names we know, grouped by key family.
HMAC_ALGORITHMS = frozenset({"HS256", "HS384", "HS512"})
PUBLIC_KEY_PREFIXES = ("RS", "PS", "ES", "EDDSA", "ED25519", "ED448")

# Methods of a library's verifier class that the library calls only after it has checked the
# token's signature itself: an override reads claims of a token already verified (checked
# against fastapi-cloudauth 0.4.3: `JWKsVerifier.verify_token` verifies the signature with the
# JWKS key, then calls `self._verify_claims(http_auth)`; ScopedJWKsVerifier's calls super first).
VERIFIED_CLAIMS_HOOKS = {
    "fastapi_cloudauth.verification.JWKsVerifier": frozenset({"_verify_claims"}),
    "fastapi_cloudauth.verification.ScopedJWKsVerifier": frozenset({"_verify_claims"}),
    "fastapi_cloudauth.JWKsVerifier": frozenset({"_verify_claims"}),
    "fastapi_cloudauth.ScopedJWKsVerifier": frozenset({"_verify_claims"}),
    # mozilla-django-oidc's authenticate() verifies the ID token (`payload =
    # self.verify_token(id_token, nonce=nonce)`) before `get_or_create_user(access_token,
    # id_token, payload)` calls `get_userinfo(...)` (checked with mozilla-django-oidc 5.0.2);
    # only its `id_token` is verified there (VERIFIED_HOOK_TOKENS), not the access token
    "mozilla_django_oidc.auth.OIDCAuthenticationBackend": frozenset({"get_userinfo", "get_or_create_user"}),
}
# the parameter of a hook above that holds the verified token, where the hook is handed others
VERIFIED_HOOK_TOKENS = {"mozilla_django_oidc.auth.OIDCAuthenticationBackend": "id_token"}
