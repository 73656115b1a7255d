"""Text from the checked tree made safe to print in a text format: control characters escaped.

A file name, or a message quoting the source (a dict key, an env var name), may hold a line
break: then `::add-mask::…` or `::error …` stands on a line of its own, which GitHub Actions runs
as a workflow command whatever the output format. It may hold terminal escape sequences
(ESC [ …) that repaint the screen, or bidirectional overrides that reorder what a reviewer
reads (issue 17 item 5). Text formats show each as a visible escape instead: `\\n`, `\\x1b`,
`\\u202e`. JSON, SARIF and GitLab escape them by their own rules; JUnit's XML replaces what XML
cannot hold.
"""

from __future__ import annotations

import re

from nhilint.patterns import compiled_on_first_use

# C0 and C1 controls and DEL; bidirectional marks, embeddings, overrides and isolates; line and
# paragraph separators; and the surrogates os.fsdecode makes of a file name's bytes 0x80-0x9f,
# which a terminal in an 8-bit mode takes as C1 controls (0x9b is CSI).
_UNSAFE = compiled_on_first_use(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\udc80-\udc9f]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` with every unsafe character written as a backslash escape."""
    if _UNSAFE.search(text) is None:  # the common case: nothing to do
        return text
    return _UNSAFE.sub(_escape, text)


def _escape(match: "re.Match[str]") -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDC9F:  # an undecodable byte of a file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
