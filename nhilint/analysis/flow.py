"""Def-use inside one function: which names carry a value derived from some starting point.

`derived_names(facts, seeds={"scope"})` gives every local name assigned from an expression that
reads `scope` (or a name already derived from it), so "does the `scope` parameter reach this
call?" is `mentions(call, derived_names(...))`.
"""

from __future__ import annotations

from typing import Iterable, Optional, Set

import libcst as cst

from nhilint.analysis.scope import ScopeFacts
from nhilint.walk import walk


def mentions(tree: Optional[cst.CSTNode], names: Set[str], nodes: Iterable[cst.CSTNode] = ()) -> bool:
    """Whether `tree` reads one of `names` or contains one of `nodes`."""
    if tree is None:
        return False
    targets = {id(node) for node in nodes}
    found = False

    def visit(node: cst.CSTNode) -> bool:
        nonlocal found
        if id(node) in targets or (isinstance(node, cst.Name) and node.value in names):
            found = True
        return not found

    walk(tree, visit)
    return found


def derived_names(facts: ScopeFacts, seeds: Set[str] = frozenset(), nodes: Iterable[cst.CSTNode] = ()) -> Set[str]:
    """`seeds` plus every name bound, directly or through other names, from them or from `nodes`."""
    nodes = tuple(nodes)
    names = set(seeds)
    changed = True
    while changed:
        changed = False
        for name, bindings in facts.bindings.items():
            if name in names:
                continue
            if any(b.value is not None and mentions(b.value, names, nodes) for b in bindings):
                names.add(name)
                changed = True
    return names
