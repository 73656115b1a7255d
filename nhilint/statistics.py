"""`check --statistics`: how many findings of each rule, most frequent first, as ruff prints it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Dict, Sequence, TextIO, Tuple

from nhilint.ftypes import Finding


@dataclass(frozen=True)
class CodeCount:
    count: int
    code: str
    name: str


def code_counts(findings: Sequence[Finding]) -> Tuple[CodeCount, ...]:
    """One row per code, by count (highest first), then by code."""
    counts: Dict[str, int] = {}
    names: Dict[str, str] = {}
    for finding in findings:
        counts[finding.code] = counts.get(finding.code, 0) + 1
        names[finding.code] = finding.rule.name
    rows = (CodeCount(count, code, names[code]) for code, count in counts.items())
    return tuple(sorted(rows, key=lambda row: (-row.count, row.code)))


def write_table(rows: Sequence[CodeCount], out: TextIO) -> None:
    """`count<TAB>code<TAB>name`, counts right-aligned; nothing at all when there is no finding."""
    if not rows:
        return
    width = max(len(str(row.count)) for row in rows)
    code_width = max(len(row.code) for row in rows)
    for row in rows:
        out.write(f"{row.count:>{width}}\t{row.code:<{code_width}}\t{row.name}\n")


def write_json(rows: Sequence[CodeCount], out: TextIO) -> None:
    data = [{"code": row.code, "name": row.name, "count": row.count} for row in rows]
    out.write(json.dumps(data, indent=2) + "\n")
