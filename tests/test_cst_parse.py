"""nhilint.cst_parse: libcst's parse without its per-node check gives libcst's tree, and leaves
the check on for every node created outside a parse, a failed parse included."""

from pathlib import Path

import libcst as cst
import pytest

from nhilint.cst_parse import parse_module

SOURCES = sorted((Path(__file__).resolve().parent.parent / "nhilint" / "flow").glob("*.py"))


@pytest.mark.parametrize("path", SOURCES[:6], ids=lambda path: path.name)
def test_the_tree_is_libcsts(path):
    source = path.read_bytes()
    ours, theirs = parse_module(source), cst.parse_module(source)
    assert ours.code == theirs.code
    assert ours.deep_equals(theirs)


def test_nodes_made_by_hand_are_still_checked():
    parse_module("x = 1\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("two words")


def test_the_check_comes_back_after_a_failed_parse():
    with pytest.raises(cst.ParserSyntaxError):
        parse_module("def (:\n")
    with pytest.raises(cst.CSTValidationError):
        cst.Name("two words")


# a block indented with 10 spaces, one line of it with 7 spaces, a tab and 2 spaces: column 10
# for Python (a tab goes to the next multiple of 8), a dedent without its block for libcst
MIXED = (
    "def save(token, seen):\n"
    "    if token:\n"
    "          seen.add(1)\n"
    "       \t  if token not in seen:\n"
    "       \t    seen.add(token)\n"
    "          return True\n"
    "    return False\n"
)


@pytest.mark.parametrize("source", [MIXED, MIXED.encode()], ids=["str", "bytes"])
def test_tabs_python_accepts_are_read_as_python_reads_them(source):
    with pytest.raises(cst.ParserSyntaxError):
        cst.parse_module(source)  # libcst alone refuses it
    module = parse_module(source)
    assert module.code.splitlines()[3] == "          if token not in seen:"
    inner = module.body[0].body.body[0].body.body
    assert [type(statement).__name__ for statement in inner] == ["SimpleStatementLine", "If", "SimpleStatementLine"]


def test_tabs_python_refuses_stay_an_error():
    # a tab where Python cannot tell the indentation (TabError): not guessed at
    with pytest.raises(cst.ParserSyntaxError):
        parse_module("if True:\n        x = 1\n\ty = 2\n")
