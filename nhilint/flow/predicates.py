"""Functions that answer a question about a kept value: `is_authenticated`, `_token_expires_soon()`.

A cache's slot read only to return a truth value (`return bool(self._token)`, `return
time.time() > int(exp) - 900`) is not handed out by the function reading it: the function that
asks the question decides whether the slot is used or fetched again. For "is an expiry compared
before the token is reused?" (nhilint.flow.store_serving.serving_functions) that function is the
one to judge: `if not self.is_authenticated or self._token_expires_soon(): self._refresh()`.
"""

from __future__ import annotations

from typing import List

import libcst as cst

from nhilint.analysis.imports import dotted_name
from nhilint.flow.module import ModuleFlow
from nhilint.walk import nodes_of

_TRUTH_CALLS = ("bool", "isinstance", "callable", "hasattr", "all", "any")


def asks_a_question(module: ModuleFlow, function: cst.FunctionDef) -> bool:
    """Every `return` of the function gives a truth value (one return at least), or the
    function is declared to (`-> bool`: `return self.api_key or self.access_token` of
    `_has_auth_credentials() -> bool`, whose callers only test it)."""
    returns = module.flow(function).facts.returns
    if not returns:
        return False
    return _declared_bool(function) or all(_truth_value(value) for value in returns)


def _declared_bool(function: cst.FunctionDef) -> bool:
    returns = function.returns
    return returns is not None and isinstance(returns.annotation, cst.Name) and returns.annotation.value == "bool"


def _truth_value(expr: cst.BaseExpression) -> bool:
    if isinstance(expr, cst.Comparison):
        return True
    if isinstance(expr, cst.UnaryOperation):
        return isinstance(expr.operator, cst.Not)
    if isinstance(expr, cst.Name):
        return expr.value in ("True", "False")
    if isinstance(expr, cst.BooleanOperation):
        return _truth_value(expr.left) and _truth_value(expr.right)
    if isinstance(expr, cst.Call):
        return dotted_name(expr.func) in _TRUTH_CALLS
    return False


def askers(module: ModuleFlow, function: cst.FunctionDef) -> List[cst.FunctionDef]:
    """The functions of the module that ask the question: its callers, and for a property the
    methods of its class that read it (`self.is_authenticated`)."""
    found = [caller.scope for caller, _ in module.callers(function)
             if isinstance(caller.scope, cst.FunctionDef) and caller.scope is not function]
    owner = module.flow(function).owner
    if owner is not None and any(dotted_name(d.decorator) == "property" for d in function.decorators):
        name = function.name.value
        for method in module.methods(owner):
            flow = module.flow(method)
            if method is not function and any(
                attribute.attr.value == name and flow.is_self(attribute.value)
                for attribute in nodes_of(method.body, cst.Attribute, nested=True)
            ):
                found.append(method)
    return list(dict.fromkeys(found))
