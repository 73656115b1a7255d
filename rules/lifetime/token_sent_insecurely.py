from __future__ import annotations

from typing import ClassVar, Optional

import libcst as cst

from nhilint.analysis.http import HttpCall, http_call, insecure_http_host, literal_false, string_prefix
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.tokens import carries_token, is_credential_header
from nhilint.rule import CHECK_TESTS, Rule


class TokenSentInsecurely(Rule):
    """
    ## What it does
    Finds an HTTP request that carries a bearer token or API key (an `Authorization` or API-key
    header holding a token value, an `auth=` argument, or a session given such a header or
    `auth` earlier in the function: `session.headers.update({"Authorization": ...})`) and
    either switches certificate
    verification off (`verify=False`) or goes to a plain `http://` URL on a host that is not
    loopback.

    ## Why is this bad?
    Without TLS, or with TLS that trusts any certificate, anyone on the network path reads the
    token and replays it (OWASP NHI-02; NHI2:2025 Secret Leakage). Bearer tokens are bearer
    instruments: whoever holds one is its owner (RFC 6750 §5.2).

    ## Example
    ```python
    import requests

    def orders(token):
        return requests.get(
            "https://orders.example.com/api", headers={"Authorization": f"Bearer {token}"}, verify=False
        )
    ```

    ## Use instead
    ```python
    import requests

    def orders(token):
        return requests.get(
            "https://orders.example.com/api", headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
    ```

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `conftest.py`, files under `tests/` or `test/`). Without it the rule is silent
      there: test code handles test vectors and fakes, and authenticates no one.

    ## References
    - [RFC 6750 §5.3, always use TLS](https://datatracker.ietf.org/doc/html/rfc6750#section-5.3)
    - [requests: SSL certificate verification](https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-319, CWE-295
    """

    code = "NHL405"
    name = "token-sent-insecurely"
    family: ClassVar[str] = "token-transport"
    summary = "A bearer token is sent without TLS or without certificate verification"
    severity = "high"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI2:2025",)
    cwe = (319, 295)
    options = {"check-tests": CHECK_TESTS}
    words = ("http://", "verify", "ssl")
    # a credential goes along: `auth=`, a credential header (authorization, api-key, token...)
    # or a header with a credential name
    also_words = (
        "auth=", "auth =", "authorization", "api-key", "api_key", "apikey", "subscription-key",
        "token", "bearer", "jwt", "secret", "credential", "password", "passwd",
    )

    def visit_Call(self, node: cst.Call) -> None:
        request = http_call(self.context, node)
        if request is None:
            return
        facts = self.context.facts()
        if not self._carries_credential(request, facts):
            return
        if literal_false(self.context, request.keyword("verify"), facts) or literal_false(
            self.context, request.keyword("ssl"), facts
        ):
            self.report(node, "a request carrying a token switches certificate verification off (verify=False)")
            return
        host = insecure_http_host(*string_prefix(self.context, request.url, facts))
        if host is not None:
            self.report(node, f"a request carrying a token goes over plain http to {host}")

    def _carries_credential(self, request: HttpCall, facts: ScopeFacts) -> bool:
        auth = request.keyword("auth")
        if auth is not None and not (isinstance(auth, cst.Name) and auth.value == "None"):
            return True
        return self._credential_headers(request.keyword("headers"), facts) or self._session_credential(request, facts)

    def _session_credential(self, request: HttpCall, facts: ScopeFacts) -> bool:
        """`session.headers.update({"Authorization": ...})`, `session.headers["Authorization"] = ...`
        or `session.auth = ...` earlier in the function, then `session.post(...)`."""
        func = request.call.func
        session = dotted_name(func.value) if isinstance(func, cst.Attribute) else None
        if session is None:
            return False
        if facts.attribute_stores.get(f"{session}.auth"):
            return True
        for _, key, value in facts.item_stores.get(f"{session}.headers", ()):
            name = key.evaluated_value if isinstance(key, cst.SimpleString) else None
            if isinstance(name, str) and is_credential_header(name) and not isinstance(value, cst.SimpleString):
                return True
        return any(
            leaf_name(call) == "update" and dotted_name(call.func) == f"{session}.headers.update" and call.args
            and self._credential_headers(call.args[0].value, facts)
            for call in facts.calls
        )

    def _credential_headers(self, headers: Optional[cst.BaseExpression], facts: ScopeFacts) -> bool:
        if isinstance(headers, cst.Name):
            headers = self.context.bound_expression(headers, facts)
        if not isinstance(headers, cst.Dict):
            return False
        for element in headers.elements:
            if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
                continue
            name = str(element.key.evaluated_value).lower()
            if is_credential_header(name):
                value = element.value
                literal = isinstance(value, cst.SimpleString)
                if not literal or carries_token(self.context, value, facts) is not None:
                    return True
        return False
