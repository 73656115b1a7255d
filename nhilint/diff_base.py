"""`--diff-base REF`: report only findings on lines changed since a git ref.

The whole run is analysed as usual (a finding that involves other files stays right); only the
report is narrowed, to the lines `git diff REF` adds or changes in the working tree, plus every
line of files git does not track yet. A file not analysed (NHL900) is kept when its file
changed at all. Paths are compared as absolute paths, so the run's root and the repository's
top-level directory may differ.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import TYPE_CHECKING, Dict, FrozenSet, List, Optional, Tuple

from nhilint.patterns import compiled_on_first_use
from nhilint.ftypes import FileResult, Finding

if TYPE_CHECKING:
    from nhilint.api import RunResult

# the new side of a hunk: `@@ -12,3 +14,0 @@` (a count of 0 adds nothing: a deletion)
_HUNK = compiled_on_first_use(r"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_OCTAL = compiled_on_first_use(rb"\\([0-7]{3}|.)")
_ESCAPES = {b"n": b"\n", b"t": b"\t", b'"': b'"', b"\\": b"\\", b"a": b"\a", b"b": b"\b", b"f": b"\f",
            b"r": b"\r", b"v": b"\v"}

# a whole file: every line counts as changed
WHOLE_FILE: FrozenSet[int] = frozenset({0})


class DiffBaseError(ValueError):
    """Not a git repository, an unknown ref, no git: the run stops with exit code 2."""


def _git(top: str, *args: str) -> bytes:
    import subprocess  # only for --diff-base: `check` on save never pays for it

    try:
        done = subprocess.run(["git", "-C", top, *args], capture_output=True, check=False)
    except OSError as error:
        raise DiffBaseError(f"--diff-base needs git: {error.strerror or error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffBaseError(f"git failed: {message[-1] if message else f'exit status {done.returncode}'}")
    return done.stdout


def _unquote(name: bytes) -> bytes:
    """git's C-style quoting of unusual paths (`"caf\\303\\251.py"`)."""
    if not (name.startswith(b'"') and name.endswith(b'"')):
        return name

    def one(match: "re.Match[bytes]") -> bytes:
        text = match.group(1)
        return bytes([int(text, 8)]) if len(text) == 3 else _ESCAPES.get(text, text)

    return _OCTAL.sub(one, name[1:-1])


def changed_lines(start: str, ref: str) -> Dict[str, FrozenSet[int]]:
    """Absolute path -> lines added or changed since `ref` (WHOLE_FILE for untracked files)."""
    top = _git(start, "rev-parse", "--show-toplevel").decode().strip()
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except DiffBaseError:
        raise DiffBaseError(f"--diff-base: '{ref}' is not a commit of the repository at {top}") from None
    diff = _git(top, "-c", "core.quotepath=off", "diff", "--no-color", "--no-ext-diff", "--no-renames",
                "--unified=0", ref, "--")
    changed: Dict[str, List[int]] = {}
    current: Optional[List[int]] = None
    pending = 0  # hunk lines still to skip: a content line may look like a header (`+++ x`)
    for line in diff.split(b"\n"):
        if pending > 0:
            pending -= 0 if line.startswith(b"\\") else 1  # `\ No newline at end of file`
        elif line.startswith(b"+++ "):
            name = _unquote(line[4:].rstrip(b"\t"))
            current = None if name == b"/dev/null" else changed.setdefault(
                os.path.join(top, os.fsdecode(name[2:] if name.startswith(b"b/") else name)), []
            )
        elif line.startswith(b"@@"):
            match = _HUNK.match(line.decode("utf-8", "replace"))
            if match:
                old, first, count = int(match.group(1) or "1"), int(match.group(2)), int(match.group(3) or "1")
                pending = old + count
                if current is not None:
                    current.extend(range(first, first + count))
    result = {os.path.normpath(path): frozenset(lines) for path, lines in changed.items()}
    untracked = _git(top, "ls-files", "--others", "--exclude-standard", "-z")
    for name in filter(None, untracked.split(b"\0")):
        result[os.path.normpath(os.path.join(top, os.fsdecode(name)))] = WHOLE_FILE
    return result


def _kept(finding: Finding, lines: FrozenSet[int]) -> bool:
    if lines is WHOLE_FILE or finding.rule.reports_unanalysed_files:
        return True
    return any(line in lines for line in range(finding.start.line, finding.end.line + 1))


def only_changed(result: "RunResult", changed: Dict[str, FrozenSet[int]]) -> "RunResult":
    """The run's report narrowed to changed lines; files stay (they were checked)."""
    root = result.root or "."
    files: List[FileResult] = []
    for file in result.files:
        absolute = os.path.normpath(file.path if os.path.isabs(file.path) else os.path.join(root, file.path))
        lines = changed.get(absolute)
        kept: Tuple[Finding, ...] = tuple(f for f in file.findings if lines is not None and _kept(f, lines))
        files.append(file if kept == file.findings else replace(file, findings=kept, lines=file.lines if kept else ()))
    from nhilint.api import RunResult

    return RunResult(tuple(files), result.rules, result.missing, result.root)
