from __future__ import annotations

from typing import ClassVar

import libcst as cst

from nhilint.analysis.values import as_seconds
from nhilint.flow import module_flow
from nhilint.flow.stores import INSTANCE, StoreWrite, module_stores, written_elsewhere
from nhilint.rule import CHECK_TESTS, Rule, RuleOption


class VerificationCacheTtlExceedsExpiry(Rule):
    """
    ## What it does
    Finds verification results kept in a TTL cache for a constant time longer than a limit
    (default 60 s): `@cached(TTLCache(ttl=3600))`, `@ttl_cache` (600 s by default),
    `@alru_cache(ttl=...)`, `@cache.memoize(timeout=...)` on a function that verifies a token,
    and writes of a verdict (see NHL203) with `cache.set(..., timeout=)`, `get_or_set(...)`,
    redis `set(..., ex=)` / `setex(...)` (or `set` then `expire`), aiocache `set(..., ttl=)`, or
    into a `TTLCache` the module or the class keeps, also through a helper of this module or of
    another module of the project that keeps its arguments in a shared cache (reported as for
    NHL203; a helper's TTL parameter is what each call passes, else its default:
    `def remember(token, user, ttl=3600)` called without `ttl` keeps the verdict an hour).
    The TTL may be a literal, a module
    constant, a `timedelta`, an attribute set in `__init__` (with a parameter's default, or the default of a
    keyword argument read from `**kwargs`: `int(kwargs.get("verification_ttl_seconds", 86400))`), an
    environment variable's default (`int(os.getenv("CACHE_TTL", "3600"))`: reported with its
    default; a Django setting read with a default, `settings.AUTH.get("TTL", 3600)`, likewise
    unless the project's settings module sets it), or the backend's own default when none is passed: Django's cache and
    Flask-Caching keep an entry 300 s unless settings say otherwise (reported at low
    confidence, since the module does not show the settings). Claims kept under a key made from
    something else than the token (a user id, an e-mail) are the user's data, not reported (see
    NHL203).

    ## Why is this bad?
    A constant TTL is not bounded by the token's own `exp`: a token that expires, or is revoked,
    a minute after it was first checked stays "valid" for the rest of the TTL. The longer the
    TTL, the longer a dead credential keeps working (OWASP NHI-02; NHI7:2025 Long-Lived Secrets,
    NHI1:2025 Improper Offboarding).

    Not reported: a TTL computed from the token's expiry (`min(ttl, claims["exp"] - now)`), a
    function that re-checks `exp` on every hit, a TTL at or below the limit, and caches of key
    material (a JWKS stored beside the verification).

    ## Example
    ```python
    import jwt
    from django.core.cache import cache

    def verify(token, key):
        claims = cache.get(token)
        if claims is None:
            claims = jwt.decode(token, key, algorithms=["RS256"], audience="orders")
            cache.set(token, claims, timeout=86400)
        return claims
    ```

    ## Use instead
    ```python
    import time

    import jwt
    from django.core.cache import cache

    def verify(token, key):
        claims = cache.get(token)
        if claims is None:
            claims = jwt.decode(token, key, algorithms=["RS256"], audience="orders")
            cache.set(token, claims, timeout=max(0, min(300, claims["exp"] - time.time())))
        return claims
    ```

    ## Options
    - `max-ttl-seconds` (default 60): the longest constant TTL accepted for verification results.
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [RFC 7662 §4, caching introspection responses](https://datatracker.ietf.org/doc/html/rfc7662#section-4)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-613, CWE-672, CWE-370
    """

    code = "NHL204"
    name = "verification-cache-ttl-exceeds-expiry"
    family: ClassVar[str] = "token-caching"
    summary = "Token verification results are cached for a fixed time not bounded by the token's expiry"
    severity = "medium"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI7:2025", "NHI1:2025")
    cwe = (613, 672, 370)
    options = {
        "max-ttl-seconds": RuleOption(60.0, float, "longest constant TTL accepted for verification results"),
        "check-tests": CHECK_TESTS,
    }

    # verifiers by name (`verify_id_token`, `validate_token`, `authenticate_credentials`) and
    # endpoints; an opaque token's record looked up (`APIKey.objects.get(key=k)`,
    # `find_one({"api_token": t})`: nhilint.flow.record_lookups)
    words = ("introspect", "userinfo", "tokeninfo", "authenticat", "verif", "validat", "token", "apikey", "api_key")
    catalogue_words = ("module_words",)

    def leave_Module(self, original_node: cst.Module) -> None:
        limit = float(self.opt("max-ttl-seconds"))
        module = module_flow(self.context)
        stores = module_stores(module)
        for write in stores.writes:
            seconds = as_seconds(write.store.ttl)
            if seconds is None or seconds <= limit:
                continue
            # imported when a store keeps entries longer than the limit, which few files have: not
            # at every start
            from nhilint.flow.store_expiry import rechecks_exp
            from nhilint.flow.store_serving import serving_functions
            from nhilint.flow.store_verdicts import verdict_write

            if not verdict_write(module, write):
                continue
            if write.store.sharing == INSTANCE and not write.store.decorator:
                continue  # one object's attribute: it lives as long as the object
            if not write.store.decorator and any(
                rechecks_exp(self.context, f) for f in (*serving_functions(stores, write), write.function)
            ):
                continue  # `exp` is compared on every hit
            confidence = "low" if write.store.default_ttl else None
            self.report(write.node, _message(write, seconds, limit), confidence,
                        statement=module.statement_of(write.node, write.function), related=written_elsewhere(write))


def _message(write: StoreWrite, seconds: float, limit: float) -> str:
    if write.store.decorator and write.function is not None:
        return (f"the verdict of {write.function.name.value}() is cached for {seconds:g} s (over {limit:g} s), "
                f"whatever the token's expiry")
    how = " (the backend's default timeout, unless settings change it)" if write.store.default_ttl else ""
    return (f"verification results are kept in {write.store.shown} for {seconds:g} s{how} (over {limit:g} s), "
            f"whatever the token's expiry")
