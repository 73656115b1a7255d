"""Suppression comments: `# nhilint: ignore[NHL101]` and `# noqa: NHL101`, and which silenced nothing.

Codes are required (a bare `# noqa` silences nothing); a code matches itself or, as a prefix,
its family (`NHL1`). A `# noqa` list may mix in other tools' codes (`# noqa: E501, NHL101`):
only the NHL ones are ours. Comments are read with `tokenize`, so a `# noqa` inside a string
is not one; this runs only for files that have findings, or when NHL901 asks for unused ones.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Iterable, List, Sequence, Set, Tuple

from nhilint.fingerprint import fingerprint
from nhilint.ftypes import Finding, Position, RuleMeta

_CODE = r"NHL\d{1,3}"
_NHILINT = re.compile(r"#\s*nhilint:\s*ignore\[\s*(" + _CODE + r"(?:\s*,\s*" + _CODE + r")*)\s*\]", re.I)
# flake8 and ruff read a noqa list as codes separated by commas or spaces, of any tool
_NOQA = re.compile(r"#\s*noqa:\s*([A-Z]+\d+(?:[\s,]+[A-Z]+\d+)*)", re.I)
_OURS = re.compile(_CODE, re.I)
_SPLIT = re.compile(r"[\s,]+")


@dataclass(frozen=True)
class Suppression:
    """One comment that names nhilint codes; columns are 1-based, the end is exclusive."""

    line: int
    column: int
    end_column: int
    text: str
    codes: FrozenSet[str]


def codes_in_comment(comment: str) -> FrozenSet[str]:
    found: Set[str] = set()
    for pattern in (_NHILINT, _NOQA):
        for match in pattern.finditer(comment):
            found.update(
                code.upper() for code in _SPLIT.split(match.group(1)) if _OURS.fullmatch(code)
            )
    return frozenset(found)


def find_suppressions(source: str) -> Tuple[Suppression, ...]:
    found: List[Suppression] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                codes = codes_in_comment(token.string)
                if codes:
                    (line, column), (_, end) = token.start, token.end
                    found.append(Suppression(line, column + 1, end + 1, token.string, codes))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass  # libcst parsed it; whatever tokenize dislikes at the end changes no comment
    return tuple(found)


def _silencers(code: str, lines: Iterable[int], table: Dict[int, FrozenSet[str]]) -> Set[Tuple[int, str]]:
    return {
        (line, suppressed)
        for line in set(lines)
        for suppressed in table.get(line, ())
        if code.startswith(suppressed)
    }


def apply_suppressions(
    findings: Iterable[Finding], suppressions: Sequence[Suppression]
) -> Tuple[List[Finding], FrozenSet[Tuple[int, str]]]:
    """The findings no comment silences, and the (line, code) pairs that silenced something."""
    table = {s.line: s.codes for s in suppressions}
    kept: List[Finding] = []
    used: Set[Tuple[int, str]] = set()
    for finding in findings:
        silencers = _silencers(finding.code, (finding.start.line, finding.statement_line), table)
        used |= silencers
        if not silencers:
            kept.append(finding)
    return kept, frozenset(used)


def unused_suppressions(
    meta: RuleMeta,
    path: str,
    suppressions: Sequence[Suppression],
    used: FrozenSet[Tuple[int, str]],
    ran: Callable[[str], bool],
) -> List[Finding]:
    """NHL901: one finding per comment naming codes that silenced nothing.

    Only codes for which `ran(code)` holds count (every rule they name ran on the file); a code
    naming the reporting rule itself is never unused, or `# noqa: NHL901` would report itself.
    """
    findings = []
    for s in suppressions:
        unused = sorted(
            code for code in s.codes
            if (s.line, code) not in used and ran(code) and not meta.code.startswith(code)
        )
        if not unused:
            continue
        start, end = Position(s.line, s.column), Position(s.line, s.end_column)
        findings.append(
            Finding(
                rule=meta,
                message=f"suppression of {', '.join(unused)} silenced nothing",
                path=path,
                start=start,
                end=end,
                confidence=meta.confidence,
                fingerprint=fingerprint(meta.code, path, f"{' '.join(unused)}\0{s.text}"),
                statement_line=s.line,
            )
        )
    return findings
