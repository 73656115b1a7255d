"""What a function of the module returns at one place, seen from a call: the values it returns
under a key (`tokens = self.get_tokens(...)` then `tokens["id_token"]`, each return a dict
written out) or at a position of a tuple (`url, headers, body = normalise(...)`, also under a
test of a flag unpacked beside it), rather than everything the returned value holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.names import is_token_name
from nhilint.analysis.scope import Binding
from nhilint.flow.labels import NAMED, Labels
from nhilint.flow.reaching import reaching_bindings
from nhilint.project.exports import NO_SUMMARY

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow


def returned_entry(flow: FunctionFlow, container: cst.BaseExpression, key: str) -> Optional[Labels]:
    """`tokens = self.get_tokens(...)` then `tokens["id_token"]` (or `self.get_tokens()["id_token"]`):
    where every return of that function (of the module, or of another module of the project) is
    a dict written out (or a tuple, a literal, for an error), the values it returns under that
    key, not the whole dict's. None where that is not so."""
    if isinstance(container, cst.Call):
        call = container  # `self.stats()["issued_tokens"]`
    else:
        if not isinstance(container, cst.Name) or not flow.facts.is_local(container.value):
            return None
        bindings = reaching_bindings(flow.facts, container.value, container)
        if len(bindings) != 1 or not isinstance(bindings[0].value, cst.Call):
            return None
        call = bindings[0].value

    def entry(_callee: FunctionFlow, returned: cst.BaseExpression) -> Optional[List[cst.BaseExpression]]:
        entries = _written_entries(returned)
        return entries.get(key, []) if entries is not None else None

    found = _from_returns(flow, call, entry)
    if found is not None or not is_token_name(key) or flow.module.resolve(flow, call) is not None:
        return found
    # a function of another module of the project (`stats = bridge.stats()`, the class imported),
    # asked only for a key named for a token (`"issued_tokens"`): its name alone would decide
    exported = flow.module.remote(flow, call)
    entries = exported.summary.get(NO_SUMMARY).returned_entries if exported is not None else None
    if entries is None:
        return None
    return flow.module.remote_labels(flow, exported, call, entries.get(key, ()))  # type: ignore[arg-type]


def returned_entries(callee: FunctionFlow) -> Optional[Dict[str, List[cst.BaseExpression]]]:
    """The values a function returns under each key, where every return is a dict written out
    (or a tuple, a literal, for an error): exported for callers in other modules. None where
    that is not so."""
    out: Dict[str, List[cst.BaseExpression]] = {}
    for returned in callee.facts.returns:
        entries = _written_entries(returned)
        if entries is None:
            return None
        for name, values in entries.items():
            out.setdefault(name, []).extend(values)
    return out if callee.facts.returns else None


def _written_entries(returned: cst.BaseExpression) -> Optional[Dict[str, List[cst.BaseExpression]]]:
    """A returned dict's values by key; {} for an error return; None for anything else."""
    if isinstance(returned, cst.Dict):
        written = [string_literal(e.key) if isinstance(e, cst.DictElement) else None for e in returned.elements]
        if any(name is None for name in written):
            return None  # `{**base, ...}`, a computed key: what else it holds is not written here
        entries: Dict[str, List[cst.BaseExpression]] = {}
        for element, name in zip(returned.elements, written):
            entries.setdefault(name, []).append(element.value)  # type: ignore[arg-type]
        return entries
    error = isinstance(returned, (cst.Tuple, cst.SimpleString, cst.Integer)) or (
        isinstance(returned, cst.Name) and returned.value in ("None", "True", "False"))
    return {} if error else None


