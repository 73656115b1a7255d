from __future__ import annotations

from typing import List, Optional

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.branches import tested_as_set
from nhilint.analysis.jwt_calls import JwtCall, result_uses
from nhilint.analysis.values import UNKNOWN, DictValue
from nhilint.catalogue.jwt import CLAIMS_REGISTRY, DECODE, INLINE, JWCRYPTO_TOKEN, VALIDATE_CALL
from nhilint.flow import module_flow
from nhilint.flow.labels import UNVERIFIED
from nhilint.context import FileContext, RelatedPlace
from nhilint.rule import CHECK_TESTS
from nhilint.verification.audience_claims import audience_compared
from nhilint.rules.jwt.base import JwtRule
from nhilint.verification.claims_validation import wrapper_checks, compared_here_or_by_callers, validated_here_or_by_callers
from nhilint.verification.fetched_token import fetched_by_this_code
from nhilint.verification.issuer_itself import looked_up_by_jti
from nhilint.verification.jwe_envelope import decryption_envelope
from nhilint.verification.optional_audience import audience_off_by_default
from nhilint.verification.own_issuer import CARRIES_AUD, own_token_reason
from nhilint.walk import nodes_of

_WHY = "tokens issued for other services are accepted"
_NAMES_AUD = "the issuer names an audience in its tokens, so it signs for several, and a token issued for another service is accepted"
_AUD_MENTION = compiled_on_first_use(r"""\baud\s*=|["']aud["']""")


