"""Lines of a module's nodes for its export, without libcst's PositionProvider.

PositionProvider costs about twice the parse (measured on the corpus: 5.0 s against 2.6 s for
300 files), too much for a module read only for what it offers others. A place in an export is
shown beside a finding of another module ("the verifier is in app/auth.py:12"), so a line is
enough: the node's own text (libcst is lossless) is looked for in the source, within the lines
of the function that holds it, which the standard library's parser gives for a tenth of the
cost. A text not found gives the function's first line.
"""

from __future__ import annotations

import ast
import bisect
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import libcst as cst

from nhilint.project.exports import Place


class Places:
    def __init__(self, module: cst.Module, source: str, path: str, functions: Sequence[cst.FunctionDef],
                 kept: Optional[Callable[[], Optional[ast.Module]]] = None) -> None:
        self.module = module
        self.functions = functions  # every function of the module, in source order
        self.source = source
        self.path = path
        self._line_starts: Optional[List[int]] = None
        # Python's tree of `source`, when first needed: the one the project index kept from
        # reading the module's shape, if it still has it (`kept`), else parsed here. The lines
        # the places need are read from it in one go (`_lines`) and the tree is not kept: the
        # index keeps dozens of modules, and their trees were a tenth of a worker's memory.
        self._kept = kept
        self._lines: Optional[_Lines] = None

    def of(self, node: Optional[cst.CSTNode], within: Optional[cst.FunctionDef] = None) -> Place:
        if node is None:
            return Place(self.path, 1)
        first, last = self._span(within)
        starts = self._starts()
        begin = starts[first - 1] if first - 1 < len(starts) else 0
        end = starts[last] if last < len(starts) else len(self.source)
        found = self.source.find(self.module.code_for_node(node).strip(), begin, end)
        if found < 0:
            return Place(self.path, first)
        return Place(self.path, bisect.bisect_right(starts, found))

    def of_constant(self, name: str) -> Place:
        """The line of a module-level assignment to `name` (its last one)."""
        return Place(self.path, self._read().names.get(name, 1))

    def of_attribute(self, cls: str, name: str) -> Place:
        """The line of the last assignment to `name` in the body of module-level class `cls`."""
        return Place(self.path, self._read().attributes.get((cls, name), 1))

    def _span(self, function: Optional[cst.FunctionDef]) -> Tuple[int, int]:
        whole = (1, len(self._starts()))
        if function is None:
            return whole
        return self._read().spans.get(id(function), whole)

    def _starts(self) -> List[int]:
        if self._line_starts is None:
            starts = [0]
            position = self.source.find("\n")
            while position >= 0:
                starts.append(position + 1)
                position = self.source.find("\n", position + 1)
            self._line_starts = starts
        return self._line_starts

    def _read(self) -> "_Lines":
        if self._lines is None:
            tree = self._kept() if self._kept is not None else None
            if tree is None:
                try:
                    tree = ast.parse(self.source)
                except (SyntaxError, ValueError, RecursionError, MemoryError):
                    tree = ast.Module(body=[], type_ignores=[])  # syntax this Python does not know
            self._lines = _lines_of(tree, self.functions)
        return self._lines


class _Lines:
    """The lines of a module the places use, read from Python's tree: the module-level names
    assigned (the last assignment's line), the class-level ones by (class, name) (likewise, in
    the body of any module-level class of that name), and each function's first and last line
    by id of its libcst node. A plain class, as Places."""

    __slots__ = ("names", "attributes", "spans")

    def __init__(self, names: Dict[str, int], attributes: Dict[Tuple[str, str], int],
                 spans: Dict[int, Tuple[int, int]]) -> None:
        self.names = names
        self.attributes = attributes
        self.spans = spans


def _lines_of(tree: ast.Module, functions: Sequence[cst.FunctionDef]) -> _Lines:
    names: Dict[str, int] = {}
    attributes: Dict[Tuple[str, str], int] = {}
    for statement in tree.body:
        targets = statement.targets if isinstance(statement, ast.Assign) else (
            [statement.target] if isinstance(statement, ast.AnnAssign) else []
        )
        for target in targets:
            if isinstance(target, ast.Name):
                names[target.id] = statement.lineno
        if isinstance(statement, ast.ClassDef):
            for inner in statement.body:
                inner_targets = inner.targets if isinstance(inner, ast.Assign) else (
                    [inner.target] if isinstance(inner, ast.AnnAssign) and inner.value is not None else []
                )
                for target in inner_targets:
                    if isinstance(target, ast.Name):
                        attributes[(statement.name, target.id)] = inner.lineno
    spans: Dict[int, Tuple[int, int]] = {}
    theirs = sorted(_definitions(tree), key=lambda node: (node.lineno, node.col_offset))
    if len(functions) == len(theirs):  # the same definitions, in source order
        for mine, other in zip(functions, theirs):
            spans[id(mine)] = (other.lineno, getattr(other, "end_lineno", None) or other.lineno)
    return _Lines(names, attributes, spans)


# The fields of Python's tree that hold statements (a `def` is one): the walk for definitions
# goes through these only, not into expressions (ast.walk of every node cost 18 M instructions
# of the JWT file's check, for the four modules it reads the places of)
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def _definitions(tree: ast.Module) -> List[ast.AST]:
    """Every function and method of the module, nested ones included (in no order)."""
    found: List[ast.AST] = []
    pending: List[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append(node)
        for name in _BLOCKS:
            block = getattr(node, name, None)
            if isinstance(block, list):
                pending.extend(block)
    return found
