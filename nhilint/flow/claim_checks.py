"""Whether the claims a decode returns are checked by its callers.

`decode_campus_jwt(token)` decodes with `verify_exp=False` and returns the claims; every caller
hands them to `verify_campus_jwt(payload)`, which compares `payload["exp"]` with the clock. The
check the decode switched off is made, one function up: a reviewer reads the pair as one
verification. The decode's result must reach its callers as is (returned), every call of the
function in the module must read the claim (`claims["exp"]`, `claims.get("exp")`) or hand the
claims to a function of the module that reads it of its parameter, and there must be such a call:
a function nobody in the module calls could be called from anywhere, so it stays reported,
unless the other modules of the project call it, and every call there reads the claim as well.

The decoding function may also make the check itself, through a helper: `data = jwt.decode(...,
verify_exp=False)`, then `self._validate(data)` on every path, whose `now > data["exp"]` raises.
There the helper must compare the claim and act on the comparison (an `if`, an assertion, an
argument of a `require_condition(...)`, or a return its caller uses): reading `exp`, or asking
that it is there, checks nothing.

And whether a module's verifier reads the `iat` of what it verified (NHL401's per-request
tokens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, FrozenSet, List, Optional, Set, Tuple

import libcst as cst

from nhilint.analysis.jwt_calls import jwt_call, result_uses, skip_await
from nhilint.analysis.syntax import bound_name
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
    if callers:
        return all(_reads(context, caller, call, claim) for caller, call in callers)
    # nobody in the module calls it: the calls the other modules of the project make, every one
    # (one at least); asked on the way to a finding only
    from nhilint.flow.callers_elsewhere import every_call_elsewhere

    return every_call_elsewhere(module.flow(function), f"claim-read:{claim}",
                                lambda caller, call: _reads(caller.context, caller, call, claim))


def _reads(context: "FileContext", caller: "FunctionFlow", call: cst.Call, claim: str) -> bool:
    uses = result_uses(context, call, caller.facts)
    if claim in uses.keys_read:
        return True
    # `verify_campus_jwt(payload)` with `payload = decode_campus_jwt(...)`
    name = _assigned_name(caller.facts, call)
    if name is None:
        return False
    assignment = caller.facts.parent_of(skip_await(call, caller.facts)[0])
    for load in caller.facts.loads_after(name, caller.facts.order_of(assignment)):
        helper_call = _argument_of(caller.facts, load)
        if helper_call is not None and _handed_to_checker(context, caller, helper_call, load, claim, compared=False):
            return True
    return False


def checked_by_helper(jc: "JwtCall", claim: str) -> bool:
    """The function holding the decode hands the claims, on every path, to a function of the
    module that compares `claim` of its parameter (`data = jwt.decode(..., verify_exp=False)`
    then `self._validate(data)`, whose `now > data["exp"]` raises): the check the decode
    switched off is made by the function's own helper, as a reviewer reads the pair."""
    found = _reads_after_decode(jc)
    if found is None:
        return False
    flow, assignment, loads = found
    for load in loads:
        helper_call = _argument_of(flow.facts, load)
        if helper_call is None or under_other_branch(flow.facts, helper_call, assignment):
            continue  # `if strict: self._validate(data)`: some paths skip the check
        if _handed_to_checker(jc.context, flow, helper_call, load, claim, compared=True):
            return True
    return False


def checked_in_function(jc: "JwtCall", claim: str) -> bool:
    """The function holding the decode compares `claim` of the claims itself, after the decode
    and on its path (`exp = claims.get("exp")`, then `if now >= exp: raise TokenRejected(...)`):
    the check the decode switched off is made by hand, against the code's own clock."""
    from nhilint.verification.claims_validation import compared_claim  # asked on the way to a finding only

    found = _reads_after_decode(jc)
    if found is None:
        return False
    flow, assignment, loads = found
    return any(not under_other_branch(flow.facts, load, assignment) and compared_claim(flow, load, claim)
               for load in loads)


def _reads_after_decode(jc: "JwtCall") -> "Optional[Tuple[FunctionFlow, cst.CSTNode, List[cst.Name]]]":
    """The decode's function, the assignment of its result (`claims = jwt.decode(...)`) and the
    reads of that name after it; None for a decode not so bound in a function."""
    function = jc.facts.node
    if not isinstance(function, cst.FunctionDef):
        return None
    flow = module_flow(jc.context).flow(function)
    facts = flow.facts
    name = _assigned_name(facts, jc.call)
    if name is None:
        return None
    assignment = facts.parent_of(skip_await(jc.call, facts)[0])
    if assignment is None:
        return None
    return flow, assignment, list(facts.loads_after(name, facts.order_of(assignment)))


def _assigned_name(facts: "ScopeFacts", call: cst.Call) -> Optional[str]:
    """`name = <call>` (also `name = await <call>`, `name: dict = <call>`): the name."""
    node, parent = skip_await(call, facts)
    return bound_name(parent, node)


def _argument_of(facts: "ScopeFacts", load: cst.Name) -> Optional[cst.Call]:
    """The call `load` is an argument of (`self._validate(data)`), if it is one."""
    arg = facts.parent_of(load)
    call = facts.parent_of(arg) if isinstance(arg, cst.Arg) else None
    return call if isinstance(call, cst.Call) else None


