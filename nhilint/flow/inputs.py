"""The inputs an expression of one scope depends on: `param:NAME` (a parameter), `self:ATTR` (an
attribute of the instance), `global:NAME` (a module global), through the bindings that reach a
read, what a local object was fed (`digest.update(part)`), the module's own functions (their
summaries) and the requests sent through an HTTP client.

The flow memoises each answer (FunctionFlow.deps); this computes one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, FrozenSet, Set

import libcst as cst

from nhilint.analysis.scope import Binding
from nhilint.catalogue.http import HTTP_KEYWORDS, HTTP_METHODS
from nhilint.flow.reaching import reaching_bindings
from nhilint.walk import children

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

_SENDING_METHODS = HTTP_METHODS - {"get"}  # a bare `.get(key)` is a mapping's: tested apart below


def compute_deps(flow: FunctionFlow, expr: cst.CSTNode) -> Set[str]:
    kind = type(expr)
    if kind is cst.Name:
        name = expr.value  # type: ignore[attr-defined]
        facts = flow.facts
        if name in flow._params and name != flow._self_name:
            out = {f"param:{name}"}
            for binding in reaching_bindings(facts, name, expr):
                out |= _binding_deps(flow, binding)
            return out
        if facts.is_local(name) and name not in facts.globals:
            out = set()
            for binding in reaching_bindings(facts, name, expr):
                out |= _binding_deps(flow, binding)
            for fed in flow._fed(name):  # `digest.update(part)`: what the object was fed
                out |= flow.deps(fed)
            return out
        if name in flow.context.module_names and name not in flow.context.module_functions:
            return {f"global:{name}"}
        return set()
    if kind is cst.Attribute:
        if flow.is_self(expr.value):  # type: ignore[attr-defined]
            return {f"self:{expr.attr.value}"}  # type: ignore[attr-defined]
        return set(flow.deps(expr.value))  # type: ignore[attr-defined]
    if kind is cst.Lambda:
        return set(flow.deps(expr.body))  # type: ignore[attr-defined]
    if kind is cst.Call:
        through = flow.module.call_inputs(flow, expr)  # type: ignore[arg-type]
        if through is not None:
            return set(through)
        if _transport_call(expr):  # type: ignore[arg-type]
            # `client.request(method="POST", url=..., post_params=...)`: the answer is chosen
            # by what is sent, not by the HTTP client it is sent through
            out = set()
            for arg in expr.args:  # type: ignore[attr-defined]
                out |= flow.deps(arg.value)
            return out
    out: Set[str] = set()
    for child in children(expr):
        if isinstance(child, (cst.FunctionDef, cst.ClassDef)):
            continue
        out |= flow.deps(child)
    return out


def _binding_deps(flow: FunctionFlow, binding: Binding) -> FrozenSet[str]:
    if binding.value is not None:
        return flow.deps(binding.value)
    if binding.unpacked_from is not None:
        return flow.deps(binding.unpacked_from)
    if isinstance(binding.at, (cst.For, cst.CompFor)):
        return flow.deps(binding.at.iter)
    return frozenset()


def _transport_call(call: cst.Call) -> bool:
    """A request sent through an HTTP client object: `session.post(url, data=...)`,
    `client.request(method=..., url=...)`, `http.get(url, params=...)` (a `get` with an HTTP
    keyword; a bare `.get(key)` is a mapping's)."""
    func = call.func
    if type(func) is not cst.Attribute or not call.args:
        return False
    leaf = func.attr.value  # type: ignore[attr-defined]
    if leaf in _SENDING_METHODS:
        return True
    return leaf == "get" and any(arg.keyword is not None and arg.keyword.value in HTTP_KEYWORDS for arg in call.args)

