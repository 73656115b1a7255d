"""`check --add-noqa`: write `# nhilint: ignore[CODE]` on each reported line, as ruff's --add-noqa.

For adopting nhilint on a codebase where a baseline file is not wanted: the suppressions live
in the code, next to what they silence, and each can be reviewed and removed. The comment goes
on the first line of the statement holding the finding (where suppressions are read for
multi-line calls), or on the reported line when that first line ends inside a string. A line
that already has a `# nhilint: ignore[...]` gets the code added to it. Only those comments are
written: every other byte of the file stays as it was (line endings, encoding, a BOM).
Findings of files nhilint could not analyse (NHL900) are not suppressed: they need fixing.
"""

from __future__ import annotations

import io
import os
import re
import tokenize
from typing import TYPE_CHECKING, Dict, List, Optional, Set, Tuple

from nhilint.ftypes import Finding

if TYPE_CHECKING:
    from nhilint.api import RunResult

_OURS = re.compile(rb"#\s*nhilint:\s*ignore\[([^\]#]*)\]", re.I)


def _lines_ending_inside_a_token(data: bytes) -> Optional[Set[int]]:
    """Lines whose end lies inside a token (a triple-quoted string): no comment can go there.
    None when the file does not tokenize (it then gets no comments)."""
    inside: Set[int] = set()
    try:
        for token in tokenize.tokenize(io.BytesIO(data).readline):
            if token.end[0] > token.start[0] and token.type not in (tokenize.NL, tokenize.NEWLINE):
                inside.update(range(token.start[0], token.end[0]))
    except (tokenize.TokenError, SyntaxError, UnicodeError, LookupError):
        return None
    return inside


def _with_codes(line: bytes, codes: List[str]) -> bytes:
    """The line with its suppression comment extended or added (before the line break)."""
    body = line.rstrip(b"\r\n")
    ending = line[len(body):]
    existing = _OURS.search(body)
    if existing is not None:
        named = [c.strip() for c in existing.group(1).decode("ascii", "replace").split(",") if c.strip()]
        merged = ", ".join([*named, *(code for code in codes if code not in named)])
        body = body[: existing.start(1)] + merged.encode("ascii") + body[existing.end(1):]
    else:
        body = body.rstrip(b" \t") + b"  # nhilint: ignore[" + ", ".join(codes).encode("ascii") + b"]"
    return body + ending


def add_to_source(data: bytes, findings: List[Finding]) -> Tuple[bytes, int]:
    """The file's bytes with the comments added, and how many findings they cover."""
    inside = _lines_ending_inside_a_token(data)
    if inside is None:
        return data, 0
    by_line: Dict[int, List[str]] = {}
    covered = 0
    for finding in findings:
        choices = [line for line in (finding.statement_line, finding.start.line) if line > 0 and line not in inside]
        if not choices:
            continue
        codes = by_line.setdefault(choices[0], [])
        if finding.code not in codes:
            codes.append(finding.code)
        covered += 1
    lines = data.splitlines(keepends=True)  # bytes split on \n, \r and \r\n only: Python's breaks
    for number, codes in by_line.items():
        if 1 <= number <= len(lines):
            lines[number - 1] = _with_codes(lines[number - 1], sorted(codes))
    return b"".join(lines), covered


def add_suppressions(result: "RunResult") -> Tuple[int, int]:
    """Edits the files of a run; returns (findings suppressed, files changed)."""
    suppressed = changed = 0
    for file in result.files:
        findings = [
            f for f in file.findings
            if not f.rule.reports_unanalysed_files
        ]
        if not findings or not file.parsed:
            continue
        path = file.path if os.path.isabs(file.path) else os.path.join(result.root or ".", file.path)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
            edited, covered = add_to_source(data, findings)
            if edited != data:
                with open(path, "wb") as handle:
                    handle.write(edited)
                changed += 1
        except OSError:
            continue  # unreadable or read-only: its findings stay reported next time
        suppressed += covered
    return suppressed, changed
