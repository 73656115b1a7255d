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
index drops a module's parse when it builds that module's export again (`forget`).
"""

from __future__ import annotations

import os
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Generic, Iterator, Optional, Tuple, TypeVar

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
    """The most recent values by path, each with the content digest it was made from."""

    def __init__(self, size: int, held_size: Optional[int] = None) -> None:
        self.size = size
        self.held_size = size if held_size is None else held_size
        self.held = False  # `held_size` applies, until `release`
        self._kept: "OrderedDict[str, Tuple[str, V]]" = OrderedDict()

    def get(self, path: str, digest: str) -> Optional[V]:
        kept = self._kept.get(path)
        if kept is None or kept[0] != digest:
            return None
        self._kept.move_to_end(path)
        return kept[1]

    def put(self, path: str, digest: str, value: V) -> None:
        self._kept[path] = (digest, value)
        self._kept.move_to_end(path)
        self._trim()

    def release(self) -> None:
        self.held = False
        self._trim()

    def _trim(self) -> None:
        size = self.held_size if self.held else self.size
        while len(self._kept) > size:
            self._kept.popitem(last=False)

    def drop(self, path: str) -> None:
        self._kept.pop(path, None)


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
        self._live: _Recent["LiveModule"] = _Recent(LIVE_MODULES, HELD_MODULES)
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

    def live(self, path: str, digest: str) -> Optional["LiveModule"]:
        return self._live.get(path, digest)

    def keep_live(self, path: str, digest: str, live: "LiveModule") -> None:
        self._live.put(path, digest, live)

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
        live = self._live.get(key, digest)
        if live is not None:
            return Tree(live.context.module, live.context.scope_facts)
        return self._checked.get(key, digest)

    def checked_tree(self, path: str, digest: str, tree: Tree) -> None:
        """A checked file's tree, kept a while in case a later file imports it."""
        self._checked.put(os.path.abspath(path), digest, tree)


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
