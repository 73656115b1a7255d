"""libcst's parse of a module, without the check each node runs on itself as it is created.

libcst checks every node it creates (`CSTNode.__post_init__` calls `_validate`), to catch trees
built by hand (a `Name` with spaces, a lambda with parentheses missing). A tree that libcst's own
parser built from source text is valid by construction; libcst's authors note at that method that
the check would better live elsewhere "to avoid validating the tree when parsing a file". The
check is about an eighth of a parse (pyjwt's `api_jws.py`: 23.3 ms against 26.8 ms), and a check
with the project index parses several modules. So nhilint parses with it switched off, and on
again as soon as the parse returns. Nodes that nhilint itself creates (none on the analysis path)
are checked as usual outside a parse.
"""

from __future__ import annotations

from typing import Optional, Union

import libcst as cst
from libcst._nodes.base import CSTNode  # where the check is called; libcst exports no switch


def _unchecked(self: CSTNode) -> None:
    """A node created by the parser: nothing to check."""


def parse_module(source: Union[str, bytes]) -> cst.Module:
    """`libcst.parse_module`, the nodes unchecked; raises what it raises. A libcst that no
    longer checks nodes there (a later release) is parsed as it is. A module whose indentation
    mixes tabs and spaces in a way libcst's tokenizer rejects and Python accepts is parsed with
    those tabs expanded as Python reads them."""
    try:
        return _parse(source)
    except cst.ParserSyntaxError:
        expanded = _tabs_expanded(source)
        if expanded is None or not _python_parses(source):
            raise
        return _parse(expanded)


def _parse(source: Union[str, bytes]) -> cst.Module:
    checked = CSTNode.__dict__.get("__post_init__")
    if checked is None:
        return cst.parse_module(source)
    CSTNode.__post_init__ = _unchecked  # type: ignore[method-assign]
    try:
        return cst.parse_module(source)
    finally:
        CSTNode.__post_init__ = checked  # type: ignore[method-assign]


def _tabs_expanded(source: Union[str, bytes]) -> Optional[Union[str, bytes]]:
    """The source with the tabs of each line's indentation expanded to the next multiple of 8
    columns, as Python's tokenizer counts them (`"       \t  "`: 7 spaces, a tab and 2 spaces
    are column 10, kafkacrypto's crypto.py); None when no indentation holds a tab. Lines keep
    their numbers; only the columns of the indentation change."""
    lines = source.splitlines(keepends=True)
    tab = "\t" if isinstance(source, str) else b"\t"
    changed = False
    out = []
    for line in lines:
        body = line.lstrip(" \t" if isinstance(line, str) else b" \t")  # type: ignore[arg-type]
        indent = line[: len(line) - len(body)]
        if tab in indent:
            line = indent.expandtabs(8) + body  # type: ignore[operator]
            changed = True
        out.append(line)
    if not changed:
        return None
    return "".join(out) if isinstance(source, str) else b"".join(out)  # type: ignore[arg-type]


def _python_parses(source: Union[str, bytes]) -> bool:
    """Whether Python itself reads the module (it checks that tabs and spaces are used
    consistently): only then is libcst's refusal the tokenizer's, not the code's."""
    import ast

    try:
        ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return True
