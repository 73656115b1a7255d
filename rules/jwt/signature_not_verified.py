from __future__ import annotations

import re

from typing import Any, Set

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.jwt_calls import JwtCall, ResultUses, result_uses, token_arg, verified_later
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.values import DictValue
from nhilint.catalogue.jwt import ENCODE
from nhilint.flow import module_flow
from nhilint.rule import CHECK_TESTS
from nhilint.rules.jwt.base import JwtRule
from nhilint.verification.fetched_token import fetched_by_this_code
from nhilint.verification.callers_verify import verified_by_callers
from nhilint.verification.claims_recorded import only_logged, only_logged_by_callers, only_recorded
from nhilint.verification.route_principal import echoed_by_guarded_route


class JwtSignatureNotVerified(JwtRule):
    """
    ## What it does
    Finds JWT claims read without verifying the token's signature and then used: PyJWT or
    python-jose `decode()` with `options={"verify_signature": False}` (also given as a list of
    pairs), PyJWT 1's `verify=False` (also given third, as 1.x's order had it:
    `jwt.decode(token, None, False)`), `algorithms` that include `"none"`, python-jose's
    `get_unverified_claims()` and `jws.verify(..., verify=False)`, `google.auth.jwt.decode(...,
    verify=False)`, python_jwt's `process_jwt()`, and djangorestframework-simplejwt's
    `TokenBackend(...).decode(token, verify=False)` (PyJWT's decode with the signature check
    off: checked with simplejwt 5.5). Also:
    - such a decode whose result is thrown away: called for its exceptions, as a check (`try:
      jwt.decode(token, options={"verify_signature": False}) except DecodeError: return 401`),
      it lets every token through;
    - a token minted with `algorithm="none"`: unsigned, anyone can forge one.

    It stays silent where reading unverified claims is the correct first step:
    - a peek that picks a key or issuer, with the same token verified in the same function
      (before or after: by a verifying decode, by `key.verify(message, signature)`, or by a
      helper of the module that does), or a function named for the issuer or key it returns
      (`get_token_issuer`) that reads only `iss` / `kid` and hands them on (returned or passed
      on, also through a local bound in a `try`), or hands the claims to a helper of the module
      named for them too that reads nothing else of them (`return verify_token_issuer(decoded)`
      checking `decoded.get("iss")` against the allowed hosts); a helper that also reads a
      role, or the claims handed to another call as well, stays reported;
    - a verification split across the functions of a module or class: the read is in a helper
      whose every caller in the module verifies the token it hands over, before the call (a
      private `_check_claims(token)` that `verify()` calls after `key.verify(message,
      signature)`; a hook `self.user(credentials)` that `__call__` reaches only after
      `self.verifier.verify(...)` accepted the credentials, also an override of the base
      class's hook, and an override of a library verifier's hook that the library calls only
      after it checked the signature: fastapi-cloudauth's `JWKsVerifier._verify_claims`,
      checked with fastapi-cloudauth 0.4.3; mozilla-django-oidc's `get_userinfo` and
      `get_or_create_user`, for their `id_token` only, verified by `authenticate()` first,
      checked with mozilla-django-oidc 5.0.2), or with the helper's result as the key (`_secret_for(token)` peeks at
      `user_id`, and its caller verifies the same token with the secret it returns; also a
      tuple of parts unpacked, `key, required, issuer = _key_for_issuer(token)`, each handed to
      the verification and none read before it: a role unpacked and tested first is still
      reported), or as a
      pre-filter (`if not self._allowed_issuer(raw): return None`, then the same token verified
      after the `if`: the unverified read can only turn a token away; so does a check that
      answers nothing and raises, called as a statement of its own, `self._check_issuer(raw)`,
      then the verified decode; a branch that goes on
      with the request on the peek's answer, `if self._says_admin(raw): return admin`, a check
      whose caller never verifies, or one that hands its claims back, is
      still reported); also through one helper in between that hands back what the read
      answered (`issuer_of(token)` returning `claims["iss"]` of `self._peek(token)`, its caller
      picking the key by the issuer and verifying the same token). A call
      that hands no token (`None`, or the parameter left to its default None) is not counted.
      Still reported: a helper with one caller that does not verify, or verifies another token,
      or verifies only after the helper's result was used for something other than the key; a
      helper nobody in the project calls (a private helper nothing in its module calls counts
      the calls other modules of the project make, every one of which must verify the token
      first: `_tenant_of(token)` imported by a view that verifies it); and public API: a
      public module-level function, or a
      public method called other than through `self`, may be called from anywhere with any
      token, whatever its callers in the module do (a public method that only its own class
      calls, through `self`, is the class's hook and counts as private);
    - a FastAPI route guarded by an auth dependency (`dependencies=[Depends(oidc_scheme)]`, or a
      parameter `user = Depends(current_user)` / `Security(...)`, named for authentication)
      that decodes the authenticated principal's token (`request.state.user.access_token`,
      `request.user.token`, `user.access_token` of the injected principal) only to hand the
      claims back in its response (returned, alone or in a dict, list or tuple literal): the
      caller is shown the claims of the token it sent, and nothing is decided from them. A
      claim read there, or the claims handed to a call, stays reported, as do the raw
      `Authorization` header, the raw credential an extractor injects (a parameter typed
      `HTTPAuthorizationCredentials` of `Security(HTTPBearer())`), a route whose dependencies
      authenticate no one (`Depends(rate_limit)`), and a dependency function itself
      (`get_current_user` returns to handlers that decide from the claims): whether the dependency verified the token is not in sight in
      the handler, so only the echo, which decides nothing either way, is left out;
    - issuer routing: only the issuer is read (`iss`, or a claim naming who minted the token:
      `owner`, `idp`, `provider`), and it is checked against a literal allow-list or compared
      with one constant (`is_shop_token()`: `payload.get("owner") == "shop"`, whose callers
      verify the token with the shop's key), or with configuration: an UPPER_CASE name or an
      attribute chain with one (`Validation.EMULATOR_PARAMETERS.issuer`), also through a local
      name bound to it once (Django's `request.GET` / `POST` / `META` are request data, never an
      allow-list); a role, scope or subject is never routing. Testing whether the decode gave
      anything (`if not claims: return False`) reads no claim; a decode only tested that way is
      a check that lets every token through (reported as such);
    - a client reading only the time claims (`exp`, `iat`, `nbf`) of its own token to schedule
      a refresh, and a client module (one that
      imports an HTTP client and no web framework) asking whether its cached token may be sent
      again: time claims and `aud`, the audience only compared with the one it is about to
      call (`if decoded["aud"] != audience: return False`). A module that serves requests, an
      audience handed on, or another claim read stays reported;
    - an API client reading claims of its own token, kept on the client object (`self.id_token`
      after a login through pycognito, `self._token["access_token"]` after a refresh, its saved
      state, also through its settings store, `cast(str, self._settings.get("token"))`) or read from what its own service answered (`if token :=
      answer["data"]["createAuthentication"]["authenticationToken"]` of `answer = await
      self._request(...)`, a request nothing of the caller's went into), also through a
      private helper, or a function of the module (`decode_jwt(encoded_jwt)`, public or not:
      it is no method anyone holding the client may call), every call of which (one at least)
      hands it that state: the user
      id for its API paths, its plan, whether its token has expired (a decode called for
      `ExpiredSignatureError`), also the token its own outgoing header carries
      (`self.default_headers["Authorization"].replace("Bearer", "").strip()`), or a setting the
      module sends as its own bearer credential (`config.gateway_token` where the module writes
      `{"Authorization": f"Bearer {config.gateway_token}"}` or `headers["Authorization"] =
      ...`: an MCP server labelling its
      audit lines with its gateway token's `sub`; a setting it never sends stays reported). The module
      imports an HTTP client or a login SDK, or a module of its own package that does (an
      SDK's `rest.py` transport), and no web framework, and nothing known of the attribute is an incoming credential: nobody else's
      token reaches it, the service it is sent to verifies it. A decode helper in a module of
      its own (`util/auth.py`, importing only `jwt`) that nothing in its module calls counts
      the calls the other modules of the project make instead: every one of them (one at
      least) in a client module that handles no request, handing it that state
      (`decode_jwt(self._access_token)` in the package's `client.py`); one call from a module
      that serves requests, or handing a parameter, keeps it reported, and a function of the
      caller's own with the same name is not the helper. A token wrapper class in a module of
      its own (`credentials.py`, importing only `jwt`: `Token(token)` decoding `self.token` to
      read `exp` and `nbf`) counts as a client module when every module of the project that
      imports it (one at least) imports an HTTP client or a login SDK and no web framework;
      imported by a module that serves requests, it stays reported. So is a setter that hands the
      client the token it is to send, keeping it on the object on every path past the decode
      (`set_token(token)` checking `exp` first, then `self._auth = f"bearer {token}"`). A
      public method decoding a token its caller hands in and keeping nothing of it, a function
      of the module nothing there calls, or one a call of which hands it a parameter, and a
      token kept on an object in a module that handles requests (a web framework is
      imported), stay reported;
    - a token this code reads back from the machine it runs on, to show who is logged in or
      whether it has expired: its own token cache or another tool's config file under the
      user's home (`json.loads(path.read_text())["tokens"]["id_token"]`, `json.load(f)` of
      `with open(path) as f`, also `async with aiofiles.open(path) as f`; each way read so or
      fetched by this code's own login, `token = CACHE.read_text()` or, when asked to log in
      afresh, the device-code grant's `access_token`; also a record parameter defaulting to
      None that the function loads when none is given, `if token_set is None: token_set =
      load_tokens_from_cache()`, every caller passing none or its own fetched record: one
      built from its login's token answer, `TokenSet(**response_data)` of the device-code
      grant, also through `cast(dict, ...)` and a function of the checked module that a
      command in another module calls, `extract_persona(fetch_auth_tokens(...))`), a helper of the project returning what it read so, the field of
      a record built from it, `TokenSet(access_token=path.read_text()).access_token`, here
      or in the helper that returned the record, also one written after the record was built
      (`token_set.refresh_token = path.read_text()`), and the record another module's loader
      returns (`load_tokens_from_cache()` of `cache.py`, asked there; a command-line folder
      with no `__init__.py` that imports its modules by the folder's name is one package)), the user's
      keyring (`keyring.get_password(...)`), directly or in every call of the function (in
      the module, else in the project), also a decode called only for its exception
      (`except jwt.ExpiredSignatureError: return None`: a daemon's cached token about to be
      sent again). Nobody else hands that token in: whoever can write
      the user's files is the user, and the service the token is sent to verifies it. A
      token a caller may also hand in (`if token is None: token = path.read_text()`), an
      unused public helper's parameter (a public `init_persona(token_set=None)` nothing calls,
      however it loads the record when handed none), a record built from a command's argument
      (`TokenSet(access_token=raw)`), the request's or another service's answer stay
      reported;
    - an ID token the code fetched itself from the token endpoint, over TLS (OpenID Connect
      Core §3.1.3.7 lets the client rely on TLS): the token is a fetched one, a token field of
      the answer to a token request (a body with `grant_type`, or a request to the URL named
      for the token endpoint: `self.http_fetch(self.token_url, method="POST", body=...)`,
      directly or through a helper of the module returning that answer), or every call of the
      function in the module passes one (with no call in the module, every call other modules of
      the project make), or passes the token endpoint's answer it is read from
      (`self._set_tokens(response.json())`; one caller passing anything else, such as a
      webhook's body, keeps it reported). The answer this server stored in its own state and
      reads back under its name (`auth_state.get("token_response")`, the state a local value,
      not a parameter or the request) is the same answer; so are its values taken one by one
      (`for token in [v for k, v in resp.items() if k.endswith("_token")]`, to check each
      one's `nonce`) and a field of a record class (a dataclass, a NamedTuple) that every
      construction of it in the module fills from that answer (`Tokens(access_token=
      resp["access_token"])`, then a property decoding `self.access_token`; one construction
      from anything else, a method writing the field, or no construction in the module keeps it
      reported); so is the `id_token` of a google-auth-oauthlib flow's `credentials` once the
      function called the flow's `fetch_token(...)` (the flow builds them from the answer it
      has just received; checked with google-auth-oauthlib 1.5), the flow made there or by a
      helper of the module;
    - a decode that never runs: left after an unconditional `return` or `raise` of its block
      (a stray copy of another function's body, delcred's `decode_unverified`);
    - claims only written to a log, whole (`payload = jwt.decode(code, options=...)`, then only
      `log.debug("code payload: %s", payload)`): no decision is taken; a claim read after, or
      the claims returned, is a use, unless the helper returns them (or one claim,
      `jwt.decode(...)[field]`) to callers in its module (one at least) that only write the
      result to a call named for a log level (`jti = self.extract_field(token, "jti")`, then
      `self.cli.debug(f"jwt id {jti}")`: pybritive's CLI); a caller testing or returning it
      decides (callers in other modules are not seen);
    - claims only recorded: a helper returns them, reading none, and every call of it in the
      module (one at least) stores them whole as an entry of a record that is not read back
      there (`snapshot["id_token_claims"] = decode_claims(raw)`, then serialized for an admin
      page): no decision is taken from them. A claim read, or the entry read back, is a use;
    - a function named for the missing check (`get_unverified_claims()`, `unsafe_decode()`,
      `_decode_token_with_no_verification()`, `insecure_peek()`, `decode_noverify()`): its name tells every caller
      what it hands back; a function asking whether a token is revoked (`is_blacklisted()`,
      `is_revoked()`, `token_in_denylist()`): a forged claim can only make its answer "revoked",
      which turns the token away (a revocation keyed by the unverified `sub`, or a lookup of who
      the caller is, stays reported); also a function of a module private to its package
      (`jwtsvid/_parse.py`) whose docstring says it does not verify the signature (SPIFFE's
      structural `ParseInsecure`): the package's own modules call it, told so (in a public
      module, or a private function of one, the docstring alone does not do: its callers are
      anyone's, or judged where they are);
    - `get_unverified_header()`, or only the `header` of `decode_complete(...)` read (PyJWKClient
      picking the key by `kid`), and a test asserting on the claims of a token it just made
      (`assert claims["sub"] == ...`).
    - a schema or data migration (Django's `migrations/0002_add_token_id.py`, Alembic's
      `alembic/versions/`) reading the claims of tokens the application stored itself (filling
      a new `jti` column of a blacklist): it runs once, offline, and admits no one. The decode
      used with an unused result as a gate is still reported there.
    - a token read from the server's session (`request.session.get("oidc_id_token")`, Flask's
      or Quart's `session["id_token"]`): the ID token the app verified at its login and stored
      there; Django keeps the session on the server and Flask and Quart sign their cookie, so
      no caller can put a token there (a token read from the request is still reported); also
      an entry of an entry, `request.session["oidc"]["id_token"]`, and in a helper of the
      module every caller of which hands it such a token.

    ## Why is this bad?
    Without signature verification anyone can write any claims: `sub`, `scope`, `roles`. PyJWT's
    `verify_signature: False` also switches off the `exp` and `aud` checks, so the token may be
    expired and issued for someone else as well (OWASP NHI-02; NHI4:2025 Insecure
    Authentication).

    ## Example
    ```python
    import jwt

    def is_admin(token):
        claims = jwt.decode(token, options={"verify_signature": False})
        return "admin" in claims["roles"]
    ```

    ## Use instead
    ```python
    import jwt

    def is_admin(token, public_key):
        claims = jwt.decode(
            token, public_key, algorithms=["RS256"], audience="https://admin.example.com"
        )
        return "admin" in claims["roles"]
    ```

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [PyJWT: reading claims without validation](https://pyjwt.readthedocs.io/en/stable/usage.html#reading-the-claimset-without-validation)
    - [RFC 8725 §3.1, Perform Algorithm Verification](https://datatracker.ietf.org/doc/html/rfc8725#section-3.1)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-347, CWE-327
    """

    code = "NHL102"
    name = "jwt-signature-not-verified"
    summary = "JWT claims are used without verifying the token's signature"
    severity = "high"
    confidence = "high"
    owasp = "NHI-02"
    owasp_2025 = ("NHI4:2025",)
    cwe = (347, 327)
    options = {"check-tests": CHECK_TESTS}

    def visit_Call(self, node: cst.Call) -> None:
        jc = self.jwt_call(node)
        if jc is None:
            return
        if jc.api.role == ENCODE:
            algorithm = jc.value("algorithm")
            if isinstance(algorithm, str) and algorithm.lower() == "none":
                self.report(node, f"{jc.callee} mints an unsigned token (algorithm='none'): anyone can forge one")
            return
        reason = jc.unverified_reason
        if reason is None:
            return
        if _after_a_return(jc):
            return  # a stray copy left after the function's `return`: it never runs
        uses = result_uses(self.context, node, jc.facts)
        if not uses.keys_read and not uses.other_uses and not uses.returned:
            if not uses.asserted and not verified_later(jc) and not self._verified_by_hand(jc) \
                    and not verified_by_callers(jc) and not _clients_own_token(jc) and not _own_token_on_disk(jc):
                # its result thrown away: a decode called for its exceptions, a gate that opens
                # for any token
                self.report(node, f"{jc.callee} {reason}: as a check it lets every token through")
            return
        if self._benign(jc, uses):
            return
        self.report(node, f"{jc.callee} {reason}, and the claims are then used")

    def _benign(self, jc: JwtCall, uses: ResultUses) -> bool:
        if uses.only_time_claims or _reuse_check(jc, uses):
            return True
        if uses.keys_read <= _HEADER_ONLY and not uses.other_uses and not uses.returned:
            return True  # `decode_complete(...)["header"]`: the header, as get_unverified_header() gives it
        scope = jc.facts.node
        if isinstance(scope, cst.FunctionDef) and _SAYS_UNVERIFIED.search(scope.name.value):
            return True  # `get_unverified_claims()`: the function's name tells every caller
        if isinstance(scope, cst.FunctionDef) and _REVOCATION_QUESTION.search(scope.name.value):
            return True  # `is_blacklisted(token)`: a forged claim can only make the answer "revoked"
        if isinstance(scope, cst.FunctionDef) and _internal_parser(self.context.path, scope):
            return True  # `jwtsvid/_parse.py`: "This parser does not verify the signature."
        if verified_later(jc) or self._verified_by_hand(jc):
            return True
        if verified_by_callers(jc):
            return True  # a split verification: every caller verifies the token it hands over
        from nhilint.verification.library_hooks import in_verified_claims_hook  # unverified decodes are rare

        if in_verified_claims_hook(jc):
            return True  # a library's verifier calls this hook after checking the signature
        if _MIGRATION.search(self.context.path.replace("\\", "/")):
            return True  # a data migration reads tokens the app stored itself; it admits no one
        if self._picks_the_key(jc, uses) or fetched_by_this_code(jc) or _clients_own_token(jc):
            return True
        if _own_token_on_disk(jc):
            return True  # the user's own token, read back from the files of the machine it runs on
        from nhilint.verification.session_held import read_from_session  # unverified decodes are rare

        token = token_arg(jc)
        if token is not None and read_from_session(self.context, jc.facts, token):
            return True  # the ID token the app verified at login, kept in its session
        if only_recorded(jc, uses):
            return True  # stored whole for display, no claim read: no decision is taken
        if not uses.keys_read and not uses.returned and only_logged(jc):
            return True  # written to a debug log, whole: no decision is taken
        if only_logged_by_callers(jc, uses):
            return True  # returned to callers that only write it to a debug line
        if not uses.keys_read and echoed_by_guarded_route(jc):
            return True  # the verified principal's own claims, handed back in the response
        return self._issuer_routing(jc.facts, uses)

    def _verified_by_hand(self, jc: JwtCall) -> bool:
        """The same token verified elsewhere in the function, before or after the peek: by a
        verifier, by `key.verify(message, signature)`, or by a helper of the module that does."""
        token = token_arg(jc)
        if token is None:
            return False
        flow = module_flow(self.context).flow(jc.facts.node)
        wanted = flow.deps(token)
        if not wanted:
            return False
        for call in flow.facts.own_calls:
            if call is jc.call:
                continue
            verified = module_flow(self.context).verified_token(flow, call)
            if verified is not None and flow.deps(verified) & wanted:
                return True
        return False

    def _picks_the_key(self, jc: JwtCall, uses: ResultUses) -> bool:
        """Only `iss` / `kid` read, in a function named for them (`get_token_issuer`): a peek
        that picks the key the token is then verified with; also by a helper of the module the
        claims are handed to, named for them too, that reads nothing else of them
        (`return verify_token_issuer(decoded)`)."""
        scope = jc.facts.node
        named = isinstance(scope, cst.FunctionDef) and bool(_KEY_PICKER.search(scope.name.value))
        # imported when an unverified decode is judged, which few files have: not at every start
        from nhilint.verification.issuer_helper import handed_on, issuer_helper_only

        if named and not uses.keys_read and issuer_helper_only(jc, _KEY_PICKER.search):
            return True
        if not named or uses.other_uses or not uses.claim_keys or not uses.claim_keys <= {"iss", "kid"}:
            return False
        # handed on (returned, passed to the key lookup), never compared here; also through a
        # local (`issuer = payload["iss"]` in a `try`, then `return issuer`)
        return all(handed_on(jc.facts, node) for _, node in uses.key_reads)

    def _issuer_routing(self, facts: ScopeFacts, uses: ResultUses) -> bool:
        """Only the issuer is read (`iss`, or a claim naming who minted the token: `owner`,
        `idp`, `provider`), and it is checked against a literal allow-list or one constant."""
        if uses.other_uses or uses.returned or len(uses.claim_keys) != 1 or not uses.claim_keys <= _ISSUER_CLAIMS:
            return False
        claim = next(iter(uses.claim_keys))
        reads = [node for key, node in uses.key_reads if key == claim]
        candidates = list(reads)
        for read in reads:
            parent = facts.parent_of(read)
            if isinstance(parent, cst.Assign):
                for target in parent.targets:
                    if isinstance(target.target, cst.Name):
                        candidates.extend(facts.loads_after(target.target.value, facts.order_of(parent)))
        return any(self._checked_against_literals(facts, node) for node in candidates)

    def _checked_against_literals(self, facts: ScopeFacts, node: cst.CSTNode) -> bool:
        parent = facts.parent_of(node)
        if isinstance(parent, cst.Comparison) and parent.left is node:
            for target in parent.comparisons:
                if isinstance(target.operator, (cst.In, cst.NotIn)):
                    return self._allow_list(target.comparator, facts)
                if isinstance(target.operator, (cst.Equal, cst.NotEqual)):  # owner == "shop": a list of one
                    return self._allow_list(target.comparator, facts)
        if isinstance(parent, cst.Index):  # ISSUERS[iss] with a literal dict of issuers
            subscript = facts.parent_of(facts.parent_of(parent) or parent)
            if isinstance(subscript, cst.Subscript):
                return _literal_strings(self.context.evaluator.value(subscript.value, facts))
        if isinstance(parent, cst.Arg):  # ISSUERS.get(iss)
            call = facts.parent_of(parent)
            if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "get":
                return _literal_strings(self.context.evaluator.value(call.func.value, facts))
        return False


    def _allow_list(self, expr: cst.BaseExpression, facts: ScopeFacts) -> bool:
        """A fixed list of issuers: string literals and configuration constants, not request data;
        also through a local name bound to one (`allowed = Params.EMULATOR.issuer`)."""
        if _literal_strings(self.context.evaluator.value(expr, facts)):
            return True
        if isinstance(expr, cst.Name) and facts.is_local(expr.value):
            bound = self.context.bound_expression(expr, facts)
            return bound is not None and _is_constant(bound)
        if isinstance(expr, (cst.Tuple, cst.List, cst.Set)):
            return bool(expr.elements) and all(
                isinstance(e.value, (cst.SimpleString, cst.ConcatenatedString)) or _is_constant(e.value)
                for e in expr.elements
            )
        return _is_constant(expr)


