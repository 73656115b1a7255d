"""A JSON array of findings with every field a tool may need (SPEC §7)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, TextIO

from nhilint.ftypes import Finding

if TYPE_CHECKING:
    from nhilint.api import RunResult


def finding_to_dict(f: Finding) -> Dict[str, Any]:
    fields = _fields(f)
    if f.cell:  # a notebook: start and end are within this cell
        fields["cell"] = f.cell
    return fields


def _fields(f: Finding) -> Dict[str, Any]:
    return {
        "code": f.code,
        "name": f.rule.name,
        "message": f.message,
        "path": f.path,
        "start": {"line": f.start.line, "column": f.start.column},
        "end": {"line": f.end.line, "column": f.end.column},
        "severity": f.rule.severity,
        "confidence": f.confidence,
        "owasp": f.rule.owasp,
        "owasp-2025": list(f.rule.owasp_2025),
        "cwe": [f"CWE-{n}" for n in f.rule.cwe],
        "url": f.rule.url,
        "fingerprint": f.fingerprint,
        "related": [{"path": r.path, "line": r.line, "message": r.message} for r in f.related],
    }


def render(result: "RunResult", out: TextIO, color: bool = False) -> None:
    json.dump([finding_to_dict(f) for f in result.findings], out, indent=2)
    out.write("\n")
