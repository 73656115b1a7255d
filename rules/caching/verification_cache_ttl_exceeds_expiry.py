from __future__ import annotations

from typing import ClassVar

import libcst as cst

from nhilint.analysis.caching import (
    cache_decorator,
    module_ttl_cache,
    rechecks_exp,
    store_ttl,
    verifies_token,
)
from nhilint.analysis.flow import derived_names, mentions
from nhilint.analysis.values import as_seconds
from nhilint.rule import CHECK_TESTS, Rule, RuleOption


# words of every TTL write the rule knows (`set(..., ex=)`, `setex`, `timeout=`, `TTLCache`)
_TTL_WRITE_WORDS = ("ex=", "px=", "setex", "timeout", "ttl", ".set(", ".add(")


class VerificationCacheTtlExceedsExpiry(Rule):
    """
    ## What it does
    Finds verification results kept in a TTL cache for a constant time longer than a limit
    (default 60 s): `@cached(TTLCache(ttl=3600))`, `@ttl_cache` (600 s by default),
    `@alru_cache(ttl=...)`, `@cache.memoize(timeout=...)` on a function that decodes, verifies or
    introspects a token, and writes of its result with `cache.set(..., timeout=)`, redis
    `set(..., ex=)` / `setex(...)`, aiocache `set(..., ttl=)` or into a module-level `TTLCache`.
    As for NHL203, the verification may happen in a helper of the same module.

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
      `tests.py`, `conftest.py`, files under `tests/` or `test/`). Without it the rule is silent
      there: test code handles test vectors and fakes, and authenticates no one.

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

    words = ("introspect",)
    catalogue_words = ("module_words",)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        # on leave: the engine has recorded the callees, so most functions skip scope facts
        node = original_node
        if not node.decorators and not self.context.mentions(*_TTL_WRITE_WORDS):
            return  # neither a caching decorator nor a TTL cache write anywhere in the file
        verifier = verifies_token(self.context, node)
        if verifier is None:
            return
        limit = float(self.opt("max-ttl-seconds"))
        for decorator in node.decorators:
            site = cache_decorator(self.context, decorator)
            seconds = as_seconds(site.ttl) if site is not None else None
            if seconds is not None and seconds > limit:
                self.report(decorator, f"the verdict of {node.name.value}() is cached for {seconds:g} s "
                                       f"(over {limit:g} s), whatever the token's expiry")
                return
        if rechecks_exp(self.context, node):
            return
        facts = self.context.facts(node)
        results = derived_names(facts, nodes=(verifier,))  # names holding the verdict
        for call in facts.calls:
            seconds = as_seconds(store_ttl(self.context, call, facts))
            if seconds is not None and seconds > limit and any(mentions(a.value, results) for a in call.args):
                self.report(call, f"verification results are cached for {seconds:g} s (over {limit:g} s), "
                                  f"whatever the token's expiry")
                return
        for name, stores in facts.item_stores.items():
            seconds = None if facts.is_local(name) else as_seconds(module_ttl_cache(self.context, name))
            if seconds is not None and seconds > limit:
                for _, _, value in stores:
                    if mentions(value, results):
                        self.report(value, f"verification results go into {name}, a TTLCache of "
                                           f"{seconds:g} s (over {limit:g} s), whatever the token's expiry")
                        return
