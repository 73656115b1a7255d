"""Whether a setting is None unless someone configures it: `expiration=None` as a parameter's
default, kept as `self.expiration` by `__init__`, read as `expiration or self.expiration`.

A feature switched on by such a setting is off by default (pyramid_jwt adds `exp` to the tokens
it mints only when an expiration is configured): what the code does by default is what most
deployments run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst
from nhilint.analysis.syntax import is_none

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow
    from nhilint.flow.module import ModuleFlow

_MAX_STEPS = 4


def none_by_default(module: "ModuleFlow", flow: "FunctionFlow", expr: cst.BaseExpression, steps: int = 0) -> bool:
    """`expr` (a name or `self.attr` read in `flow`) holds None when nothing is passed: every
    value of a name that may reach it is None by default, a parameter's default None at the
    end; for `self.attr`, what the constructor leaves in it."""
    if steps > _MAX_STEPS:
        return False
    if isinstance(expr, cst.Name):
        if expr.value == "None":
            return True
        bindings = flow.reaching(expr.value, expr)
        if not bindings:
            param = flow.param_node(expr.value)
            return param is not None and is_none(param.default)
        return all(binding.value is not None and _value(module, flow, binding.value, steps + 1) for binding in bindings)
    if isinstance(expr, cst.Attribute) and flow.owner is not None and flow.is_self(expr.value):
        # what the constructor leaves there: its last write, or, when that sits in a branch
        # (`if expiration: self.expiration = ... else: self.expiration = None`), any of them
        writes = [(method, value) for method, value in module.attribute_writes(flow.owner, expr.attr.value)
                  if method is not None and method.name.value == "__init__"]
        if not writes:
            return False
        method, last = writes[-1]
        if not _in_branch(module.flow(method), last):
            writes = [(method, last)]
        return any(_value(module, module.flow(method), value, steps + 1) for method, value in writes)
    return False


def _in_branch(flow: "FunctionFlow", node: cst.CSTNode) -> bool:
    current = flow.facts.parent_of(node)
    while current is not None and current is not flow.scope:
        if isinstance(current, (cst.If, cst.Else, cst.Try, cst.For, cst.While)):
            return True
        current = flow.facts.parent_of(current)
    return False


def _value(module: "ModuleFlow", flow: "FunctionFlow", value: cst.BaseExpression, steps: int) -> bool:
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        # `expiration or self.expiration`: None when both are
        return _value(module, flow, value.left, steps) and _value(module, flow, value.right, steps)
    return none_by_default(module, flow, value, steps)


