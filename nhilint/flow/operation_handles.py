"""A plain `token` that is the handle of an operation a service started (NHL404): bound from
`client.create_search(command)` and handed back to the same client's calls about that
operation (`client.wait_for_search(token)`, `client.close_search(token)`). Laserfiche's search
token, an export's or an upload's id: it names the running operation in a session the client
authenticates otherwise, and grants nothing by itself. What a login, a session or a key
creation returns is a credential, and keeps its name's label."""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.names import is_token_name, names_plain_token, snake_case
from nhilint.flow.function import FunctionFlow

# verbs of a call that starts an operation and answers with its handle
_STARTING = frozenset({"create", "start", "begin", "open", "submit", "init", "initiate", "launch", "run", "new",
                       "schedule", "enqueue", "queue"})
# what such a call may start that is a credential all the same
_CREDENTIAL_NOUNS = frozenset({"session", "login", "auth", "authorization", "key", "credential", "credentials",
                               "grant", "ticket", "jwt", "password", "secret", "sso", "signin", "sign"})


def operation_handle(flow: FunctionFlow, name: cst.Name) -> bool:
    """Whether a local plainly named a token (`token`) holds, on every path, what a call
    starting an operation returned, and is handed back to a call of the same receiver about
    that operation (its name holds the operation's noun)."""
    if not names_plain_token(name.value) or not flow.facts.is_local(name.value):
        return False
    bindings = flow.reaching(name.value, name)
    started = {_started(binding.value) for binding in bindings}
    if not bindings or None in started or len(started) != 1:
        return False
    receiver, noun = next(iter(started))  # type: ignore[misc]
    for call in flow.facts.own_calls:
        func = call.func
        if isinstance(func, cst.Attribute) and dotted_name(func.value) == receiver and noun in leaf_name(call) \
                and not leaf_name(call).startswith(tuple(f"{verb}_" for verb in _STARTING)) \
                and any(isinstance(arg.value, cst.Name) and arg.value.value == name.value for arg in call.args):
            return True
    return False


def _started(value: Optional[cst.BaseExpression]) -> Optional[Tuple[str, str]]:
    """`await client.create_search(command)`: the receiver (`client`) and the noun (`search`)."""
    if isinstance(value, cst.Await):
        value = value.expression
    if not isinstance(value, cst.Call) or not isinstance(value.func, cst.Attribute):
        return None
    receiver = dotted_name(value.func.value)
    verb, _, noun = snake_case(value.func.attr.value).strip("_").partition("_")
    words = set(noun.split("_"))
    if receiver is None or verb not in _STARTING or not noun or is_token_name(noun) or words & _CREDENTIAL_NOUNS:
        return None
    return receiver, noun
