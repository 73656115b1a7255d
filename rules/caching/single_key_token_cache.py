from __future__ import annotations

import re
from typing import ClassVar, Iterator, List, Optional, Set, Tuple

import libcst as cst

from nhilint.analysis.caching import is_token_expression, is_token_source_call
from nhilint.analysis.flow import derived_names, mentions
from nhilint.analysis.imports import dotted_name
from nhilint.analysis.scope import ScopeFacts
from nhilint.rule import CHECK_TESTS, Rule
from nhilint.walk import walk

# Parameters that partition tokens: a token issued for one must not serve another.
_PARTITION = re.compile(r"scope|audience|^aud$|resource|tenant|^tid$|realm|target", re.I)
_TOKEN_LIKE = re.compile(r"token|bearer", re.I)
# cache writes by method name -> position of the stored value (redis, Django, flask-caching)
_STORE_VALUE_POSITION = {"set": 1, "add": 1, "setex": 2, "psetex": 2}


class SingleKeyTokenCache(Rule):
    """
    ## What it does
    Finds a token fetched for a varying audience, scope, resource or tenant (a parameter of the
    getter that reaches the fetch) and then stored under a key that does not depend on it: a
    module global, a class or instance attribute, `cache["access_token"]`,
    `cache.set("token", ...)`, or a dict keyed only by the client id.

    ## Why is this bad?
    The first caller's token lands in the one slot, and every later caller gets it, whatever
    scope or tenant it asked for: tenant A's token is sent on tenant B's behalf, a read-only
    token is replaced by an admin one for everybody, a token for one API is replayed to another
    (OWASP NHI-02; NHI9:2025 NHI Reuse, NHI8:2025 Environment Isolation). MSAL and the Azure
    SDK have both fixed bugs of exactly this shape in their own token caches.

    ## Example
    ```python
    import msal

    class GraphClient:
        def __init__(self, app: msal.ConfidentialClientApplication):
            self._app = app
            self._token = None

        def token(self, scope):
            if self._token is None:
                result = self._app.acquire_token_for_client(scopes=[scope])
                self._token = result["access_token"]
            return self._token
    ```

    ## Use instead
    ```python
    import msal

    class GraphClient:
        def __init__(self, app: msal.ConfidentialClientApplication):
            self._app = app

        def token(self, scope):
            # msal's own cache is keyed by authority, client, scopes and account, and renews tokens
            return self._app.acquire_token_for_client(scopes=[scope])["access_token"]
    ```

    A cache keyed by the scope / tenant (`self._tokens[(tenant_id, scope)] = ...`) is fine, and
    so is one slot for a token always fetched for the same fixed audience (NHL202 checks that
    it expires).

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `conftest.py`, files under `tests/` or `test/`). Without it the rule is silent
      there: test code handles test vectors and fakes, and authenticates no one.

    ## References
    - [RFC 8707, Resource Indicators for OAuth 2.0](https://datatracker.ietf.org/doc/html/rfc8707)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-488, CWE-668, CWE-522
    """

    code = "NHL201"
    name = "single-key-token-cache"
    family: ClassVar[str] = "token-caching"
    summary = "A token fetched for a varying scope / audience / tenant is cached under one key"
    severity = "high"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI9:2025", "NHI8:2025")
    cwe = (488, 668, 522)
    options = {"check-tests": CHECK_TESTS}
    words = ("token",)

    # built-in token sources and fields all say "token"; the project's own getters may not
    catalogue_words = ("token_source_words",)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        params = node.params
        names = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
        partitions = {name for name in names if _PARTITION.search(name)}
        if not partitions:
            return  # read off the signature: most functions stop here, before any analysis
        facts = self.context.facts(node)
        # names that carry the scope / tenant; a global slot filled from it is not one of them
        varying = derived_names(facts, partitions) - set(facts.globals)
        fetches = [c for c in facts.calls if is_token_source_call(self.context, c, facts)]
        tokens = derived_names(facts, nodes=fetches)
        for slot, key, value in _stores(facts):
            if mentions(key, varying) or self._compared_with(node, slot, varying):
                continue  # keyed by, or re-checked against, the scope / tenant: partitioned
            if not self._stores_token(slot, value, facts, fetches, tokens, varying):
                continue
            ignored = ", ".join(sorted(partitions))
            self.report(
                value,
                f"the token fetched for `{ignored}` is stored in {slot}, a key that ignores it: "
                f"a token issued for one {ignored} is served for another",
            )
            return

    def _compared_with(self, function: cst.FunctionDef, slot: str, varying: Set[str]) -> bool:
        """`if self._creds._audience != audience`: the one slot is re-checked against the partition."""
        code_for = self.context.module.code_for_node
        head = slot.split("[", 1)[0].split("(", 1)[0]
        found = False

        def visit(node: cst.CSTNode) -> bool:
            nonlocal found
            if isinstance(node, cst.Comparison) and mentions(node, varying) and head in code_for(node):
                found = True
            return not found

        walk(function.body, visit)
        return found

    def _stores_token(self, slot: str, value: cst.BaseExpression, facts: ScopeFacts,
                      fetches: List[cst.Call], tokens: Set[str], varying: Set[str]) -> bool:
        """The stored value is a token, and the partitioning parameter reached its fetch."""
        reached = mentions(value, varying) or any(mentions(call, varying) for call in fetches)
        if not reached:
            return False
        if is_token_expression(self.context, value, facts) or mentions(value, tokens, fetches):
            return True
        # `self._token = self._fetch(scope)`: the slot's name says what the call returns
        return bool(_TOKEN_LIKE.search(slot)) and isinstance(value, (cst.Call, cst.Await))


def _stores(facts: ScopeFacts) -> Iterator[Tuple[str, Optional[cst.BaseExpression], cst.BaseExpression]]:
    """(slot shown in messages, key or None, stored value) of every store a cache could be."""
    for name in facts.globals:
        for binding in facts.bindings.get(name, ()):
            if binding.value is not None:
                yield name, None, binding.value
    for target, bindings in facts.attribute_stores.items():
        for binding in bindings:
            if binding.value is not None:
                yield target, None, binding.value
    for name, stores in facts.item_stores.items():
        if facts.is_local(name) and name not in facts.globals:
            continue  # a dict built in this call is gone after it: no cache
        for _, key, value in stores:
            yield f"{name}[...]", key, value
    for call in facts.calls:
        func = call.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in _STORE_VALUE_POSITION:
            continue
        position = _STORE_VALUE_POSITION[func.attr.value]
        if len(call.args) > position and not any(arg.keyword or arg.star for arg in call.args[: position + 1]):
            slot = f"{dotted_name(func.value) or 'cache'}.{func.attr.value}(...)"
            yield slot, call.args[0].value, call.args[position].value
