"""A module of the project, read for its export: parsed once, analysed with no rule."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from nhilint.catalogue import DEFAULT_CATALOGUE
from nhilint.project.exports import ModuleExport, empty

if TYPE_CHECKING:
    from nhilint.project.index import ProjectIndex


def build_from_source(data: bytes, path: str, module: str, digest: str, index: "ProjectIndex") -> ModuleExport:
    import libcst as cst

    from nhilint.context import FileContext
    from nhilint.project.build import build_export

    try:
        tree = cst.parse_module(data)
    except Exception:  # syntax errors, bad encodings: nothing to export
        return empty(module, path, digest)
    named = index.layout.module_of(Path(path))
    is_package = named[1] if named is not None else path.endswith("__init__.py")
    context = FileContext(tree, path, DEFAULT_CATALOGUE, {}, data.lower(), project=index,
                          module_name=module, is_package=is_package)
    return build_export(context, module, path, digest, data.decode("utf-8", errors="replace"))
