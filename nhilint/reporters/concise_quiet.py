"""`-q`: the concise lines alone, without the summary."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from nhilint.reporters.concise import write_lines

if TYPE_CHECKING:
    from nhilint.api import RunResult


def render(result: "RunResult", out: TextIO, color: bool = False) -> None:
    write_lines(result, out)
