"""Whether the claims an authlib / joserfc decode returns are validated, also by a helper.

A DRF authentication class decodes in one method (`id_token = self._decode(raw)`) and validates
in another (`self._check_claims(id_token)`, whose body calls `id_token.validate(...)`): a reviewer
reads the pair as one verification. The claims count as validated where they are (in the
function of the decode, or, when it returns them, in a caller of the module): validated there
(`claims.validate()`, handed to a validator: nhilint.analysis.jwt_calls.result_uses), or handed
to a function or method of the module that calls `.validate()` on the parameter they bind or
compares its `exp` by hand (also through a helper it hands them on to).
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall, result_uses, skip_await
from nhilint.analysis.syntax import bound_name
from nhilint.flow import module_flow
from nhilint.flow.function import FunctionFlow
from nhilint.flow.module import bind_arguments
from nhilint.analysis.values import field_read


def validated_here_or_by_callers(jc: JwtCall) -> bool:
    """The decode's claims are validated in its function, or it returns them and a caller of
    the module validates them (the caller is where the token is then used)."""
    return _here_or_by_callers(jc, "exp", True)


def compared_here_or_by_callers(jc: JwtCall, claim: str) -> bool:
    """The decode's `claim` is compared by hand where its claims are validated (above): in a
    helper they are handed to (`need_audience(claims)`), not by `.validate()`."""
    return _here_or_by_callers(jc, claim, False)


def _here_or_by_callers(jc: JwtCall, claim: str, validate: bool) -> bool:
    module = module_flow(jc.context)
    flow = module.flow(jc.facts.node)
    if validated_at(flow, jc.call, claim, validate):
        return True
    function = jc.facts.node
    if not isinstance(function, cst.FunctionDef) or not result_uses(jc.context, jc.call, jc.facts).returned:
        return False
    return any(validated_at(caller, call, claim, validate) for caller, call in module.callers(function))


def validated_at(flow: FunctionFlow, call: cst.Call, claim: str = "exp", validate: bool = True) -> bool:
    """What `call` returns is validated in `flow` (`validate`: `.validate()` counts), directly,
    or by a helper it is handed to that validates it or compares its `claim` by hand."""
    if validate and result_uses(flow.context, call, flow.facts).validated:
        return True
    if validate and _kept_and_validated(flow, call):
        return True
    name, assignment = _bound_name(flow, call)
    if name is None or assignment is None:
        return False
    facts = flow.facts
    for load in facts.loads_after(name, facts.order_of(assignment)):
        arg = facts.parent_of(load)
        helper_call = facts.parent_of(arg) if isinstance(arg, cst.Arg) else None
        if not isinstance(helper_call, cst.Call):
            continue
        target = flow.module.resolve(flow, helper_call)
        if target is None:
            continue
        bound = bind_arguments(target[0], helper_call.args, skip_self=target[1] is not None)
        param = next((p for p, value in bound.items() if value is load), None)
        if param is not None and validates_param(flow.module.flow(target[0]), param, claim, validate):
            return True
    return False


def _kept_and_validated(flow: FunctionFlow, call: cst.Call) -> bool:
    """The claims kept on the object (`self._payload = self._get_payload()`), as they are or
    wrapped into a claims object kept beside them (`self.claims = AzureJWTClaims(payload=
    self._payload, ...)`, authlib's documented way to add checks), and `.validate()` called on
    that attribute of such an object in the module (`token.claims.validate()`)."""
    kept = _kept(flow, call)
    if kept is None:
        return False
    validated = flow.context.memo("claims-attributes-validated", lambda: _validated_attributes(flow.context.module))
    return bool(set(kept) & validated)


def wrapper_checks(jc: JwtCall, claim: str) -> bool:
    """The decode's claims, returned to a caller of the module that keeps them, are wrapped there
    into a claims class of the module that names `claim` in its checks (`AzureJWTClaims`, whose
    options and `validate()` require `"aud"`): that class checks it."""
    module = module_flow(jc.context)
    function = jc.facts.node
    if not isinstance(function, cst.FunctionDef) or not result_uses(jc.context, jc.call, jc.facts).returned:
        return False
    for caller, call in module.callers(function):
        kept = _kept(caller, call)
        for wrapper in (kept or {}).values():
            cls = jc.context.module_classes.get(wrapper) if wrapper else None
            code = jc.context.module.code_for_node(cls) if cls is not None else ""
            if f'"{claim}"' in code or f"'{claim}'" in code:
                return True
    return False


def _kept(flow: FunctionFlow, call: cst.Call) -> "Optional[dict[str, Optional[str]]]":
    """The attributes of `self` the result of `call` is kept in: the one it is assigned to, and
    those a call of it builds (`self.claims = AzureJWTClaims(payload=self._payload)`), each with
    the name of the class that builds it (None for the first)."""
    node, parent = skip_await(call, flow.facts)
    if not (isinstance(parent, cst.Assign) and len(parent.targets) == 1 and parent.value is node):
        return None
    target = parent.targets[0].target
    if not (isinstance(target, cst.Attribute) and flow.is_self(target.value)):
        return None
    kept: "dict[str, Optional[str]]" = {target.attr.value: None}
    for dotted, bindings in flow.facts.attribute_stores.items():
        for binding in bindings:
            value = binding.value
            if dotted.count(".") == 1 and isinstance(value, cst.Call) and any(
                    isinstance(arg.value, cst.Attribute) and flow.is_self(arg.value.value) and arg.value.attr.value in kept
                    for arg in value.args):
                # `self.claims = AzureJWTClaims(payload=self._payload, ...)`
                kept[dotted.split(".", 1)[1]] = value.func.value if isinstance(value.func, cst.Name) else None
    return kept


def _validated_attributes(module: cst.Module) -> "frozenset[str]":
    """The attribute names `.validate()` is called on in the module (`token.claims.validate()`)."""
    from nhilint.walk import nodes_of  # asked of an authlib decode kept on an object only

    found = set()
    for call in nodes_of(module, cst.Call, nested=True):
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value == "validate" and isinstance(func.value, cst.Attribute):
            found.add(func.value.attr.value)
    return frozenset(found)


def _bound_name(flow: FunctionFlow, call: cst.Call) -> "tuple[Optional[str], Optional[cst.CSTNode]]":
    """`claims = <call>` (also `await <call>`, `claims: dict = <call>`): the name and the assignment."""
    node, parent = skip_await(call, flow.facts)
    name = bound_name(parent, node)
    return (name, parent) if name is not None else (None, None)


def validates_param(flow: FunctionFlow, param: str, claim: str, validate: bool, depth: int = 0) -> bool:
    """`param.validate(...)` in the helper, or its expiry compared by hand (`time.time() >
    claims["exp"]`), also in a helper of the module it hands the parameter to (`check_claims`
    calling `need_fresh(claims)`, two calls deep); the parameter never rebound."""
    facts = flow.facts
    if facts.bindings.get(param):
        return False
    for load in facts.loads.get(param, ()):
        parent = facts.parent_of(load)
        if validate and (
            isinstance(parent, cst.Attribute) and parent.value is load and parent.attr.value == "validate"
            and isinstance(facts.parent_of(parent), cst.Call)
        ):
            return True
        if compared_claim(flow, load, claim):
            return True
        helper_call = facts.parent_of(parent) if isinstance(parent, cst.Arg) else None
        if depth < 2 and isinstance(helper_call, cst.Call):
            target = flow.module.resolve(flow, helper_call)
            if target is None or target[0] is flow.scope:
                continue
            bound = bind_arguments(target[0], helper_call.args, skip_self=target[1] is not None)
            inner = next((p for p, value in bound.items() if value is load), None)
            if inner is not None and validates_param(flow.module.flow(target[0]), inner, claim, validate, depth + 1):
                return True
    return False


def compared_claim(flow: FunctionFlow, load: cst.CSTNode, claim: str) -> bool:
    """`claims["exp"]` or `claims.get("aud")` read from the load, and compared."""
    read = flow.facts.parent_of(load)
    if isinstance(read, cst.Attribute) and read.attr.value == "get":
        read = flow.facts.parent_of(read)
    if not isinstance(read, (cst.Subscript, cst.Call)) or field_read(flow.context, read, flow.facts) != claim:
        return False
    if _in_comparison(flow, read):
        return True
    # `aud = claims.get("aud")`, then `if self.audience not in (aud if ... else [aud]):`; also
    # a value computed from it, `exp_time = payload["exp"] + leeway`, then `if now > exp_time:`
    assignment = _assignment_holding(flow, read)
    if assignment is None:
        return False
    name = bound_name(assignment, assignment.value) or _unpacked_name(assignment, read)
    return name is not None and any(
        _in_comparison(flow, later) for later in flow.facts.loads_after(name, flow.facts.order_of(assignment)))


def _unpacked_name(assignment: "cst.Assign | cst.AnnAssign", read: cst.CSTNode) -> Optional[str]:
    """`exp, iat = claims.get("exp"), claims.get("iat")`: the name at the read's place."""
    if not isinstance(assignment, cst.Assign) or len(assignment.targets) != 1:
        return None
    target, value = assignment.targets[0].target, assignment.value
    if not isinstance(target, (cst.Tuple, cst.List)) or not isinstance(value, (cst.Tuple, cst.List)) \
            or len(target.elements) != len(value.elements):
        return None
    for element, held in zip(target.elements, value.elements):
        if held.value is read and isinstance(element.value, cst.Name):
            return element.value.value
    return None


def _assignment_holding(flow: FunctionFlow, node: cst.CSTNode) -> "Optional[cst.Assign | cst.AnnAssign]":
    """The assignment whose value holds `node`, within its statement (`x = <...node...>`)."""
    current: "Optional[cst.CSTNode]" = flow.facts.parent_of(node)
    while current is not None and not isinstance(current, (cst.BaseStatement, cst.BaseSmallStatement)):
        current = flow.facts.parent_of(current)
    return current if isinstance(current, (cst.Assign, cst.AnnAssign)) and current.value is not None else None


def _in_comparison(flow: FunctionFlow, node: cst.CSTNode) -> bool:
    """Whether the expression holding `node`, within its statement, is (or holds) a comparison."""
    current: "Optional[cst.CSTNode]" = flow.facts.parent_of(node)
    while current is not None and not isinstance(current, (cst.BaseStatement, cst.BaseSmallStatement)):
        if isinstance(current, cst.Comparison):
            return True
        current = flow.facts.parent_of(current)
    return False
