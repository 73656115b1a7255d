"""Lifetimes a module only compares: a client's estimate of how long the server's token lives.

A constant or attribute named like a token lifetime (`DEFAULT_ACCESS_TOKEN_LIFETIME = 3600 * 4`,
`self.access_token_lifetime = access_token_lifetime`) that its module only ever compares
(`(now - self.last_refreshed).seconds <= self.access_token_lifetime`), in a module that mints
nothing, decides when the client refreshes a token its server issued (tgtg's client): no token
is given that lifetime. Added to a time to make an `exp`, passed to a call or returned, it is a
lifetime (NHL402 judges it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

import libcst as cst

from nhilint.walk import nodes_of, walk

if TYPE_CHECKING:
    from nhilint.context import FileContext

# what a module that mints a token writes: an encoder's call, an `exp` claim
_MINTING = (b"encode(", b"'exp'", b'"exp"', b"create_access_token", b"set_exp(")

# the module's reads: Names by text, attribute reads by attribute name, the ids of the nodes
# inside a comparison, and for a Name that is a parameter's default, the attributes of `self`
# the function keeps that parameter in
_Uses = Tuple[Dict[str, List[cst.Name]], Dict[str, List[cst.Attribute]], Set[int], Dict[int, List[str]]]


def only_compared(context: "FileContext", target: cst.BaseExpression) -> bool:
    """Whether the module constant (`cst.Name`) or attribute (`self.x`) that `target` writes is
    read, once at least, and only inside comparisons; a constant may also be the default of a
    parameter that its function keeps in such an attribute. Not in a module that mints a token."""
    if any(word in context.lowered for word in _MINTING):
        return False
    names, attributes, compared, defaults = _uses(context)
    if isinstance(target, cst.Attribute):
        return _attribute_only_compared(target.attr.value, attributes, compared)
    if not isinstance(target, cst.Name):
        return False
    uses = [node for node in names.get(target.value, []) if node is not target]
    if not uses:
        return False
    for node in uses:
        if id(node) in compared:
            continue
        kept = defaults.get(id(node))
        if not kept or not all(_attribute_only_compared(attr, attributes, compared) for attr in kept):
            return False
    return True


def _attribute_only_compared(attr: str, attributes: Dict[str, List[cst.Attribute]], compared: Set[int]) -> bool:
    uses = attributes.get(attr, [])
    return bool(uses) and all(id(node) in compared for node in uses)


def _uses(context: "FileContext") -> _Uses:
    def compute() -> _Uses:
        names: Dict[str, List[cst.Name]] = {}
        attributes: Dict[str, List[cst.Attribute]] = {}
        compared: Set[int] = set()
        defaults: Dict[int, List[str]] = {}
        written: Set[int] = set()  # attribute and name targets of assignments: no reads
        skipped: Set[int] = set()  # an attribute's own name (`attr` of `self.attr`)

        def visit(node: cst.CSTNode) -> bool:
            kind = type(node)
            if kind is cst.AssignTarget or kind is cst.AnnAssign or kind is cst.AugAssign:
                written.add(id(node.target))  # type: ignore[attr-defined]
            elif kind is cst.Comparison:
                compared.update(id(n) for n in nodes_of(node, cst.Name, nested=True))
                compared.update(id(n) for n in nodes_of(node, cst.Attribute, nested=True))
            elif kind is cst.FunctionDef:
                _kept_defaults(node, defaults)  # type: ignore[arg-type]
            elif kind is cst.Attribute:
                skipped.add(id(node.attr))  # type: ignore[attr-defined]
                if id(node) not in written:
                    attributes.setdefault(node.attr.value, []).append(node)  # type: ignore[attr-defined]
            elif kind is cst.Name and id(node) not in skipped:
                names.setdefault(node.value, []).append(node)  # type: ignore[attr-defined]
            return True

        walk(context.module, visit)
        return names, attributes, compared, defaults

    return context.memo("compared-lifetimes.uses", compute)


def _kept_defaults(function: cst.FunctionDef, defaults: Dict[int, List[str]]) -> None:
    """For each parameter whose default is a plain name: the attributes of the function's first
    parameter (`self`) it is kept in (`self.access_token_lifetime = access_token_lifetime`)."""
    params = function.params.params
    if not params:
        return
    receiver = params[0].name.value
    for param in [*params, *function.params.kwonly_params]:
        default: Optional[cst.BaseExpression] = param.default
        if not isinstance(default, cst.Name):
            continue
        kept = []
        for assign in nodes_of(function.body, cst.Assign, nested=True):
            if isinstance(assign.value, cst.Name) and assign.value.value == param.name.value:
                for target in assign.targets:
                    attribute = target.target
                    if isinstance(attribute, cst.Attribute) and isinstance(attribute.value, cst.Name) \
                            and attribute.value.value == receiver:
                        kept.append(attribute.attr.value)
        defaults[id(default)] = kept
