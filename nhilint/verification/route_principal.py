"""Whether an unverified decode re-reads, for the response, the token a route's auth dependency
verified.

A FastAPI route declared with `dependencies=[Depends(oidc_scheme)]` (or a parameter
`user = Depends(current_user)` / `Security(...)`) runs the dependency first: it verifies the
bearer token and keeps the principal on `request.state.user`, or returns it. A handler that
decodes `request.state.user.access_token` with the signature check off only to hand the claims
back in its response (`return {"claims": jwt.decode(token, options=...)}`) decides nothing: the
caller is shown the claims of the token it sent itself.

All must hold, so the shape stays narrow:
- the function is a route (`@router.get(...)`): what it returns goes to the HTTP client. A
  dependency (`get_current_user`) returns to the handler, which decides from it;
- the route has an auth dependency: `Depends(x)` / `Security(x)` in the decorator's
  `dependencies=` or as a parameter's default (or `Annotated` metadata), `x` named for
  authentication (`azure_scheme`, `get_current_user`, `verify_token`);
- the token is read off the authenticated principal: `request.state.user.<attr>`,
  `request.user.<attr>` (request a parameter), or `<attr>` of the parameter the auth dependency
  injects, directly or through one local name. A parameter typed as the raw credential
  (`HTTPAuthorizationCredentials`, `str`) is what an extractor such as `HTTPBearer()` hands over,
  verified by no one yet: not a principal;
- the claims only go back in the response: returned, alone or inside a dict, list or tuple
  literal or a dict union (`{"claims": ...} | {...}`). A claim read, or the claims handed to
  any call, is a use and stays reported: whether the dependency verified is not in sight here.
"""

from __future__ import annotations

import re

from typing import List, Optional, Set

import libcst as cst

from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.jwt_calls import JwtCall, skip_await, token_arg
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.syntax import bound_name
from nhilint.flow.sources import declared_type
from nhilint.patterns import compiled_on_first_use

# `@router.get(...)`, `@app.api_route(...)`: FastAPI / Starlette route decorators
_ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "api_route", "route"})
_DEPENDENCY_MARKERS = frozenset({"Depends", "Security"})
# what a dependency that authenticates is named for: `azure_scheme`, `get_current_user`
_AUTH_DEPENDENCY = compiled_on_first_use(
    r"auth|scheme|secur|bearer|oauth|oidc|jwt|token|user|verif|login|principal|current", re.I)
# what FastAPI's security extractors inject: the raw credential, not a verified principal
_RAW_CREDENTIAL_TYPES = frozenset({"HTTPAuthorizationCredentials", "HTTPBasicCredentials", "str", "bytes"})
# literals that carry the claims on into the response
_CARRIERS = (cst.DictElement, cst.Dict, cst.Element, cst.List, cst.Tuple, cst.BinaryOperation)


def echoed_by_guarded_route(jc: JwtCall) -> bool:
    """The decode re-reads the principal's token on an auth-guarded route, for the response."""
    function = jc.facts.node
    token = token_arg(jc)
    if token is None or not isinstance(function, cst.FunctionDef):
        return False
    if not _is_route(function):
        return False  # a dependency's return goes to the handler, which decides from it
    principals = _auth_parameters(function)
    if not principals and not _guarded_by_decorator(function):
        return False
    if not _principal_token(jc.facts, token, principals):
        return False
    return _only_returned(jc.facts, jc.call)


def _route_decorators(function: cst.FunctionDef) -> List[cst.Call]:
    """`@router.get("/me", ...)`, `@app.api_route(...)`: what makes the function a route."""
    return [
        decorator.decorator for decorator in function.decorators
        if isinstance(decorator.decorator, cst.Call) and isinstance(decorator.decorator.func, cst.Attribute)
        and decorator.decorator.func.attr.value in _ROUTE_METHODS
    ]


def _is_route(function: cst.FunctionDef) -> bool:
    return bool(_route_decorators(function))


