from __future__ import annotations

from typing import ClassVar, List

import libcst as cst

from nhilint.flow import module_flow
from nhilint.flow.stores import INSTANCE, module_stores, written_elsewhere
from nhilint.context import RelatedPlace
from nhilint.rule import CHECK_TESTS, Rule


class VerificationCacheWithoutExpiry(Rule):
    """
    ## What it does
    Finds a verification verdict kept with no expiry: `functools.lru_cache` / `cache` /
    `cached_property`, `cachetools.cached(LRUCache(...))` or `cached(cache={})` and the like on a
    function that verifies a token, and any store that keeps a verdict for good: a dict the
    module or the class keeps (`_verified[token] = claims`), a redis key written without
    `ex=`, a Django cache entry written with `timeout=None`, an attribute.

    A verdict is whatever a verification produces or decides: the claims of a verifying decode,
    a value computed from them (the user looked up by `claims["sub"]`), the answer of a token
    introspection (RFC 7662) or of a userinfo endpoint called with the token, a firebase-admin
    or google-auth verifier's result, a framework authentication hook's (Django REST framework
    `authenticate_credentials`), the record an opaque token is looked up by (an API key or a
    DRF `Token` is verified by finding its row: `APIKey.objects.get(key=k)`,
    `db.clients.find_one({"api_token": t})`; a look-up by a field named for a token, or by `key`
    on a model named for tokens or keys, with a value from a parameter), and anything a
    function stores under the token it verified (`cache.set(token, True)`). The verification
    may happen in helpers of the module, four calls deep: functions, methods (also through
    `super()`), methods of instances kept at module level or in an attribute, and in functions
    of other modules of the project.

    The store may be written by a helper: `remember(token, verdict)` of this module or of
    another module of the project that keeps its arguments in a shared cache (redis, Django's
    cache). A helper of the module is reported at its write; a helper of another module at the
    call that hands it the verdict, naming the write as a second place.

    Claims the function keeps under a key it makes from something else than the token (a user
    id, an e-mail: `redis.set(f"claims:{email}", json.dumps(snapshot))`) are the user's data,
    not a verdict on the token: a later request must present a token, and have it verified, to
    find them, so they are not reported (NHL204 alike). Nor is what a function keeps of
    verifying a token this code fetched for its own credentials (the token endpoint's answer,
    google-auth's default credentials: as NHL101 has it), a client's note of its own user's
    e-mail: no one else's token is judged there. A key that is a digest of the token, made
    in a local name first (`cache_key = "verify:" + digest(access_token)`), is the token's.

    ## Why is this bad?
    The cached answer "this token is valid" outlives everything that should end it: the token's
    `exp`, a rotated signing key, a revocation at the authorization server. An expired or
    revoked token keeps working for as long as the process runs (OWASP NHI-02; NHI7:2025
    Long-Lived Secrets, NHI1:2025 Improper Offboarding).

    Caching *key material* (the JWKS, a public key, a discovery document) is fine and is not
    reported: keys are not verdicts.

    ## Example
    ```python
    from functools import lru_cache

    import jwt

    @lru_cache(maxsize=1024)
    def verify(token):
        return jwt.decode(token, "public-key", algorithms=["RS256"], audience="orders")
    ```

    ## Use instead
    ```python
    from functools import lru_cache

    import jwt

    @lru_cache(maxsize=1)
    def signing_key():
        return "public-key"  # cache the key, not the verdict

    def verify(token):
        return jwt.decode(token, signing_key(), algorithms=["RS256"], audience="orders")
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
    - [RFC 7662 §4, introspection response caching](https://datatracker.ietf.org/doc/html/rfc7662#section-4)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-613, CWE-672, CWE-370
    """

    code = "NHL203"
    name = "verification-cache-without-expiry"
    family: ClassVar[str] = "token-caching"
    summary = "Token verification results are cached with no expiry"
    severity = "high"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI7:2025", "NHI1:2025")
    cwe = (613, 672, 370)
    options = {"check-tests": CHECK_TESTS}

    # verifiers by name (`verify_id_token`, `validate_token`, `authenticate_credentials`) and
    # endpoints; an opaque token's record looked up (`APIKey.objects.get(key=k)`,
    # `find_one({"api_token": t})`: nhilint.flow.record_lookups)
    words = ("introspect", "userinfo", "tokeninfo", "authenticat", "verif", "validat", "token", "apikey", "api_key")
    catalogue_words = ("module_words",)

    def leave_Module(self, original_node: cst.Module) -> None:
        module = module_flow(self.context)
        stores = module_stores(module)
        for write in stores.writes:
            if write.store.ttl is not None:
                continue
            # imported when the module keeps something for good: not at every start
            from nhilint.flow.store_verdicts import verdict_write

            if not verdict_write(module, write):
                continue
            if write.store.sharing == INSTANCE and not write.store.decorator:
                continue  # one object's attribute: it lives as long as the object (a request's, often)
            # imported when a verdict is kept for good, which few files do: not at every start
            from nhilint.flow.store_expiry import compares_expiry
            from nhilint.flow.store_serving import serving_functions

            serving = serving_functions(stores, write)
            if not write.store.decorator:
                if not serving and not write.store.identity.startswith("cache:"):
                    continue  # never read back
                if any(compares_expiry(self.context, f, module) for f in (*serving, write.function)):
                    continue  # an expiry is compared before the verdict is reused
            self.report(write.node, _message(write), statement=module.statement_of(write.node, write.function),
                        related=_verified_elsewhere(module, write.function) if write.store.decorator else written_elsewhere(write))


def _verified_elsewhere(module, function) -> List[RelatedPlace]:  # type: ignore[no-untyped-def]
    """Where a cached function's token is verified, when that is in another module of the project."""
    summary = module.summary(function) if function is not None else None
    call = summary.verifier if summary is not None else None
    if not isinstance(call, cst.Call):
        return []
    exported = module.remote(module.flow(function), call)
    if exported is None or exported.verifier is None:
        return []
    return [(exported.verifier.path, exported.verifier.line, f"{exported.name}() verifies the token here")]


def _message(write) -> str:  # type: ignore[no-untyped-def]
    if write.store.decorator:
        return (f"{write.store.shown} keeps the verdict of {write.function.name.value}() with no expiry: "
                f"an expired or revoked token stays valid while the process runs")
    return (f"verification results are kept in {write.store.shown} with no expiry: an expired or revoked "
            f"token stays valid while the process runs")
