from __future__ import annotations

from typing import ClassVar, Optional

import libcst as cst

from nhilint.analysis.caching import compares_expiry, is_plain_dict, unbounded_cache, verifies_token
from nhilint.rule import CHECK_TESTS, Rule


class VerificationCacheWithoutExpiry(Rule):
    """
    ## What it does
    Finds an unbounded cache of token verification: `functools.lru_cache` / `cache` /
    `cached_property`, `cachetools.cached(LRUCache(...))` and the like, on a function that
    decodes, verifies or introspects a token; `cachetools.cached(cache={})` (a plain dict keeps
    every entry); and a module-level dict used as a memo of verification results
    (`_verified[token] = claims`) with no expiry check.

    The verification may happen in a helper of the same module, up to three calls deep: a
    module-level function (`return _verify(token)`), a method of the class (`self._decode(...)`,
    `super().validate(...)`), or a method of a module-level instance of a class defined in the
    module (`validator.validate(token)`).

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
      `tests.py`, `conftest.py`, files under `tests/` or `test/`). Without it the rule is silent
      there: test code handles test vectors and fakes, and authenticates no one.

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

    words = ("introspect",)
    catalogue_words = ("module_words",)

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        # on leave: the engine has recorded the callees, so most functions skip scope facts
        node = original_node
        cached = unbounded_cache(self.context, node)
        if cached is not None and verifies_token(self.context, node):
            decorator, shown = cached
            self.report(
                decorator,
                f"@{shown} keeps the verdict of {node.name.value}() with no expiry: an expired or "
                f"revoked token stays valid while the process runs",
            )
            return
        if not any(_is_empty_dict(value) for value in self.context.module_constants.values()):
            return  # no module-level dict to memoize into
        memo = self._module_memo_store(node)
        if memo is not None:
            self.report(memo, "verification results are stored in a module-level dict with no expiry check")

    def _module_memo_store(self, node: cst.FunctionDef) -> Optional[cst.CSTNode]:
        """`_verified[token] = claims` into a module-level dict, in a function that verifies."""
        facts = self.context.facts(node)
        for name, stores in facts.item_stores.items():
            if facts.is_local(name) or not _is_empty_dict(self.context.module_constants.get(name)):
                continue
            if verifies_token(self.context, node) and not compares_expiry(self.context, node):
                return stores[0][2]
        return None


def _is_empty_dict(value: Optional[cst.BaseExpression]) -> bool:
    if not is_plain_dict(value):
        return False
    return not (value.elements if isinstance(value, cst.Dict) else value.args)  # type: ignore[union-attr]
