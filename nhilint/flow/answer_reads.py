"""Which answers of a service hold a token by the code's own word: the code reads a token out of
them (`answer["token"]`, `answer.get("access_token")`, one level down `answer["data"]["jwtToken"]`).
A request helper that logs every answer logs such a login's answer (NHL404, at the call), and an
answer logged whole, as it is or rendered as text, is a token logged (not on a path where the
token was not read from it)."""

from __future__ import annotations

from typing import Callable, Optional

import libcst as cst

from nhilint.analysis.branches import handles_failure_of, left_before, other_arms
from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import leaf_name
from nhilint.analysis.names import is_token_name, names_password, names_session_id
from nhilint.analysis.syntax import bound_name
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import CREDENTIAL, NAMED, OPAQUE, PARAM, RESPONSE


def answer_read_for_token(flow: FunctionFlow, call: cst.Call) -> bool:
    """Whether the code reads a token out of what the call returns: `answer =
    await self._request(...)`, then `answer["token"]` or `answer.get("access_token")` (a login
    that answers with the session's JWT: the code itself says the answer holds a token); for a
    call that sends a password, also its session id (`result["data"]["sid"]`: the credential
    every later request sends)."""
    wanted = _session_key if _sends_password(flow, call) else is_token_name
    parent = flow.facts.parent_of(call)
    if isinstance(parent, cst.Await):
        parent = flow.facts.parent_of(parent)
    if isinstance(parent, cst.SubscriptElement) or isinstance(parent, cst.Subscript):
        return _token_key_read(parent if isinstance(parent, cst.Subscript) else flow.facts.parent_of(parent), wanted)
    name = bound_name(parent)
    return name is not None and _token_read_after(flow, name, flow.facts.order_of(call), wanted=wanted)


def _sends_password(flow: FunctionFlow, call: cst.Call) -> bool:
    """A login: an argument of the call carries a password (`{"passwd": self._password}`)."""
    return any(label.kind in (PARAM, NAMED, CREDENTIAL) and names_password(label.detail)
               for arg in call.args for label in flow.labels(arg.value))


def _session_key(key: str) -> bool:
    return is_token_name(key) or names_session_id(key)


def _token_read_after(flow: FunctionFlow, name: str, order: int, beside: Optional[cst.CSTNode] = None,
                      depth: int = 0, wanted: Callable[[str], bool] = is_token_name) -> bool:
    """Whether the function reads a token out of `name` after `order`: `name["token"]`,
    `name.get("access_token")`, also one level down (`name["data"]["jwtToken"]`, or through a
    local, `result = name["result"]` then `result["accessToken"]`); with
    `beside`, on a path that may also run `beside` (not in another arm of an `if` than it: `if
    "status" in answer: ... answer["sessionToken"]`, `else: log(answer)` logs an answer the
    token was not read from)."""
    for node in flow.facts.loads_after(name, order):
        body = _decoded_body(flow, node)
        if body is not None:  # `response.json()["access_token"]`, `json.loads(response.text)`
            node = body
        read = flow.facts.parent_of(node)
        if body is not None and depth == 0:
            inner = bound_name(read, node)  # `answer = json.loads(response.text)`, then `answer["token"]`
            if inner is not None and _token_read_after(flow, inner, flow.facts.order_of(node), beside, depth + 1, wanted):
                return True
        if isinstance(read, cst.Subscript) and read.value is node and not _token_key_read(read, wanted):
            # a nested envelope, one level down: `answer["data"]["jwtToken"]`, `answer["data"].get(...)`
            outer = flow.facts.parent_of(read)
            if isinstance(outer, (cst.Subscript, cst.Attribute)) and outer.value is read:
                node, read = read, outer
            else:
                inner = bound_name(outer, read)  # `result = answer["result"]`
                if depth == 0 and inner is not None and _token_read_after(
                        flow, inner, flow.facts.order_of(outer), beside, depth + 1, wanted):
                    return True
                continue
        if isinstance(read, cst.Subscript) and read.value is node and _token_key_read(read, wanted):
            if isinstance(flow.facts.parent_of(read), cst.AssignTarget):
                continue  # `user["data"]["jwtToken"] = ...`: put in by the code, not read from the answer
            found: cst.CSTNode = read
        elif isinstance(read, cst.Attribute) and read.value is node and read.attr.value == "get" \
                and _token_key_asked(flow.facts.parent_of(read), wanted):
            found = read
        else:
            if depth == 0 and isinstance(read, cst.Attribute) and read.value is node and read.attr.value == "get":
                # `result = answer.get("result", {})`, then `result["accessToken"]`
                asked = flow.facts.parent_of(read)
                outer = flow.facts.parent_of(asked)
                inner = bound_name(outer, asked)
                if inner is not None and _token_read_after(flow, inner, flow.facts.order_of(outer), beside, depth + 1, wanted):
                    return True
            continue
        # (nor where the run that logs leaves the function first: `if response.status_code !=
        # 200: log(response.text); return None`, the token read after the `if`)
        # (nor in the `except` clause of the `try` that read it: the answer would not parse)
        if beside is None or not (other_arms(flow.facts, found, beside) or left_before(flow.facts, found, beside)
                                  or left_before(flow.facts, beside, found) or handles_failure_of(flow.facts, beside, found)):
            return True
    return False


