"""Go-style result pairs: `data, error = fetch_tokens(...)` from a helper of the module whose
every return that carries an error carries None for the data (`return None, exc`, `return
None, RuntimeError(...)`, `return answer.json(), None`). Logged where the error is known to be
there (`if error is not None: log.info((data, error))`), the data half is None: no token."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, List, Optional, Tuple

import libcst as cst

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow


def none_when_failed(flow: "FunctionFlow", call: cst.Call, name: str,
                     in_branch: Callable[..., bool], in_else: Callable[..., bool]) -> bool:
    """Whether `name` is the data half of such a pair and `call` runs only where its error half
    is set (`in_branch` / `in_else`: nhilint.flow.error_answers', passed in to keep the imports
    one way)."""
    pair = _unpacked_pair(flow, name)
    if pair is None:
        return False
    names, index, returns = pair
    others = [j for j, other in enumerate(names) if other is not None and j != index
              and all(_is_none(ret[index]) for ret in returns if not _is_none(ret[j]))]
    if not others:
        return False
    errors = {names[j] for j in others}
    return in_branch(flow, call, lambda test: _set(test, errors)) or in_else(flow, call, lambda test: _unset(test, errors))


def _unpacked_pair(flow: "FunctionFlow", name: str) -> Optional[Tuple[List[Optional[str]], int, List[List[cst.BaseExpression]]]]:
    """The names `name`'s one binding unpacks together, its place among them, and the elements
    of each return of the module's function that the call runs (every return a tuple of as
    many elements)."""
    bindings = flow.facts.bindings.get(name, ()) if flow.facts.is_local(name) else ()
    if len(bindings) != 1 or bindings[0].unpacked_from is None or not isinstance(bindings[0].at, cst.Assign):
        return None
    source = bindings[0].unpacked_from
    source = source.expression if isinstance(source, cst.Await) else source
    targets = bindings[0].at.targets
    if not isinstance(source, cst.Call) or len(targets) != 1 or not isinstance(targets[0].target, (cst.Tuple, cst.List)):
        return None
    elements = targets[0].target.elements
    names = [e.value.value if isinstance(e.value, cst.Name) else None for e in elements]
    if name not in names:
        return None
    target = flow.module.resolve(flow, source)
    if target is None:
        return None
    returned = flow.module.flow(target[0]).facts.returns
    if not returned or not all(isinstance(r, cst.Tuple) and len(r.elements) == len(names) for r in returned):
        return None
    return names, names.index(name), [[e.value for e in r.elements] for r in returned]  # type: ignore[attr-defined]


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def _set(test: cst.BaseExpression, errors: "set[str]") -> bool:
    """`if error:`, `if error is not None:`."""
    if isinstance(test, cst.Name):
        return test.value in errors
    return isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.left, cst.Name) \
        and test.left.value in errors and isinstance(test.comparisons[0].operator, cst.IsNot) \
        and _is_none(test.comparisons[0].comparator)


def _unset(test: cst.BaseExpression, errors: "set[str]") -> bool:
    """`if not error:`, `if error is None:` (the `else` then has it set)."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return isinstance(test.expression, cst.Name) and test.expression.value in errors
    return isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.left, cst.Name) \
        and test.left.value in errors and isinstance(test.comparisons[0].operator, cst.Is) \
        and _is_none(test.comparisons[0].comparator)
