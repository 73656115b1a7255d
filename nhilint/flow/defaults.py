"""Whether a setting is None unless someone configures it: `expiration=None` as a parameter's
default, kept as `self.expiration` by `__init__`, read as `expiration or self.expiration`.

A feature switched on by such a setting is off by default (pyramid_jwt adds `exp` to the tokens
it mints only when an expiration is configured): what the code does by default is what most
deployments run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow
    from nhilint.flow.module import ModuleFlow

_MAX_STEPS = 4


def none_by_default(module: "ModuleFlow", flow: "FunctionFlow", expr: cst.BaseExpression, steps: int = 0) -> bool:
    """`expr` (a name or `self.attr` read in `flow`) holds None when nothing is passed: every
    value that may reach it is None by default, a parameter's default None at the end."""
    if steps > _MAX_STEPS:
        return False
    if isinstance(expr, cst.Name):
        if expr.value == "None":
            return True
        bindings = flow.reaching(expr.value, expr)
        if not bindings:
            param = flow.param_node(expr.value)
            return param is not None and _is_none(param.default)
        return all(binding.value is not None and _value(module, flow, binding.value, steps + 1) for binding in bindings)
    if isinstance(expr, cst.Attribute) and flow.owner is not None and flow.is_self(expr.value):
        writes = module.attribute_writes(flow.owner, expr.attr.value)
        return bool(writes) and all(
            method is not None and _value(module, module.flow(method), value, steps + 1) for method, value in writes
        )
    return False


def _value(module: "ModuleFlow", flow: "FunctionFlow", value: cst.BaseExpression, steps: int) -> bool:
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        # `expiration or self.expiration`: None when both are
        return _value(module, flow, value.left, steps) and _value(module, flow, value.right, steps)
    return none_by_default(module, flow, value, steps)


def _is_none(expr: object) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"
