"""Redaction of the source lines code frames print: no secret in clear (SPEC §8, issue 17 item 3).

The file is tokenized once (Python's own tokenizer, so literals holding quotes or backslashes,
multi-line strings, f-strings and comments are seen whole), and hidden, as the first 4
characters then `…`:
- a string literal that is one word and looks like a secret: a known token format, or random
  (nhilint.secret_formats: the shape gate NHL301 uses, so a literal it reports is hidden here);
- a string literal under a credential name (`PASSWORD = "hunter2"`, `client_secret="…"`,
  `{"Authorization": "Bearer …"}`), however weak;
- a string literal a finding is about (its span starts at the literal: NHL301's weak key
  positions, `jwt.encode(payload, "hunter2")`);
- in other literals (prose, docstrings, multi-line strings) and in comments, each word that
  looks like a secret, and the value after `password:` / `token=`;
- the password of a URL (`postgres://app:…@db`), anywhere on the line.
Code that cannot be tokenized (a file edited since a cached run) is redacted word by word.
Line numbers never change: a redacted multi-line string keeps its line breaks.
"""

from __future__ import annotations

import io
import re
import tokenize
from typing import Iterable, List, Optional, Sequence, Set, Tuple

from nhilint.patterns import compiled_on_first_use
from nhilint.secret_formats import is_credential_name, is_placeholder, known_format, looks_random, without_scheme

# ((line, column), (line, column)), 1-based, the end exclusive: a finding's span
Span = Tuple[Tuple[int, int], Tuple[int, int]]

_SHOWN = 4
_WORD = compiled_on_first_use(r"\S+")
_SPACE = compiled_on_first_use(r"\s")
# parts of a word: `{user}:s3cr3t`, `token=abc`, `"key":"value"`
_PART_SEPARATORS = compiled_on_first_use(r"[{}()\[\]:=,;@\"'`<>]+")
# `://user:password@`: anchored on `://`, and neither class can run past the other's stop
_URL_PASSWORD = compiled_on_first_use(r"(://[^\s/:@'\"]*:)([^\s/@'\"]+)(@)")
_URL_SCHEME = compiled_on_first_use(r"[A-Za-z][A-Za-z0-9+.-]{0,31}://")  # bounded: linear under finditer too
_URL_PARTS = compiled_on_first_use(r"[/?&=#:@;,{}()\[\]\"'`<>]+")
_ENV_VAR_NAME = compiled_on_first_use(r"[A-Z][A-Z0-9_]*")
_ALGORITHM = compiled_on_first_use(r"(HS|RS|ES|PS)(256|384|512)|EdDSA|none", re.I)
_PREFIX = compiled_on_first_use(r"[A-Za-z]*")
_OPERATORS_BEFORE_A_VALUE = {"=", ":", "==", "!=", ":="}
_CLASSES = (compiled_on_first_use(r"[a-z]"), compiled_on_first_use(r"[A-Z]"), compiled_on_first_use(r"[0-9]"), compiled_on_first_use(r"[^A-Za-z0-9]"))


def hidden(text: str) -> str:
    """What is shown of a secret: its first 4 characters, then `…`."""
    return text[:_SHOWN] + "…"


def _looks_secret(word: str) -> bool:
    """A known format, the shape gate, or long and mixing classes the way keys do."""
    if known_format(word) is not None or looks_random(without_scheme(word)):
        return True
    if len(word) < 20 or "://" in word:
        return False
    return sum(bool(pattern.search(word)) for pattern in _CLASSES) >= 3


def secret_value(name: str, value: str) -> bool:
    """Whether a value bound to `name` may be a secret: a word that looks like one, a URL with a
    password, or one word under a credential name (`PASSWORD = "hunter2"`), unless it names
    something (an env var, `JWT_ALGORITHM = "HS256"`) or is a placeholder. A sentence under a
    credential name (`MSG_TOKEN_EXPIRED = "token expired: {reason}"`) is not one. What is kept
    of another module (nhilint.project) never holds a secret."""
    if _URL_PASSWORD.search(value) or any(_secret_word(word) for word in _WORD.findall(value)):
        return True
    return (
        is_credential_name(name) and _WORD.fullmatch(value) is not None and _value_like(value)
        and not _ENV_VAR_NAME.fullmatch(value) and not _ALGORITHM.fullmatch(value)
    )


