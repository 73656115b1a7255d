"""The module's text and the positions of a few nodes, from one code generation.

libcst's PositionProvider generates the module's code once and, for every token, works out the
line and column reached (a regex split per token) and stores a range for every node; resolving
it through a MetadataWrapper adds an empty batched visit of the whole tree. A file with findings
needs the ranges of a handful of nodes and the text (for suppression comments and code frames),
which took a second full code generation (`module.code`). Here one plain code generation gives
both: it notes, by token count, where the nodes asked for (and the nodes inside them, whose
ranges theirs can borrow) start and end, and only those become lines and columns.

The ranges are PositionProvider's, exactly (tests compare them on every node of real files):
its rules are kept as they are: a node's range is its syntactic one (without the parentheses
and whitespace around it) where its code generation records one, else the whitespace-inclusive
one; a syntactic range may borrow its start or end from a child's (`start_node`, `end_node`);
lines break at "\\r\\n", "\\r" and "\\n", and a column counts characters.
"""

from __future__ import annotations

import bisect
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Dict, FrozenSet, Iterable, Iterator, List, Optional, Tuple

import libcst as cst

try:
    from libcst._nodes.internal import CodegenState  # the hook libcst's own providers use
except ImportError:  # pragma: no cover - a libcst that moved it: PositionProvider, the slow way
    CodegenState = None  # type: ignore[assignment,misc]

from nhilint.patterns import compiled_on_first_use

_NEWLINE = compiled_on_first_use(r"\r\n?|\n")  # PositionProvider's


@dataclass(frozen=True)
class Span:
    """1-based lines, 0-based columns, as libcst's CodeRange."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


@dataclass
class _RecordingState(CodegenState or object):  # type: ignore[misc]
    """A plain code generation that notes where some nodes start and end (as token counts).

    Inside a wanted node every node is noted, since the wanted node's range may be borrowed
    from a child's; elsewhere a node costs one membership test."""

    wanted: FrozenSet[int] = frozenset()  # ids of the nodes asked for
    depth: int = 0  # > 0 inside a wanted node
    opened: Dict[int, int] = field(default_factory=dict)  # id(node) -> token count at its start
    ranges: Dict[int, Tuple[int, int]] = field(default_factory=dict)  # id(node) -> token counts
    popped_newline: bool = False

    def before_codegen(self, node: cst.CSTNode) -> None:
        if self.depth or id(node) in self.wanted:
            self.depth += 1
            self.opened[id(node)] = len(self.tokens)

    def after_codegen(self, node: cst.CSTNode) -> None:
        if self.depth:
            start = self.opened.pop(id(node), None)
            if start is not None:
                self.depth -= 1
                # a syntactic range recorded during the node's generation stays
                self.ranges.setdefault(id(node), (start, len(self.tokens)))

    @contextmanager
    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: Optional[cst.CSTNode] = None,
        end_node: Optional[cst.CSTNode] = None,
    ) -> Iterator[None]:
        if not self.depth:
            yield
            return
        start = len(self.tokens)
        yield
        end = len(self.tokens)
        if start_node is not None:
            start = self.ranges[id(start_node)][0]
        if end_node is not None:
            end = self.ranges[id(end_node)][1]
        self.ranges[id(node)] = (start, end)

    def pop_trailing_newline(self) -> None:
        # PositionProvider counts the newline libcst added to parse a file without one (the
        # module's own range ends after it): it is left out of the text only
        self.popped_newline = bool(self.tokens)


class Located:
    """The module's text, as `module.code`, and id(node) -> its range, for the nodes asked for.
    A plain class: never compared or hashed, and a dataclass costs about 3 M instructions to
    create at every start."""

    __slots__ = ("code", "spans")

    def __init__(self, code: str, spans: Dict[int, Span]) -> None:
        self.code = code
        self.spans = spans


def locate(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> Optional[Located]:
    """The module's text and the ranges of `nodes`; None where tokens cut a "\\r\\n" in two,
    which PositionProvider would count as two line breaks and this as one (never seen from
    libcst's own code generation, but then the caller asks PositionProvider)."""
    asked = list(nodes)
    state = _RecordingState(
        default_indent=module.default_indent,
        default_newline=module.default_newline,
        wanted=frozenset(id(node) for node in asked),
    )
    module._codegen(state)
    tokens = state.tokens
    whole = "".join(tokens)
    if "\r" in whole and _splits_a_crlf(tokens):
        return None
    offsets = [0, *accumulate(map(len, tokens))]
    line_starts = [0, *(match.end() for match in _NEWLINE.finditer(whole))]

    def place(count: int) -> Tuple[int, int]:
        offset = offsets[count]
        line = bisect.bisect_right(line_starts, offset)
        return line, offset - line_starts[line - 1]

    spans = {}
    for node in asked:
        start, end = state.ranges[id(node)]
        spans[id(node)] = Span(*place(start), *place(end))
    code = whole[: len(whole) - len(tokens[-1])] if state.popped_newline else whole
    return Located(code, spans)


def _splits_a_crlf(tokens: List[str]) -> bool:
    written = [token for token in tokens if token]  # an empty token sits between two others
    return any(a.endswith("\r") and b.startswith("\n") for a, b in zip(written, written[1:]))


def spans_from_libcst(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> Located:
    """PositionProvider's ranges and `module.code`: the slow way, for what `locate` declines."""
    from libcst.metadata import MetadataWrapper, PositionProvider

    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    spans = {}
    for node in nodes:
        found = positions[node]
        spans[id(node)] = Span(found.start.line, found.start.column, found.end.line, found.end.column)
    return Located(module.code, spans)


def located(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> Located:
    asked: List[cst.CSTNode] = list(nodes)
    if CodegenState is None:
        return spans_from_libcst(module, asked)
    return locate(module, asked) or spans_from_libcst(module, asked)
