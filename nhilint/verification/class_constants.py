"""Algorithms named by a class constant: `algorithms=[cls.ALGORITHM]` in a method of a class
whose body says `ALGORITHM = "HS256"` (an SDK's token class: twilio's `Jwt`). The value is the
class body's, when the class itself never assigns the attribute elsewhere (`self.ALGORITHM = ...`
in a method); a subclass in another module may still override it, which is why only the
algorithm family is read from it, never a finding's reason."""

from __future__ import annotations

from typing import Any, Optional

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall
from nhilint.analysis.values import UNKNOWN
from nhilint.walk import nodes_of


def algorithms_value(jc: JwtCall) -> Any:
    """The call's algorithms, with `cls.X` / `self.X` elements read from the enclosing class."""
    value = jc.value(jc.api.algorithms)
    arg = jc.args.get(jc.api.algorithms or "")
    if value is not UNKNOWN and not (isinstance(value, tuple) and UNKNOWN in value):
        return value
    owner = jc.context.enclosing_class()
    if owner is None or not isinstance(arg, (cst.List, cst.Tuple)):
        return value
    items = []
    for element in arg.elements:
        found = _class_constant(jc, owner, element.value)
        items.append(found if found is not None else jc.context.evaluator.value(element.value, jc.facts))
    return tuple(items)


def _class_constant(jc: JwtCall, owner: cst.ClassDef, expr: cst.BaseExpression) -> Optional[str]:
    if not (isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value in ("cls", "self")):
        return None
    name = expr.attr.value
    if any(
        isinstance(target.target, cst.Attribute) and target.target.attr.value == name
        and isinstance(target.target.value, cst.Name) and target.target.value.value in ("self", "cls")
        for assign in nodes_of(owner, cst.Assign) for target in assign.targets
    ):
        return None  # set per instance: not a constant
    for line in owner.body.body:
        if not isinstance(line, cst.SimpleStatementLine):
            continue
        for statement in line.body:
            if (
                isinstance(statement, cst.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0].target, cst.Name) and statement.targets[0].target.value == name
            ):
                value = jc.context.evaluator.value(statement.value, None)
                return value if isinstance(value, str) else None
    return None
