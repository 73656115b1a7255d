"""Markdown re-flowed to a width, and still Markdown: `nhilint explain` into a pipe with
`COLUMNS` set.

Paragraphs and list items are re-flowed; fenced code, headings, tables, HTML and indented
blocks are kept line for line. A word is never cut, nor a code span (`like this`) split
across lines: a URL or a span wider than the width stays whole on a line of its own.
"""

from __future__ import annotations

import textwrap
from typing import List

from nhilint.patterns import compiled_on_first_use

# the look-behinds start each run of blanks or digits once: linear on any line
_LIST_ITEM = compiled_on_first_use(r"(?<![ \t])([ \t]*)([-*+]|(?<!\d)\d+[.)])[ \t]+")
# headings, tables, HTML, link definitions, indented code, quotes
_VERBATIM = compiled_on_first_use(r"#|\||<|\[[^\[\]\n]+\]:\s|\s{4}|>")
_CODE_SPAN = compiled_on_first_use(r"`[^`\n]*`")
_UNBROKEN = "\x00"  # stands for a space inside a code span while the text is wrapped


def reflow(text: str, width: int) -> str:
    out: List[str] = []
    pending: List[str] = []  # the lines of the paragraph or list item being read
    indent = ""  # a list item's continuation indent

    def flush() -> None:
        nonlocal indent
        if pending:
            # the first line keeps its indentation: a nested item's marker stays under its parent
            joined = " ".join([pending[0].rstrip(), *(line.strip() for line in pending[1:])])
            out.extend(_wrapped(joined, width, indent))
            pending.clear()
        indent = ""

    fenced = False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            flush()
            fenced = not fenced
            out.append(line)
        elif fenced or not line.strip():
            flush()
            out.append(line)
        elif (item := _LIST_ITEM.match(line)) is not None:
            flush()
            indent = " " * item.end()
            pending.append(line)
        elif pending and (indent and line.startswith(indent) or not _VERBATIM.match(line)):
            pending.append(line)  # a continuation line
        elif _VERBATIM.match(line):
            flush()
            out.append(line)
        else:
            pending.append(line)
    flush()
    return "\n".join(out)


def _wrapped(paragraph: str, width: int, indent: str) -> List[str]:
    """The first line keeps the item's marker; later lines are indented under its text."""
    marker = _LIST_ITEM.match(paragraph)
    first = paragraph[: marker.end()] if marker else ""
    body = _CODE_SPAN.sub(lambda span: span.group().replace(" ", _UNBROKEN), paragraph[len(first):])
    lines = textwrap.wrap(
        body, width=max(width, len(first) + 1), initial_indent=first, subsequent_indent=indent,
        break_long_words=False, break_on_hyphens=False,
    )
    return [line.replace(_UNBROKEN, " ") for line in lines]
