"""Reaching definitions inside one scope: the bindings of a name that may hold where it is read
(the last one before the read, and the ones before that while the later ones sit in a branch
or loop body the read is not in).

Only the scope's facts are asked (nhilint.analysis.scope): the order of bindings and reads and
each node's parent.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from nhilint.analysis.scope import Binding, ScopeFacts

# Compound statements: a binding under one of these that does not also hold the read may not
# have run, so the bindings before it reach the read too.
_BRANCHES = (cst.If, cst.Else, cst.For, cst.While, cst.Try, cst.ExceptHandler, cst.Finally, cst.Match, cst.IfExp)


def reaching_bindings(facts: ScopeFacts, name: str, read: cst.CSTNode) -> List[Binding]:
    """The bindings of `name` that may hold where `read` is: the last one before it, and
    the ones before that while the later ones sit in a branch the read is not in."""
    order = facts.order_of(read)
    before = [b for b in facts.bindings.get(name, ()) if b.order < order]
    reaching: List[Binding] = []
    for binding in reversed(before):
        reaching.append(binding)
        if not is_conditional(facts, binding, read):
            break
    return reaching


def is_conditional(facts: ScopeFacts, binding: Binding, read: cst.CSTNode) -> bool:
    """Whether the binding sits in a branch or loop body that does not also hold `read`."""
    if binding.at is None:
        return False
    enclosing = set()
    current: Optional[cst.CSTNode] = read
    while current is not None:
        enclosing.add(id(current))
        current = facts.parent_of(current)
    current = facts.parent_of(binding.at)
    while current is not None and id(current) not in enclosing:
        if type(current) in _BRANCHES:  # exact type test: no ABC machinery on a miss
            return True
        current = facts.parent_of(current)
    return False
