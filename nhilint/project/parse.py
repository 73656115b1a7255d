"""A module of the project, read for its export: parsed once, analysed with no rule."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

from nhilint.catalogue import DEFAULT_CATALOGUE

if TYPE_CHECKING:
    from nhilint.project.build import LiveModule
    from nhilint.project.index import ProjectIndex


def parse_live(data: bytes, path: str, module: str, digest: str, index: "ProjectIndex") -> Optional["LiveModule"]:
    """The module parsed (or its tree, if this process checked it already), with its flow;
    None when it does not parse (syntax errors, bad encodings) or is nested deep enough to
    crash or stall the parser (nhilint.parse_guard): nothing to export."""
    import libcst as cst

    from nhilint import parse_guard
    from nhilint.context import FileContext
    from nhilint.project.build import live_module

    tree = index.tree(path, digest)
    if tree is None:
        if parse_guard.chain_depth(data) > parse_guard.INLINE_DEPTH:
            return None  # checked on its own, it is parsed in isolation; here it is not needed that much
        try:
            tree = cst.parse_module(data)
        except Exception:  # RecursionError too: a shape deeper than the screen
            return None
    named = index.layout.module_of(Path(path))
    is_package = named[1] if named is not None else path.endswith("__init__.py")
    context = FileContext(tree, path, DEFAULT_CATALOGUE, {}, data.lower(), project=index,
                          module_name=module, is_package=is_package)
    return live_module(context, path, data.decode("utf-8", errors="replace"))
