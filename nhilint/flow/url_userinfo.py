"""Names of URLs the function reads a password out of: the URL carries that password.

`parts = urlparse(broker_uri)` then `self.password = parts.password` (or
`urlsplit(dsn).password` handed on): the code shows the URL holds `user:password@`, so the
whole URL, logged or shown, shows the password (a broker's, a database's). Only a read that
uses the password counts: `if parts.password:` tests whether there is one (a redaction that
follows, `db_log_url = parts._replace(netloc=...)`, or none). Only the standard library's
parsers, whose `.password` is the userinfo's password (checked with CPython 3.11's
urllib.parse); a URL whose password the code never uses is judged as before (by where it comes
from and its name)."""

from __future__ import annotations

from typing import TYPE_CHECKING, FrozenSet, Optional, Set

import libcst as cst

from nhilint.analysis.imports import leaf_name
from nhilint.walk import nodes_of

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

_PARSERS = frozenset({"urlparse", "urlsplit"})
# what a test is made of, between a read and the `if` that tests it
_TEST_PARTS = (cst.BooleanOperation, cst.UnaryOperation, cst.Comparison)


def password_urls(flow: "FunctionFlow") -> FrozenSet[str]:
    """Local or parameter names whose URL's password the function uses."""
    parsed: dict = {}  # the name of the parts (or the parser's call itself) -> the URL's name
    for call in flow.facts.own_calls:
        if leaf_name(call) not in _PARSERS or not call.args or type(call.args[0].value) is not cst.Name:
            continue
        url = call.args[0].value.value  # type: ignore[attr-defined]
        parent = flow.facts.parent_of(call)
        if type(parent) is cst.Assign and len(parent.targets) == 1 and type(parent.targets[0].target) is cst.Name:  # type: ignore[attr-defined]
            parsed[parent.targets[0].target.value] = url  # type: ignore[attr-defined]
        parsed[id(call)] = url
    if not parsed:
        return frozenset()
    found: Set[str] = set()
    for read in nodes_of(flow.scope, cst.Attribute, nested=True):
        if read.attr.value != "password":
            continue
        owner = read.value
        url: Optional[str] = parsed.get(owner.value) if type(owner) is cst.Name else parsed.get(id(owner))
        if url is not None and not _tested(flow, read):
            found.add(url)
    return frozenset(found)


def _tested(flow: "FunctionFlow", read: cst.CSTNode) -> bool:
    """Whether a read only asks whether there is a password: it is (part of) the test of an
    `if`, a `while` or a conditional expression (`if parts.password:`), not a value used
    (`password = password or parts.password`)."""
    child, parent = read, flow.facts.parent_of(read)
    while isinstance(parent, _TEST_PARTS):
        child, parent = parent, flow.facts.parent_of(parent)
    return isinstance(parent, (cst.If, cst.While, cst.IfExp)) and parent.test is child
