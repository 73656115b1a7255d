"""Where a query text goes, other than a URL: a request's body (`r.body += f"&secret={secret}"`,
`data=auth_str`, a form-encoded body) or a login's user name (`username=...`: an AWS IoT custom
authorizer reads `bot?jwt=...` from the MQTT username); and whether a template's pairs follow a
separator a placeholder chooses (query or an implicit flow's fragment). Asked by
nhilint.flow.query_tokens once a query text holding a token is found.
"""

from __future__ import annotations

from typing import Sequence

import libcst as cst

from nhilint.analysis.scope import ScopeFacts
from nhilint.patterns import compiled_on_first_use

# where a request keeps its body: requests' prepared `r.body`, httpx's `content`, `data=` / `body=`
_BODY_PLACES = frozenset({"body", "data", "content"})
# arguments that carry a login, not a URL: paho-mqtt's `username_pw_set(username=...)` (an AWS IoT
# custom authorizer reads `bot?jwt=...&x-amz-customauthorizer-signature=...` from the MQTT username)
_LOGIN_ARGUMENTS = frozenset({"username", "user", "login", "password"})


def body_target(statement: "cst.Assign | cst.AugAssign") -> bool:
    """`r.body = ...` / `r.body += ...`."""
    targets = [t.target for t in statement.targets] if isinstance(statement, cst.Assign) else [statement.target]
    return all(isinstance(t, cst.Attribute) and t.attr.value in _BODY_PLACES for t in targets)


def into_body(facts: ScopeFacts, load: cst.CSTNode) -> bool:
    """The read of a local goes to a request's body, the value of `r.body += name` or of a
    `data=name` / `body=name` argument, or to a login's user name (`username=name`)."""
    parent = facts.parent_of(load)
    if isinstance(parent, cst.Arg):
        return parent.keyword is not None and parent.keyword.value in _BODY_PLACES | _LOGIN_ARGUMENTS
    if isinstance(parent, cst.BinaryOperation):
        load, parent = parent, facts.parent_of(parent)
    return isinstance(parent, (cst.Assign, cst.AugAssign)) and parent.value is load and body_target(parent)


# a template's placeholders (`%s`, `{}`, `{0}`, `{name}`), each read as one character
_PLACEHOLDER = compiled_on_first_use(r"%s|\{[^{}]*\}")


def separator_chosen(before: str) -> bool:
    """The pairs before a `&key=` of a template begin right after a placeholder, with no `?`
    of their own (`"%s%saccess_token=%s&id_token=%s" % (redirect_uri, separator, ...)`): the
    value put there chooses query or fragment (OAuth's implicit flow answers in the fragment),
    and the code does not say which. Also after a literal `#`: a fragment. Read from the end,
    pair by pair (`key=` then a placeholder), in one pass."""
    rest = _PLACEHOLDER.sub("\x00", before)
    end = len(rest)
    while end >= 2 and rest[end - 1] == "\x00" and rest[end - 2] == "=":
        start = end - 2
        while start > 0 and (rest[start - 1].isalpha() or rest[start - 1] == "_"):
            start -= 1
        if start == end - 2:
            return False  # `=` with no key before it
        first = rest[start - 1] if start > 0 else ""
        if first in ("#", "?"):
            return first == "#"  # `#access_token=...`: the fragment; `?`: the query
        if first != "&":
            return first == "\x00"  # the first pair follows a placeholder: its separator
        end = start - 1
    return False


def form_body(statements: Sequence[cst.CSTNode], facts: ScopeFacts) -> bool:
    """The statement being read writes the text to a request's body: `r.body +=
    f"&secret={secret}"`, or binds it to a local every use of which does (`r.body += auth_str`,
    `data=auth_str`): a form-encoded body, no URL."""
    statement = statements[-1] if statements else None
    small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
    if isinstance(small, (cst.Assign, cst.AugAssign)) and body_target(small):
        return True
    if not (isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)):
        return False
    loads = facts.loads.get(small.targets[0].target.value, ())
    return bool(loads) and all(into_body(facts, load) for load in loads)
