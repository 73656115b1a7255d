"""`--min-severity` / `--min-confidence` (and the config keys): findings below either are left out.

Teams run the high-confidence rules in pre-commit and everything in CI. A file nhilint could
not analyse (NHL900) is never left out: a file nobody checked must not pass silently.
"""

from __future__ import annotations

from typing import Optional

from nhilint.ftypes import CONFIDENCES, SEVERITIES, Finding

LEVELS = SEVERITIES  # low < medium < high; confidences use the same three words
assert LEVELS == CONFIDENCES


def rank(level: Optional[str]) -> int:
    return LEVELS.index(level) if level in LEVELS else 0


def meets(finding: Finding, min_severity: Optional[str], min_confidence: Optional[str]) -> bool:
    if finding.rule.reports_unanalysed_files:
        return True
    return rank(finding.rule.severity) >= rank(min_severity) and rank(finding.confidence) >= rank(min_confidence)