class JwtDecodeWithoutAudience(JwtRule):
    """
    ## What it does
    Finds a JWT that is verified without binding an audience: PyJWT or python-jose `decode()`
    with no `audience=` (or `audience=None`, also through a constant no function rebinds: a
    module global an `initialize()` sets through `global client_id` holds what it sets, or
    `options={"verify_aud": False}`, also as the default of a settings model of the module,
    `options={"verify_aud": self.config.verify_aud}` with `verify_aud: bool = False` in the
    pydantic model or dataclass handed to `__init__` (every deployment that keeps the default
    runs without the check), or switched on only once an audience is configured,
    `options={"verify_aud": self.audience is not None}` (also `bool(...)`) with the audience
    None unless configured (a constructor's `audience=None`: by default every audience passes;
    not an audience the constructor requires or one with a default, nor in a class that mints
    its tokens too, adding `aud` under the same setting: simplejwt's `TokenBackend`), or an audience
    read from the token's own unverified claims: `audience=peek.get("aud")` after a decode with
    the signature check off, which any audience passes, reported as a switched-off check), google-auth's
    `verify_oauth2_token()` / `verify_token()` / `verify_firebase_token()` / `google.auth.jwt.decode()`
    without `audience`, Authlib claims validated with no `aud` in `claims_options` or an `aud`
    entry that gives no value (validated in the function, by a helper the claims are handed to,
    or by a caller the function returns them to; not where that helper compares `aud` by hand,
    `need_audience(claims)`), a joserfc
    `JWTClaimsRegistry` without `aud`, and jwcrypto's `JWT(...)` whose `check_claims` has no `aud`.
    A decode with no audience followed by a comparison of `aud` by hand is fine, unless every such
    comparison runs only when a parameter that may be None is given (`if expected_audience and
    claims.get("aud") != expected_audience:` with `expected_audience: str | None`, or defaulting
    to None; also in the body of `if expected_audience is not None:`): a caller passing None,
    as the type allows, gets no audience check.

    A signature helper that returns what it verified is not reported when its callers check the
    audience: every call of it, in its module and in the other modules of the project (one at
    least), that reads the result compares an audience field of it (`if claims["aud"] !=
    "orders"`, also through the names it is bound to, `claims = json.loads(jwt.claims)`, or
    of a mapping inside it, `data = claims.get("data") or {}` then `data.get("bundleId")`), or
    hands it to a function of the caller's module or of the helper's that does
    (`JWTAuthentication.verify_claims(claims, client_id=web.id)` requiring the client id in
    `aud`). A call that reads nothing of the result and turns no one away on it (thrown away or
    only serialized back, in a `try` none of whose handlers refuses: the app probing whether the
    token in its session needs a refresh) counts neither way. Still reported: a helper nothing
    in the project calls (anyone may), one caller reading a claim without comparing the
    audience, a call used as a gate (its result unread, outside a `try` or with a handler that
    refuses: a token for any audience passes), and a call of a same-named function the
    caller's module defines itself.

    ## Why is this bad?
    The audience claim says which service a token was issued for. An identity provider signs
    tokens for all its clients with the same key, so a service that checks only the signature
    accepts a token that was issued to, and may have leaked from, any other client: one service's
    credential replayed against another (OWASP NHI-03; NHI4:2025 Insecure Authentication,
    NHI9:2025 NHI Reuse).

    What the libraries do (checked against PyJWT 2.15, python-jose 3.5, Authlib 1.9, joserfc 1.8,
    google-auth 2.62, jwcrypto 1.6):
    - PyJWT without `audience=` rejects a token that carries an `aud` claim, but accepts any
      token without one; `options={"verify_aud": False}` accepts every audience.
    - google-auth's verifiers skip the audience check entirely when `audience` is `None`, which is
      the default: an ID token issued to any Google OAuth client verifies.
    - Authlib and joserfc check no claim at all unless asked: `aud` is checked only when
      `claims_options` / the registry names it. Authlib compares `aud` only with the entry's
      `value` or `values`: `{"aud": {"essential": True}}` requires the claim and accepts any
      audience (a `validate` callable is not called for `aud`). Claims wrapped into the
      module's own claims class (a `JWTClaims` subclass, `self.claims = AzureJWTClaims(payload=
      ...)`) whose code names `"aud"` (its options, its `validate()`) are checked by that class.
    - jwcrypto checks `aud` only when `check_claims` names it.

    The audience matters where one key signs tokens for several audiences: an identity
    provider's keys, asymmetric keys and JWKS, ID tokens, and an HMAC secret that signs several
    kinds of token or is shared with another issuer. So a token this project mints (in any of its
    modules: `tokens.py` may issue what `auth.py` verifies, also with the secret `auth.py` knows
    only by the name it imports, `from app.tokens import JWT_KEY` of `JWT_KEY =
    os.environ["JWT_SECRET"]`) and verifies with an HMAC secret only
    it uses, of one kind, is not reported: its one audience is this service. It is reported, and
    the message says which case it is, when the same secret signs several kinds of token (a token a test mints for its fakes is no
    kind the project issues) in the
    project (access and refresh, login and password reset) and no claim tells them apart: a type
    claim (`type`, `token_type`, `scope`...) compared with a value, or a marker claim whose
    presence gets the token refused (`require(IS_RESET not in claims)`, `assert "reset" not in
    claims`, `if "reset" in claims: raise`), in the function or in a helper of the module the
    claims are handed to (a type claim compared there also in a helper of another module of the
    project, `validate_payload(payload, "access")` of `tokens.py` testing `payload["type"] !=
    kind`), or by every caller the function hands the claims back to (`payload =
    _decode(token)` then `if payload.get("type") != token_type: raise`) (`if "sub" not in
    claims: raise` requires a claim, and tells nothing apart). A minting function that mints through another, such as `create_file_token()`
    returning `create_access_token({"file": path})`, signs a kind of its own; a caller not named
    for minting, such as `login()`, or one that signs a token itself and calls the helper for
    another (`create_token()` returning the access token it signs and
    `self.create_refresh_token(...)`), mints the helper's kind; a helper named for no kind
    (`encode_token(payload)`) every call of which is in such a minting function signs no kind
    of its own. A key derived from the secret
    (`self.secret + self.secret[::-1]`) is another key: the kinds it signs are told apart from
    those the secret signs by the signature itself. A verifier defined inside `__init__(self,
    key)` reading `key`, which the constructor keeps as `self.key`, verifies with the key the
    class's methods mint with (`self.key`). It is reported too when the code
    mints one kind with the secret but accepts another (another issuer signs with it too).
    google-auth's ID tokens, issued by Google for every client, are reported unless this client
    fetched the token itself (below).

    A verifier that holds the signing key is the issuer, whatever the algorithm, and is judged
    the same way: the very key (name or attribute) a `jwt.encode` of the project signs with,
    also when the algorithms come from configuration (`jwt.encode(claims, self.encode_key,
    self.encode_algorithm)`, then `jwt.decode(token, self.encode_key,
    algorithms=self.allowed_algorithms)`: the algorithm and the key's name are asked only when
    nothing in sight signs with the key), the public half of a private key in hand
    (`private_key.public_key()`: an OpenID provider checking an `id_token_hint` it issued, to
    whichever client, is not reported), or a `verifying_key` / `public_key` whose object's
    `signing_key` / `private_key` mints in the project (how many kinds it signs decides, as for
    a secret). A verifier that looks the token up by its `jti` in its own record
    (`IDToken.objects.get(jti=claims["jti"])`) accepts only tokens it issued, and the record
    says whom each was for: not reported (a deny-list lookup, `.filter(jti=...).exists()`, is
    kept by resource servers too, and is). Nor is a DPoP proof (RFC 9449), which carries no
    `aud` by design: bound to one request by `htm` / `htu` and `iat` and to the access token by
    its key's thumbprint; the decode is a proof's where its function compares the header's
    `typ` with `"dpop+jwt"` or reads both `htm` and `htu` of the claims (the access token
    verified beside it is judged as any token). An algorithm given as a class constant
    (`algorithms=[cls.ALGORITHM]` with `ALGORITHM = "HS256"` in the class body) is read from
    the class.

    A token this client has just fetched from the token endpoint, over TLS and with its own
    client credentials, was issued to this client: no other service's token can be slipped in,
    so it is not reported, with the check switched off or no audience given (a session refresh
    that POSTs `grant_type=refresh_token` and reads `sid` from the `access_token` it got back).
    The token is fetched in the function (a token source, a token field of a response's JSON,
    of what a call sending a `grant_type` body or posting to the URL named for the token
    endpoint (`self.token_url`) returned, of what a helper of the module returning a response's
    JSON or that answer returned, or of the answer this server stored and reads back under its
    name, `auth_state.get("token_response")`; or the `id_token` of google-auth's application
    default credentials, `google.auth.default()`, directly or as the `credentials` of an
    `AuthorizedSession` made with them, also kept in a module global: google-auth fetched it for
    this process's own login, as a CLI reading its user's e-mail does), or every call of the function in the module (one at
    least) passes such a token (with no call in the module, every call the other modules of the
    project make). Every way the token may arrive must be one of these: a token
    that may also come from the request, or a parameter of a function nothing in the module
    calls, is reported. This holds for an OpenID Connect ID token as well, on purpose. OpenID
    Connect Core §3.1.3.7 still tells the client to check that `aud` holds its `client_id`, but
    that check refuses an ID token issued to another client, and one the client received from
    the token endpoint, in answer to its own code or refresh-token request, was issued to it
    (RFC 6749 §4.1.3 and §6 have the provider bind the code and the refresh token to the
    client they were issued to). It is the token class NHL102 lets go unsigned (§3.1.3.7 lets
    TLS stand in for the signature), and asking for its audience while its signature may go
    unchecked would be incoherent. An ID token received any other way (the front channel, a
    form post, an API caller) is reported.

    An API client verifying its own token, kept on its object (the access token its login SDK
    gave it, decoded with the pool's public key to see whether it has expired), is not reported
    either: it admits no one on what it reads, and the audience is for the API it sends the
    token to. The same conditions as NHL102's for a client's own token hold: the module talks
    to a service (an HTTP client or a login SDK is imported) and handles no incoming request,
    and the token is state of the object (also read with an empty default, `self._session.token
    or {}`, an OAuth session's), or a setter's parameter it keeps as its credential. Both
    exemptions hold whatever the library (PyJWT, Authlib's `jwt.decode(...).validate()`, jwcrypto).

    jwcrypto's `JWT(jwt=raw, key=decryption_key)` whose `.claims` another `JWT(jwt=...)` then
    verifies only opens the JWE envelope of an encrypted token (an encrypted ID token), and is
    not reported. Anyone holding the public encryption key can make such an envelope, and its
    plaintext is the nested signed JWT, not a claims set (`check_claims` on the envelope raises
    `JWTInvalidClaimFormat`), so the audience can only be checked on the nested token, whose
    verification is judged on its own.

    An HMAC secret that nothing in the project signs with (a settings secret, a per-client secret
    handed in by the caller, a literal) is not reported: the issuer may be this service in a part
    not checked, or the client the secret was issued to, and the code cannot tell; precision
    comes first. The exception is `verify_aud: False`: PyJWT and python-jose reject a token that
    carries an `aud` when no audience is expected, so the check is switched off only for tokens
    that carry one, and an issuer that names audiences signs for several (Supabase's project
    secret signs the tokens of every client of the project).

    A PyJWT decode given no key (`jwt.decode(raw, algorithms=["RS256"], options={"verify_aud":
    False, "verify_signature": verify})`, the unverified branch of a verifier whose caller may
    ask for the claims unchecked) is not reported: PyJWT 2 raises `InvalidKeyError` on the
    empty key whenever the signature is checked, so the claims come back only unverified,
    which is NHL102's to judge, and an audience would bind nothing.

    Confidence is high where the audience check is switched off or skipped by the library
    (`verify_aud: False`, google-auth), medium where a missing `audience=` still rejects tokens
    that carry a foreign `aud` (PyJWT, python-jose).

    ## Example
    ```python
    import jwt

    def current_user(token, public_key):
        claims = jwt.decode(token, public_key, algorithms=["RS256"])
        return claims["sub"]
    ```

    ## Use instead
    ```python
    import jwt

    def current_user(token, public_key):
        claims = jwt.decode(token, public_key, algorithms=["RS256"], audience="https://orders.example.com")
        return claims["sub"]
    ```

    An explicit check of the `aud` claim later in the same function also satisfies the rule, and
    so does a comparison, in the function that verifies, of the field an issuer names the audience
    in when it is not `aud`: the `signer` of an AWS load balancer's `x-amzn-oidc-data` header
    (its regional key signs for every load balancer of the region; AWS asks the verifier to
    compare `signer` with its own ARN), the `client_id` of a Cognito access token, the `azp` of
    an OpenID Connect ID token, the `bundleId` or `appAppleId` of an App Store Server transaction
    or notification (signed by Apple's one chain for every app; its payloads carry no `aud`, so
    `audience=` would refuse them all). Read without being compared, these bind nothing.

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [RFC 7519 §4.1.3, "aud" claim](https://datatracker.ietf.org/doc/html/rfc7519#section-4.1.3)
    - [RFC 8725 §3.9, Use and Validate Audience](https://datatracker.ietf.org/doc/html/rfc8725#section-3.9)
    - [PyJWT: audience](https://pyjwt.readthedocs.io/en/stable/usage.html#audience-claim-aud)
    - [google-auth: verify_oauth2_token](https://googleapis.dev/python/google-auth/latest/reference/google.oauth2.id_token.html)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-287, CWE-345, CWE-863
    """

    code = "NHL101"
    name = "jwt-decode-without-audience"
    summary = "A JWT is verified without binding an audience"
    severity = "high"
    confidence = "medium"
    owasp = "NHI-03"
    owasp_2025 = ("NHI4:2025", "NHI6:2025", "NHI9:2025")
    cwe = (287, 345, 863)
    options = {"check-tests": CHECK_TESTS}

    def visit_Call(self, node: cst.Call) -> None:
        jc = self.jwt_call(node)
        if jc is None or jc.unverified_reason is not None:
            return  # NHL102 speaks for decodes that verify nothing
        role, claims = jc.api.role, jc.api.claims
        if role == DECODE and claims == INLINE:
            self._inline(jc)
        elif role == DECODE and claims == VALIDATE_CALL and jc.api.claims_options:
            self._authlib(jc)
        elif role == CLAIMS_REGISTRY and not jc.has(jc.api.audience) and not self._aud_checked_nearby(jc):
            self.report(node, f"{jc.callee} validates claims without an `aud` requirement: {_WHY}")
        elif role == JWCRYPTO_TOKEN:
            self._jwcrypto(jc)

    def _aud_checked_nearby(self, jc: JwtCall) -> bool:
        """A registry for time claims only is fine when `aud` is checked beside it (another
        registry with `aud=`, `claims["aud"]`): in its function, or in the module for a
        module-level registry."""
        scope = jc.facts.node
        code = self.context.module.code_for_node(scope)
        return bool(_AUD_MENTION.search(code))

    def _aud_checked_later(self, jc: JwtCall) -> bool:
        return "aud" in result_uses(self.context, jc.call, jc.facts).keys_read

    def _inline(self, jc: JwtCall) -> None:
        if jc.api.audience is None or jc.keyless:
            return  # no key: the claims come back only unverified, which is NHL102's to judge
        problem: Optional[str] = None
        from_token = False
        confidence = jc.api.audience_confidence
        verify_aud = jc.option("verify_aud")
        optional = audience_off_by_default(jc) if verify_aud is UNKNOWN else None
        if verify_aud is False:
            problem, confidence = "switches the audience check off (verify_aud=False)", "high"
        elif optional is not None:
            problem = f"switches the audience check off unless `{optional}` is set, and it is None unless configured"
            verify_aud = False  # as good as switched off, by default
        elif not jc.has(jc.api.audience) and jc.api.audience_confidence == "high":
            problem = "is called without `audience`, and then checks no audience at all"
        elif not jc.has(jc.api.audience):
            problem = "verifies the signature but binds no audience"
        elif jc.value(jc.api.audience) is None and not self._from_parameter(jc) and not self._tested_before(jc):
            problem = "is given audience=None, which binds no audience"
        elif self._audience_from_the_token(jc):
            problem, confidence = "takes the expected audience from the token's own unverified claims, so any audience passes", "high"
            verify_aud = False  # as good as switched off
            from_token = True
        if problem is None:
            return
        if self._aud_checked_later(jc) or audience_compared(self.context, jc.facts):
            from nhilint.verification.guarded_audience import audience_compared_only_if_given  # rare: a hand compare

            guard = audience_compared_only_if_given(self.context, jc.facts) if not jc.has(jc.api.audience) else None
            if guard is None:
                return
            problem = f"binds no audience, and the function compares `aud` only when `{guard}` is given, which may be None"
        if looked_up_by_jti(jc):
            return  # the issuer's own record of the token, which says whom it was for
        if _issued_to_this_client(jc):
            return
        if _dpop_proof(self.context, jc):
            return  # a DPoP proof: bound by `htm` / `htu` and its key, no `aud` by design
        why = _WHY
        related: List[RelatedPlace] = []
        if jc.api.audience_confidence != "high":  # google-auth's ID tokens always have many audiences
            own = own_token_reason(jc, related, switched_off=verify_aud is False)
            if own is None:
                return  # the service's own token, of one kind, under a secret only it uses
            why = own or why
            if from_token and own == CARRIES_AUD:
                why = _NAMES_AUD
        if verify_aud is not False and _audience_checked_by_callers(jc):
            return  # a signature helper: every caller that reads its result compares the audience
        self.report(jc.call, f"{jc.callee} {problem}: {why}", confidence, related=related)

    def _audience_from_the_token(self, jc: JwtCall) -> bool:
        """`audience=claims.get("aud")` with `claims` read without verification (a peek at
        the same token to pick its key): the token names the audience it is checked against."""
        audience = jc.args.get(jc.api.audience) if jc.api.audience else None
        if not isinstance(audience, cst.BaseExpression):
            return False
        flow = module_flow(self.context).flow(jc.facts.node)
        return any(label.kind == UNVERIFIED for label in flow.labels(audience))

    @staticmethod
    def _from_parameter(jc: JwtCall) -> bool:
        """`audience=audience` from a parameter: a wrapper whose callers supply the audience."""
        arg = jc.args.get(jc.api.audience or "")
        facts = jc.facts
        return (
            isinstance(arg, cst.Name) and arg.value in facts.params and not facts.bindings.get(arg.value)
        )

    def _tested_before(self, jc: JwtCall) -> bool:
        """`if JWT_AUDIENCE: jwt.decode(..., audience=JWT_AUDIENCE)`: the call is in the body of
        an `if` that tests the audience itself (`X`, `X is not None`), so there it is not None,
        whatever default the setting has when unset."""
        arg = jc.args.get(jc.api.audience or "")
        if not isinstance(arg, (cst.Name, cst.Attribute)):
            return False
        code = self.context.module.code_for_node
        written = code(arg)
        stack = self.context.statement_stack
        for outer, inner in zip(stack, stack[1:]):
            if not isinstance(outer, cst.If) or not any(inner is line for line in outer.body.body):
                continue
            tested = tested_as_set(outer.test)
            if tested is not None and code(tested) == written:
                return True
        return False

    def _authlib(self, jc: JwtCall) -> None:
        uses = result_uses(self.context, jc.call, jc.facts)
        if "aud" in uses.keys_read or not validated_here_or_by_callers(jc):
            return  # never validated: NHL105's finding
        if compared_here_or_by_callers(jc, "aud"):
            return  # `need_audience(claims)`: compared by hand where the claims are validated
        if wrapper_checks(jc, "aud"):
            return  # wrapped into the module's own claims class, whose checks name `aud`
        if _issued_to_this_client(jc):
            return
        claims_options = jc.value(jc.api.claims_options)
        if claims_options is None or (isinstance(claims_options, DictValue) and claims_options.has("aud") is False):
            self.report(
                jc.call,
                f"{jc.callee} result is validated, but claims_options has no 'aud' entry, so no "
                f"audience is checked: {_WHY}",
            )
        elif isinstance(claims_options, DictValue) and _aud_without_value(claims_options.get("aud")):
            self.report(
                jc.call,
                f"{jc.callee} result is validated, but claims_options' 'aud' entry gives no `value` or "
                f"`values`, so any audience passes: {_WHY}",
            )

    def _jwcrypto(self, jc: JwtCall) -> None:
        if not (jc.has("jwt") and jc.has("key")):
            return  # without both, the token is not verified here
        check_claims = jc.value("check_claims")
        if check_claims is UNKNOWN or (isinstance(check_claims, DictValue) and check_claims.has("aud") is not False):
            return
        if self._aud_checked_later(jc) or looked_up_by_jti(jc):
            return
        if decryption_envelope(jc):
            return  # only decrypts: the nested JWT() its claims go to verifies, and is judged there
        if _issued_to_this_client(jc):
            return
        if _audience_checked_by_callers(jc):
            return  # a signature helper: every caller that reads its result compares the audience
        self.report(jc.call, f"{jc.callee} verifies the token but check_claims has no 'aud': {_WHY}")


