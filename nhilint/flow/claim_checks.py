"""Whether the claims a decode returns are checked by its callers.

`decode_campus_jwt(token)` decodes with `verify_exp=False` and returns the claims; every caller
hands them to `verify_campus_jwt(payload)`, which compares `payload["exp"]` with the clock. The
check the decode switched off is made, one function up: a reviewer reads the pair as one
verification. The decode's result must reach its callers as is (returned), every call of the
function in the module must read the claim (`claims["exp"]`, `claims.get("exp")`) or hand the
claims to a function of the module that reads it of its parameter, and there must be such a call:
a function nobody in the module calls could be called from anywhere, so it stays reported.

And whether a module's verifier reads the `iat` of what it verified (NHL401's per-request
tokens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

from nhilint.analysis.jwt_calls import jwt_call, result_uses
from nhilint.catalogue.jwt import VERIFYING_ROLES
from nhilint.flow import module_flow
from nhilint.flow.module import bind_target

if TYPE_CHECKING:
    from nhilint.analysis.jwt_calls import JwtCall
    from nhilint.analysis.scope import ScopeFacts
    from nhilint.context import FileContext
    from nhilint.flow.function import FunctionFlow


def checked_by_callers(jc: "JwtCall", claim: str) -> bool:
    """Every call of the function holding the decode reads `claim` of what it returns."""
    context, function = jc.context, jc.facts.node
    if not isinstance(function, cst.FunctionDef) or not result_uses(context, jc.call, jc.facts).returned:
        return False
    module = module_flow(context)
    callers = module.callers(function)
    return bool(callers) and all(_reads(context, caller, call, claim) for caller, call in callers)


def _reads(context: "FileContext", caller: "FunctionFlow", call: cst.Call, claim: str) -> bool:
    uses = result_uses(context, call, caller.facts)
    if claim in uses.keys_read:
        return True
    # `verify_campus_jwt(payload)` with `payload = decode_campus_jwt(...)`
    parent = caller.facts.parent_of(call)
    if not isinstance(parent, cst.Assign) or len(parent.targets) != 1 or not isinstance(parent.targets[0].target, cst.Name):
        return False
    name = parent.targets[0].target.value
    module = caller.module
    for load in caller.facts.loads_after(name, caller.facts.order_of(parent)):
        arg = caller.facts.parent_of(load)
        helper_call = caller.facts.parent_of(arg) if isinstance(arg, cst.Arg) else None
        if not isinstance(helper_call, cst.Call):
            continue
        target = module.resolve(caller, helper_call)
        if target is None:
            continue
        bound = bind_target(target, helper_call.args)
        param = next((p for p, value in bound.items() if value is load), None)
        if param is not None and _param_claim_read(module.flow(target[0]).facts, param, claim, context):
            return True
    return False


def _param_claim_read(facts: "ScopeFacts", param: str, claim: str, context: "FileContext") -> bool:
    """`payload["exp"]` or `payload.get("exp")` of the parameter `param`, never rebound."""
    if facts.bindings.get(param):
        return False
    for load in facts.loads.get(param, ()):
        parent = facts.parent_of(load)
        key: Optional[cst.BaseExpression] = None
        if isinstance(parent, cst.Subscript) and parent.value is load and len(parent.slice) == 1:
            index = parent.slice[0].slice
            key = index.value if isinstance(index, cst.Index) else None
        elif isinstance(parent, cst.Attribute) and parent.attr.value == "get":
            call = facts.parent_of(parent)
            if isinstance(call, cst.Call) and call.args:
                key = call.args[0].value
        if key is not None and context.evaluator.value(key, facts) == claim:
            return True
    return False


def iat_read_after_verifying(context: "FileContext") -> bool:
    """Whether a decode of the module that verifies the signature has its `iat` claim read
    (`if now > claims["iat"] + 30`): the module's own verifier bounds a token's age by when it
    was issued, as an API that accepts a per-request token only for seconds after its `iat`."""
    def compute() -> bool:
        if b"iat" not in context.lowered:
            return False
        module = module_flow(context)
        for scope in [context.module, *module.every_function()]:
            flow = module.flow(scope)
            for call in flow.facts.own_calls:
                jc = jwt_call(context, call, flow.facts)
                if jc is None or jc.api.role not in VERIFYING_ROLES or jc.unverified_reason is not None:
                    continue
                if "iat" in result_uses(context, call, flow.facts).keys_read:
                    return True
        return False
    return context.memo("flow-iat-read-after-verifying", compute)
