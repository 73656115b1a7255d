"""nhilint.walk visits what libcst's own traversal visits, in the same order, minus whitespace."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from pathlib import Path
from typing import List

import libcst as cst
import pytest

from nhilint.walk import walk, walk_batched

ROOT = Path(__file__).resolve().parent.parent

# What the walk leaves out: whitespace, comments and punctuation. Nothing else may be missing.
LEFT_OUT = (
    cst.BaseParenthesizableWhitespace, cst.EmptyLine, cst.TrailingWhitespace, cst.Newline,
    cst.Comment, cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
    cst.LeftCurlyBrace, cst.RightCurlyBrace, cst.Comma, cst.Semicolon, cst.Colon, cst.Dot,
    cst.AssignEqual, cst.BaseBinaryOp, cst.BaseBooleanOp, cst.BaseCompOp, cst.BaseUnaryOp,
    cst.BaseAugOp,
)

EVERY_KIND_OF_STATEMENT = '''\
import os, a.b as c
from . import x
from .m import (y as z, w)
@decorator(arg=1)
async def f(a, /, b: int = 2, *args, c=3, **kw) -> "T":
    global g
    x: int = (yield a)
    y = lambda p, *q, r=1: p + q
    async with open(a) as h, b:
        async for i in h:
            z = [j async for j in i if j]
    try:
        pass
    except* ValueError as e:
        raise
    finally:
        del x
    match y:
        case {"k": v, **rest} if v:
            pass
        case [1, *others] | Point(x=0) as pt:
            pass
    while not a and b or -c:
        b += 1; continue
    else:
        assert a, "message"
    return {**kw, "k": f"{a!r:>{b}}", (t := 1): {1, 2}[0:1:2]}
class C(Base, metaclass=M):
    attr: "List[int]"
    def g(self): return self.attr[0].value(*args, **kw) if self else None
type Alias[T] = list[T]
'''


def libcst_order(module: cst.Module) -> List[cst.CSTNode]:
    seen: List[cst.CSTNode] = []

    class Recorder(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if not isinstance(node, LEFT_OUT):
                seen.append(node)
            return True

    module.visit(Recorder())
    return seen


def walk_order(module: cst.Module) -> List[cst.CSTNode]:
    seen: List[cst.CSTNode] = []
    walk(module, lambda node: seen.append(node) or True)
    return seen


def sources() -> List[str]:
    files = sorted((ROOT / "fixtures").rglob("*.py")) + sorted((ROOT / "nhilint").rglob("*.py"))
    return [EVERY_KIND_OF_STATEMENT] + [path.read_text(encoding="utf-8") for path in files]


@pytest.mark.parametrize("index", range(len(sources())))
def test_same_nodes_in_the_same_order_as_libcst(index):
    module = cst.parse_module(sources()[index])
    expected = libcst_order(module)
    assert [id(node) for node in walk_order(module)] == [id(node) for node in expected]


def test_batched_walk_calls_visit_and_leave_in_visitor_order():
    calls: List[str] = []

    class First:
        def get_visitors(self):
            return {"visit_Name": lambda n: calls.append(f"1 visit {n.value}"),
                    "leave_Call": lambda n: calls.append("1 leave call")}

    class Second:
        def get_visitors(self):
            return {"visit_Name": lambda n: calls.append(f"2 visit {n.value}"),
                    "leave_Call": lambda n: calls.append("2 leave call")}

    walk_batched(cst.parse_module("f(a)\n"), [First(), Second()])
    assert calls == ["1 visit f", "2 visit f", "1 visit a", "2 visit a", "1 leave call", "2 leave call"]


def test_a_pruned_walk_skips_the_subtree():
    module = cst.parse_module("def f():\n    inner = 1\nouter = 2\n")
    names: List[str] = []

    def visit(node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Name):
            names.append(node.value)
        return not isinstance(node, cst.IndentedBlock)

    walk(module, visit)
    assert names == ["f", "outer"]


def test_the_table_is_current_for_the_libcst_it_was_generated_from():
    """A newer libcst may add fields: the order tests above say whether that matters."""
    table = (ROOT / "nhilint" / "child_fields.py").read_text(encoding="utf-8")
    if f"from libcst {importlib.metadata.version('libcst')};" not in table:
        pytest.skip("the table was generated from another libcst version")
    generated = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_child_fields.py")], capture_output=True, text=True, check=True
    ).stdout
    assert generated == table, "run: python scripts/gen_child_fields.py > nhilint/child_fields.py"


def _chain(depth: int) -> cst.Module:
    """`x = a + a + … + a`: libcst nests it `depth` BinaryOperations deep (issue 17 item 4)."""
    expression: cst.BaseExpression = cst.Name("a")
    for _ in range(depth):
        expression = cst.BinaryOperation(left=expression, operator=cst.Add(), right=cst.Name("a"))
    assign = cst.Assign(targets=[cst.AssignTarget(cst.Name("x"))], value=expression)
    return cst.Module(body=[cst.SimpleStatementLine(body=[assign])])


def test_walks_do_not_depend_on_the_recursion_limit():
    """Deep trees real code has (long chains, hundreds of `elif`) are walked at any depth."""
    depth = sys.getrecursionlimit() * 3
    module = _chain(depth)
    events: List[str] = []
    walk(module, lambda node: events.append(type(node).__name__) is None,
         lambda node: events.append("/" + type(node).__name__))
    assert events.count("BinaryOperation") == events.count("/BinaryOperation") == depth
    assert events[:4] == ["Module", "SimpleStatementLine", "Assign", "AssignTarget"]
    assert events[-4:] == ["/BinaryOperation", "/Assign", "/SimpleStatementLine", "/Module"]

    class Counter:
        visits = leaves = 0

        def get_visitors(self):
            return {"visit_BinaryOperation": self.visit, "leave_BinaryOperation": self.leave}

        def visit(self, node):
            Counter.visits += 1

        def leave(self, node):
            assert Counter.leaves < Counter.visits  # a node is left after it is visited
            Counter.leaves += 1

    walk_batched(module, [Counter()])
    assert Counter.visits == Counter.leaves == depth


def test_iterative_walk_keeps_libcst_order_and_pruning_on_a_small_tree():
    module = cst.parse_module("def f(a):\n    return g(a)[0].h\nx = [f(1), {2: 3}]\n")
    order: List[str] = []
    walk(module, lambda node: order.append(type(node).__name__) is None or True,
         lambda node: order.append("/" + type(node).__name__))
    reference: List[str] = []

    class Recorder(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if not isinstance(node, LEFT_OUT):
                reference.append(type(node).__name__)
            return True

        def on_leave(self, node: cst.CSTNode) -> None:
            if not isinstance(node, LEFT_OUT):
                reference.append("/" + type(node).__name__)

    module.visit(Recorder())
    assert order == reference
