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

from typing import Union

import libcst as cst
from libcst._nodes.base import CSTNode  # where the check is called; libcst exports no switch


def _unchecked(self: CSTNode) -> None:
    """A node created by the parser: nothing to check."""


def parse_module(source: Union[str, bytes]) -> cst.Module:
    """`libcst.parse_module`, the nodes unchecked; raises what it raises. A libcst that no
    longer checks nodes there (a later release) is parsed as it is."""
    checked = CSTNode.__dict__.get("__post_init__")
    if checked is None:
        return cst.parse_module(source)
    CSTNode.__post_init__ = _unchecked  # type: ignore[method-assign]
    try:
        return cst.parse_module(source)
    finally:
        CSTNode.__post_init__ = checked  # type: ignore[method-assign]
