"""Names of URLs the function reads a password out of: the URL carries that password.

`parts = urlparse(broker_uri)` then `parts.password` (or `urlsplit(dsn).password`): the code
shows the URL may hold `user:password@`, so the whole URL, logged or shown, shows the password
(a broker's, a database's). Only the standard library's parsers, whose `.password` is the
userinfo's password (checked with CPython 3.11's urllib.parse); a URL whose password the code
never asks for is judged as before (by where it comes from and its name)."""

from __future__ import annotations

from typing import TYPE_CHECKING, FrozenSet, Set

import libcst as cst

from nhilint.analysis.imports import leaf_name

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

_PARSERS = frozenset({"urlparse", "urlsplit"})


def password_urls(flow: "FunctionFlow") -> FrozenSet[str]:
    """Local or parameter names whose URL's password the function reads."""
    found: Set[str] = set()
    written = None
    for call in flow.facts.own_calls:
        if leaf_name(call) not in _PARSERS or not call.args or type(call.args[0].value) is not cst.Name:
            continue
        url = call.args[0].value.value  # type: ignore[attr-defined]
        parent = flow.facts.parent_of(call)
        if type(parent) is cst.Attribute and parent.attr.value == "password":  # type: ignore[attr-defined]
            found.add(url)  # `urlparse(url).password`
            continue
        if type(parent) is cst.Assign and len(parent.targets) == 1 and type(parent.targets[0].target) is cst.Name:  # type: ignore[attr-defined]
            parts = parent.targets[0].target.value  # type: ignore[attr-defined]
            if written is None:
                written = flow.context.module.code_for_node(flow.scope)
            if f"{parts}.password" in written:
                found.add(url)  # `parts = urlparse(url)`, then `parts.password`
    return frozenset(found)
