"""A handle an endpoint handed out in its answer and takes back at the same path (NHL403):
`answer = self.get_text("log.cgi?action=startFind&...")`, the line holding `token=` split out
of it, then `f"log.cgi?action=doFind&token={token}"`. A camera's log search, a job's or an
upload's id: what the service gave out for the next call of the same command, not a
credential carried to it. A login answer is a credential, however it is parsed: the request
that handed the value out must carry none and name no login, token or session."""

from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from nhilint.analysis.http import string_prefix
from nhilint.analysis.imports import leaf_name
from nhilint.analysis.names import names_plain_token
from nhilint.context import FileContext
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import token_labels
from nhilint.patterns import compiled_on_first_use

# text methods that cut a value out of an answer's text (`line.split("=", 1)[1].strip()`)
_TEXT_METHODS = frozenset({
    "split", "rsplit", "partition", "rpartition", "strip", "lstrip", "rstrip", "splitlines",
    "replace", "lower", "upper", "decode",
})
# a request that hands out a credential, whatever its path: a login, a token or a session
_HANDS_OUT_CREDENTIALS = compiled_on_first_use(r"log_?in|auth|token|session|sid\b|key|secret|pass", re.I)


def echoed_handle(context: FileContext, flow: FunctionFlow, text: str, value: cst.BaseExpression) -> bool:
    """`value`, a local only a plain name calls a token, put after `text` (a URL up to
    `?...&token=`), holds in every binding that reaches it (`token = None` aside) a piece of
    the text answer of a request this function sent to the same path, a request that carries
    no credential and asks for none."""
    if "?" not in text or not isinstance(value, cst.Name) or not names_plain_token(value.value):
        return False
    if not flow.facts.is_local(value.value) or value.value in flow.facts.params:
        return False
    path = text.rsplit("?", 1)[0].strip("/")
    bindings = [b for b in flow.reaching(value.value, value) if not _none(b.value)]
    return bool(path) and bool(bindings) and all(
        b.value is not None and _answered_at(context, flow, b.value, path) for b in bindings)


def _answered_at(context: FileContext, flow: FunctionFlow, value: cst.BaseExpression, path: str) -> bool:
    """Whether `value` is text cut out of the answer of a request to `path` that carries no
    credential, followed through text methods, subscripts, `await` and locals (also a loop's
    variable over the answer's lines)."""
    current: Optional[cst.BaseExpression] = value
    for _ in range(12):
        if isinstance(current, cst.Subscript):
            current = current.value
        elif isinstance(current, cst.Await):
            current = current.expression
        elif isinstance(current, cst.Attribute) and current.attr.value == "text":
            current = current.value
        elif isinstance(current, cst.Call) and isinstance(current.func, cst.Attribute) \
                and current.func.attr.value in _TEXT_METHODS:
            current = current.func.value
        elif isinstance(current, cst.Name):
            current = _bound(flow, current)
        elif isinstance(current, cst.Call):
            return _request_to(context, flow, current, path)
        else:
            return False
    return False


def _bound(flow: FunctionFlow, name: cst.Name) -> Optional[cst.BaseExpression]:
    """What a local holds: its one reaching binding's value, or the iterable of the `for` loop
    that binds it (`for line in answer.splitlines():`)."""
    if not flow.facts.is_local(name.value) or name.value in flow.facts.params:
        return None
    bindings = flow.reaching(name.value, name)
    if len(bindings) != 1:
        return None
    binding = bindings[0]
    if binding.value is not None:
        return binding.value
    loop = binding.at
    if isinstance(loop, cst.For) and isinstance(loop.target, cst.Name) and loop.target.value == name.value:
        return loop.iter
    return None


def _request_to(context: FileContext, flow: FunctionFlow, call: cst.Call, path: str) -> bool:
    """A request (its first argument a URL) to `path`, carrying no credential and naming none."""
    if leaf_name(call) is None or not call.args or call.args[0].keyword is not None:
        return False
    url = call.args[0].value
    asked, _ = string_prefix(context, url, flow.facts)  # also adjacent f-strings on several lines
    if asked is None or "?" not in asked or asked.split("?", 1)[0].strip("/") != path:
        return False
    if _HANDS_OUT_CREDENTIALS.search(asked):
        return False
    return not any(token_labels(flow.labels(arg.value)) for arg in call.args)


def _none(value: Optional[cst.BaseExpression]) -> bool:
    return isinstance(value, cst.Name) and value.value == "None"
