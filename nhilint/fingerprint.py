"""Stable finding fingerprints: no line numbers (survive moved code), no secret in any form.

A fingerprint hashes the rule's code, the path and the flagged code's shape: its tokens with
white space normalised, comments dropped and each string literal replaced by its kind and length
class (`<s5>`: a str of 16 to 31 characters). A hash of the literal itself would let anyone who
reads a baseline or a SARIF file confirm a guessed secret offline (issue 17 item 3). Code without
literals or comments hashes as it did before, so older baselines keep matching it; a finding
whose code holds a literal gets a new fingerprint once (`nhilint baseline` writes it again).
"""

from __future__ import annotations

import re
from typing import Iterable, List, Set

from nhilint.patterns import compiled_on_first_use

# Literals (unrolled bodies: linear time) and comments, in one left-to-right scan.
_LITERAL_OR_COMMENT = compiled_on_first_use(
    r"(?P<prefix>(?<![A-Za-z0-9_])[rRbBuUfF]{1,2})?"
    r"(?P<string>'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''"
    r'|"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""'
    r"|'[^'\\\n]*(?:\\.[^'\\\n]*)*'"
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*")'
    r"|(?P<comment>#[^\n]*)",
    re.DOTALL,
)


def shape(node_source: str) -> str:
    """The source with comments dropped and literals replaced by `<kind length-class>`."""
    return _LITERAL_OR_COMMENT.sub(_shape_of, node_source)


def _shape_of(match: "re.Match[str]") -> str:
    string = match.group("string")
    if string is None:
        return ""  # a comment
    prefix = (match.group("prefix") or "").lower()
    quotes = 3 if string[:3] in ("'''", '"""') else 1
    kind = "b" if "b" in prefix else "f" if "f" in prefix else "s"
    return f"<{kind}{(len(string) - 2 * quotes).bit_length()}>"


def fingerprint(code: str, path: str, node_source: str) -> str:
    normalised = " ".join(shape(node_source).split())
    return _sha256_hex(f"{code}\0{path}\0{normalised}".encode("utf-8", "surrogatepass"))[:32]


def _sha256_hex(data: bytes) -> str:
    import hashlib  # here: it loads OpenSSL (~11 M instructions), which a check without findings never needs

    return hashlib.sha256(data).hexdigest()


def unique_fingerprints(fingerprints: Iterable[str]) -> List[str]:
    """Fingerprints unique within one report: the first of equal ones is kept, each further one
    becomes a hash of it and its occurrence number (two identical calls in one file)."""
    seen: Set[str] = set()
    unique: List[str] = []
    for original in fingerprints:
        candidate, occurrence = original, 0
        while candidate in seen:
            occurrence += 1
            candidate = _sha256_hex(f"{original}\0{occurrence}".encode())[:32]
        seen.add(candidate)
        unique.append(candidate)
    return unique
