"""Whether the claims an authlib / joserfc decode returns are validated, also by a helper.

A DRF authentication class decodes in one method (`id_token = self._decode(raw)`) and validates
in another (`self._check_claims(id_token)`, whose body calls `id_token.validate(...)`): a reviewer
reads the pair as one verification. The claims count as validated where they are (in the
function of the decode, or, when it returns them, in a caller of the module): validated there
(`claims.validate()`, handed to a validator: nhilint.analysis.jwt_calls.result_uses), or handed
to a function or method of the module that calls `.validate()` on the parameter they bind.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall, result_uses, skip_await
from nhilint.analysis.syntax import bound_name
from nhilint.flow import module_flow
from nhilint.flow.function import FunctionFlow
from nhilint.flow.module import bind_arguments


def validated_here_or_by_callers(jc: JwtCall) -> bool:
    """The decode's claims are validated in its function, or it returns them and a caller of
    the module validates them (the caller is where the token is then used)."""
    module = module_flow(jc.context)
    flow = module.flow(jc.facts.node)
    if validated_at(flow, jc.call):
        return True
    function = jc.facts.node
    if not isinstance(function, cst.FunctionDef) or not result_uses(jc.context, jc.call, jc.facts).returned:
        return False
    return any(validated_at(caller, call) for caller, call in module.callers(function))


def validated_at(flow: FunctionFlow, call: cst.Call) -> bool:
    """What `call` returns is validated in `flow`: directly, or by a helper it is handed to."""
    if result_uses(flow.context, call, flow.facts).validated:
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
        if param is not None and _validates_param(flow.module.flow(target[0]), param):
            return True
    return False


def _bound_name(flow: FunctionFlow, call: cst.Call) -> "tuple[Optional[str], Optional[cst.CSTNode]]":
    """`claims = <call>` (also `await <call>`, `claims: dict = <call>`): the name and the assignment."""
    node, parent = skip_await(call, flow.facts)
    name = bound_name(parent, node)
    return (name, parent) if name is not None else (None, None)


def _validates_param(flow: FunctionFlow, param: str) -> bool:
    """`param.validate(...)` in the helper, the parameter never rebound."""
    facts = flow.facts
    if facts.bindings.get(param):
        return False
    for load in facts.loads.get(param, ()):
        parent = facts.parent_of(load)
        if (
            isinstance(parent, cst.Attribute) and parent.value is load and parent.attr.value == "validate"
            and isinstance(facts.parent_of(parent), cst.Call)
        ):
            return True
    return False
