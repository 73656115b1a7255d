"""The project index: other modules of the project, as their exports, when a module asks.

A module that imports `from app.settings import JWT_OPTIONS` or calls `tokens.get_graph_token()`
asks the index for the other module's export: the index finds the file (nhilint.project.layout),
reads and parses it once, builds its export (nhilint.project.build) and keeps it, by content
digest, in memory and in the export cache. An import the index cannot resolve (a library, a
file outside the project, a module that does not parse) gives nothing, and the asking module
keeps its one-file view: silent where the code cannot tell.

Some questions span the project: which modules mint tokens with this key, give this credential
to a client, set this credential for an environment. For those the index reads the project's
files (the ones discovery would check) and builds the exports of those that mention the name.

Every answer is recorded as a dependency of the module that asked (`Dependencies`): its result
is cached only with them, so a cached run gives what a `--no-cache` run gives.

Bounds: modules are built at most MAX_DEPTH imports deep from the one being checked; a cycle
gives nothing; a file over `max_bytes` is not read.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from nhilint.project.exports import (
    ClassExport,
    ConstantExport,
    FunctionExport,
    ModuleExport,
    empty,
)
from nhilint.project.layout import ProjectLayout

MAX_DEPTH = 3
# how many steps a name is followed through re-exports (`from .client import Client` in __init__)
MAX_REEXPORTS = 4


@dataclass
class Dependencies:
    """What one module's result depends on besides its own content."""

    modules: Dict[str, str] = field(default_factory=dict)  # path -> content digest used
    project_wide: bool = False  # a question over every module of the project was asked

    def add(self, export: ModuleExport) -> None:
        self.modules[export.path] = export.digest


Found = Tuple[ModuleExport, object]  # the export, and a ConstantExport / FunctionExport / ClassExport


