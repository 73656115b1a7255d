"""Whether a verifier refuses tokens that carry a marker claim: kinds told apart by presence.

Besides a type claim compared with a value (`claims["type"] != "access"`), a project may mark
its special tokens with a claim of their own and refuse a marked token where it does not belong:
the password-reset token carries `is_prt`, the access check requires `IS_RESET_TOKEN_CLAIM not in
data`. A claim whose presence gets a token refused says which kind it is, as a type claim does.

Read in the function that verifies, or in a helper of the module the claims are handed to
(`self._validate_jwt_data(data, access_type)`), of the claims themselves (the name they are
bound to, or the helper's parameter, never rebound):
- `MARKER not in claims` required: asserted, or the condition handed to a call
  (`require_condition(MARKER not in data, "reset token used for access")`);
- `if MARKER in claims:` whose block raises or returns.
`if MARKER not in claims: raise` is the opposite, a claim the token must carry, and no marker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

from nhilint.analysis.branches import rejects
from nhilint.analysis.jwt_calls import JwtCall, skip_await
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.syntax import bound_name
from nhilint.context import FileContext
from nhilint.flow import module_flow
from nhilint.flow.module import bind_target

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow


def marker_refused(jc: JwtCall) -> bool:
    """The claims `jc` returns are refused when they carry some claim, in its function or in a
    helper of the module they are handed to; or a helper they are handed to, of the module or
    of another module of the project, compares a kind claim of them (`_validate_payload(payload,
    "access")` of `tokens.py` testing `payload["type"] != type`)."""
    facts, context = jc.facts, jc.context
    name = _bound_name(facts, jc.call)
    if name is None:
        return False
    flow = module_flow(context).flow(facts.node)
    assigned_at = facts.order_of(facts.parent_of(skip_await(jc.call, facts)[0]) or jc.call)
    for load in facts.loads_after(name, assigned_at):
        if _refuses(context, facts, load):
            return True
        arg = facts.parent_of(load)
        call = facts.parent_of(arg) if isinstance(arg, cst.Arg) else None
        if not isinstance(call, cst.Call):
            continue
        target = flow.module.resolve(flow, call)
        if target is None:
            if _remote_kind_compared(flow, call, load):
                return True
            continue
        param = next((p for p, value in bind_target(target, call.args).items() if value is load), None)
        helper = flow.module.flow(target[0]).facts
        if param is not None and (_param_refuses(context, helper, param) or _param_kind_compared(context, helper, param)):
            return True
    return False


def _remote_kind_compared(flow: "FunctionFlow", call: cst.Call, load: cst.CSTNode) -> bool:
    """The function of another module of the project `call` runs compares a kind claim of the
    parameter `load` is handed to (asked in that module's flow)."""
    from nhilint.project.remote import asked_of_function, bind

    exported = flow.module.remote(flow, call)
    param = next((p for p, value in bind(exported, call.args).items() if value is load), None) if exported else None
    return param is not None and asked_of_function(
        flow.context, call.func, flow.facts, f"kind-compared:{param}",
        lambda helper: _param_kind_compared(helper.context, helper.facts, param))


def _param_kind_compared(context: FileContext, facts: ScopeFacts, param: str) -> bool:
    """`payload["type"] != type`, `claims.get("token_type") == "access"`: a kind claim of the
    parameter (never rebound) compared with a value."""
    from nhilint.analysis.values import field_read
    from nhilint.flow.mints import KIND_CLAIMS

    if facts.bindings.get(param):
        return False
    for load in facts.loads.get(param, ()):
        read = facts.parent_of(load)
        if isinstance(read, cst.Attribute):
            read = facts.parent_of(read)  # `payload.get("type")`: the call around `payload.get`
        if not isinstance(read, (cst.Subscript, cst.Call)) or field_read(context, read, facts) not in KIND_CLAIMS:
            continue
        holder = facts.parent_of(read)
        if isinstance(holder, cst.ComparisonTarget):
            holder = facts.parent_of(holder)
        if isinstance(holder, cst.Comparison) and any(
                isinstance(target.operator, (cst.Equal, cst.NotEqual, cst.In, cst.NotIn, cst.Is, cst.IsNot))
                for target in holder.comparisons):
            return True
    return False


def _bound_name(facts: ScopeFacts, call: cst.Call) -> Optional[str]:
    """`claims = <call>` (also `await <call>`)."""
    node, parent = skip_await(call, facts)
    return bound_name(parent, node)


def _param_refuses(context: FileContext, facts: ScopeFacts, param: str) -> bool:
    if facts.bindings.get(param):
        return False  # rebound: no longer surely the claims
    return any(_refuses(context, facts, load) for load in facts.loads.get(param, ()))


def _refuses(context: FileContext, facts: ScopeFacts, claims: cst.CSTNode) -> bool:
    """`claims` is the container of a presence test that refuses a token carrying the claim."""
    target = facts.parent_of(claims)
    if not (isinstance(target, cst.ComparisonTarget) and target.comparator is claims):
        return False
    comparison = facts.parent_of(target)
    if not isinstance(comparison, cst.Comparison) or len(comparison.comparisons) != 1:
        return False
    if not isinstance(context.evaluator.value(comparison.left, facts), str):
        return False  # the claim must be named by a constant, not computed
    holder = facts.parent_of(comparison)
    if isinstance(target.operator, cst.NotIn):
        # required to be absent: asserted, or a condition handed to a require-style call
        return isinstance(holder, cst.Assert) or (
            isinstance(holder, cst.Arg) and isinstance(facts.parent_of(holder), cst.Call)
        )
    if isinstance(target.operator, cst.In):
        return isinstance(holder, cst.If) and holder.test is comparison and rejects(holder.body)
    return False
