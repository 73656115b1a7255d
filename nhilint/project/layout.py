"""Where a project's modules live: dotted names to files and back, imports made absolute.

Package roots are the project's root (the directory of its configuration file, or where nhilint
runs), its `src/` when there is one, and, for a module inside a package, the directory that
holds the package's top (the first parent without `__init__.py`), so that a service kept under
`backend/` resolves `from app.settings import X` as it runs. Namespace packages (no
`__init__.py`) resolve like the others: a module is found by probing for its file.

Files are looked up, never walked: resolving an import costs a few `stat` calls.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, List, Optional, Tuple, Union


class ProjectLayout:
    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.abspath(root))
        self.roots: List[Path] = [self.root]
        source = self.root / "src"
        if source.is_dir() and not source.is_symlink():
            self.roots.append(source)
        self._found: Dict[str, Optional[Path]] = {}
        self._tops: Dict[Path, Path] = {}  # directory -> the package root of its files
        self._asked: Dict[Tuple[str, str], Optional[Path]] = {}  # (module, importer's folder) -> file
        # (module, importer as given) -> file: a module's flow asks for the same names again and
        # again, and making the importer's folder absolute cost more than the rest of the lookup
        self._near: Dict[Tuple[str, Union[str, Path, None]], Optional[Path]] = {}

    def forget(self) -> None:
        """Forget the modules and packages looked up: files may have come or gone since."""
        self._found.clear()
        self._tops.clear()
        self._asked.clear()
        self._near.clear()

    def module_of(self, path: Path) -> Optional[Tuple[str, bool]]:
        """The dotted name of a file of the project (relative to its package's root), and whether
        it is a package's `__init__`; None outside the project."""
        absolute = Path(os.path.abspath(path))
        top = self.package_root(absolute)
        try:
            relative = absolute.relative_to(top)
        except ValueError:
            return None
        parts = list(relative.with_suffix("").parts)
        if not parts or not all(part.isidentifier() for part in parts[:-1]):
            return None
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        if not parts or not parts[-1].isidentifier():
            return None
        return ".".join(parts), is_package

    def package_root(self, path: Path) -> Path:
        """The directory a file's top package sits in: the first parent with no `__init__.py`,
        or a package root of the project when one holds it."""
        start = directory = path.parent
        found = self._tops.get(start)
        if found is not None:
            return found
        while (directory / "__init__.py").is_file() and directory != directory.parent:
            directory = directory.parent
        self._tops[start] = directory
        return directory

    def path_of(self, module: str, near: Union[str, Path, None] = None) -> Optional[Path]:
        """The file of a dotted module name: `a/b.py` or `a/b/__init__.py` under a package root,
        or under the package root of `near` (the importing file)."""
        quick = (module, near)
        if quick in self._near:
            return self._near[quick]
        asked = (module, os.path.dirname(os.path.abspath(near)) if near else "")
        if asked not in self._asked:  # the same import from the same folder: asked once a run
            self._asked[asked] = self._path_of(module, near)
        found = self._near[quick] = self._asked[asked]
        return found

    def _path_of(self, module: str, near: Union[str, Path, None]) -> Optional[Path]:
        roots = list(self.roots)
        if near:
            top = self.package_root(Path(os.path.abspath(near)))
            if top not in roots:
                roots.insert(0, top)
        key = f"{module}@{roots[0]}"
        if key in self._found:
            return self._found[key]
        found = None
        relative = Path(*module.split("."))
        for root in roots:
            for candidate in (root / relative.with_suffix(".py"), root / relative / "__init__.py"):
                if candidate.is_file() and not candidate.is_symlink() and _inside(candidate, self.root):
                    found = candidate
                    break
            if found is not None:
                break
        self._found[key] = found
        return found


def absolute_import(importer: str, is_package: bool, level: int, name: Optional[str]) -> Optional[str]:
    """The absolute module of `from ..x import y` in module `importer` (a package's `__init__`
    when `is_package`); None when it climbs out of the package."""
    parts = importer.split(".")
    if not is_package:
        parts = parts[:-1]
    if level > 1:
        if level - 1 > len(parts):
            return None
        parts = parts[: len(parts) - (level - 1)]
    if name:
        parts = parts + name.split(".")
    return ".".join(parts) if parts else None


def _inside(path: Path, root: Path) -> bool:
    try:
        Path(os.path.abspath(path)).relative_to(root)
    except ValueError:
        return False
    return True