# calls that render a value as text, whole: what they are given is what is logged
_RENDERINGS = frozenset({"dumps", "pformat", "saferepr", "str", "repr"})
# an HTTP response's body, as text or bytes
_BODY_ATTRIBUTES = frozenset({"text", "content"})


def _decoded_body(flow: FunctionFlow, node: cst.CSTNode) -> Optional[cst.Call]:
    """The call decoding the body of the response `node` names, where this load of it is one:
    `response.json()`, `json.loads(response.text)`; None for any other use of the name."""
    read = flow.facts.parent_of(node)
    if not isinstance(read, cst.Attribute) or read.value is not node:
        return None
    outer = flow.facts.parent_of(read)
    if read.attr.value == "json" and isinstance(outer, cst.Call) and outer.func is read:
        return outer
    if read.attr.value in _BODY_ATTRIBUTES and isinstance(outer, cst.Arg):
        decoding = flow.facts.parent_of(outer)
        if isinstance(decoding, cst.Call) and leaf_name(decoding) == "loads" and decoding.args and decoding.args[0] is outer:
            return decoding
    return None


def _response_part(value: cst.BaseExpression) -> cst.BaseExpression:
    """The response a logged value shows whole: `response` of `response.text`,
    `response.content`, `response.json()`; the value itself otherwise."""
    if isinstance(value, cst.Attribute) and value.attr.value in _BODY_ATTRIBUTES:
        return value.value
    if isinstance(value, cst.Call) and not value.args and isinstance(value.func, cst.Attribute) \
            and value.func.attr.value == "json":
        return value.func.value
    return value


def answer_holding_read_token(flow: FunctionFlow, value: cst.BaseExpression) -> Optional[cst.Name]:
    """A service's answer logged whole (`logging.debug("login: %s", json.dumps(answer))`, also
    rendered by `pprint.pformat`) where the function reads a token out of it (`answer["passToken"]`):
    the code itself says the answer holds a token. The answer's name, or None."""
    while isinstance(value, cst.Call) and value.args and leaf_name(value) in _RENDERINGS and not value.args[0].star:
        value = value.args[0].value
    whole = value
    value = _response_part(value)
    if not isinstance(value, cst.Name) or not flow.facts.is_local(value.value):
        return None
    bindings = flow.reaching(value.value, value)
    if not bindings or any(binding.value is None for binding in bindings):
        return None
    if whole is value and all(_response_object(flow, binding.value) for binding in bindings):
        return None  # `log("%s", response)` of `response = await session.post(...)`: its status line, not its body
    if not all(any(label.kind == OPAQUE and label.detail == RESPONSE for label in flow.labels(binding.value))
               for binding in bindings):
        return None
    first = min(binding.order for binding in bindings)
    return value if _token_read_after(flow, value.value, first, beside=value) else None


def _token_key_read(subscript: Optional[cst.CSTNode], wanted: Callable[[str], bool] = is_token_name) -> bool:
    if not isinstance(subscript, cst.Subscript) or len(subscript.slice) != 1:
        return False
    index = subscript.slice[0].slice
    return isinstance(index, cst.Index) and _token_key(index.value, wanted)


def _token_key_asked(call: Optional[cst.CSTNode], wanted: Callable[[str], bool]) -> bool:
    """`.get("access_token")`: a call whose first argument is a token's key."""
    return isinstance(call, cst.Call) and bool(call.args) and _token_key(call.args[0].value, wanted)


def _token_key(key: cst.BaseExpression, wanted: Callable[[str], bool]) -> bool:
    text = string_literal(key)
    return text is not None and wanted(text)


def _response_object(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
    """The value is what an outbound request call returns (`await session.post(...)`,
    `requests.get(...)`): a response object, whose printed form (`<ClientResponse(url) [200
    OK]>` and its headers, `<Response [200]>`) holds no body."""
    from nhilint.flow.sinks import outbound_request  # a logged answer: few files

    while isinstance(value, cst.Await):
        value = value.expression
    return isinstance(value, cst.Call) and outbound_request(flow, value) is not None
