"""Reaching definitions inside one scope: the bindings of a name that may hold where it is read
(the last one before the read, and the ones before that while the later ones sit in a branch
or loop body the read is not in).

Only the scope's facts are asked (nhilint.analysis.scope): the order of bindings and reads and
each node's parent.
"""

from __future__ import annotations

from typing import Callable, List, Optional

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


def in_a_branch(facts: ScopeFacts, node: cst.CSTNode) -> bool:
    """Whether `node` sits in a branch or a loop body of its scope: it may not run."""
    current = facts.parent_of(node)
    while current is not None and not isinstance(current, (cst.FunctionDef, cst.Module)):
        if type(current) in _BRANCHES:
            return True
        current = facts.parent_of(current)
    return False


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


def assigned_before(facts: ScopeFacts, target: str, read: cst.CSTNode, code: Callable[[cst.CSTNode], str]) -> bool:
    """Whether `target` (an assignment target as written, `self.token`) is assigned on every
    path from the start of the scope to `read`: by a statement before it in its block or an
    enclosing block, an `if` whose every branch assigns it, a `try` whose body (or `else`) and
    every handler assign it; a path that returns or raises first does not reach the read.
    Loops may not run: a loop assigns nothing for sure."""
    current: Optional[cst.CSTNode] = read
    while current is not None and not isinstance(current, cst.FunctionDef):
        parent = facts.parent_of(current)
        if isinstance(parent, (cst.IndentedBlock, cst.Module)):
            for statement in parent.body:
                if statement is current:
                    break
                if _assigns(statement, target, code):
                    return True
        current = parent
    return False


def _assigns(statement: cst.CSTNode, target: str, code: Callable[[cst.CSTNode], str]) -> bool:
    if isinstance(statement, cst.SimpleStatementLine):
        for small in statement.body:
            if isinstance(small, (cst.Return, cst.Raise)):
                return True  # the path ends here
            if isinstance(small, cst.Assign) and any(code(t.target) == target for t in small.targets):
                return True
            if isinstance(small, cst.AnnAssign) and small.value is not None and code(small.target) == target:
                return True
        return False
    if isinstance(statement, cst.If):
        orelse = statement.orelse
        if orelse is None or not _block_assigns(statement.body, target, code):
            return False
        return _block_assigns(orelse.body, target, code) if isinstance(orelse, cst.Else) else _assigns(orelse, target, code)
    if isinstance(statement, cst.Try):
        if statement.finalbody is not None and _block_assigns(statement.finalbody.body, target, code):
            return True
        body = _block_assigns(statement.body, target, code) or (
            statement.orelse is not None and _block_assigns(statement.orelse.body, target, code))
        return body and all(_block_assigns(handler.body, target, code) for handler in statement.handlers)
    if isinstance(statement, cst.With):
        return _block_assigns(statement.body, target, code)
    return False


def _block_assigns(block: cst.BaseSuite, target: str, code: Callable[[cst.CSTNode], str]) -> bool:
    if isinstance(block, cst.SimpleStatementSuite):
        return any(_assigns(cst.SimpleStatementLine(body=[small]), target, code) for small in block.body)
    return any(_assigns(statement, target, code) for statement in block.body)  # type: ignore[attr-defined]
