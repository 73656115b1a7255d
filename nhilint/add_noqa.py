"""`check --add-noqa`: write `# nhilint: ignore[CODE]` on each reported line, as ruff's --add-noqa.

For adopting nhilint on a codebase where a baseline file is not wanted: the suppressions live
in the code, next to what they silence, and each can be reviewed and removed. The comment goes
on the first line of the statement holding the finding (where suppressions are read for
multi-line calls), or on the reported line when that first line ends inside a string. A line
that already has a `# nhilint: ignore[...]` gets the code added to it. Only those comments are
written: every other byte of the file stays as it was (line endings, encoding, a BOM).
Findings of files nhilint could not analyse (NHL900) are not suppressed: they need fixing.

In a notebook the comment goes into the cell's line. A notebook is JSON, so it is edited only
when json.dumps with some common layout (nbformat's is indent 1, sorted keys) writes it back
byte for byte: then only the comments change. Any other notebook is left as it is and named
(a line edit of the JSON text would corrupt it).
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import tokenize
from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional, Set, Tuple

from nhilint.patterns import compiled_on_first_use
from nhilint.ftypes import Finding

if TYPE_CHECKING:
    from nhilint.api import RunResult

_OURS = compiled_on_first_use(rb"#\s*nhilint:\s*ignore\[([^\]#]*)\]", re.I)


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


def _comment_lines(inside: Set[int], findings: List[Finding]) -> Tuple[Dict[int, List[str]], int]:
    """Line -> codes to add there, and how many findings they cover: the statement's first line,
    else the reported line, whichever does not end inside a string."""
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
    return by_line, covered


def add_to_source(data: bytes, findings: List[Finding]) -> Tuple[bytes, int]:
    """The file's bytes with the comments added, and how many findings they cover."""
    inside = _lines_ending_inside_a_token(data)
    if inside is None:
        return data, 0
    by_line, covered = _comment_lines(inside, findings)
    lines = data.splitlines(keepends=True)  # bytes split on \n, \r and \r\n only: Python's breaks
    for number, codes in by_line.items():
        if 1 <= number <= len(lines):
            lines[number - 1] = _with_codes(lines[number - 1], sorted(codes))
    return b"".join(lines), covered


def _json_layout(text: str, document: Any) -> Optional[Dict[str, Any]]:
    """json.dumps arguments (and the final line break) that write `document` back as `text`."""
    for indent, sort_keys, ensure_ascii in itertools.product((1, 2, 4, None), (True, False), (False, True)):
        dumped = json.dumps(document, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)
        for end in ("\n", ""):
            if dumped + end == text:
                return {"indent": indent, "sort_keys": sort_keys, "ensure_ascii": ensure_ascii, "end": end}
    return None


def _add_to_cell(cell: Dict[str, Any], findings: List[Finding]) -> int:
    """Adds the comments to one code cell in place; how many findings they cover."""
    from nhilint.notebooks import cell_text, python_lines

    text = cell_text(cell)
    code = "".join(line + "\n" for line in python_lines(text)).encode("utf-8", "surrogatepass")
    inside = _lines_ending_inside_a_token(code)
    lines = text.splitlines(keepends=True)  # the same breaks as python_lines: the same numbers
    source = cell.get("source")
    if inside is None or (isinstance(source, list) and source != lines) or not isinstance(source, (list, str)):
        return 0  # not tokenizable, or lines split otherwise than nbformat does: leave the cell
    by_line, covered = _comment_lines(inside, findings)
    for number, codes in by_line.items():
        if 1 <= number <= len(lines):
            edited = _with_codes(lines[number - 1].encode("utf-8", "surrogatepass"), sorted(codes))
            lines[number - 1] = edited.decode("utf-8", "surrogatepass")
    cell["source"] = lines if isinstance(source, list) else "".join(lines)
    return covered


def add_to_notebook(data: bytes, findings: List[Finding]) -> Optional[Tuple[bytes, int]]:
    """The notebook's bytes with the comments added in its cells, and how many findings they
    cover; None when the notebook cannot be written back unchanged but for the comments."""
    try:
        text = data.decode("utf-8")
        notebook = json.loads(text)
    except (ValueError, RecursionError):
        return None
    layout = _json_layout(text, notebook)
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if layout is None or not isinstance(cells, list):
        return None
    covered = 0
    by_cell: Dict[int, List[Finding]] = {}
    for finding in findings:
        by_cell.setdefault(finding.cell, []).append(finding)
    for number, in_cell in by_cell.items():
        if 1 <= number <= len(cells) and isinstance(cells[number - 1], dict):
            covered += _add_to_cell(cells[number - 1], in_cell)
    end = layout.pop("end")
    return (json.dumps(notebook, **layout) + end).encode("utf-8"), covered


class Added(NamedTuple):
    suppressed: int  # findings now silenced by a comment
    changed: int  # files written
    not_edited: Tuple[str, ...]  # notebooks left alone: their JSON layout is not one json.dumps writes


def add_suppressions(result: "RunResult") -> Added:
    """Edits the files of a run."""
    from nhilint.notebooks import is_notebook

    suppressed = changed = 0
    not_edited: List[str] = []
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
            if is_notebook(path):
                added = add_to_notebook(data, findings)
                if added is None:
                    not_edited.append(file.path)
                    continue
                edited, covered = added
            else:
                edited, covered = add_to_source(data, findings)
            if edited != data:
                with open(path, "wb") as handle:
                    handle.write(edited)
                changed += 1
        except OSError:
            continue  # unreadable or read-only: its findings stay reported next time
        suppressed += covered
    return Added(suppressed, changed, tuple(not_edited))