def _secret_word(word: str) -> bool:
    if word[:1] == "/" and word[1:2] != "/":
        # a path is judged by its segments and query values, as a URL's (`/v2/vault/token/stake`
        # mixes digits, letters and slashes as no key does)
        return any(_looks_secret(part) for part in _URL_PARTS.split(word) if part) or any(
            _value_after_name(pair, None) for pair in word.replace("?", "&").split("&"))
    if _looks_secret(word):
        return True
    url = _URL_SCHEME.match(word)
    # a URL is judged by its host, path segments and query values (`https://graph.facebook.com/v19.0`
    # is no secret, `...?access_token=eyJ...` is): split at the scheme, `//graph.facebook.com/v19.0`
    # would pass for a random word
    parts = [part for part in (_URL_PARTS.split(word[url.end():]) if url else _PART_SEPARATORS.split(word)) if part]
    if url and any(_value_after_name(pair, None) for pair in word[url.end():].replace("?", "&").split("&")):
        return True  # `?api_key=hunter2`: a credential named in the query, however weak
    return len(parts) > 1 and any(_looks_secret(part) for part in parts)


def _value_after_name(word: str, previous: Optional[str]) -> bool:
    """`password: hunter2` (two words) or `token=hunter2` (one)."""
    if previous is not None and previous.endswith((":", "=")) and is_credential_name(previous.rstrip(":=")):
        return _value_like(word)
    name, separator, value = word.partition("=")
    if not separator:
        name, separator, value = word.partition(":")
    return bool(separator) and is_credential_name(name.strip("\"'")) and _value_like(value)


def redact_words(text: str) -> str:
    """Each word of prose or a comment that looks like a secret, or follows a credential name."""
    previous: Optional[str] = None
    pieces: List[str] = []
    last = 0
    for match in _WORD.finditer(text):
        word = match.group()
        pieces.append(text[last:match.start()])
        pieces.append(hidden(word) if _secret_word(word) or _value_after_name(word, previous) else word)
        last, previous = match.end(), word
    pieces.append(text[last:])
    return "".join(pieces)


def _value_like(text: str) -> bool:
    """What may be a credential when a name says it is one: not empty, a placeholder, an env var
    name, an ordinary URL or path, or prose."""
    value = without_scheme(text.strip())
    if len(value) < _SHOWN or _SPACE.search(value) or is_placeholder(value):
        return False
    if _ENV_VAR_NAME.fullmatch(value) or value.startswith(("/", "./", "~")):
        return False
    return not ("://" in value and "@" not in value)


def redact_lines(lines: Sequence[str], flagged: Iterable[Span] = ()) -> List[str]:
    """`lines` (a whole file, for its multi-line strings) with what may be secret hidden."""
    try:
        edits = _edits(lines, {start for start, _ in flagged})
    except (tokenize.TokenError, SyntaxError, ValueError):  # not Python as it stands: word by word
        return [_URL_PASSWORD.sub(_url_password, redact_words(line)) for line in lines]
    result = list(lines)
    for start, end, replacement in sorted(edits, reverse=True):
        _splice(result, start, end, replacement)
    return [_URL_PASSWORD.sub(_url_password, line) for line in result]


def redact_line(line: str) -> str:
    return redact_lines([line])[0]


def _url_password(match: "re.Match[str]") -> str:
    return match.group(1) + hidden(match.group(2)) + match.group(3)


Position = Tuple[int, int]  # tokenize's: line 1-based, column 0-based


