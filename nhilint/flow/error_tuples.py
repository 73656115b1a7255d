"""Go-style result pairs: `data, error = fetch_tokens(...)` from a helper of the module whose
every return that carries an error carries None for the data (`return None, exc`, `return
None, RuntimeError(...)`, `return answer.json(), None`). Logged where the error is known to be
there (`if error is not None: log.info((data, error))`), the data half is None: no token."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.syntax import absence_subject, is_none, presence_subject

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
              and all(is_none(ret[index]) for ret in returns if not is_none(ret[j]))]
    if not others:
        return False
    errors = {names[j] for j in others}
    return in_branch(flow, call, lambda test: _names(presence_subject(test), errors)) \
        or in_else(flow, call, lambda test: _names(absence_subject(test), errors))


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


def _names(subject: Optional[cst.BaseExpression], errors: "set[str]") -> bool:
    """The tested value is one of the error names (`if err is not None:`, `if err:`; `if err is
    None:`, `if not err:` for an `else`)."""
    return isinstance(subject, cst.Name) and subject.value in errors
