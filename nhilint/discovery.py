"""Which files a run checks: walk the given paths, honour .gitignore and exclude patterns.

Explicit file arguments are always checked (as ruff does) unless `--force-exclude`, which
pre-commit needs because it passes every staged file by name. Output order is sorted by path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

from nhilint.files import read_regular_file

if TYPE_CHECKING:
    import pathspec

# ruff's default excludes, plus our own cache.
DEFAULT_EXCLUDE = (
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints", ".mypy_cache",
    ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox",
    ".venv", ".vscode", "__pypackages__", "_build", "buck-out", "build", "dist", "node_modules",
    "site-packages", "venv", ".nhilint_cache",
)
PYTHON_SUFFIXES = (".py", ".pyi")
# what a directory walk checks: Python files and Jupyter notebooks (nhilint.notebooks)
CHECKED_SUFFIXES = (*PYTHON_SUFFIXES, ".ipynb")
# told (display path, reason) for each path a run leaves out
Skipped = Callable[[str, str], None]


class Candidate:
    """A file to check. A plain class, not a dataclass: never compared or hashed, and a
    dataclass costs about 3 M instructions to create at every start (benchmarks/README.md)."""

    __slots__ = ("path", "display", "problem")

    def __init__(self, path: Path, display: str, problem: Optional[str] = None) -> None:
        self.path = path  # as given or found, for reading
        self.display = display  # relative to the root when inside it, POSIX separators
        # why it cannot be checked (a directory that cannot be listed): reported as NHL900
        self.problem = problem

    def __repr__(self) -> str:
        return f"Candidate({self.path!r}, {self.display!r}, {self.problem!r})"


class PatternError(ValueError):
    """An exclude pattern that is not valid gitignore syntax; the message names it."""


def display_path(path: Path, root: Path) -> str:
    """Root-relative POSIX path; the file's own symlink is not followed (it may dangle)."""
    inside = _under(os.path.abspath(path), os.path.abspath(root))
    if inside is not None:  # the common case, in strings: pathlib costs most of a warm run
        return inside
    absolute = Path(os.path.abspath(path))
    for base in (Path(os.path.abspath(root)), root.resolve()):
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            continue
    try:
        return (absolute.parent.resolve() / absolute.name).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _under(absolute: str, base: str) -> Optional[str]:
    """`absolute` relative to the directory `base`, with POSIX separators; None if outside."""
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not absolute.startswith(prefix):
        return None
    return absolute[len(prefix):].replace(os.sep, "/")


class _Ignores:
    """Exclude patterns (gitignore syntax, relative to root) and every .gitignore on the way."""

    def __init__(self, root: Path, patterns: Sequence[str], respect_gitignore: bool) -> None:
        self.root = root.resolve()
        self._root_text = str(self.root)
        # plain names (`.git`, `build`: the defaults) match a file or directory of that name at
        # any depth, as gitignore says: a set lookup per part, not a pattern match per path
        self.names = frozenset(pattern for pattern in patterns if _plain_name(pattern))
        self.patterns = [pattern for pattern in patterns if pattern not in self.names]
        self.respect_gitignore = respect_gitignore
        self._excludes: Optional["pathspec.GitIgnoreSpec"] = None
        self._gitignores: Dict[str, Optional["pathspec.GitIgnoreSpec"]] = {}
        self._above: Dict[str, List[Tuple[int, str, "pathspec.GitIgnoreSpec"]]] = {}

    @property
    def excludes(self) -> Optional["pathspec.GitIgnoreSpec"]:
        # built on first use: files named on the command line are not matched against excludes
        # (unless --force-exclude), and pathspec costs ~14 ms to import, a tenth of a check on save
        if self._excludes is None and self.patterns:
            spec = _compiled(self.patterns)
            if spec is None:  # our own configuration: a mistake in it stops the run (exit 2)
                bad = next(pattern for pattern in self.patterns if _compiled([pattern]) is None)
                raise PatternError(f"invalid exclude pattern {bad!r} (gitignore syntax)")
            self._excludes = spec
        return self._excludes

    def _gitignore(self, directory: str) -> Optional["pathspec.GitIgnoreSpec"]:
        if directory not in self._gitignores:
            lines = _gitignore_lines(Path(directory) / ".gitignore")
            spec = None  # most folders have no .gitignore (blank lines match nothing): no spec to build
            if any(line.strip() for line in lines):
                spec = _compiled(lines)
                if spec is None:  # the checked tree's file: as git does, a line it cannot use is skipped
                    spec = _compiled([line for line in lines if _compiled([line]) is not None])
            self._gitignores[directory] = spec
        return self._gitignores[directory]

    def excluded(self, path: Path, is_dir: bool) -> bool:
        return self.reason(path, is_dir) is not None

    def reason(self, path: Path, is_dir: bool) -> Optional[str]:
        """Why a path is excluded (`check --show-files`), or None."""
        absolute = os.path.abspath(path)
        relative = _under(absolute, self._root_text)
        name = os.path.basename(absolute)
        suffix = "/" if is_dir else ""
        if self.names and (name in self.names or (relative is not None and not self.names.isdisjoint(relative.split("/")))):
            return "excluded (exclude / extend-exclude)"
        excludes = self.excludes
        if excludes is not None and relative is not None and excludes.match_file(relative + suffix):
            return "excluded (exclude / extend-exclude)"
        if excludes is not None and excludes.match_file(name + suffix):
            return "excluded (exclude / extend-exclude)"
        if self.respect_gitignore and relative is not None:
            parts = relative.split("/")
            for index, directory, spec in self._specs_above(parts):
                if spec.match_file("/".join(parts[index:]) + suffix):
                    return f"ignored by {display_path(Path(directory) / '.gitignore', self.root)}"
        return None

    def _specs_above(self, parts: List[str]) -> List[Tuple[int, str, "pathspec.GitIgnoreSpec"]]:
        """The .gitignore files of the root and of each folder above a path (given as its parts
        under the root), with the index of the part each one's patterns start at: asked once a
        folder, as most folders have none."""
        parent = "/".join(parts[:-1])
        found = self._above.get(parent)
        if found is None:
            found = []
            directory = self._root_text
            for index in range(len(parts)):
                spec = self._gitignore(directory)
                if spec is not None:
                    found.append((index, directory, spec))
                directory = os.path.join(directory, parts[index])
            self._above[parent] = found
        return found


