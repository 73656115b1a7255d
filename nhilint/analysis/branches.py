"""What a branch of code does with the request it handles."""

from __future__ import annotations

import libcst as cst


def rejects(body: cst.BaseSuite) -> bool:
    """Whether a block ends by turning the request away: a `raise`, or a `return` of nothing,
    None or False (`return claims` there would accept it)."""
    statements = body.body if isinstance(body, cst.IndentedBlock) else ()
    last = statements[-1] if statements else None
    small = last.body[-1] if isinstance(last, cst.SimpleStatementLine) and last.body else None
    if isinstance(small, cst.Raise):
        return True
    if isinstance(small, cst.Return):
        value = small.value
        return value is None or (isinstance(value, cst.Name) and value.value in ("None", "False"))
    return False
