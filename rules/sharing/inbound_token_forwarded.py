from __future__ import annotations

import re
from typing import ClassVar, Optional

import libcst as cst

from nhilint.analysis.http import http_call, keyword_arg, string_prefix
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.inbound import Inbound, header_name, inbound
from nhilint.analysis.tokens import is_credential_header
from nhilint.rule import CHECK_TESTS, Rule

# Clients whose constructor takes default headers or auth for every later request.
_CLIENT_CONSTRUCTORS = frozenset({
    "httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession", "urllib3.PoolManager",
    "requests.Session",
})
# Calls to the identity provider about the caller's own token: validating it with its issuer,
# or exchanging it, is what the token is for.
_IDENTITY_PROVIDER = re.compile(r"userinfo|introspect|tokeninfo|token_endpoint|/token\b|/oauth2?/|openid|\.well-known", re.I)
_EXCHANGE = re.compile(r"token-exchange|jwt-bearer|on_behalf_of|subject_token", re.I)


class InboundTokenForwarded(Rule):
    """
    ## What it does
    Finds the credential of an incoming request passed as-is to an outbound HTTP call: the
    `Authorization` (or another credential) header read from a Flask, Django, FastAPI /
    Starlette or aiohttp request — or the FastAPI `Header()` / `Depends(oauth2_scheme)` /
    `HTTPAuthorizationCredentials` parameter holding it — sent in the headers or `auth=` of a
    `requests`, `httpx` (sync and async), `aiohttp` or `urllib3` call, set as a client's
    default headers, or given to an `auth=` object (a `requests.auth.AuthBase` subclass).
    Forwarding all the inbound headers (`headers=request.headers`) is reported too.

    FastAPI parameters may be declared with `Annotated[str, Header()]`; aiohttp's header
    constants (`hdrs.AUTHORIZATION`) are header names too. The value is followed through local
    names (unpacking included: `scheme, _, token = auth.partition(" ")`), conditional
    expressions, string methods (`.split()[1]`, `.removeprefix("Bearer ")`), f-strings and `+`. A token obtained by exchange for the
    downstream audience (`acquire_token_on_behalf_of`, an OAuth token-exchange grant) is a new
    token and is fine, as is a call to the identity provider about the caller's own token
    (userinfo, introspection, token endpoint).

    ## Why is this bad?
    The caller's token was issued for this service. Passing it downstream lets the downstream
    service (and anything that compromises it) replay it against every service that accepts
    it, hides who is really calling, and breaks audience restriction: the downstream API must
    either accept tokens meant for someone else or fail. Exchange it for a token meant for the
    downstream audience instead (OAuth 2.0 Token Exchange, RFC 8693; on-behalf-of) (OWASP
    NHI-02; NHI9:2025 NHI Reuse, NHI4:2025 Insecure Authentication; CWE-441).

    ## Example
    ```python
    import requests
    from flask import Flask, request

    app = Flask(__name__)

    @app.get("/orders")
    def orders():
        token = request.headers["Authorization"]
        return requests.get("https://inventory.internal/items",
                            headers={"Authorization": token}, timeout=5).json()
    ```

    ## Use instead
    ```python
    import msal
    import requests
    from flask import Flask, request

    app = Flask(__name__)
    cca = msal.ConfidentialClientApplication("client-id", client_credential=None)

    @app.get("/orders")
    def orders():
        user_token = request.headers["Authorization"].removeprefix("Bearer ")
        result = cca.acquire_token_on_behalf_of(user_token, scopes=["api://inventory/.default"])
        return requests.get("https://inventory.internal/items",
                            headers={"Authorization": "Bearer " + result["access_token"]}, timeout=5).json()
    ```

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `conftest.py`, files under `tests/` or `test/`). Without it the rule is silent
      there: test code handles test vectors and fakes, and authenticates no one.

    ## References
    - [RFC 8693: OAuth 2.0 Token Exchange](https://www.rfc-editor.org/rfc/rfc8693)
    - [Microsoft identity platform: on-behalf-of flow](https://learn.microsoft.com/en-us/entra/identity-platform/v2-oauth2-on-behalf-of-flow)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-441
    """

    code = "NHL304"
    name = "inbound-token-forwarded"
    family: ClassVar[str] = "token-sharing"
    summary = "The incoming request's token is forwarded to an outbound call"
    severity = "medium"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI9:2025", "NHI4:2025")
    cwe = (441,)
    options = {"check-tests": CHECK_TESTS}
    # the credential headers' names (as headers, Django META keys and FastAPI parameters), and
    # `token` for `token: str = Depends(oauth2_scheme)`, and `.headers` / `.META` forwarded whole
    words = (
        "authorization", "token", "api_key", "api-key", "apikey", "subscription-key", "subscription_key",
        "bearer", "jwt", "secret", "credential", "password", "passwd", ".headers", ".meta",
    )
    # every outbound place it reports says one of these: `headers=`, `.headers[...]`, `auth=`
    also_words = ("headers", "auth")

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(self.context.scope, cst.Module):
            return  # requests are handled in functions
        leaf = leaf_name(node)
        if leaf == "update" and isinstance(node.func, cst.Attribute) and node.args:
            if _is_headers(node.func.value):  # session.headers.update({...})
                self._check_headers(node.args[0].value)
            return
        request = http_call(self.context, node)
        if request is not None:
            if self._to_identity_provider(request.url, node):
                return
            self._check_headers(request.keyword("headers"))
            self._check_auth(request.keyword("auth"))
            return
        if leaf in ("Client", "AsyncClient", "ClientSession", "PoolManager", "Session"):
            qualname = self.context.qualified_name(node.func, self.context.facts())
            if qualname in _CLIENT_CONSTRUCTORS:
                self._check_headers(keyword_arg(node, "headers"))
                self._check_auth(keyword_arg(node, "auth"))

    def visit_Assign(self, node: cst.Assign) -> None:
        # session.headers["Authorization"] = token
        if isinstance(self.context.scope, cst.Module):
            return
        in_auth_class = _is_auth_class(self.context.enclosing_class())
        for target in node.targets:
            subscript = target.target
            outbound = isinstance(subscript, cst.Subscript) and (
                _is_headers(subscript.value)
                or (in_auth_class and isinstance(subscript.value, cst.Attribute) and subscript.value.attr.value == "headers")
            )
            if isinstance(subscript, cst.Subscript) and outbound and len(subscript.slice) == 1:
                index = subscript.slice[0].slice
                key = header_name(index.value) if isinstance(index, cst.Index) else None
                if key is not None and is_credential_header(key) and self._inbound().carries(node.value):
                    self._report(node.value)

    def _inbound(self) -> Inbound:
        return inbound(self.context, self.context.facts())

    def _check_headers(self, headers: Optional[cst.BaseExpression]) -> None:
        if headers is None:
            return
        state = self._inbound()
        if state.is_all_headers(headers):
            self.report(headers, "all the incoming request's headers, its Authorization included, are forwarded "
                        "to an outbound call; send a token meant for the downstream service instead")
            return
        if isinstance(headers, cst.Name):
            bound = self.context.bound_expression(headers, self.context.facts())
            if not isinstance(bound, cst.Dict):
                return
            headers_dict, anchor = bound, headers
        elif isinstance(headers, cst.Dict):
            headers_dict, anchor = headers, None
        else:
            return
        for element in headers_dict.elements:
            if not isinstance(element, cst.DictElement):
                continue
            key = header_name(element.key)
            if key is not None and is_credential_header(key) and state.carries(element.value):
                self._report(anchor or element.value)
                return

    def _check_auth(self, auth: Optional[cst.BaseExpression]) -> None:
        if auth is None:
            return
        state = self._inbound()
        values = [a.value for a in auth.args] if isinstance(auth, cst.Call) else [auth]
        if any(state.carries(value) for value in values):
            self._report(auth)

    def _to_identity_provider(self, url: Optional[cst.BaseExpression], call: cst.Call) -> bool:
        facts = self.context.facts()
        text = string_prefix(self.context, url, facts)[0] or ""
        if isinstance(url, cst.Name):
            url = self.context.bound_expression(url, facts) or url
        written = self.context.module.code_for_node(url) if url is not None else ""  # f"{IDP}/userinfo"
        if _IDENTITY_PROVIDER.search(text) or _IDENTITY_PROVIDER.search(written):
            return True
        body = keyword_arg(call, "data") or keyword_arg(call, "json")
        return body is not None and bool(_EXCHANGE.search(self.context.module.code_for_node(body)))

    def _report(self, node: cst.BaseExpression) -> None:
        self.report(node, "the incoming request's token is forwarded as-is to an outbound call; exchange it for a "
                    "token meant for the downstream service (token exchange, on-behalf-of)")



def _is_auth_class(owner: Optional[cst.ClassDef]) -> bool:
    """A `requests.auth.AuthBase` or `httpx.Auth` subclass: it sets headers on outbound requests."""
    if owner is None:
        return False
    bases = (dotted_name(base.value) or "" for base in owner.bases)
    return any(base.rsplit(".", 1)[-1] in ("AuthBase", "Auth") for base in bases)


_CLIENT_NAME = re.compile(r"session|client|http|api", re.I)


def _is_headers(expr: cst.BaseExpression) -> bool:
    """`session.headers`, `self.client.headers`: an outbound client's default headers (not a
    response's)."""
    if not isinstance(expr, cst.Attribute) or expr.attr.value != "headers":
        return False
    owner = dotted_name(expr.value)
    return owner is not None and bool(_CLIENT_NAME.search(owner.rsplit(".", 1)[-1]))
