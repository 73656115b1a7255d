"""What a branch of code does with the request it handles."""

from __future__ import annotations

from typing import Optional

import libcst as cst


def final_statement(body: cst.BaseSuite) -> Optional[cst.BaseSmallStatement]:
    """The simple statement a block ends with (`return ...`, `raise ...`), also on the line of
    its `if` (`if x: return y`); None when it ends with a compound statement."""
    if isinstance(body, cst.SimpleStatementSuite):
        return body.body[-1] if body.body else None
    last = body.body[-1] if isinstance(body, cst.IndentedBlock) and body.body else None
    return last.body[-1] if isinstance(last, cst.SimpleStatementLine) and last.body else None


def rejects(body: cst.BaseSuite) -> bool:
    """Whether a block ends by turning the request away: a `raise`, or a `return` of nothing,
    None or False (`return claims` there would accept it); also on the line of its `if`
    (`if "refresh" in claims: raise InvalidToken()`)."""
    small = final_statement(body)
    if isinstance(small, cst.Raise):
        return True
    if isinstance(small, cst.Return):
        value = small.value
        return value is None or (isinstance(value, cst.Name) and value.value in ("None", "False"))
    return False
