"""NHL900 for a syntax error points where CPython's parser does, not where libcst gives up."""

from __future__ import annotations

import pytest

from tests.helpers import findings


@pytest.mark.parametrize(
    "source, line, column",
    [
        ("import jwt\ndef broken(:\n    pass\n", 2, 12),
        ("import jwt\nx = (1,\n", 2, 5),
        ("import jwt\nx = 1 +\ny = 2\n", 2, 8),
    ],
)
def test_syntax_error_position(source, line, column):
    (found,) = findings(source)
    assert found.code == "NHL900"
    assert (found.start.line, found.start.column) == (line, column)
    assert found.message.startswith("file not analysed: syntax error: ")
