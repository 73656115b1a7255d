"""One parse a file per process: the trees and flows the project index keeps.

A module read for its export is parsed with libcst only when a value of it is first asked for
(nhilint.project.exports.Lazy); its parse and flow are kept for the next values (`live`, the
most recently used LIVE_MODULES of them between two checks, up to HELD_MODULES while a file is
checked; a module past these is parsed again). A file checked
by this process keeps its tree a while (`checked`), and a file whose export was parsed is not
parsed again to be checked: `tree()` answers both, by content digest. A tree goes with the scope
facts computed on it so far (nhilint.analysis.scope): they depend on the tree alone, and the
check of a module and its export would otherwise each walk its functions for them.

What a kept flow remembers (summaries, values) may come from other modules as they were: the
index drops a module's parse when it builds that module's export again (`forget`); a parse that
leaves is emptied at once (`_release`), not left to the cyclic garbage collector. And what it
remembers was computed within the index's depth bound (nhilint.project.lazy): a flow on which
every part was computed in full gives the parts computed on it again to any asker allowed to look
as deep as they needed (`Lives.clean`); one on which a part was cut remembers values that hold
only at the depth it was asked at, and serves that depth alone (`Lives.at`). A module a cycle
enters again while a part of it is being computed gets another flow, so no part ever reads one
being computed (what the flow memoises answers None while it computes).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, Generic, Iterator, Optional, Set, Tuple, TypeVar

from nhilint.catalogue import DEFAULT_CATALOGUE

if TYPE_CHECKING:
    import ast

    import libcst as cst

    from nhilint.analysis.scope import ScopeFacts
    from nhilint.project.build import LiveModule
    from nhilint.project.index import ProjectIndex

LIVE_MODULES = 48
# While one file is checked (`holding`), the modules it has read stay: its rules ask the same
# modules again and again, one value at a time. Under the bound of 48 a one-file check of
# litellm's proxy_server.py (182 modules read) parsed 349 times, half of its time; the bounds
# on what one check reads (nhilint.project.index, MAX_MODULES and MAX_PART_MODULES) keep this
# bound out of reach in the projects measured, and it keeps the memory of a check bounded
# in any other (that check peaked at 887 MB against 720 MB).
HELD_MODULES = 256
CHECKED_TREES = 24
# Python's own trees of the modules whose shapes were read last (nhilint.project.shape): the
# lines of the places in their exports come from them (nhilint.project.places), so a module
# whose values are asked for soon after is not parsed by Python's parser again
SYNTAX_TREES = 8

V = TypeVar("V")


class _Recent(Generic[V]):
    """The most recent values by path, each with the content digest it was made from. `dropped`
    is told of each value that leaves (pushed out, replaced or dropped)."""

    def __init__(self, size: int, held_size: Optional[int] = None,
                 dropped: Optional[Callable[[V], None]] = None) -> None:
        self.size = size
        self.held_size = size if held_size is None else held_size
        self.held = False  # `held_size` applies, until `release`
        self._kept: "OrderedDict[str, Tuple[str, V]]" = OrderedDict()
        self._dropped = dropped

    def get(self, path: str, digest: str) -> Optional[V]:
        kept = self._kept.get(path)
        if kept is None or kept[0] != digest:
            return None
        self._kept.move_to_end(path)
        return kept[1]

    def put(self, path: str, digest: str, value: V) -> None:
        before = self._kept.get(path)
        self._kept[path] = (digest, value)
        self._kept.move_to_end(path)
        if before is not None and before[1] is not value:
            self._gone(before[1])
        self._trim()

    def release(self) -> None:
        self.held = False
        self._trim()

    def _trim(self) -> None:
        size = self.held_size if self.held else self.size
        while len(self._kept) > size:
            self._gone(self._kept.popitem(last=False)[1][1])

    def drop(self, path: str) -> None:
        kept = self._kept.pop(path, None)
        if kept is not None:
            self._gone(kept[1])

    def _gone(self, value: V) -> None:
        if self._dropped is not None:
            self._dropped(value)


class Lives:
    """The flows of one module the index computes export parts on (see the module's docstring):
    one `clean` (no part computed on it was cut; it serves an asker allowed to look as deep as
    its parts needed), and by depth those on which a part was cut (each serves its depth alone).
    Each flow is made on the module's one tree. `cut_parts`: the parts found cut at a depth, which
    go to that depth's flow at once (they would taint the clean one)."""

    __slots__ = ("clean", "at", "cut_parts")

    def __init__(self) -> None:
        self.clean: Optional["LiveModule"] = None
        self.at: Dict[int, "LiveModule"] = {}
        self.cut_parts: Set[Tuple[object, int]] = set()

    def any(self) -> "LiveModule":
        return self.clean if self.clean is not None else next(iter(self.at.values()))

    def pick(self, budget: int, part: object) -> Optional["LiveModule"]:
        """The flow a part asked with this budget is computed on; None: a new one is needed."""
        clean, there = self.clean, self.at.get(budget)
        usable = there is not None and not there.open
        if usable and (part, budget) in self.cut_parts:
            return there
        if clean is not None and not clean.open and clean.needed <= budget:
            return clean
        # a part the clean flow cannot serve, or none is left: this depth's flow, unless a part
        # of unknown depth would be cut on it merely for its memos (a new clean flow is made)
        return there if usable and (clean is not None or there is not None and not there.cut) else None

    def add(self, live: "LiveModule", budget: int) -> None:
        if self.clean is None and not live.cut:
            self.clean = live
        elif budget not in self.at or not self.at[budget].open:
            self.at[budget] = live

    def after(self, live: "LiveModule", budget: int, part: object, cut: bool) -> None:
        """A part was computed on `live` with this budget (`cut`: the bound cut it)."""
        if cut:
            self.cut_parts.add((part, budget))
        if live is self.clean and live.cut:  # its memos now hold values only this depth gets
            self.clean = None
            if budget not in self.at or not self.at[budget].open:
                self.at[budget] = live


class Tree:
    """A file's libcst tree and the scope facts of its scopes computed so far, by id of the scope
    node (what nhilint.context.FileContext keeps them by). A plain class: a dataclass costs about 4
    M instructions to create at every start (benchmarks/README.md, speed21)."""

    __slots__ = ("module", "scope_facts")

    def __init__(self, module: "cst.Module", scope_facts: Optional[Dict[int, "ScopeFacts"]] = None) -> None:
        self.module = module
        self.scope_facts: Dict[int, "ScopeFacts"] = {} if scope_facts is None else scope_facts


class Parses:
    def __init__(self) -> None:
        self._live: _Recent[Lives] = _Recent(LIVE_MODULES, HELD_MODULES, _release)
        self._checked: _Recent[Tree] = _Recent(CHECKED_TREES)
        self._syntax: _Recent["ast.Module"] = _Recent(SYNTAX_TREES)

    @contextmanager
    def holding(self) -> Iterator[None]:
        """One file's check: the modules it reads stay parsed until it ends (HELD_MODULES)."""
        held, self._live.held = self._live.held, True
        try:
            yield
        finally:
            if not held:
                self._live.release()

    def live(self, path: str, digest: str) -> Optional[Lives]:
        return self._live.get(path, digest)

    def keep_live(self, path: str, digest: str, lives: Lives) -> None:
        self._live.put(path, digest, lives)

    def forget(self, path: str) -> None:
        self._live.drop(path)
        self._syntax.drop(path)

    def keep_syntax(self, path: str, digest: str, tree: "ast.Module") -> None:
        self._syntax.put(path, digest, tree)

    def syntax(self, path: str, digest: str) -> Optional["ast.Module"]:
        """Python's tree of a file with this content, if its shape was read lately."""
        return self._syntax.get(path, digest)

    def tree(self, path: str, digest: str) -> Optional[Tree]:
        """The tree of a file with this content, if this process parsed it already."""
        key = os.path.abspath(path)
        lives = self._live.get(key, digest)
        if lives is not None:
            live = lives.any()
            return Tree(live.context.module, live.context.scope_facts)
        return self._checked.get(key, digest)

    def checked_tree(self, path: str, digest: str, tree: Tree) -> None:
        """A checked file's tree, kept a while in case a later file imports it."""
        self._checked.put(os.path.abspath(path), digest, tree)


def _release(lives: Lives) -> None:
    """A module's flows leave the index: each one no part is being computed on now lets go of
    its tree at once (nhilint.project.build.LiveModule.release). One a part is computed on (a
    module pushed out while a part of it is still being computed) is left to the collector."""
    if not isinstance(lives, Lives):  # tests keep stand-ins
        return
    for live in (lives.clean, *lives.at.values()):
        if live is not None and not live.open:
            live.release()


def parse_live(data: bytes, path: str, module: str, digest: str, index: "ProjectIndex") -> Optional["LiveModule"]:
    """The module parsed (or its tree, if this process checked it already), with its flow;
    None when it does not parse (syntax errors, bad encodings) or is nested deep enough to
    crash or stall the parser (nhilint.parse_guard): nothing to export."""
    from nhilint import parse_guard
    from nhilint.cst_parse import parse_module
    from nhilint.context import FileContext
    from nhilint.project.build import live_module

    tree = index.parses.tree(path, digest)
    if tree is None:
        if parse_guard.chain_depth(data) > parse_guard.INLINE_DEPTH:
            return None  # checked on its own, it is parsed in isolation; here it is not needed that much
        try:
            tree = Tree(parse_module(data))
        except Exception:  # RecursionError too: a shape deeper than the screen
            return None
    named = index.layout.module_of(Path(path))
    is_package = named[1] if named is not None else path.endswith("__init__.py")
    context = FileContext(tree.module, path, DEFAULT_CATALOGUE, {}, data.lower(), project=index,
                          module_name=module, is_package=is_package, scope_facts=tree.scope_facts)
    try:
        source, plain = data.decode("utf-8"), True
    except UnicodeDecodeError:
        source, plain = data.decode("utf-8", errors="replace"), False
    # Python's tree of the bytes (from reading the shape) is the tree of this text, line for
    # line, when the bytes are plain UTF-8 without a byte order mark
    parses = index.parses
    kept = (lambda: parses.syntax(path, digest)) if plain and not source.startswith("\ufeff") else None
    return live_module(context, path, source, kept)