def _plain_name(pattern: str) -> bool:
    """A pattern that is one plain name: no slash, wildcard, negation, comment or escape."""
    return bool(pattern) and pattern[0] not in "!#-" and all(c.isalnum() or c in "_.-" for c in pattern)


def _compiled(lines: Sequence[str]) -> Optional["pathspec.GitIgnoreSpec"]:
    """The patterns as one spec, or None if one of them is invalid (found on compiling or first use)."""
    import re

    import pathspec  # here: it costs ~14 ms to import, a tenth of a check on save

    try:
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
        spec.match_file("x")
    except (ValueError, re.error):
        return None
    return spec


# A larger .gitignore is not read: the rest of the run must not pay for it.
_MAX_GITIGNORE_BYTES = 4 * 1024 * 1024


def _gitignore_lines(path: Path) -> List[str]:
    """A .gitignore's lines; none if it is missing, unreadable, too large or not a regular file
    (a FIFO would block the read, a link to /dev/zero would never end it)."""
    try:
        data = read_regular_file(path, _MAX_GITIGNORE_BYTES)[1]
    except OSError:
        return []
    return data.decode("utf-8", errors="replace").splitlines()


def is_excluded(path: str, root: Path, exclude: Sequence[str], respect_gitignore: bool = True) -> bool:
    """Whether a file path (which need not exist: an editor buffer) is excluded."""
    return _Ignores(root, exclude, respect_gitignore).excluded(Path(path), is_dir=False)


def discover(
    paths: Sequence[str],
    root: Path,
    exclude: Sequence[str],
    respect_gitignore: bool = True,
    force_exclude: bool = False,
    skipped: Optional[Skipped] = None,
    limit: Optional[int] = None,
) -> Tuple[List[Candidate], List[Tuple[str, str]]]:
    """Files to check, and (path, reason) for arguments that do not exist; `skipped(path,
    reason)` hears of each path left out (`check --show-files`). With `limit`, a walk stops
    once it has found more than `limit` files (which ones, then, is the walk's order)."""
    ignores = _Ignores(root, exclude, respect_gitignore)
    found: Dict[str, Candidate] = {}
    missing: List[Tuple[str, str]] = []
    for given in paths:
        path = Path(given)
        if not os.path.lexists(path):
            missing.append((given, "no such file or directory"))
            continue
        if path.is_dir():
            for file, problem in _walk(path, ignores, skipped):
                display = display_path(file, root)
                found.setdefault(display, Candidate(file, display, problem))
                if limit is not None and len(found) > limit:
                    break
        else:
            reason = ignores.reason(path, is_dir=False) if force_exclude else None
            display = display_path(path, root)
            if reason is None:
                found.setdefault(display, Candidate(path, display))
            elif skipped is not None:
                skipped(display, f"{reason}, with --force-exclude")
    return [found[key] for key in sorted(found)], missing


def _walk(top: Path, ignores: _Ignores, skipped: Optional[Skipped] = None) -> Iterator[Tuple[Path, Optional[str]]]:
    """Python files under `top`, and directories that cannot be listed with the reason;
    symlinked directories are not followed (no loops)."""
    unreadable: List[OSError] = []
    for directory, dirnames, filenames in os.walk(top, onerror=unreadable.append, followlinks=False):
        yield from _unlisted(unreadable)
        base = Path(directory)
        if skipped is None:
            dirnames[:] = sorted(d for d in dirnames if not ignores.excluded(base / d, is_dir=True))
        else:
            kept = []
            for name in sorted(dirnames):
                reason = ignores.reason(base / name, is_dir=True)
                if reason is None:
                    kept.append(name)
                else:
                    skipped(display_path(base / name, ignores.root) + "/", reason)
            dirnames[:] = kept
        for name in sorted(filenames):
            if name.endswith(CHECKED_SUFFIXES):
                file = base / name
                reason = ignores.reason(file, is_dir=False)
                if reason is None:
                    yield file, None
                elif skipped is not None:
                    skipped(display_path(file, ignores.root), reason)
    yield from _unlisted(unreadable)


def _unlisted(errors: List[OSError]) -> Iterator[Tuple[Path, Optional[str]]]:
    """Directories os.walk could not list: never skipped without a word (issue 17 item 4)."""
    while errors:
        error = errors.pop(0)
        if error.filename is not None:
            yield Path(os.fsdecode(error.filename)), f"cannot read directory: {error.strerror or error}"
