from __future__ import annotations

import re
from typing import ClassVar, Optional

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.http import keyword_arg
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.names import is_credential_header
from nhilint.catalogue.http import HTTP_CLIENT_CLASSES
from nhilint.flow import module_flow
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import INBOUND, INBOUND_HEADERS
from nhilint.flow.issuer_checks import asks_issuer
from nhilint.flow.sinks import (
    auth_values, credential_values, destination, header_item_store, may_send, outbound_request,
    returned_credential_values,
)
from nhilint.flow.sources import header_name
from nhilint.flow.summary import OUTBOUND
from nhilint.rule import CHECK_TESTS, Rule

_ALL_HEADERS = ("all the incoming request's headers, its Authorization included, are forwarded to an outbound "
                "call; send a token meant for the downstream service instead")
_CLIENT_LEAVES = frozenset(name.rsplit(".", 1)[-1] for name in HTTP_CLIENT_CLASSES)
_FORWARDED = ("the incoming request's token is forwarded as-is to an outbound call; exchange it for a token "
              "meant for the downstream service (token exchange, on-behalf-of)")


class InboundTokenForwarded(Rule):
    """
    ## What it does
    Finds the credential of an incoming request passed as-is to an outbound HTTP call: the
    `Authorization` (or another credential) header read from a Flask, Django, FastAPI /
    Starlette or aiohttp request — or the FastAPI `Header()` / `Depends(oauth2_scheme)` /
    `HTTPAuthorizationCredentials` parameter holding it — sent in the headers or `auth=` of a
    `requests`, `httpx` (sync and async), `aiohttp` or `urllib3` call, set as a client's
    default headers, or given to an `auth=` object (a `requests.auth.AuthBase` subclass).
    Forwarding all the inbound headers is reported too: `headers=request.headers`,
    `dict(request.headers)`, `{**request.headers}`, `request.headers.copy()`, a comprehension
    over them that does not drop Authorization (a copy whose Authorization is deleted, popped
    or set again, `headers["Authorization"] = f"Bearer {own_token}"`, carries this service's
    credential, judged on its own). So is a credential or the headers handed to a
    helper (of this module or another of the project) that sends them on, or to a class whose
    constructor keeps them on `self` for a method that sends them (`InventoryClient(token)`
    with `headers={"Authorization": f"Bearer {self.bearer}"}` in `stock()`): reported at the
    call that hands them over. A client that keeps the caller's token but sends its own is not.
    The helper may be a method of a parameter typed as a class of the project (a client the
    framework injects: `fields: FieldServiceClient = Depends(field_client)`), and the headers may
    come from a helper of the module that builds them (`headers=self._headers()` with the
    caller's `request.META["HTTP_AUTHORIZATION"]` inside). A helper (of this module or another)
    that picks the credential headers out of the headers it is handed, by name or by a loop over
    a constant list of header names (`for name in PASS_THROUGH_HEADERS: out[name] =
    headers.get(name)`), gives the caller's credential; a helper that sends the headers mapping
    it is handed whole (`requests.get(url, headers=headers)`) sends whatever its caller put in
    it. A list of tracing headers (`X-Request-Id`, `traceparent`) copied that way is fine.

    `request` is the incoming request in a module that imports a web framework (Flask, Django,
    Django REST framework, FastAPI / Starlette, aiohttp.web, Tornado, Falcon, Sanic, Quart,
    Pyramid...) or when it is typed as a framework's request; elsewhere (an HTTP client's own
    transport, `def send(self, request)`, also typed as the module's own request class, `def
    _open(self, request: HttpRequest)` with `@dataclass class HttpRequest` beside it) it is
    an outbound request being built, not reported.
    Django REST framework's `get_authorization_header(request)` gives the incoming header; an
    SDK's own `authorization.get_authorization_header()` (no request handed in: checkout-sdk's
    credential object) or a signer's `OAuth.get_authorization_header(uri=..., method=...)`
    gives the header the client sends, not reported.

    FastAPI parameters may be declared with `Annotated[str, Header()]`; aiohttp's header
    constants (`hdrs.AUTHORIZATION`) are header names too. The value is followed through local
    names (unpacking included: `scheme, _, token = auth.partition(" ")`), conditional
    expressions, string methods (`.split()[1]`, `.removeprefix("Bearer ")`), f-strings and `+`. A token obtained by exchange for the
    downstream audience (`acquire_token_on_behalf_of`, an OAuth token-exchange grant) is a new
    token and is fine, as is a call to the identity provider about the caller's own token
    (userinfo, introspection, token endpoint, an auth service's `/auth/me` or `/whoami`, not a
    resource API's own `/me`, Microsoft Graph's; known by its URL or by the name of what holds
    it: `settings.USERINFO_URL`, `self.get_user_info_url()`, or by an authenticator that asks
    it whose token it is and decides on the answer's status: `authenticate()` sending the
    caller's JupyterHub token to the hub's `/user` API, then `if resp.status < 400:`). A
    proxy that relays the incoming request whole (its method, path and headers) to an upstream
    is reported too: passing the caller's token through is token passthrough, which the code
    cannot tell from a gateway that also accepts the token itself; where the proxy is
    transparent by design (a sidecar relaying its own pod's calls), suppress the line.

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
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

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
        if not (leaf == "update" or may_send(node) or leaf in _CLIENT_LEAVES or module_flow(self.context).may_run_helper(node)):
            return  # the cheap test first: most calls stop here
        flow = self.flow()
        if leaf == "update" and isinstance(node.func, cst.Attribute) and node.args:
            if _is_client_headers(node.func.value):  # session.headers.update({...})
                self._check_headers(flow, node.args[0].value)
            return
        request = outbound_request(flow, node)
        if request is not None:
            # not to the identity provider about its own token, nor to the service an
            # authenticator asks whose token it is (nhilint.flow.issuer_checks)
            if not destination(flow, request)[1] and not asks_issuer(flow, node):
                self._check_headers(flow, request.keyword("headers"))
                self._check_auth(flow, request.keyword("auth"))
            return
        if self.context.qualified_name(node.func, flow.facts) in HTTP_CLIENT_CLASSES:
            self._check_headers(flow, keyword_arg(node, "headers"))
            self._check_auth(flow, keyword_arg(node, "auth"))
            return
        self._through_helper(flow, node)

    def visit_Assign(self, node: cst.Assign) -> None:
        # session.headers["Authorization"] = token; in an auth class, r.headers[...] = token
        if isinstance(self.context.scope, cst.Module):
            return
        in_auth_class = _is_auth_class(self.context.enclosing_class())
        for target in node.targets:
            subscript = target.target
            if not isinstance(subscript, cst.Subscript):
                continue
            outbound = _is_client_headers(subscript.value) or (
                in_auth_class and isinstance(subscript.value, cst.Attribute) and subscript.value.attr.value == "headers"
            )
            key = header_item_store(subscript)
            if outbound and key is not None and is_credential_header(key) and self._inbound(self.flow(), node.value):
                self.report(node.value, _FORWARDED)

    @staticmethod
    def _inbound(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
        return any(label.kind == INBOUND and not label.derived for label in flow.labels(value))

    def _check_headers(self, flow: FunctionFlow, headers: Optional[cst.BaseExpression]) -> None:
        if headers is None:
            return
        if self._all_headers(flow, headers):
            self.report(headers, _ALL_HEADERS)
            return
        for value, anchor in credential_values(flow, headers):
            if self._inbound(flow, value):
                self.report(anchor, _FORWARDED)
                return
        for helper, value in returned_credential_values(flow, headers):  # headers=self._headers()
            if self._inbound(helper, value):
                self.report(headers, _FORWARDED, related=[(None, value, "the incoming request's credential is put in the headers here")])
                return
        if isinstance(headers, (cst.Name, cst.Call)) and self._inbound(flow, headers):
            # headers a helper picked from the incoming ones (`forwarding_headers(request.headers)`)
            self.report(headers, _FORWARDED)

    def _all_headers(self, flow: FunctionFlow, headers: cst.BaseExpression) -> bool:
        """The inbound headers themselves, or a copy, unless the copy sets its own credential."""
        if not any(label.kind == INBOUND_HEADERS and not label.derived for label in flow.labels(headers)):
            return False
        mapping = flow.context.bound_expression(headers, flow.facts) if isinstance(headers, cst.Name) else headers
        if isinstance(mapping, cst.Dict):  # {**request.headers, "Authorization": f"Bearer {SERVICE_TOKEN}"}
            overridden = [e for e in mapping.elements if isinstance(e, cst.DictElement)
                          and (header_name(e.key) or "").lower() == "authorization"]
            if overridden and not any(self._inbound(flow, e.value) for e in overridden):
                return False
        return True

    def _check_auth(self, flow: FunctionFlow, auth: Optional[cst.BaseExpression]) -> None:
        if auth is not None and any(self._inbound(flow, value) for value in auth_values(auth)):
            self.report(auth, _FORWARDED)

    def _through_helper(self, flow: FunctionFlow, node: cst.Call) -> None:
        """`call_inventory(token)` where the helper sends its parameter downstream."""
        if not module_flow(self.context).runs_helper(flow, node):
            return
        if not any(self._all_headers(flow, arg.value) or self._inbound(flow, arg.value) for arg in node.args if not arg.star):
            return  # nothing inbound handed over: where the helper sends it does not matter (nor is it summarised)
        helper = module_flow(self.context).helper_sinks(flow, node)
        if helper is None:
            return
        bound, param_sinks = helper
        for name, sinks in param_sinks.items():
            outbound = [sink for sink in sinks if sink.kind == OUTBOUND and not sink.to_identity_provider]
            if name not in bound or not outbound:
                continue
            value = bound[name]
            sender, called = outbound[0].holder, leaf_name(node)
            # `Client(token)`: the constructor keeps it, a method of the class sends it
            through = f"{called}() and its {sender}()" if called != sender else f"{sender}()"
            related = [outbound[0].related(f"{sender}() sends what `{name}` holds in an outbound request here")]
            if self._all_headers(flow, value):
                self.report(value, f"{_ALL_HEADERS.split(';')[0]} through {through}", related=related)
                return
            if self._inbound(flow, value):
                verb = "send" if called != sender else "sends"
                self.report(value, f"the incoming request's token is handed to {through}, which {verb} it as-is "
                                   "to an outbound call; exchange it for a token meant for the downstream service",
                            related=related)
                return


def _is_auth_class(owner: Optional[cst.ClassDef]) -> bool:
    """A `requests.auth.AuthBase` or `httpx.Auth` subclass: it sets headers on outbound requests."""
    if owner is None:
        return False
    bases = (dotted_name(base.value) or "" for base in owner.bases)
    return any(base.rsplit(".", 1)[-1] in ("AuthBase", "Auth") for base in bases)


_CLIENT_NAME = compiled_on_first_use(r"session|client|http|api", re.I)


def _is_client_headers(expr: cst.BaseExpression) -> bool:
    """`session.headers`, `self.client.headers`: an outbound client's default headers (not a
    response's)."""
    if not isinstance(expr, cst.Attribute) or expr.attr.value != "headers":
        return False
    owner = dotted_name(expr.value)
    return owner is not None and bool(_CLIENT_NAME.search(owner.rsplit(".", 1)[-1]))
