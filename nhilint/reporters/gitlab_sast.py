"""GitLab SAST report (`gl-sast-report.json`, schema 15.x) for the security dashboard (issue 16).

Beside Code Quality (`gitlab`): GitLab shows these as vulnerabilities in merge requests and the
security dashboard, with the rule and its CWE ids as identifiers. Severity high is `High`,
medium `Medium`, low `Low`; confidence is not part of schema 15 and goes into the description.
A vulnerability's `id` is a UUID derived from its fingerprint (unique within the report, as in
the Code Quality format), so the same finding keeps its id from one pipeline to the next.
Files not analysed (NHL900) are not vulnerabilities: they are scan messages of level `warn`.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Dict, List, TextIO

from nhilint import __version__
from nhilint.fingerprint import unique_fingerprints
from nhilint.ftypes import Finding
from nhilint.home import REPOSITORY_URL

if TYPE_CHECKING:
    from nhilint.api import RunResult

SCHEMA_VERSION = "15.0.7"
SEVERITY = {"high": "High", "medium": "Medium", "low": "Low"}
# a fixed namespace: ids depend only on the finding's fingerprint
_NAMESPACE = uuid.UUID("6f1c3c52-8d0e-4c55-9a55-7e9e3b1f2d10")
_TOOL = {"id": "nhilint", "name": "nhilint", "version": __version__, "url": REPOSITORY_URL,
         "vendor": {"name": "nhilint"}}


def identifiers(f: Finding) -> List[Dict[str, str]]:
    rule = {"type": "nhilint_rule_id", "name": f"{f.code} {f.rule.name}", "value": f.code}
    url = f.rule.url
    if url is not None:  # none without a revision the repository has (nhilint.home)
        rule["url"] = url
    cwes = [
        {"type": "cwe", "name": f"CWE-{n}", "value": str(n), "url": f"https://cwe.mitre.org/data/definitions/{n}.html"}
        for n in f.rule.cwe
    ]
    return [rule, *cwes]


def vulnerability(f: Finding, fingerprint: str) -> Dict[str, Any]:
    tags = ", ".join(t for t in (f.rule.owasp, *f.rule.owasp_2025) if t)
    return {
        "id": str(uuid.uuid5(_NAMESPACE, fingerprint)),
        "name": f"{f.code} {f.rule.name}"[:255],
        "description": f"{f.located_message}\n\n{f.rule.summary}. OWASP: {tags or '-'}. Confidence: {f.confidence}. "
                       f"See `nhilint explain {f.code}`.",
        "severity": SEVERITY[f.rule.severity],
        "location": {"file": f.path, "start_line": f.start.line, "end_line": f.end.line},
        "identifiers": identifiers(f),
    }


def _time() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def sast_report(result: "RunResult") -> Dict[str, Any]:
    findings = [f for f in result.findings if not f.rule.reports_unanalysed_files]
    fingerprints = unique_fingerprints(f.fingerprint for f in findings)
    messages = [
        {"level": "warn", "value": f"{f.path}: {f.message}"}
        for f in result.findings if f.rule.reports_unanalysed_files
    ]
    messages += [{"level": "fatal", "value": f"{path}: {reason}"} for path, reason in result.missing]
    now = _time()
    scan: Dict[str, Any] = {
        "analyzer": _TOOL, "scanner": _TOOL, "type": "sast", "start_time": now, "end_time": now,
        "status": "failure" if result.missing else "success",
    }
    if messages:
        scan["messages"] = messages
    return {
        "version": SCHEMA_VERSION,
        "vulnerabilities": [vulnerability(f, fp) for f, fp in zip(findings, fingerprints)],
        "scan": scan,
    }


def render(result: "RunResult", out: TextIO, color: bool = False) -> None:
    json.dump(sast_report(result), out, indent=2)
    out.write("\n")
