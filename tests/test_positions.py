"""nhilint.positions gives libcst's PositionProvider ranges and `module.code`, exactly, from one
plain code generation: compared on every node of real files and of sources shaped to trip it
(line endings, a file without a final newline, a BOM, parentheses, semicolons, decorators)."""

from __future__ import annotations

from pathlib import Path
from typing import List

import jwt.api_jwt
import jwt.api_jws
import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from nhilint.positions import locate, located

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


class _Every(cst.CSTVisitor):
    def __init__(self) -> None:
        self.nodes: List[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.nodes.append(node)
        return True


def assert_same_as_libcst(source: bytes) -> None:
    module = cst.parse_module(source)
    every = _Every()
    module.visit(every)
    theirs = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    ours = locate(module, every.nodes)
    assert ours is not None
    assert ours.code == module.code
    for node in every.nodes:
        expected = theirs[node]
        got = ours.spans[id(node)]
        assert (got.start_line, got.start_column, got.end_line, got.end_column) == (
            expected.start.line, expected.start.column, expected.end.line, expected.end.column,
        ), (type(node).__name__, module.code_for_node(node)[:60])


SHAPES = {
    "crlf": b"import jwt\r\n\r\ndef f(t):\r\n    return jwt.decode(\r\n        t, 'k'\r\n    )\r\n",
    "lone cr": b"x = 1\ry = (2 +\r 3)\r",
    "no final newline": b"def f():\n    return (a)  # c",
    "bom": b"\xef\xbb\xbfimport jwt\nx = jwt.decode(t)\n",
    "latin-1 cookie": "# -*- coding: latin-1 -*-\ns = 'caf\u00e9'; t = ((s))\n".encode("latin-1"),
    "empty": b"",
    "only comments": b"# one\n\n# two\n",
    "blank lines at the end": b"x = 1\n\n\n",
    "semicolons and suites": b"if a: b = 1; c = 2\nelse: pass\nwhile x: y()\n",
    "decorators and classes": b"@lru_cache(maxsize=None)\n@other\nclass C(B):\n    '''doc'''\n\n    @property\n    def p(self): return self._p\n",
    "try and with": b"try:\n    with open(f) as g, (h) as i:\n        pass\nexcept* E:\n    raise\nfinally:\n    z\n",
    "continuation and strings": b"x = 'a' \\\n    'b'\ny = f'{x!r:>{w}}' + '''\nmulti\n'''\n",
    "tabs and form feed": b"if x:\n\tif y:\n\t\tz = 1\n\x0c\nw = 2\n",
    "match": b"match p:\n    case {'aud': a, **rest} if a:\n        pass\n    case [1, *_]:\n        pass\n",
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_shapes(name: str) -> None:
    assert_same_as_libcst(SHAPES[name])


@pytest.mark.parametrize("path", [jwt.api_jwt.__file__, jwt.api_jws.__file__], ids=["api_jwt", "api_jws"])
def test_real_library_code(path: str) -> None:
    assert_same_as_libcst(Path(path).read_bytes())


def test_every_fixture() -> None:
    files = sorted(FIXTURES.rglob("*.py"))
    assert len(files) > 50
    for path in files:
        assert_same_as_libcst(path.read_bytes())


def test_tokens_that_split_a_crlf_fall_back_to_libcst() -> None:
    """A "\\r" token then a "\\n" one are two line breaks to PositionProvider and one in the
    text: locate declines rather than guess, and `located` asks PositionProvider. libcst's own
    parse never writes them so; a module built by hand can (here with an empty token between)."""
    module = cst.Module(body=[
        cst.SimpleStatementLine([cst.Expr(cst.Name("x"))],
                                trailing_whitespace=cst.TrailingWhitespace(newline=cst.Newline("\r"))),
        cst.SimpleStatementLine([cst.Expr(cst.Name("y"))],
                                leading_lines=[cst.EmptyLine(indent=False, newline=cst.Newline("\n"))]),
    ])
    y = module.body[1].body[0]
    assert locate(module, [y]) is None
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)[y]
    got = located(module, [y]).spans[id(y)]
    assert (got.start_line, got.start_column) == (expected.start.line, expected.start.column) == (3, 0)


def test_without_libcsts_code_generation_hook_positions_come_from_libcst(monkeypatch) -> None:
    """A libcst that moved its CodegenState: positions are PositionProvider's, the slow way."""
    import nhilint.positions as positions

    source = Path(jwt.api_jwt.__file__).read_text(encoding="utf-8")
    module = cst.parse_module(source)
    nodes = [n for n in module.body[:20]]
    fast = located(module, nodes)
    monkeypatch.setattr(positions, "CodegenState", None)

    def no_hook(*_):  # what `locate` would need is not there
        raise AttributeError("libcst has no CodegenState")

    monkeypatch.setattr(positions, "locate", no_hook)
    slow = positions.located(module, nodes)
    assert slow.code == fast.code == module.code
    assert slow.spans == fast.spans
