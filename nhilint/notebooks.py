"""Jupyter notebooks (.ipynb): the code cells are checked as one module, as ruff does.

Tokens are often pasted into notebooks. The code cells are joined, in order, into one Python
source (a later cell sees an earlier cell's imports, as the kernel does); IPython magics are
not Python and are left out: a cell magic (`%%bash`) drops its cell, a line magic, shell or
help line (`%timeit`, `!pip`, `x = !ls`, `obj?`) becomes `pass` at its indentation, so the
line numbers stay. Findings are mapped back to the cell (1-based, counting every cell of the
notebook, as its position) and the line within it, and code frames show the cell as written
(`FileResult.cells`); suppression comments inside cells work as
in any file, since they are read before the mapping. Markdown and raw cells are not code. A
notebook whose kernel is not Python, or that is not JSON, gives no finding, or NHL900.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Sequence, Tuple

from nhilint.patterns import compiled_on_first_use
from nhilint.engine import CheckPlan, check_source, unanalysed
from nhilint.ftypes import FileResult, Finding, Position

if TYPE_CHECKING:
    from nhilint.redact import Span

SUFFIX = ".ipynb"
# `%magic`, `!shell`, `?help` at the start, `help?` at the end, `x = !ls` / `x = %time f()`
# (the look-behinds start each run of blanks or of name characters once: linear on any input)
_MAGIC = compiled_on_first_use(r"(?<![ \t])[ \t]*(?:[%!?]|(?<![\w.])[\w.]+[ \t]*=[ \t]*[%!]|(?<![\w.])[\w.]+\?\??[ \t]*$)")


def is_notebook(path: str) -> bool:
    return path.endswith(SUFFIX)


def _language(notebook: Any) -> str:
    metadata = notebook.get("metadata") if isinstance(notebook, dict) else None
    if not isinstance(metadata, dict):
        return "python"
    for key in ("kernelspec", "language_info"):
        section = metadata.get(key)
        if isinstance(section, dict):
            name = section.get("language") or section.get("name")
            if isinstance(name, str) and name:
                return name.lower()
    return "python"


def code_of(notebook: Any) -> Tuple[str, List[Tuple[int, int]]]:
    """The code cells as one source, and for each of its lines (cell number, line in cell)."""
    lines: List[str] = []
    where: List[Tuple[int, int]] = []
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    for number, cell in enumerate(cells if isinstance(cells, list) else [], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        for index, line in enumerate(python_lines(cell_text(cell)), start=1):
            lines.append(line)
            where.append((number, index))
    return "".join(line + "\n" for line in lines), where


def cell_text(cell: Dict[str, Any]) -> str:
    """A cell's source as one string (nbformat stores a list of lines or a string)."""
    source = cell.get("source", "")
    return "".join(part for part in source if isinstance(part, str)) if isinstance(source, list) else str(source)


def python_lines(text: str) -> List[str]:
    """A code cell's lines as Python: a cell magic's lines blank, a magic line `pass` at its
    indentation, so the lines keep their numbers."""
    cell_lines = text.splitlines() or [""]
    if cell_lines[0].lstrip().startswith("%%"):
        return [""] * len(cell_lines)
    return [line[: len(line) - len(line.lstrip(" \t"))] + "pass" if _MAGIC.match(line) else line
            for line in cell_lines]


def _mapped(position: Position, where: List[Tuple[int, int]]) -> Tuple[int, Position]:
    cell, line = where[min(max(position.line, 1), len(where)) - 1] if where else (1, 1)
    return cell, Position(line, position.column)


def _in_cells(finding: Finding, where: List[Tuple[int, int]]) -> Finding:
    cell, start = _mapped(finding.start, where)
    end_cell, end = _mapped(finding.end, where)
    if end_cell != cell:  # a finding never spans cells; be safe: end it where it starts
        end = Position(start.line, start.column)
    statement = _mapped(Position(finding.statement_line, 1), where)[1].line if finding.statement_line else 0
    return replace(finding, start=start, end=end, statement_line=statement, cell=cell)


def check_notebook(data: bytes, path: str, plan: CheckPlan) -> FileResult:
    try:
        notebook = json.loads(data)
    except (ValueError, RecursionError) as error:
        return unanalysed(path, plan, f"not a notebook: invalid JSON ({type(error).__name__})")
    if _language(notebook) != "python":
        return FileResult(path=path)
    source, where = code_of(notebook)
    result = check_source(source.encode("utf-8", "surrogatepass"), path, plan)
    findings = tuple(_in_cells(finding, where) for finding in result.findings)
    # the joined source's lines would frame a cell's finding at the wrong place: frames come
    # from the cells, as written
    return replace(result, findings=findings, lines=(), cells=cells_of(notebook) if findings else ())


def cells_of(notebook: Any) -> Tuple[Tuple[str, ...], ...]:
    """Each cell's lines as written, by cell number - 1: none for markdown and raw cells."""
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    return tuple(
        tuple(cell_text(cell).splitlines()) if isinstance(cell, dict) and cell.get("cell_type") == "code" else ()
        for cell in (cells if isinstance(cells, list) else [])
    )


def redacted_cell(lines: Sequence[str], flagged: Iterable[Span]) -> List[str]:
    """A cell's lines as a code frame shows them, what may be secret hidden: the cell is read as
    Python with its magics as `pass` (so its strings are found whole), a magic line word by word."""
    from nhilint.redact import redact_line, redact_lines

    python = python_lines("\n".join(lines))[: len(lines)]
    shown = redact_lines(python, flagged)
    return [shown[index] if python[index] == line else redact_line(line) for index, line in enumerate(lines)]


def check_any(data: bytes, path: str, plan: CheckPlan) -> FileResult:
    """A Python file or a notebook, by its name."""
    return check_notebook(data, path, plan) if is_notebook(path) else check_source(data, path, plan)
