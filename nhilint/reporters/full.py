"""Readable terminal output: a code frame per finding (in a notebook, of its cell), its OWASP tags,
and a summary (rich)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, TextIO, Tuple

from rich.console import Console
from rich.markup import escape

from nhilint.ftypes import Finding
from nhilint.notebooks import redacted_cell
from nhilint.redact import Span, redact_lines
from nhilint.reporters.escaping import printable
from nhilint.terminal import output_width

if TYPE_CHECKING:
    from nhilint.api import RunResult

_CONTEXT_LINES = 2
_SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan"}


def _frame(console: Console, finding: Finding, lines: Tuple[str, ...]) -> None:
    first = max(finding.start.line - _CONTEXT_LINES, 1)
    last = min(finding.start.line + _CONTEXT_LINES, len(lines))
    width = len(str(last))
    for number in range(first, last + 1):
        marker = ">" if number == finding.start.line else " "
        text = printable(lines[number - 1].expandtabs(4))  # lines come redacted
        # a long source line is cut, not wrapped: a wrapped frame no longer lines up
        console.print(f"  {marker} [dim]{number:>{width}} |[/dim] {escape(text)}", highlight=False,
                      no_wrap=True, overflow="ellipsis")
        if number == finding.start.line:
            end = finding.end.column if finding.end.line == number else len(text) + 1
            caret = "^" * max(end - finding.start.column, 1)
            pad = " " * (finding.start.column - 1)
            console.print(f"    {' ' * width} | {pad}[bold red]{caret}[/bold red]", highlight=False,
                          no_wrap=True, overflow="crop")


def render(result: "RunResult", out: TextIO, color: bool = False) -> None:
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                      width=output_width(out, 120))
    # a file's lines, or a notebook cell's: (path, cell number or 0) -> lines
    lines_by_place: Dict[Tuple[str, int], Tuple[str, ...]] = {}
    for file in result.files:
        lines_by_place[(file.path, 0)] = file.lines
        lines_by_place.update(((file.path, number), cell) for number, cell in enumerate(file.cells, start=1))
    findings = result.findings
    spans: Dict[Tuple[str, int], List[Span]] = {}
    for f in findings:
        spans.setdefault((f.path, f.cell), []).append(((f.start.line, f.start.column), (f.end.line, f.end.column)))
    redacted: Dict[Tuple[str, int], Tuple[str, ...]] = {}  # once a file: a multi-line string may span frames

    def shown_lines(place: Tuple[str, int]) -> Tuple[str, ...]:
        if place not in redacted:
            hide = redacted_cell if place[1] else redact_lines
            redacted[place] = tuple(hide(lines_by_place.get(place, ()), spans.get(place, ())))
        return redacted[place]

    for f in findings:
        style = _SEVERITY_STYLE.get(f.rule.severity, "")
        console.print(
            f"[bold]{escape(printable(f.path))}:{f.place}[/bold]: "
            f"[{style}]{f.code}[/{style}] [dim]\\[{f.rule.name}][/dim] {escape(printable(f.message))}"
        )
        lines = shown_lines((f.path, f.cell)) if lines_by_place.get((f.path, f.cell)) else ()
        if lines and f.start.line <= len(lines):
            _frame(console, f, lines)
        for place in f.related:  # the finding's second places, as rustc's notes
            console.print(f"    [bold]note:[/bold] {escape(printable(place.path))}:{place.line}: "
                          f"{escape(printable(place.message))}")
        tags = ", ".join(t for t in (f.rule.owasp, *f.rule.owasp_2025, *(f"CWE-{n}" for n in f.rule.cwe)) if t)
        console.print(
            f"    [dim]{escape(tags or 'nhilint')} · severity {f.rule.severity} · confidence {f.confidence}[/dim]"
        )
        console.print(f"    [bold]help:[/bold] nhilint explain {f.code}\n")
    checked = len(result.files)
    if findings:
        files = len({f.path for f in findings})
        console.print(
            f"[bold]Found {len(findings)} finding{'s' if len(findings) != 1 else ''} "
            f"in {files} of {checked} file{'s' if checked != 1 else ''}.[/bold]"
        )
    else:
        console.print(f"[green]All clear:[/green] {checked} file{'s' if checked != 1 else ''} checked.")
