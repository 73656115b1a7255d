from __future__ import annotations

from typing import ClassVar, Optional

import libcst as cst

from nhilint.analysis.caching import compares_expiry, fetches_token, is_token_expression, unbounded_cache
from nhilint.analysis.imports import dotted_name
from nhilint.rule import CHECK_TESTS, Rule


class TokenCacheWithoutExpiry(Rule):
    """
    ## What it does
    Finds a fetched access token kept with no expiry: `functools.lru_cache` / `cache` /
    `cached_property` (or cachetools' and async-lru's unbounded caches) on a function that
    fetches a token (msal `acquire_token_*`, azure-identity `get_token`, an OAuth client's
    `fetch_token`, `requests.post(token_url).json()["access_token"]`), and a module-global or
    attribute slot (`global _token`, `self._token`) that is filled once and returned without
    comparing an expiry.

    ## Why is this bad?
    Access tokens live minutes to hours. A cache with no notion of time hands out the token
    after it has expired (every call then fails until the process restarts), and, worse, keeps
    a revoked or rotated credential in use: the cache decides the token's lifetime instead of
    the issuer (OWASP NHI-03; NHI7:2025 Long-Lived Secrets).

    Caching a *client* or *credential object* is fine (msal and azure-identity refresh their own
    tokens); caching the token string they return is not.

    ## Example
    ```python
    from functools import lru_cache

    import msal

    app = msal.ConfidentialClientApplication("client-id", client_credential="...")

    @lru_cache(maxsize=1)
    def graph_token():
        return app.acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])["access_token"]
    ```

    ## Use instead
    ```python
    import msal

    app = msal.ConfidentialClientApplication("client-id", client_credential="...")

    def graph_token():
        # msal keeps its own cache and renews the token before it expires
        return app.acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])["access_token"]
    ```

    A slot is fine when the getter compares an expiry before reuse (`expires_at`, `expires_on`,
    `exp`, `credentials.valid`, `expired`), and a TTL cache shorter than the token's lifetime
    is fine too.

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `conftest.py`, files under `tests/` or `test/`). Without it the rule is silent
      there: test code handles test vectors and fakes, and authenticates no one.

    ## References
    - [RFC 6749 §5.1, expires_in](https://datatracker.ietf.org/doc/html/rfc6749#section-5.1)
    - [MSAL Python: token caching](https://learn.microsoft.com/entra/msal/python/advanced/msal-python-token-cache-serialization)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-613, CWE-672
    """

    code = "NHL202"
    name = "token-cache-without-expiry"
    family: ClassVar[str] = "token-caching"
    summary = "A fetched access token is cached with no expiry"
    severity = "medium"
    confidence = "medium"
    owasp = "NHI-03"
    owasp_2025 = ("NHI7:2025",)
    cwe = (613, 672)
    options = {"check-tests": CHECK_TESTS}
    # every token source and token field this rule knows contains the word
    words = ("token",)

    # built-in token sources and fields all say "token"; the project's own getters may not
    catalogue_words = ("token_source_words",)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        cached = unbounded_cache(self.context, node)
        if cached is not None and fetches_token(self.context, node):
            decorator, shown = cached
            self.report(
                decorator,
                f"@{shown} keeps the access token {node.name.value}() fetches with no expiry: "
                f"it is served after the token expires or is revoked",
            )
            return
        if not _returns_a_slot(node):
            return  # read off the body's top level: most functions stop here
        slot = self._unexpiring_slot(node)
        if slot is not None:
            target, value = slot
            self.report(
                value,
                f"{target} holds a fetched access token and is returned without comparing an expiry",
            )

    def _unexpiring_slot(self, node: cst.FunctionDef) -> Optional["tuple[str, cst.BaseExpression]"]:
        """`global _token` / `self._token`: filled with a fetched token, then returned as is."""
        facts = self.context.facts(node)
        returned = {dotted_name(value) for value in facts.returns}
        # `return self._access_token.token`: azure-identity's AccessToken returned by its field
        returned |= {name.rsplit(".", 1)[0] for name in returned if name and name.endswith((".token", ".access_token"))}
        candidates = [(name, facts.bindings.get(name, ())) for name in facts.globals]
        candidates += list(facts.attribute_stores.items())
        for target, stores in candidates:
            if target not in returned:
                continue
            for store in stores:
                if store.value is not None and is_token_expression(self.context, store.value, facts):
                    if compares_expiry(self.context, node):
                        return None
                    return target, store.value
        return None


def _returns_a_slot(node: cst.FunctionDef) -> bool:
    """`return _token` / `return self._token` among the body's top-level statements."""
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Return) and isinstance(small.value, (cst.Name, cst.Attribute)):
                    return True
    return False