def _edits(lines: Sequence[str], flagged_starts: Set[Tuple[int, int]]) -> List[Tuple[Position, Position, str]]:
    edits: List[Tuple[Position, Position, str]] = []
    about = False  # in the literal a finding starts at (with its implicit concatenation)
    in_fstring = 0  # Python 3.12+ tokenizes f-strings in parts: their insides belong to them
    recent: List[tokenize.TokenInfo] = []  # significant tokens of the logical line so far
    readline = io.StringIO("\n".join(lines) + "\n").readline
    for token in tokenize.generate_tokens(readline):
        kind = token.type
        if kind == tokenize.COMMENT:
            edits.append((token.start, token.end, redact_words(token.string)))
            continue
        if kind in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT):
            continue
        if kind == tokenize.NEWLINE:
            recent, about = [], False
            continue
        row, column = token.start
        if kind in (tokenize.STRING, _FSTRING_START):
            if (row, column + 1) in flagged_starts:
                about = True
            elif not (recent and recent[-1].type in (tokenize.STRING, _FSTRING_END)):
                about = False  # (else the next part of an implicit concatenation: as the one before)
        elif not in_fstring and kind not in (_FSTRING_MIDDLE, _FSTRING_END):
            about = False
        in_fstring += (kind == _FSTRING_START) - (kind == _FSTRING_END)
        if (kind == tokenize.STRING and len(token.string) > _SHOWN + 2) or kind == _FSTRING_MIDDLE:
            # (a literal of at most 4 characters is shown whole anyway: see _literal)
            whole = about or _under_credential_name(recent)
            replacement = _literal(token.string, whole) if kind == tokenize.STRING else _middle(token.string, whole)
            if replacement != token.string:
                edits.append((token.start, token.end, replacement))
        recent.append(token)
    return edits


# Python 3.12+ tokenizes f-strings in parts (absent before: -1 matches no token)
_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_MIDDLE = getattr(tokenize, "FSTRING_MIDDLE", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)


def _under_credential_name(recent: Sequence[tokenize.TokenInfo]) -> bool:
    """The literal follows `NAME =`, `NAME:`, `name=` or `"Name":`, or the statement assigns to
    a credential name (`API_KEY: str = …`)."""
    if len(recent) >= 2 and recent[-1].string in _OPERATORS_BEFORE_A_VALUE:
        name = recent[-2]
        if name.type == tokenize.NAME and is_credential_name(name.string):
            return True
        if name.type == tokenize.STRING and is_credential_name(_parts(name.string)[1]):
            return True
    first = recent[0] if recent else None
    return first is not None and first.type == tokenize.NAME and is_credential_name(first.string) and any(
        token.string == "=" for token in recent)


def _parts(literal: str) -> Tuple[str, str, str]:
    """(prefix and opening quote, body, closing quote) of a string literal token."""
    prefix = _PREFIX.match(literal).group()  # type: ignore[union-attr]
    rest = literal[len(prefix):]
    quote = rest[:3] if rest[:3] in ("'''", '"""') else rest[:1]
    if len(rest) < 2 * len(quote):
        return literal, "", ""
    return prefix + quote, rest[len(quote):len(rest) - len(quote)], quote


def _literal(literal: str, whole: bool) -> str:
    """A literal hidden whole (keeping its prefix, quotes and line breaks), word by word, or kept."""
    opening, body, closing = _parts(literal)
    if len(body) <= _SHOWN:  # all of it would be shown anyway (and a file of tiny literals stays fast)
        return literal
    one_word = _SPACE.search(body.strip()) is None
    if (whole and (_value_like(body) or one_word)) or (one_word and _secret_word(body.strip())):
        return opening + hidden(body.strip()) + "\n" * body.count("\n") + closing
    return opening + redact_words(body) + closing


def _middle(text: str, whole: bool) -> str:
    """The text between an f-string's replacement fields (Python 3.12+)."""
    if whole and _value_like(text):
        return hidden(text.strip()) + "\n" * text.count("\n")
    return redact_words(text)


def _splice(lines: List[str], start: Position, end: Position, replacement: str) -> None:
    """Replaces the text from `start` to `end` (tokenize positions) by `replacement`, which has
    as many line breaks as the text it replaces."""
    (first_row, first_column), (last_row, last_column) = start, end
    parts = replacement.split("\n")
    span = last_row - first_row + 1
    parts = (parts + [""] * span)[:span] if len(parts) != span else parts
    head, tail = lines[first_row - 1][:first_column], lines[last_row - 1][last_column:]
    if span == 1:
        lines[first_row - 1] = head + parts[0] + tail
        return
    lines[first_row - 1] = head + parts[0]
    for offset in range(1, span - 1):
        lines[first_row - 1 + offset] = parts[offset]
    lines[last_row - 1] = parts[-1] + tail
