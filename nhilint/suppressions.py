"""Suppression comments: `# nhilint: ignore[NHL101]` and `# noqa: NHL101`.

Codes are required (a bare `# noqa` silences nothing); a code matches itself or, as a prefix,
its family (`NHL1`). Comments are read with `tokenize`, so a `# noqa` inside a string is not
one; this runs only for files that have findings.
"""

from __future__ import annotations

import io
import re
import tokenize
from typing import Dict, FrozenSet, Iterable

_CODE = r"NHL\d{1,3}"
_NHILINT = re.compile(r"#\s*nhilint:\s*ignore\[\s*(" + _CODE + r"(?:\s*,\s*" + _CODE + r")*)\s*\]", re.I)
_NOQA = re.compile(r"#\s*noqa:\s*(" + _CODE + r"(?:[\s,]+" + _CODE + r")*)", re.I)
_SPLIT = re.compile(r"[\s,]+")


def codes_in_comment(comment: str) -> FrozenSet[str]:
    found = set()
    for pattern in (_NHILINT, _NOQA):
        for match in pattern.finditer(comment):
            found.update(code.upper() for code in _SPLIT.split(match.group(1)) if code)
    return frozenset(found)


def suppressions_by_line(source: str) -> Dict[int, FrozenSet[str]]:
    """Line number -> codes suppressed by the comment on that line."""
    result: Dict[int, FrozenSet[str]] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                codes = codes_in_comment(token.string)
                if codes:
                    result[token.start[0]] = codes
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass  # libcst parsed it; whatever tokenize dislikes at the end changes no comment
    return result


def is_suppressed(code: str, lines: Iterable[int], table: Dict[int, FrozenSet[str]]) -> bool:
    for line in lines:
        for suppressed in table.get(line, ()):
            if code.startswith(suppressed):
                return True
    return False
