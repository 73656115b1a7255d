"""Whether the token an unverified decode reads is an API client's own: the token the client
logged in with, refreshed or loaded from its own saved state, kept on the client object.

A client library (it talks to a service over HTTP or through a login SDK, and handles no
incoming request) often reads claims of its own token without the signature: the user id to
build its API paths, the account's plan, whether its token has expired (a decode called for
`ExpiredSignatureError`). The client holds no key to verify it with, the service it sends the
token to verifies it, and the client admits no one on what it reads: nobody else's token can
reach that attribute. A server decoding a token that came with a request is the bypass the rule
is for, and stays reported.

It is the client's own token when:
- the module imports an HTTP client or a login SDK (`CLIENT_PACKAGES`), or a module of its own
  package that does (an SDK's transport, `from vendorsdk import rest`), and no web framework
  (nhilint.flow.sources.handles_requests: only there does a request come in);
- every way the decoded token may arrive is state of the object (`self.id_token`,
  `self._token["access_token"]`, `str(self.id_token)`) or a field of what the service answered
  the client's own request, through local names, or a parameter every call of the module fills
  with such state (a private `_decode_claims(token)` called as
  `self._decode_claims(str(self.id_token))`; a function of the module, public or not, as
  `decode_jwt(token)` after the login: only a public method is API anyone may call);
- nothing the flow layer knows of that state is an incoming credential.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

import libcst as cst

from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.syntax import is_empty_literal
from nhilint.walk import nodes_of
from nhilint.analysis.jwt_calls import JwtCall
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import INBOUND, INBOUND_HEADERS, OPAQUE, PARAM, PARAM_HEADER, RESPONSE
from nhilint.flow.sources import handles_requests
from nhilint.verification.fetched_token import decoded_in_flow, every_caller_passes

if TYPE_CHECKING:
    from nhilint.analysis.jwt_calls import ResultUses
    from nhilint.context import FileContext

# Packages a client uses to reach its service or log in: an HTTP client, an OAuth client
# session, a login SDK that hands the client its tokens (pycognito's Cognito.authenticate).
CLIENT_PACKAGES = frozenset({
    "requests", "httpx", "aiohttp", "urllib3", "requests_oauthlib", "pycognito", "msal", "boto3", "botocore",
})

# how many local names and callers deep the token is followed
_DEPTH = 4


def clients_own_token(jc: JwtCall) -> bool:
    """The token `jc` decodes is state of a client object, in a client module (above)."""
    found = decoded_in_flow(jc)
    if found is None:
        return False
    token, flow = found
    if handles_requests(flow):
        return False
    if _client_module(flow):
        return _own_state(flow, token, 0)
    return _helper_of_clients(flow, token) or (_imported_by_clients(flow.context) and _own_state(flow, token, 0))


# how many modules naming this one are read at most to find its importers
_IMPORTERS_LOOKED_UP = 16


def _imported_by_clients(context: "FileContext") -> bool:
    """A helper module of a client package (`envoy/credentials.py`, importing only `jwt`, whose
    token wrapper `client.py` fills from its own login answers): every module of the project
    that imports it (one at least) imports an HTTP client or a login SDK and no web framework.
    The wrapper's state is then the client's own token, as in a client module. Asked only on
    the way to a finding."""
    def compute() -> bool:
        from nhilint.catalogue.http import WEB_FRAMEWORKS
        from nhilint.flow.callers_elsewhere import import_root

        project, name = context.project, context.module_name
        if project is None or not name:
            return False
        root = import_root(context)
        exports = project.mentioning(name.rsplit(".", 1)[-1].lower(), where=lambda path: path.startswith(root),
                                     limit=_IMPORTERS_LOOKED_UP)
        importers = [export for export in exports or ()
                     if any(value == name or value.startswith(name + ".") for value in export.imports.values())]
        return bool(importers) and all(
            any(_client_package(value) for value in export.imports.values())
            and not any(value == f or value.startswith(f + ".") for value in export.imports.values() for f in WEB_FRAMEWORKS)
            for export in importers)

    return context.memo("imported-by-clients", compute)


def _helper_of_clients(flow: FunctionFlow, token: cst.BaseExpression) -> bool:
    """A helper module of a client package (`util/auth.py`, importing only `jwt`) whose function
    decodes the token it is handed, and no call in its own module: every call other modules of
    the project make (one at least) is in a client module that handles no request, and hands it
    the client's own state (`decode_jwt(self._access_token)` in `client.py`). A call from a
    module that serves requests, or handing anything else, keeps it reported."""
    function = flow.scope
    token = _unwrapped(token)
    if not isinstance(function, cst.FunctionDef) or not isinstance(token, cst.Name) or token.value not in flow.facts.params:
        return False
    if not function.name.value.startswith("_") and flow.owner is not None:
        return False  # a public method: anyone holding the object may hand it any token
    if flow.module.callers(function):
        return False  # called in a module that is no client's: what it hands over is no client's state
    from nhilint.flow.callers_elsewhere import every_call_elsewhere  # on the way to a finding only
    from nhilint.flow.module import bind_target

    target, param = (function, flow.owner), token.value

    def hands_own_state(caller: FunctionFlow, call: cst.Call) -> bool:
        value = bind_target(target, call.args).get(param)
        return value is not None and not handles_requests(caller) and _client_module(caller) \
            and _own_state(caller, value, 1)

    return every_call_elsewhere(flow, f"client-own-token:{param}", hands_own_state)


# what a client asks of its cached token before sending it again: is it still in time, and is
# it for the audience the client is about to call
_REUSE_CLAIMS = frozenset({"exp", "iat", "nbf", "aud"})
_COMPARISONS = (cst.Equal, cst.NotEqual, cst.In, cst.NotIn)


def reuse_check(jc: JwtCall, uses: "ResultUses") -> bool:
    """A client module's check whether a cached token may be sent again: only time claims and
    `aud` read, the audience only compared (`decoded["aud"] != audience`), nothing else done with
    the claims. The token is the client's to send; the service verifies it. A module that
    handles requests stays reported: there the same check would admit a forged token."""
    found = decoded_in_flow(jc)
    if found is None or "aud" not in uses.claim_keys or not uses.claim_keys <= _REUSE_CLAIMS:
        return False
    if uses.other_uses or uses.returned:
        return False
    flow = found[1]
    if handles_requests(flow) or not _client_module(flow):
        return False
    return all(_compared(flow, node) for key, node in uses.key_reads if key == "aud")


def _compared(flow: FunctionFlow, read: cst.CSTNode) -> bool:
    """The read is one side of an `==`, `!=`, `in` or `not in`."""
    parent = flow.facts.parent_of(read)
    return isinstance(parent, cst.Comparison) and all(isinstance(t.operator, _COMPARISONS) for t in parent.comparisons)


def _client_module(flow: FunctionFlow) -> bool:
    def compute() -> bool:
        imports = flow.context.imports.values()
        return any(_client_package(name) for name in imports) or _http_layer_imported(flow.context, imports)

    return flow.context.memo("client-module", compute)


def _client_package(qualified: str) -> bool:
    return qualified.split(".", 1)[0] in CLIENT_PACKAGES


# how many of a module's imports are looked up for its HTTP layer
_IMPORTS_LOOKED_UP = 24


def _http_layer_imported(context: "FileContext", imports: "Iterable[str]") -> bool:
    """An SDK whose requests go through a module of its own (`from authress_sdk import rest`, an
    OpenAPI generator's `rest.py` wrapping urllib3): a module of the project this one imports
    imports an HTTP client."""
    project = context.project
    package = context.module_name.split(".", 1)[0]
    if project is None or not package:
        return False
    seen: "set[str]" = set()
    own = [name for name in imports if name.split(".", 1)[0] == package]  # the project's own modules
    for qualified in own[:_IMPORTS_LOOKED_UP]:
        # `from pkg import rest` names the module; `from pkg.rest import RESTClient`, its member
        for module in (qualified, qualified.rpartition(".")[0]):
            if not module or module in seen:
                continue
            seen.add(module)
            export = project.export_of(module, context.path)
            if export is not None and any(_client_package(name) for name in export.imports.values()):
                return True
    return False


def _own_state(flow: FunctionFlow, expr: cst.BaseExpression, depth: int) -> bool:
    if depth > _DEPTH:
        return False
    expr = _unwrapped(expr)
    facts = flow.facts
    if isinstance(expr, cst.Name) and expr.value in facts.params:
        return _filled_by_callers(flow, expr.value, depth)
    if isinstance(expr, cst.Name) and facts.is_local(expr.value):
        values = [binding.value for binding in flow.reaching(expr.value, expr)]
        return bool(values) and all(value is not None and _own_state(flow, value, depth + 1) for value in values)
    if _service_answer(flow, expr):
        return True
    root = expr
    while isinstance(root, cst.Attribute):
        root = root.value
    if root is expr:
        return False
    if not flow.is_self(root) and dotted_name(expr) not in _sent_as_bearer(flow.context):
        return False
    return not any(label.kind in (INBOUND, INBOUND_HEADERS) for label in flow.labels(expr))


def _sent_as_bearer(context: "FileContext") -> "frozenset[str]":
    """The attributes the module sends as its own credential in an Authorization header
    (`{"Authorization": f"Bearer {config.gateway_token}"}`): a configured token the client sends
    to its service, which verifies it (an MCP server forwarding calls with its gateway token)."""
    def compute() -> "frozenset[str]":
        values = [element.value for element in nodes_of(context.module, cst.DictElement)
                  if _authorization(element.key)]
        # `headers["Authorization"] = f"Bearer {config.gateway_token}"`
        values.extend(assign.value for assign in nodes_of(context.module, cst.Assign)
                      if any(isinstance(target.target, cst.Subscript) and len(target.target.slice) == 1
                             and isinstance(target.target.slice[0].slice, cst.Index)
                             and _authorization(target.target.slice[0].slice.value) for target in assign.targets))
        return frozenset(written for value in values for node in nodes_of(value, cst.Attribute, nested=True)
                         for written in (dotted_name(node),) if written is not None)

    return context.memo("client-own-token:sent-as-bearer", compute)


def _service_answer(flow: FunctionFlow, expr: cst.BaseExpression) -> bool:
    """A field of what the client's service answered (`resp["data"]["login"]["authToken"]` of
    `resp = await self.async_request(...)`): in a module that handles no request, every answer
    comes from the service the client logged in to. Nothing the caller handed in may have gone
    into the request (a parameter's label): the service would answer about the caller's token."""
    if not isinstance(expr, cst.Call):
        return False
    labels = flow.labels(expr)
    return any(label.kind == OPAQUE and label.detail == RESPONSE for label in labels) and not any(
        label.kind in (INBOUND, INBOUND_HEADERS, PARAM, PARAM_HEADER) for label in labels)


def _authorization(key: Optional[cst.BaseExpression]) -> bool:
    return isinstance(key, cst.SimpleString) and str(key.evaluated_value).lower() == "authorization"


# a mapping's `.get`, and text methods that leave the token in what they return (the scheme
# cut off an Authorization header: `header.replace("Bearer", "").strip()`)
_KEEPING = frozenset({"get", "replace", "strip", "lstrip", "rstrip", "removeprefix"})


def _unwrapped(expr: cst.BaseExpression) -> cst.BaseExpression:
    """`self._token["access_token"]`, `self.tokens.get("id_token")`, `str(self.id_token)`,
    `cast(str, self.settings.get("token"))`,
    `self.headers["Authorization"].replace("Bearer", "").strip()`, `self._session.token or
    {}` (an empty default for an empty slot): the state they read."""
    while True:
        if isinstance(expr, cst.Await):
            expr = expr.expression
        elif isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or) and is_empty_literal(expr.right):
            expr = expr.left
        elif isinstance(expr, cst.Subscript):
            expr = expr.value
        elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and leaf_name(expr) in _KEEPING:
            expr = expr.func.value
        elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value == "str" \
                and len(expr.args) == 1:
            expr = expr.args[0].value
        elif isinstance(expr, cst.Call) and leaf_name(expr) == "cast" and len(expr.args) == 2:
            expr = expr.args[1].value  # `typing.cast(str, self._settings.get("token"))`: the value, typed
        else:
            return expr


def _filled_by_callers(flow: FunctionFlow, param: str, depth: int) -> bool:
    function = flow.scope
    if not isinstance(function, cst.FunctionDef):
        return False
    if _made_own(flow, param):
        return True  # `set_token(token)`: the caller gives the client the token it is to send
    if not function.name.value.startswith("_") and flow.owner is not None:
        return False  # a public method: anyone holding the client may hand it any token
    # a private helper, or a function of the client module (`decode_jwt(encoded_jwt)`) its
    # own code calls: in a module that admits no one, what the module hands it is what counts
    return every_caller_passes(flow, param, lambda caller, value: _own_state(caller, value, depth + 1))


def _made_own(flow: FunctionFlow, param: str) -> bool:
    """Whether the function keeps the parameter on the object as the client's credential
    (`self._token = token`, `self._auth = f"bearer {token}"`) on every path past the decode:
    a setter handing the client the token it is to send, in whatever state the caller has it.
    What it reads of it is for itself (is it expired yet?), and admits no one."""
    for target, bindings in flow.facts.attribute_stores.items():
        root = target.split(".", 1)[0]
        if root != flow._self_name:
            continue
        for binding in bindings:
            if binding.value is not None and not flow.conditional(binding, flow.scope) \
                    and any(isinstance(node, cst.Name) and node.value == param
                            for node in nodes_of(binding.value, cst.Name, nested=True)):
                return True
    return False
