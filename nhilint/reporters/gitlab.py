"""GitLab Code Quality: a JSON array of issues (SPEC §7).

Severity high is `critical`, medium `major`, low `minor`. GitLab tells new issues from old by
fingerprint, so fingerprints must be unique within a report: the first finding with a given
`Finding.fingerprint` keeps it, each further one (two identical calls in one file) gets a hash
of it and its occurrence number (`nhilint.fingerprint.unique_fingerprints`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Dict, TextIO

from nhilint.fingerprint import unique_fingerprints
from nhilint.ftypes import Finding

if TYPE_CHECKING:
    from nhilint.api import RunResult

SEVERITY = {"high": "critical", "medium": "major", "low": "minor"}


def issue(f: Finding, fingerprint: str) -> Dict[str, Any]:
    return {
        "description": f"{f.code} {f.located_message}",
        "check_name": f.code,
        "fingerprint": fingerprint,
        "severity": SEVERITY[f.rule.severity],
        "location": {"path": f.path, "lines": {"begin": f.start.line, "end": f.end.line}},
    }


def render(result: "RunResult", out: TextIO, color: bool = False) -> None:
    findings = result.findings
    fingerprints = unique_fingerprints(f.fingerprint for f in findings)
    issues = [issue(f, fp) for f, fp in zip(findings, fingerprints)]
    json.dump(issues, out, indent=2)
    out.write("\n")