def _guarded_by_decorator(function: cst.FunctionDef) -> bool:
    """`@router.get("/me", dependencies=[Depends(oidc_scheme)])`."""
    for call in _route_decorators(function):
        for arg in call.args:
            if arg.keyword is None or arg.keyword.value != "dependencies":
                continue
            if isinstance(arg.value, (cst.List, cst.Tuple)) and any(
                    _auth_marker(element.value) for element in arg.value.elements):
                return True
    return False


def _auth_parameters(function: cst.FunctionDef) -> Set[str]:
    """Parameters an auth dependency injects: `user = Depends(current_user)`, also in
    `Annotated[User, Security(scheme)]`."""
    found: Set[str] = set()
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if declared_type(param) in _RAW_CREDENTIAL_TYPES:
            continue  # `HTTPBearer()` hands over the raw credential, verified by no one yet
        candidates = [param.default] if param.default is not None else []
        annotation = param.annotation.annotation if param.annotation is not None else None
        if isinstance(annotation, cst.Subscript) and (dotted_name(annotation.value) or "").endswith("Annotated"):
            candidates += [e.slice.value for e in annotation.slice[1:] if isinstance(e.slice, cst.Index)]
        if any(_auth_marker(candidate) for candidate in candidates):
            found.add(param.name.value)
    return found


def _auth_marker(expr: Optional[cst.BaseExpression]) -> bool:
    """`Depends(azure_scheme)` / `Security(get_current_user, scopes=[...])`."""
    if not isinstance(expr, cst.Call) or leaf_name(expr) not in _DEPENDENCY_MARKERS:
        return False
    positional = [arg.value for arg in expr.args if arg.keyword is None and not arg.star]
    dependency = positional[0] if positional else next(
        (arg.value for arg in expr.args if arg.keyword is not None and arg.keyword.value == "dependency"), None)
    name = dotted_name(dependency) if isinstance(dependency, (cst.Name, cst.Attribute)) else None
    if isinstance(dependency, cst.Call):  # `Depends(auth.claim(Schema))`
        name = dotted_name(dependency.func)
    return name is not None and bool(_AUTH_DEPENDENCY.search(name))


def _principal_token(facts: ScopeFacts, token: cst.BaseExpression, principals: Set[str]) -> bool:
    """`request.state.user.access_token`, `request.user.token`, `user.access_token` of an
    injected principal: directly, or through one local name bound to it."""
    if isinstance(token, cst.Name) and token.value not in facts.params:
        binding = facts.binding_before(token.value, facts.order_of(token))
        if binding is None or binding.value is None or len(facts.bindings.get(token.value, ())) != 1:
            return False
        token = binding.value
    if not isinstance(token, cst.Attribute):
        return False
    parts = (dotted_name(token) or "").split(".")
    if len(parts) < 2 or parts[0] not in facts.params:
        return False
    if parts[0] in principals:
        return len(parts) == 2  # `user.access_token`
    # `request.state.user.<attr>` / `request.user.<attr>`: what the auth layer put on the request
    return parts[1:-1] in (["state", "user"], ["user"])


def _only_returned(facts: ScopeFacts, call: cst.Call) -> bool:
    """The claims reach a `return` through literals only, or through one name whose every read
    does."""
    node, parent = skip_await(call, facts)
    name = bound_name(parent, node)
    if name is not None:
        loads = facts.loads_after(name, facts.order_of(parent))
        return bool(loads) and all(_returned_through_literals(facts, load) for load in loads)
    return _returned_through_literals(facts, node)


def _returned_through_literals(facts: ScopeFacts, node: cst.CSTNode) -> bool:
    parent = facts.parent_of(node)
    while isinstance(parent, _CARRIERS):
        if isinstance(parent, cst.BinaryOperation) and not isinstance(parent.operator, cst.BitOr):
            return False
        if isinstance(parent, cst.DictElement) and parent.value is not node:
            return False  # the claims as a key: an odd shape, not an echo
        node, parent = parent, facts.parent_of(parent)
    return isinstance(parent, cst.Return)