def returned_element(flow: FunctionFlow, binding: Binding, name: str, read: cst.CSTNode) -> Optional[Labels]:
    """`url, headers, body = normalise(url, headers, body)` with a function of the module
    whose every `return` is a tuple of that length: `url` holds what the first place of
    each returned tuple holds, not the whole tuple. None where that is not so. Read under
    a test of a flag unpacked beside it (`ok, outcome = get_credentials()`, then `if ok:`
    / `else:`), only the returns whose flag is that literal count: `return False, "login
    failed"` gives the else branch an error text, `return True, token` the token."""
    at, value = binding.at, binding.unpacked_from
    if not isinstance(at, cst.Assign) or len(at.targets) != 1 or not isinstance(at.targets[0].target, (cst.Tuple, cst.List)):
        return None
    elements = at.targets[0].target.elements
    if not all(isinstance(element.value, cst.Name) and not isinstance(element, cst.StarredElement) for element in elements):
        return None
    index = next((i for i, element in enumerate(elements) if element.value.value == name), None)  # type: ignore[attr-defined]
    while isinstance(value, cst.Await):
        value = value.expression
    if index is None or not isinstance(value, cst.Call):
        return None

    flag = _flag_branch(flow, [element.value.value for element in elements], index, read)  # type: ignore[attr-defined]

    def place(callee: FunctionFlow, returned: cst.BaseExpression) -> Optional[List[cst.BaseExpression]]:
        sequence = _returned_sequence(callee, returned)
        if sequence is not None and len(sequence) == len(elements):
            if flag is not None:
                said = sequence[flag[0]]
                if isinstance(said, cst.Name) and said.value in ("True", "False") \
                        and (said.value == "True") != flag[1]:
                    return []  # a return the branch cannot see
            return [sequence[index]]
        return None

    labels = _from_returns(flow, value, place)
    return frozenset(label for label in labels if label.kind != NAMED) if labels is not None else None


def _returned_sequence(callee: FunctionFlow, returned: cst.BaseExpression) -> Optional[List[cst.BaseExpression]]:
    """The places of a returned tuple or list: `return host, secret, camera_id`, `return [...]`,
    or a name bound once to such a literal whose only other writes put a place back in another
    form (`params[3] = str(params[3])`: still that place). None where that is not so."""
    if isinstance(returned, cst.Name) and callee.facts.is_local(returned.value):
        name = returned.value
        bindings = callee.facts.bindings.get(name, [])
        if len(bindings) != 1 or name in callee.facts.mutations or name in callee.facts.item_deletes:
            return None
        if not all(_same_place(name, key, value) for _order, key, value in callee.facts.item_stores.get(name, [])):
            return None
        returned = bindings[0].value  # type: ignore[assignment]
    if not isinstance(returned, (cst.Tuple, cst.List)) or any(
            isinstance(element, cst.StarredElement) for element in returned.elements):
        return None
    return [element.value for element in returned.elements]


def _same_place(name: str, key: cst.BaseExpression, value: cst.BaseExpression) -> bool:
    """`params[3] = str(params[3])` or `parts[0] = parts[0].strip()`: the place rewritten from
    itself alone."""
    if not isinstance(key, cst.Integer):
        return False
    while isinstance(value, cst.Call):
        if isinstance(value.func, cst.Attribute) and not value.args:
            value = value.func.value  # `parts[0].strip()`
        elif isinstance(value.func, cst.Name) and len(value.args) == 1 and not value.args[0].keyword:
            value = value.args[0].value  # `str(params[3])`
        else:
            return False
    return (isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name) and value.value.value == name
            and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index)
            and isinstance(value.slice[0].slice.value, cst.Integer) and value.slice[0].slice.value.value == key.value)


def _flag_branch(flow: FunctionFlow, names: List[str], index: int, read: cst.CSTNode) -> Optional[Tuple[int, bool]]:
    """The place of a flag unpacked beside the read name and the value it has where the read
    is: `if ok:` body (True), its `else` (False), `if not ok:` the reverse."""
    child, current = read, flow.facts.parent_of(read)
    while current is not None and current is not flow.scope:
        if isinstance(current, cst.If) and (child is current.body or child is current.orelse):
            test, value = current.test, child is current.body
            if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
                test, value = test.expression, not value
            if isinstance(test, cst.Name) and test.value in names and names.index(test.value) != index:
                return names.index(test.value), value
        child, current = current, flow.facts.parent_of(current)
    return None


def _from_returns(
    flow: FunctionFlow, call: cst.Call,
    pick: Callable[[FunctionFlow, cst.BaseExpression], Optional[List[cst.BaseExpression]]],
) -> Optional[Labels]:
    """What the parts `pick` chooses of every value a function of the module returns hold,
    seen from `call`; None when the callee is not the module's, calls itself, or returns
    something `pick` cannot read (None from it)."""
    target = flow.module.resolve(flow, call)
    if target is None or target[0] is flow.scope:
        return None
    callee = flow.module.flow(target[0])
    values: List[cst.BaseExpression] = []
    for returned in callee.facts.returns:
        if isinstance(returned, cst.Call):
            again = flow.module.resolve(callee, returned)
            if again is not None and again[0] is target[0]:
                continue  # `return get_credentials(..., reload=False)`: its other returns tell
        part = pick(callee, returned)
        if part is None:
            return None
        values.extend(part)
    if not values:
        return None
    return flow.module.entry_labels(flow, call, target, callee._union(values))
