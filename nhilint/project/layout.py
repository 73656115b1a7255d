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
import stat
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Tuple, Union


class ProjectLayout:
    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.abspath(root))
        self.roots: List[Path] = [self.root]
        source = self.root / "src"
        if source.is_dir() and not source.is_symlink():
            self.roots.append(source)
        self._root_name = str(self.root)
        self._root_names = [str(root) for root in self.roots]
        self._found: Dict[str, Optional[Path]] = {}
        self._tops: Dict[str, str] = {}  # directory -> the package root of its files
        self._listings: Dict[str, Optional[FrozenSet[str]]] = {}  # package root -> its entries, lower case
        self._asked: Dict[Tuple[str, str], Optional[Path]] = {}  # (module, importer's folder) -> file
        # (module, importer as given) -> file: a module's flow asks for the same names again and
        # again, and making the importer's folder absolute cost more than the rest of the lookup
        self._near: Dict[Tuple[str, Union[str, Path, None]], Optional[Path]] = {}
        self._folders: Dict[Union[str, Path], str] = {}  # importer as given -> its folder, absolute

    def forget(self) -> None:
        """Forget the modules and packages looked up: files may have come or gone since."""
        self._found.clear()
        self._tops.clear()
        self._listings.clear()
        self._asked.clear()
        self._near.clear()
        self._folders.clear()

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
        return Path(self._package_root(os.path.dirname(path)))

    def _package_root(self, start: str) -> str:
        # strings and os.path, not pathlib: a warm run asks this for every import its cached
        # results recorded as absent, and pathlib's objects cost most of that run's lookups
        found = self._tops.get(start)
        if found is not None:
            return found
        directory = start
        while os.path.isfile(os.path.join(directory, "__init__.py")) and directory != os.path.dirname(directory):
            directory = os.path.dirname(directory)
        self._tops[start] = directory
        return directory

    def path_of(self, module: str, near: Union[str, Path, None] = None) -> Optional[Path]:
        """The file of a dotted module name: `a/b.py` or `a/b/__init__.py` under a package root,
        or under the package root of `near` (the importing file)."""
        quick = (module, near)
        if quick in self._near:
            return self._near[quick]
        folder = self._folders.get(near) if near else ""
        if folder is None:  # an importer's folder, made absolute once: it imports many names
            folder = self._folders[near] = os.path.dirname(os.path.abspath(near))
        asked = (module, folder)
        if asked not in self._asked:  # the same import from the same folder: asked once a run
            self._asked[asked] = self._path_of(module, folder)
        found = self._near[quick] = self._asked[asked]
        return found

    def _path_of(self, module: str, folder: str) -> Optional[Path]:
        """`folder`: the importing file's, absolute; empty for none."""
        roots = list(self._root_names)
        if folder:
            top = self._package_root(folder)
            if top not in roots:
                roots.insert(0, top)
        key = f"{module}@{roots[0]}"
        if key in self._found:
            return self._found[key]
        found = None
        relative = os.path.join(*module.split("."))
        first = module.split(".", 1)[0].lower()
        for root in roots:
            if not self._may_hold(root, first):
                continue
            for candidate in (os.path.join(root, relative + ".py"), os.path.join(root, relative, "__init__.py")):
                if _regular_file(candidate) and _inside(candidate, self._root_name):
                    found = Path(candidate)
                    break
            if found is not None:
                break
        self._found[key] = found
        return found

    def _may_hold(self, root: str, first: str) -> bool:
        """Whether a package root may hold a module whose dotted name begins with `first` (lower
        case): its listing, read once, has an entry of that name or that name's `.py` (compared
        in lower case, as a case-insensitive file system finds them). Most modules looked for are
        libraries, absent from every root; a warm run asks again for each one its cached results
        recorded as absent, and one set lookup spares the `stat` calls."""
        if not first.isascii():
            return True  # a file system may keep such a name in another normal form
        if root not in self._listings:
            try:
                self._listings[root] = frozenset(name.lower() for name in os.listdir(root))
            except (OSError, ValueError):
                self._listings[root] = None  # probed file by file, as before
        names = self._listings[root]
        return names is None or first in names or f"{first}.py" in names


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


def _regular_file(path: str) -> bool:
    """A regular file, not a link to one."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def _inside(path: str, root: str) -> bool:
    """Whether an absolute path is `root` or below it."""
    absolute = os.path.abspath(path)
    return absolute == root or absolute.startswith(os.path.join(root, ""))