# What a decode_complete() result holds besides the claims: read alone, no claim is used.
_HEADER_ONLY = frozenset({"header", "signature"})
# a schema or data migration: Django's `app/migrations/0002_add_token_id.py`, Alembic's versions
_MIGRATION = compiled_on_first_use(r"(^|/)migrations/\d{4}_[^/]*\.py$|(^|/)alembic/versions/[^/]*\.py$")
# Claims that say who minted a token: reading one routes the token to its verifier.
_ISSUER_CLAIMS = frozenset({"iss", "owner", "issuer", "idp", "provider"})
# a function named for decoding without the check: `get_unverified_claims`,
# `_unsafe_decode_token_with_no_verification`, `insecure_peek`, `decode_noverify` (one word)
_SAYS_UNVERIFIED = compiled_on_first_use(r"unverified|unsafe|insecure|no_?verif|without_verif|unchecked", re.I)
# a function asking whether a token is revoked (a denylist's lookup): `is_blacklisted`,
# `is_revoked`, `check_denylist`, `token_in_blocklist`; its answer can only turn a token away
_REVOCATION_QUESTION = compiled_on_first_use(
    r"^_*(is|has|check|in)_\w*(black|block|deny)_?list|^_*is_\w*revoked$|^_*\w*_in_(black|block|deny)_?list$", re.I)