def _aud_without_value(option: object) -> bool:
    """`{"essential": True}`: authlib's validate_aud compares only `values` or `value` (Authlib
    1.9; a `validate` callable is not called for `aud`), so the claim must be there but may
    name any audience. Unknown when the entry is not a closed dict."""
    if not isinstance(option, DictValue) or option.open:
        return False
    return option.has("value") is False and option.has("values") is False


def _issued_to_this_client(jc: JwtCall) -> bool:
    """Issued to this client at its own request (no other service's token), or an API client's
    own token kept on its object (it reads its expiry and admits no one on it)."""
    return fetched_by_this_code(jc) or _clients_own_token(jc)


def _clients_own_token(jc: JwtCall) -> bool:
    """The client's own token, kept on its object (nhilint.verification.client_own_token)."""
    from nhilint.verification.client_own_token import clients_own_token

    return clients_own_token(jc)


def _audience_checked_by_callers(jc: JwtCall) -> bool:
    """Every caller, in the module and in the rest of the project, compares the audience of
    what the helper returns (nhilint.verification.callers_audience)."""
    # imported on the way to a finding only: it reads the modules that call the helper
    from nhilint.verification.callers_audience import audience_checked_by_callers

    return audience_checked_by_callers(jc)


def _dpop_proof(context: FileContext, jc: JwtCall) -> bool:
    """The decoded token is a DPoP proof (RFC 9449): the function compares the header's `typ`
    with `"dpop+jwt"`, or reads both `htm` and `htu` of the claims. A proof carries no `aud`:
    it is bound to one request by `htm` / `htu` and `iat`, and to the access token by its
    key's thumbprint (`cnf.jkt`)."""
    # once per function: a function with many decodes would walk its body again for each
    names_dpop = context.memo(("dpop-typ", id(jc.facts.node)), lambda: any(
        isinstance(text.evaluated_value, str) and text.evaluated_value.lower() == "dpop+jwt"
        for text in nodes_of(jc.facts.node, cst.SimpleString)))
    if names_dpop:
        return True  # `if header.get("typ") != "dpop+jwt": raise ...`
    read = result_uses(context, jc.call, jc.facts).keys_read
    return "htm" in read and "htu" in read

