"""Suppression comments: `# nhilint: ignore[NHL101]` and `# noqa: NHL101` on a line,
`# nhilint: ignore-file[NHL101]` anywhere for the whole file, and which silenced nothing.

Codes are required (a bare `# noqa` silences nothing); a code matches itself or, as a prefix,
its family (`NHL1`). A `# noqa` list may mix in other tools' codes (`# noqa: E501, NHL101`):
only the NHL ones are ours. Comments are read with `tokenize`, so a `# noqa` inside a string
is not one; this runs only for files that have findings, or when NHL901 asks for unused ones.

A malformed nhilint comment is never silently ignored: a bare `# nhilint: ignore`, a code
nhilint does not have (`NHL999`) or a rule *name* in place of its code. A finding on its line
says why the comment did not silence it (and which code to write); for a malformed
`# nhilint: ignore-file`, meant for the whole file, every finding of the file says so. With
NHL901 selected each such comment is reported wherever it is.
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, replace
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from nhilint.patterns import compiled_on_first_use
from nhilint.fingerprint import fingerprint
from nhilint.ftypes import Finding, Position, RuleMeta

_CODE = r"NHL\d{1,3}"
# `ignore-file` before `ignore`, which would match its first six letters
_NHILINT = compiled_on_first_use(r"#\s*nhilint:\s*(ignore-file|ignore)\b(\[[^\]\n]*\])?", re.I)
# flake8 and ruff read a noqa list as codes separated by commas or spaces, of any tool
_NOQA = compiled_on_first_use(r"#\s*noqa:\s*([A-Z]+\d+(?:[\s,]+[A-Z]+\d+)*)", re.I)
_OURS = compiled_on_first_use(_CODE, re.I)
_SPLIT = compiled_on_first_use(r"[\s,]+")


@dataclass(frozen=True)
class Suppression:
    """One comment that names nhilint codes; columns are 1-based, the end is exclusive."""

    line: int
    column: int
    end_column: int
    text: str
    codes: FrozenSet[str]
    # `# nhilint: ignore-file[...]`: its codes are silenced everywhere in the file
    file_codes: FrozenSet[str] = frozenset()
    # why (part of) the comment silences nothing: a bare ignore, an unknown code, a rule name;
    # those of an `ignore-file` are in `file_problems`, since they concern every finding
    problems: Tuple[str, ...] = ()
    file_problems: Tuple[str, ...] = ()


def _known_codes() -> Dict[str, str]:
    """Rule name -> code, for every rule of the pack (the index: no rule is imported)."""
    from nhilint.rule_index import rule_entries

    return {entry.name: entry.code for entry in rule_entries()}


def _is_known(code: str, known: Dict[str, str]) -> bool:
    return any(real.startswith(code) for real in known.values())


def parse_comment(comment: str) -> Tuple[FrozenSet[str], FrozenSet[str], Tuple[str, ...], Tuple[str, ...]]:
    """(codes for the line, codes for the file, problems for the line, problems for the file)
    of one comment."""
    line: Set[str] = set()
    whole: Set[str] = set()
    line_problems: List[str] = []
    file_problems: List[str] = []
    known: Optional[Dict[str, str]] = None
    for match in _NHILINT.finditer(comment):
        kind, listed = match.group(1).lower(), match.group(2)
        problems = file_problems if kind == "ignore-file" else line_problems
        if listed is None or not listed[1:-1].strip():
            problems.append(f"`# nhilint: {kind}` names no code, so it silences nothing: "
                            f"write `# nhilint: {kind}[NHL...]`")
            continue
        known = known if known is not None else _known_codes()
        for item in filter(None, _SPLIT.split(listed[1:-1].strip())):
            if _OURS.fullmatch(item) and _is_known(item.upper(), known):
                (whole if kind == "ignore-file" else line).add(item.upper())
            elif _OURS.fullmatch(item):
                problems.append(f"{item} is not an nhilint rule code")
            elif item.lower() in known:
                problems.append(f"'{item}' is a rule name: write its code, {known[item.lower()]}")
            else:
                problems.append(f"'{item}' is not an nhilint rule code")
    for match in _NOQA.finditer(comment):
        for code in _SPLIT.split(match.group(1)):
            if _OURS.fullmatch(code):
                known = known if known is not None else _known_codes()
                if _is_known(code.upper(), known):
                    line.add(code.upper())
                else:
                    line_problems.append(f"{code} is not an nhilint rule code")
    return frozenset(line), frozenset(whole), tuple(line_problems), tuple(file_problems)


def codes_in_comment(comment: str) -> FrozenSet[str]:
    return parse_comment(comment)[0]


def find_suppressions(source: str) -> Tuple[Suppression, ...]:
    found: List[Suppression] = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT and ("nhilint" in token.string.lower() or "noqa" in token.string.lower()):
                codes, file_codes, problems, file_problems = parse_comment(token.string)
                if codes or file_codes or problems or file_problems:
                    (line, column), (_, end) = token.start, token.end
                    found.append(Suppression(line, column + 1, end + 1, token.string, codes, file_codes, problems,
                                             file_problems))
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
    findings: Iterable[Finding], suppressions: Sequence[Suppression], annotate: bool = True
) -> Tuple[List[Finding], FrozenSet[Tuple[int, str]]]:
    """The findings no comment silences, and the (line, code) pairs that silenced something.

    A kept finding on a line whose nhilint comment is malformed says why that comment did not
    silence it; every kept finding says so of a malformed `ignore-file` comment."""
    table = {s.line: s.codes for s in suppressions if s.codes}
    whole = {s.line: s.file_codes for s in suppressions if s.file_codes}
    problems = {s.line: s.problems for s in suppressions if s.problems}
    file_notes = [note for s in suppressions for note in s.file_problems]
    kept: List[Finding] = []
    used: Set[Tuple[int, str]] = set()
    for finding in findings:
        lines = (finding.start.line, finding.statement_line)
        silencers = _silencers(finding.code, lines, table) | _silencers(finding.code, whole, whole)
        used |= silencers
        if silencers:
            continue
        notes = [note for line in sorted(set(lines)) for note in problems.get(line, ())] if annotate else []
        parts = [f"suppression on this line: {'; '.join(notes)}"] if notes else []
        if annotate and file_notes:
            parts.append(f"suppression in this file: {'; '.join(file_notes)}")
        if parts:
            finding = replace(finding, message=f"{finding.message} ({'; '.join(parts)})")
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
        start, end = Position(s.line, s.column), Position(s.line, s.end_column)
        if s.problems or s.file_problems:
            findings.append(Finding(
                rule=meta, message=f"malformed suppression: {'; '.join(s.problems + s.file_problems)}", path=path,
                start=start,
                end=end, confidence=meta.confidence, fingerprint=fingerprint(meta.code, path, f"malformed\0{s.text}"),
                statement_line=s.line,
            ))
        unused = sorted(
            code for code in s.codes | s.file_codes
            if (s.line, code) not in used and ran(code) and not meta.code.startswith(code)
        )
        if not unused:
            continue
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
