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