def _handed_to_checker(context: "FileContext", flow: "FunctionFlow", helper_call: cst.Call, load: cst.Name,
                       claim: str, compared: bool) -> bool:
    """`helper_call` runs a function of the module whose parameter `load` is bound to has its
    `claim` read (and, with `compared`, compared: `now > data["exp"]`)."""
    module = flow.module
    target = module.resolve(flow, helper_call)
    if target is None or target[0] is flow.scope:
        return False
    bound = bind_target(target, helper_call.args)
    param = next((p for p, value in bound.items() if value is load), None)
    if param is None:
        return False
    # `self._validate(data)` as a statement: the helper must act on the comparison itself
    result_used = not isinstance(skip_await(helper_call, flow.facts)[1], cst.Expr)
    return _param_claim_read(module.flow(target[0]).facts, param, claim, context, compared, result_used)


# Nodes under which a statement may not run: a branch, a loop body, a handler, a short circuit.
_BRANCHING = (cst.If, cst.Else, cst.For, cst.While, cst.ExceptHandler, cst.IfExp, cst.BooleanOperation)


def under_other_branch(facts: "ScopeFacts", node: cst.CSTNode, anchor: Optional[cst.CSTNode]) -> bool:
    """Whether `node` sits under a branch that does not also hold `anchor` (for NHL103, the
    decode's assignment): when `anchor` runs, `node` may not have. The test of an `if` /
    `while` always runs: `if not self._validate(data):`."""
    enclosing = set()
    current: Optional[cst.CSTNode] = anchor
    while current is not None:
        enclosing.add(id(current))
        current = facts.parent_of(current)
    child: cst.CSTNode = node
    parent = facts.parent_of(child)
    while parent is not None and id(parent) not in enclosing:
        runs_always = isinstance(parent, (cst.If, cst.While)) and parent.test is child
        if isinstance(parent, _BRANCHING) and not runs_always:
            return True
        child, parent = parent, facts.parent_of(parent)
    return False


def _param_claim_read(facts: "ScopeFacts", param: str, claim: str, context: "FileContext",
                      compared: bool = False, result_used: bool = True) -> bool:
    """`payload["exp"]` or `payload.get("exp")` of the parameter `param`, never rebound; with
    `compared`, the read stands in a comparison that decides something (`if now > payload["exp"]:`,
    or returned to a caller that uses it, as `result_used` says), itself or through the
    name it is assigned to (`exp = payload["exp"]`, then `if exp < now:`)."""
    if facts.bindings.get(param):
        return False
    for load in facts.loads.get(param, ()):
        parent = facts.parent_of(load)
        key: Optional[cst.BaseExpression] = None
        read: Optional[cst.CSTNode] = None
        if isinstance(parent, cst.Subscript) and parent.value is load and len(parent.slice) == 1:
            index = parent.slice[0].slice
            key = index.value if isinstance(index, cst.Index) else None
            read = parent
        elif isinstance(parent, cst.Attribute) and parent.attr.value == "get":
            call = facts.parent_of(parent)
            if isinstance(call, cst.Call) and call.args:
                key = call.args[0].value
                read = call
        if key is None or read is None or context.evaluator.value(key, facts) != claim:
            continue
        if not compared or _in_comparison(facts, read, result_used):
            return True
    return False


def _in_comparison(facts: "ScopeFacts", read: cst.CSTNode, result_used: bool) -> bool:
    """`now > data["exp"]`, `datetime.fromtimestamp(data["exp"]) < now`, or the read assigned to
    a name that is compared so. `"exp" in data` is not (it only asks that the claim is there)."""
    if _compared_here(facts, read, result_used):
        return True
    parent = facts.parent_of(read)
    name = bound_name(parent, read)
    if name is not None:
        return any(_compared_here(facts, load, result_used) for load in facts.loads_after(name, facts.order_of(parent)))
    return False


def _compared_here(facts: "ScopeFacts", node: cst.CSTNode, result_used: bool) -> bool:
    """An ordering comparison holds `node`, within its statement, and decides something."""
    current = facts.parent_of(node)
    while current is not None and not isinstance(current, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
        if isinstance(current, cst.Comparison) and any(
                isinstance(target.operator, (cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual))
                for target in current.comparisons):
            return _decides(facts, current, result_used)
        current = facts.parent_of(current)
    return False


def _decides(facts: "ScopeFacts", comparison: cst.Comparison, result_used: bool) -> bool:
    """The comparison's outcome is acted on: the test of an `if` / `while`, an `assert`, an
    argument (`ExpiredError.require_condition(now <= data["exp"], ...)`), or returned to a
    caller that uses the helper's result. `return claims["exp"] > now` from a helper whose
    result the decoding function drops checks nothing."""
    node: cst.CSTNode = comparison
    parent = facts.parent_of(node)
    while isinstance(parent, (cst.UnaryOperation, cst.BooleanOperation)):
        node, parent = parent, facts.parent_of(parent)
    if isinstance(parent, (cst.If, cst.While)) and parent.test is node:
        return True
    if isinstance(parent, (cst.Assert, cst.Arg)):
        return True
    return isinstance(parent, cst.Return) and result_used


def claims_read_after_verifying(context: "FileContext") -> FrozenSet[str]:
    """The claims read from what the module's decodes that verify the signature return (`if
    now > claims["iat"] + 30`, `claims["exp_date"] > now`): the checks the module's own
    verifier makes beyond the library's."""
    def compute() -> FrozenSet[str]:
        found: Set[str] = set()
        module = module_flow(context)
        for scope in [context.module, *module.every_function()]:
            flow = module.flow(scope)
            for call in flow.facts.own_calls:
                jc = jwt_call(context, call, flow.facts)
                if jc is None or jc.api.role not in VERIFYING_ROLES or jc.unverified_reason is not None:
                    continue
                found |= set(result_uses(context, call, flow.facts).keys_read)
        return frozenset(found)
    return context.memo("flow-claims-read-after-verifying", compute)
