"""Redaction of secret-looking string literals in source lines we print (code frames).

No output may show a credential in clear (SPEC §8). A literal is redacted when it has a known
token format or passes the hard-coded-token rule's shape gate (nhilint.secret_formats), or is
long, space-free and mixes character classes the way keys do. Redacted
form: the first 4 characters, then `…`.
"""

from __future__ import annotations

import re

from nhilint.secret_formats import known_format, looks_random, without_scheme

_STRING = re.compile(r"""(?P<q>['"])(?P<body>[^'"\\\n]{8,})(?P=q)""")


def _looks_secret(text: str) -> bool:
    if known_format(text) is not None or looks_random(without_scheme(text)):
        return True
    if len(text) < 20 or " " in text or "://" in text:  # short, prose, or a URL
        return False
    classes = sum(bool(re.search(p, text)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]"))
    return classes >= 3


def redact_line(line: str) -> str:
    def replace(match: "re.Match[str]") -> str:
        body = match.group("body")
        if not _looks_secret(body):
            return match.group(0)
        quote = match.group("q")
        return f"{quote}{body[:4]}…{quote}"

    return _STRING.sub(replace, line)