class ProjectIndex:
    def __init__(
        self,
        root: Path,
        build: Callable[[bytes, str, str, str, "ProjectIndex"], ModuleExport],
        project_files: Optional[Callable[[], List[Path]]] = None,
        max_bytes: int = 1_000_000,
    ) -> None:
        self.layout = ProjectLayout(root)
        self._build = build
        self._project_files = project_files
        self.max_bytes = max_bytes
        self._by_path: Dict[str, ModuleExport] = {}
        self._building: List[str] = []
        self._texts: Optional[Dict[str, bytes]] = None
        self.dependencies = Dependencies()
        # exports that failed to build (a bug of nhilint): tests assert there are none
        self.errors: List[Tuple[str, str]] = []

    def begin(self) -> Dependencies:
        """Start recording what one checked module depends on."""
        self.dependencies = Dependencies()
        return self.dependencies

    # -- modules --------------------------------------------------------------------------------
    def export_of(self, module: str, near: Optional[str] = None) -> Optional[ModuleExport]:
        """The export of a dotted module of the project, or None."""
        path = self.layout.path_of(module, Path(near) if near else None)
        if path is None:
            return None
        export = self.export_at(path, module)
        if export is not None:
            self.dependencies.add(export)
        return export

    def export_at(self, path: Path, module: Optional[str] = None) -> Optional[ModuleExport]:
        key = os.path.abspath(path)
        found = self._by_path.get(key)
        if found is not None:
            return found
        if key in self._building or len(self._building) >= MAX_DEPTH:
            return None  # a cycle, or too deep: nothing from there
        data = _read(path, self.max_bytes)
        if data is None:
            return None
        if module is None:
            named = self.layout.module_of(path)
            if named is None:
                return None
            module = named[0]
        digest = hashlib.sha256(data).hexdigest()
        self._building.append(key)
        try:
            export = self._build(data, key, module, digest, self)
        except Exception as error:  # a bug: that module's export is empty, the run goes on
            self.errors.append((key, f"{type(error).__name__}: {error}"))
            export = empty(module, key, digest)
        finally:
            self._building.pop()
        self._by_path[key] = export
        return export

    # -- names ----------------------------------------------------------------------------------
    def lookup(self, qualified: str, near: Optional[str] = None) -> Optional[Found]:
        """What a qualified name of the project names: a constant, a function, a class, or a
        method (`module.Class.method`), through re-exports."""
        return self._lookup(qualified, near, MAX_REEXPORTS)

    def _lookup(self, qualified: str, near: Optional[str], budget: int) -> Optional[Found]:
        if budget <= 0:
            return None
        parts = qualified.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            export = self.export_of(".".join(parts[:cut]), near)
            if export is None:
                continue
            rest = parts[cut:]
            found = _member(export, rest)
            if found is not None:
                return export, found
            instance = export.constants.get(rest[0])
            if instance is not None and instance.instance_of and len(rest) == 2:
                # `settings.TTL` with `settings = Settings()`: the class's attribute or method
                return self._lookup(f"{instance.instance_of}.{rest[1]}", export.path, budget - 1)
            imported = export.imports.get(rest[0])
            if imported is not None and imported != qualified:  # a re-export
                return self._lookup(".".join([imported, *rest[1:]]), export.path, budget - 1)
            return None
        return None

    def origin(self, qualified: str, near: Optional[str] = None) -> str:
        """Where a name imported from the project really comes from: `app.compat.jwt` is
        `jwt` when app/compat.py does `import jwt` (a lazy-import or compatibility module).
        A name the project defines, or one outside it, is returned as it is."""
        current = qualified
        for _ in range(MAX_REEXPORTS):
            parts = current.split(".")
            followed = None
            for cut in range(len(parts) - 1, 0, -1):
                export = self.export_of(".".join(parts[:cut]), near)
                if export is None:
                    continue
                imported = export.imports.get(parts[cut])
                if imported is not None and _member(export, parts[cut:]) is None:
                    followed = ".".join([imported, *parts[cut + 1:]])
                    near = export.path
                break
            if followed is None or followed == current:
                return current
            current = followed
        return current

    def constant(self, qualified: str, near: Optional[str] = None) -> Optional[ConstantExport]:
        found = self.lookup(qualified, near)
        return found[1] if found is not None and isinstance(found[1], ConstantExport) else None

    def function(self, qualified: str, near: Optional[str] = None) -> Optional[FunctionExport]:
        found = self.lookup(qualified, near)
        return found[1] if found is not None and isinstance(found[1], FunctionExport) else None

    def cls(self, qualified: str, near: Optional[str] = None) -> Optional[ClassExport]:
        found = self.lookup(qualified, near)
        return found[1] if found is not None and isinstance(found[1], ClassExport) else None

    # -- the whole project ----------------------------------------------------------------------
    def mentioning(self, *words: str) -> Iterable[ModuleExport]:
        """The exports of the project's modules whose text holds every one of `words` (lower
        case). The answer depends on every module of the project."""
        self.dependencies.project_wide = True
        if self._project_files is None:
            return []
        if self._texts is None:
            self._texts = {}
            for path in self._project_files():
                data = _read(path, self.max_bytes)
                if data is not None:
                    self._texts[os.path.abspath(path)] = data.lower()
        encoded = [word.encode() for word in words]
        found = []
        for key, text in self._texts.items():
            if all(word in text for word in encoded):
                export = self.export_at(Path(key))
                if export is not None:
                    found.append(export)
        return found


def _member(export: ModuleExport, rest: List[str]) -> Optional[object]:
    name = rest[0]
    if len(rest) == 1:
        return export.constants.get(name) or export.functions.get(name) or export.classes.get(name)
    if len(rest) == 2 and name in export.classes:
        cls = export.classes[name]
        return cls.methods.get(rest[1]) or cls.attributes.get(rest[1])
    return None


def _read(path: Path, max_bytes: int) -> Optional[bytes]:
    """A project file's bytes: a regular file, not through a link, not over the size limit."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > max_bytes:
            return None
        return path.read_bytes()
    except OSError:
        return None


_indexes: Dict[str, ProjectIndex] = {}


def index_for(root: str, project_files: Optional[Callable[[], List[Path]]] = None, max_bytes: int = 1_000_000) -> ProjectIndex:
    """This process's index of a project (worker processes build their own)."""
    found = _indexes.get(root)
    if found is None:
        from nhilint.project.parse import build_from_source

        found = ProjectIndex(Path(root), build_from_source, project_files, max_bytes)
        _indexes[root] = found
    return found