# a docstring saying the function reads a token without verifying it
_DOCUMENTED_UNVERIFIED = compiled_on_first_use(
    r"(does\s+not|doesn't|do\s+not|never|without)\s+verif\w*\s+(the\s+|its\s+)?signatures?", re.I)


def _own_token_on_disk(jc: JwtCall) -> bool:
    """A decode called for its exceptions (`ExpiredSignatureError`) on the token this code
    reads back from the machine it runs on (its own cache file): whether its token ran out
    before sending it again, no gate for anyone else's."""
    from nhilint.verification.local_store import read_from_local_machine  # unverified decodes are rare

    return read_from_local_machine(jc)


def _internal_parser(path: str, function: cst.FunctionDef) -> bool:
    """A function of a module private to its package (its name starts with `_`) whose
    docstring says it does not verify the signature (spiffe-defakto's `jwtsvid/_parse.py`, the
    structural parse SPIFFE's `ParseInsecure` is): the package's own modules call it, told so.
    A private function of a public module is judged by its callers there (verified_by_callers)."""
    module = path.replace("\\", "/").rsplit("/", 1)[-1]
    if not module.startswith("_") or module.startswith("__"):
        return False
    docstring = function.get_docstring() or ""
    return bool(_DOCUMENTED_UNVERIFIED.search(docstring[:600]))


