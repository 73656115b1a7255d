"""`path:line:col: CODE message`, the line format editors and pre-commit users read."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from nhilint.reporters.escaping import printable

if TYPE_CHECKING:
    from nhilint.api import RunResult


def write_lines(result: "RunResult", out: TextIO) -> None:
    for f in result.findings:
        out.write(f"{printable(f.path)}:{f.place}: {f.code} {printable(f.message)}\n")


def render(result: "RunResult", out: TextIO, color: bool = False) -> None:
    write_lines(result, out)
    findings = result.findings
    if findings:
        files = len({f.path for f in findings})
        noun = "finding" if len(findings) == 1 else "findings"
        out.write(f"Found {len(findings)} {noun} in {files} file{'s' if files != 1 else ''}.\n")
