"""nhilint.analysis.branches: how a block ends."""

import libcst as cst
import pytest

from nhilint.analysis.branches import final_statement, rejects


def _body(source: str) -> cst.BaseSuite:
    statement = cst.parse_module(source).body[0]
    assert isinstance(statement, cst.If)
    return statement.body


@pytest.mark.parametrize("source", [
    "if bad:\n    log(x)\n    raise Forbidden()\n",
    "if bad: raise Forbidden()\n",
    "if bad: log(x); return None\n",
    "if bad:\n    return\n",
    "if bad:\n    return False\n",
])
def test_rejecting_blocks(source):
    assert rejects(_body(source))


@pytest.mark.parametrize("source", [
    "if ok:\n    return claims\n",
    "if ok: return claims\n",
    "if bad:\n    for x in y:\n        raise E()\n",
    "if bad: log(x)\n",
])
def test_blocks_that_go_on(source):
    assert not rejects(_body(source))


def test_final_statement_of_a_one_line_block():
    small = final_statement(_body("if bad: log(x); raise E()\n"))
    assert isinstance(small, cst.Raise)