_KEY_PICKER = compiled_on_first_use(r"issuer|(^|_)iss($|_)|(^|_)kid($|_)|key_for|signing_key|pick_key|select_key", re.I)


def _after_a_return(jc: JwtCall) -> bool:
    """The call's statement follows a `return` or `raise` of the same block, at the function's
    own level (delcred's `decode_unverified` body left after another function's `return`)."""
    facts = jc.facts
    statement = jc.call
    while statement is not None and not isinstance(statement, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
        statement = facts.parent_of(statement)
    while statement is not None:
        block = facts.parent_of(statement)
        if not isinstance(block, cst.IndentedBlock):
            return False
        body = list(block.body)
        at = next((i for i, item in enumerate(body) if item is statement), 0)
        for earlier in body[:at]:
            if isinstance(earlier, cst.SimpleStatementLine) and any(
                    isinstance(small, (cst.Return, cst.Raise)) for small in earlier.body):
                return True
        if isinstance(facts.parent_of(block), cst.FunctionDef):
            return False
        statement = facts.parent_of(block)  # out of a `try`, an `if`: its statement in the outer block
        while statement is not None and not isinstance(statement, cst.BaseCompoundStatement):
            statement = facts.parent_of(statement)
    return False


def _is_constant(expr: cst.BaseExpression) -> bool:
    """`TRUSTED_ISSUERS`, `settings.AUTH_ISSUER`, `Validation.EMULATOR_PARAMETERS.issuer`: a name
    or attribute chain with an UPPER_CASE part, by convention configuration (no call, no
    subscript in the chain: `request.GET["ISS"]` is request data)."""
    while isinstance(expr, cst.Attribute):
        if expr.attr.value in _REQUEST_DATA:
            return False
        if _upper(expr.attr.value):
            return True
        expr = expr.value
    return isinstance(expr, cst.Name) and _upper(expr.value)


# Django's request mappings: UPPER_CASE, and request data
_REQUEST_DATA = frozenset({"GET", "POST", "META", "COOKIES", "FILES"})


def _upper(name: str) -> bool:
    return name.isupper() and any(c.isalpha() for c in name)


def _literal_strings(value: Any) -> bool:
    if isinstance(value, DictValue):
        keys: Set[Any] = set(value.items)
        return not value.open and bool(keys) and all(isinstance(k, str) for k in keys)
    if isinstance(value, tuple):
        return bool(value) and all(isinstance(item, str) for item in value)
    return False


def _clients_own_token(jc: JwtCall) -> bool:
    # imported when an unverified decode is judged, which few files have: not at every start
    from nhilint.verification.client_own_token import clients_own_token

    return clients_own_token(jc)


def _reuse_check(jc: JwtCall, uses: ResultUses) -> bool:
    # imported when an unverified decode is judged, which few files have: not at every start
    from nhilint.verification.client_own_token import reuse_check

    return reuse_check(jc, uses)
