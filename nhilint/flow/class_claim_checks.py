"""Whether a class compares a claim its decode keeps on the instance, and its users ask it.

`Token.decode()` switches PyJWT's expiry check off and keeps `self.exp = claims["exp"]`; the
class's `expired()` compares `self.exp` with the clock, and the code that lets people in asks
`if not token.valid() or token.expired(): return`. The check the decode switched off is the
class's own method, called by its users (NHL103). A class whose comparing method nobody in
the module calls, or that compares nothing with the clock, leaves the claim unchecked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.jwt_calls import skip_await
from nhilint.analysis.syntax import bound_name
from nhilint.analysis.values import field_read
from nhilint.flow import module_flow
from nhilint.walk import nodes_of

if TYPE_CHECKING:
    from nhilint.analysis.jwt_calls import JwtCall
    from nhilint.flow.module import ModuleFlow

# calls that read the clock
_CLOCK = ("time", "now", "utcnow", "timestamp", "monotonic")


def checked_by_class(jc: "JwtCall", claim: str) -> bool:
    function = jc.facts.node
    if not isinstance(function, cst.FunctionDef):
        return False
    module = module_flow(jc.context)
    flow = module.flow(function)
    owner = flow.owner
    node, parent = skip_await(jc.call, flow.facts)
    claims = bound_name(parent, node)
    if claims is None and isinstance(parent, cst.Assign) and len(parent.targets) == 1:
        claims = dotted_name(parent.targets[0].target)  # `self.jwt_data = jwt.decode(...)`
    if owner is None or claims is None:
        return False
    kept = _kept_claim(flow, claims, claim)
    if kept is None:
        return False
    methods = [m for cls in module.lineage(owner) for m in cls.body.body
               if isinstance(m, cst.FunctionDef) and _compares_with_clock(m, kept)]
    return any(_asked_elsewhere(module, method, owner) for method in methods)


def _kept_claim(flow, claims: str, claim: str) -> Optional[str]:  # type: ignore[no-untyped-def]
    """`self.exp = claims["exp"]` (or `claims.get(EXP)`, a constant's key too) in the decoding
    method: `exp`."""
    for assign in nodes_of(flow.scope, cst.Assign):
        if len(assign.targets) != 1:
            continue
        target, value = assign.targets[0].target, assign.value
        if not (isinstance(target, cst.Attribute) and flow.is_self(target.value)):
            continue
        holder = value.value if isinstance(value, cst.Subscript) else (
            value.func.value if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) else None)
        if holder is not None and dotted_name(holder) == claims \
                and field_read(flow.context, value, flow.facts) == claim:
            return target.attr.value
    return None


def _compares_with_clock(method: cst.FunctionDef, attribute: str) -> bool:
    """A method comparing `self.<attribute>` with the clock (`now().timestamp() > self.exp`)."""
    for comparison in nodes_of(method, cst.Comparison):
        sides = [comparison.left, *(c.comparator for c in comparison.comparisons)]
        reads_kept = any(dotted_name(side) == f"self.{attribute}" for side in sides)
        reads_clock = any(leaf_name(call) in _CLOCK for side in sides for call in nodes_of(side, cst.Call))
        if reads_kept and reads_clock:
            return True
    return False


def _asked_elsewhere(module: "ModuleFlow", method: cst.FunctionDef, owner: cst.ClassDef) -> bool:
    """The module calls the method outside the class, in a test it acts on (`if token.expired():`)."""
    name = method.name.value
    for function in module.every_function():
        if module.owner_of(function) is owner:
            continue
        flow = module.flow(function)
        for test in nodes_of(function, cst.If):
            for call in nodes_of(test.test, cst.Call):
                if leaf_name(call) == name:
                    target = module.resolve(flow, call)  # `token.expired()` of `token = Token(...)`
                    if target is not None and target[0] is method:
                        return True
    return False
