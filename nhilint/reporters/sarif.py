"""SARIF 2.1.0 for GitHub code scanning (SPEC §7).

Valid against the OASIS schema and carrying what code scanning requires or reads: rules with
descriptions, help, `security-severity`, `precision` and tags (`security`, `external/cwe/cwe-N`,
`owasp-nhi/NHI-0n`, `NHIn:2025`); results with a level, a repo-relative location and
`partialFingerprints`. Columns are libcst's, which count code points: `columnKind` says so.
The `nhilint/v1` fingerprint is `Finding.fingerprint` (code, path, normalised node source), made
unique within the log as in the GitLab format (a second identical call in a file gets a hash of
it and its occurrence number); it does not stop GitHub's upload action from adding its own
`primaryLocationLineHash`.

Files not analysed (the rule that reports them, NHL900) are written twice, on purpose:
- as an `error` notification in `invocations[0].toolExecutionNotifications`, with the file and
  reason: SARIF's own way (Appendix I) of saying the results may be incomplete;
- and as a result, because code scanning lists results, not notifications, as alerts: the
  result is what makes a file nobody checked visible there, and it keeps the result count
  equal to the other formats and to the exit code. Rules with no OWASP or CWE mapping, like
  this one, are not tagged `security` and carry `problem.severity` instead.
`executionSuccessful` is false only when a path given on the command line does not exist (the
CLI exits 2); such paths are error notifications too. An unparsable file is not a failed run.
No source text is written: no snippets, only messages.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Sequence, TextIO
from urllib.parse import quote

from nhilint import __version__
from nhilint.docs import doc_text, sections
from nhilint.fingerprint import unique_fingerprints
from nhilint.ftypes import Finding, Position, RuleMeta
from nhilint.home import REPOSITORY_URL

if TYPE_CHECKING:
    from nhilint.api import RunResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "nhilint/v1"
LEVEL = {"high": "error", "medium": "warning", "low": "note"}
# code scanning: 7.0-8.9 is shown as high, 4.0-6.9 medium, 0.1-3.9 low
SECURITY_SEVERITY = {"high": "8.0", "medium": "5.5", "low": "3.0"}
PROBLEM_SEVERITY = {"high": "error", "medium": "warning", "low": "recommendation"}
PRECISION = {"high": "high", "medium": "medium", "low": "low"}
_TEXT_LIMIT = 1024  # code scanning's limit on short and full descriptions


def _limited(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TEXT_LIMIT else text[: _TEXT_LIMIT - 1] + "…"


def is_security_rule(meta: RuleMeta) -> bool:
    return bool(meta.owasp or meta.owasp_2025 or meta.cwe)


def rule_tags(meta: RuleMeta) -> List[str]:
    if not is_security_rule(meta):
        return []
    owasp = [f"owasp-nhi/{meta.owasp}"] if meta.owasp else []
    return ["security", *(f"external/cwe/cwe-{n}" for n in meta.cwe), *owasp, *meta.owasp_2025]


def reporting_descriptor(meta: RuleMeta) -> Dict[str, Any]:
    properties: Dict[str, Any] = {"tags": rule_tags(meta), "precision": PRECISION[meta.confidence]}
    if is_security_rule(meta):
        properties["security-severity"] = SECURITY_SEVERITY[meta.severity]
    else:
        properties["problem.severity"] = PROBLEM_SEVERITY[meta.severity]
    help_text = doc_text(meta)
    rule = {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": _limited(meta.summary)},
        "fullDescription": {"text": _limited(sections(meta.doc).get("What it does") or meta.summary)},
        "helpUri": meta.url,
        "help": {"text": help_text, "markdown": help_text},
        "defaultConfiguration": {"level": LEVEL[meta.severity]},
        "properties": properties,
    }
    if rule["helpUri"] is None:  # no revision known to the repository (nhilint.home): help only
        del rule["helpUri"]
    return rule


def artifact_location(path: str) -> Dict[str, str]:
    if os.path.isabs(path):  # a file outside the root: nothing to be relative to
        return {"uri": Path(path).as_uri()}
    # an undecodable file name keeps its bytes (os.fsdecode's surrogates) in the URI
    return {"uri": quote(path, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}


def location(path: str, start: Position, end: Position) -> Dict[str, Any]:
    region = {
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,  # libcst's end is exclusive, as SARIF's endColumn is
    }
    return {"physicalLocation": {"artifactLocation": artifact_location(path), "region": region}}


def _result(f: Finding, rule_index: int, fingerprint: str) -> Dict[str, Any]:
    result: Dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVEL[f.rule.severity],
        "message": {"text": f.located_message},
        "locations": [location(f.path, f.start, f.end)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"confidence": f.confidence},
    }
    if f.related:  # the second places of a finding (GitHub shows them beside the alert)
        result["relatedLocations"] = [
            {
                "id": number,
                "physicalLocation": {"artifactLocation": artifact_location(place.path),
                                     "region": {"startLine": place.line}},
                "message": {"text": place.message},
            }
            for number, place in enumerate(f.related, start=1)
        ]
    return result


def _notifications(result: "RunResult", indexes: Dict[str, int]) -> List[Dict[str, Any]]:
    notes: List[Dict[str, Any]] = [
        {
            "level": "error",
            "message": {"text": f"{path}: {reason}"},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(path)}}],
        }
        for path, reason in result.missing
    ]
    for f in result.findings:
        if f.rule.reports_unanalysed_files:
            notes.append(
                {
                    "level": "error",
                    "message": {"text": f.message},
                    "locations": [location(f.path, f.start, f.end)],
                    "associatedRule": {"id": f.code, "index": indexes[f.code]},
                }
            )
    return notes


def _rules(result: "RunResult") -> Sequence[RuleMeta]:
    """The rules that ran, plus any a finding names that is not among them."""
    rules = {meta.code: meta for meta in result.rules}
    for f in result.findings:
        rules.setdefault(f.code, f.rule)
    return list(rules.values())


def sarif_log(result: "RunResult") -> Dict[str, Any]:
    rules = _rules(result)
    findings = result.findings
    fingerprints = unique_fingerprints(f.fingerprint for f in findings)
    indexes = {meta.code: index for index, meta in enumerate(rules)}
    root: Dict[str, Any] = {"description": {"text": "The directory finding paths are relative to."}}
    if os.path.isabs(result.root):
        root["uri"] = Path(result.root).as_uri().rstrip("/") + "/"
    run = {
        "tool": {
            "driver": {
                "name": "nhilint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": REPOSITORY_URL,
                "rules": [reporting_descriptor(meta) for meta in rules],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not result.missing,
                "toolExecutionNotifications": _notifications(result, indexes),
            }
        ],
        "originalUriBaseIds": {SRCROOT: root},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, indexes[f.code], fp) for f, fp in zip(findings, fingerprints)],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(result: "RunResult", out: TextIO, color: bool = False) -> None:
    json.dump(sarif_log(result), out, indent=2)
    out.write("\n")
