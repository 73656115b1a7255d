"""A value logged where the code has found it to be an error answer: `if "error" in result:`.

The error answer of a token or credential endpoint (OAuth's `error`, AWS's `Code` with
`Message`) holds no token: logging it in the branch that found it an error, as it is or made
into text (`json.dumps(response.to_dict())`), logs no credential. The rule that reports tokens
in logs (NHL404) asks this of each log call, and a function's summary asks it of the logs and
helper calls it holds, so that a helper logging its parameter only in that branch
(`def check(result): if "error" in result: handler(result)`) is not said to log it. The same
question takes a body checked to hold no credential field (nhilint.flow.secret_fields_checked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, List, Optional

import libcst as cst

from nhilint.analysis.branches import final_statement

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.names import is_token_name
from nhilint.analysis.syntax import caught_names, is_empty_literal
from nhilint.analysis.values import field_read
from nhilint.catalogue.tokens import TOKEN_FIELDS
from nhilint.flow.labels import token_labels
from nhilint.flow.secret_fields_checked import secret_fields_ruled_out
from nhilint.walk import nodes_of, walk

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow


# the parts of an answer read whole (its body, its cookies): a failed answer's hold an error,
# no token or session
ANSWER_PARTS = ("text", "content", "cookies")


def error_answer(flow: "FunctionFlow", call: cst.Call, value: cst.BaseExpression) -> bool:
    """`if "error" in response: log.warning(response)`: logged in the branch where the value
    is the error answer of a token or credential endpoint, which holds no token."""
    body = _parsed_body(value)  # `print(r.json())`: the answer's body, as `r.text` is
    if isinstance(value, (cst.Name, cst.Attribute)):
        written = [dotted_name(value)]
    elif body is not None:
        written = [body]
    else:  # `"failed: " + json.dumps(response.to_dict())`: the names holding a token it is made of
        written = [dotted_name(read) for read in _reads(value) if token_labels(flow.labels(read))]
    return bool(written) and all(
        name is not None and (
            in_branch(flow, call, lambda test, name=name: any(
                _is_error_keys(_keys_tested(test, held)) or _error_instance(test, held)
                or _token_key_missing(test, held)
                for held in _holders(name)))
            or in_branch(flow, call, lambda test, name=name: _failed_status(flow, test, name))
            # `if r.status_code == 200: return r.json()` then `else: log(r.text)`; `elif not
            # err:` (err = r.get("error")) then `else: print(r)`: the test found no success
            or in_else(flow, call, lambda test, name=name: succeeded_status(flow, test, name) or any(
                _error_absent(flow, test, held) for held in _holders(name)))
            or after_success_left(flow, call, name)
            or _none_when_failed(flow, call, name)
            or _found_empty(flow, call, name)
            or _token_missing(flow, call, name)
            or _success_field_missing(flow, call, name)
            or _returned_when_present(flow, call, name)
            # `if not any(f in body for f in SECRET_FIELDS): log(body)`: no credential field
            or secret_fields_ruled_out(flow, call, name)
        )
        for name in written
    )


def _failed_status(flow: "FunctionFlow", test: cst.BaseExpression, written: str) -> bool:
    """`if not result.ok:` / `if result.status_code != 200:` around `result.text`
    (logged_values.failed_status), or `if result.status_code in RETRY_STATUSES:` with every
    code there an error's (400 or more): the body of a failed answer, an error, no token."""
    from nhilint.flow.logged_values import failed_status  # logged_values asks this module too

    if failed_status(test, written):
        return True
    if "." not in written:
        # `j = r.json()`, then `elif r.status_code >= 400: log(j)`: the body of that answer
        text = _body_text(flow, written)
        return text is not None and _failed_status(flow, test, text)
    receiver, _, field = written.rpartition(".")
    if field not in ("text", "content") or not receiver or not isinstance(test, cst.Comparison) \
            or len(test.comparisons) != 1 or not isinstance(test.comparisons[0].operator, cst.In) \
            or dotted_name(test.left) != f"{receiver}.status_code":
        return False
    codes = flow.context.evaluator.value(test.comparisons[0].comparator, flow.facts)
    return isinstance(codes, tuple) and bool(codes) and all(
        isinstance(code, int) and not isinstance(code, bool) and code >= 400 for code in codes)


def _none_when_failed(flow: "FunctionFlow", call: cst.Call, name: str) -> bool:
    # imported when a token is logged in a branch, which few files do: not at every start
    from nhilint.flow.error_tuples import none_when_failed

    return none_when_failed(flow, call, name, in_branch, in_else)


def _parsed_body(value: cst.BaseExpression) -> Optional[str]:
    """`r.json()`: the body of answer `r`, written as `r.text` is."""
    if isinstance(value, cst.Call) and not value.args and isinstance(value.func, cst.Attribute) \
            and value.func.attr.value == "json":
        receiver = dotted_name(value.func.value)
        return f"{receiver}.text" if receiver is not None else None
    return None


def after_success_left(flow: "FunctionFlow", call: cst.Call, written: str) -> bool:
    """The call follows, in the same block, an `if` that found the answer a success and leaves
    the block (`if resp.status_code == requests.codes.ok: ... return True`, then
    `log.error(..., response=resp.text)`): it runs only for an answer that failed."""
    node: cst.CSTNode = call
    parent = flow.facts.parent_of(node)
    while parent is not None and not isinstance(parent, (cst.IndentedBlock, cst.Module)):
        node, parent = parent, flow.facts.parent_of(parent)
    if not isinstance(parent, cst.IndentedBlock):
        return False
    for statement in parent.body:
        if statement is node:
            return False
        if isinstance(statement, cst.If) and statement.orelse is None \
                and isinstance(final_statement(statement.body), (cst.Return, cst.Raise, cst.Continue, cst.Break)) \
                and succeeded_status(flow, statement.test, written) \
                and not _bound_between(flow, written.split(".", 1)[0], statement, call):
            return True
    return False


def _bound_between(flow: "FunctionFlow", name: str, start: cst.CSTNode, end: cst.CSTNode) -> bool:
    """Whether `name` is bound again after `start` begins and before `end` (a new request's
    answer in the same variable)."""
    first, last = flow.facts.order_of(start), flow.facts.order_of(end)
    return any(first < binding.order < last for binding in flow.facts.bindings.get(name, ()))


def _body_text(flow: "FunctionFlow", written: str) -> Optional[str]:
    """`r.text` for a local bound once to `r.json()`: the body of that answer."""
    bindings = flow.facts.bindings.get(written, ()) if flow.facts.is_local(written) else ()
    reads = {dotted_name(b.value.func.value) for b in bindings  # type: ignore[union-attr]
             if isinstance(b.value, cst.Call) and isinstance(b.value.func, cst.Attribute)
             and b.value.func.attr.value == "json" and not b.value.args}
    if len(bindings) != 1 or len(reads) != 1 or None in reads:
        return None
    return f"{reads.pop()}.text"


# the named success codes: requests' `codes.ok` (and `codes.OK`, `codes.created`), http's
# `HTTPStatus.OK` / `HTTPStatus.CREATED`
_SUCCESS_NAMES = frozenset({("codes", "ok"), ("codes", "OK"), ("codes", "created"), ("HTTPStatus", "OK"), ("HTTPStatus", "CREATED")})


def succeeded_status(flow: "FunctionFlow", test: cst.BaseExpression, written: str) -> bool:
    """`if r.ok:` / `if r.status_code == 200:` / `in (200, 201)` about the answer whose body
    (`r.text`, or a local bound to `r.json()`) is written: false in the test's `else`."""
    if "." not in written:
        text = _body_text(flow, written)
        if text is None:
            return False
        written = text
    receiver, _, field = written.rpartition(".")
    if field not in ANSWER_PARTS or not receiver:
        return False
    if dotted_name(test) == f"{receiver}.ok":
        return True
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1 \
            or dotted_name(test.left) != f"{receiver}.status_code":
        return False
    operator, codes = test.comparisons[0].operator, test.comparisons[0].comparator
    if isinstance(operator, cst.Equal) and tuple((dotted_name(codes) or "").rsplit(".", 2)[-2:]) in _SUCCESS_NAMES:
        return True  # `requests.codes.ok`, `HTTPStatus.OK`
    if isinstance(operator, cst.Equal):
        return isinstance(codes, cst.Integer) and 200 <= int(codes.value) < 300
    if isinstance(operator, cst.In) and isinstance(codes, (cst.Tuple, cst.List, cst.Set)):
        return bool(codes.elements) and all(
            isinstance(e.value, cst.Integer) and 200 <= int(e.value.value) < 300 for e in codes.elements)
    return False


def _error_absent(flow: "FunctionFlow", test: cst.BaseExpression, written: str) -> bool:
    """`not r.get("error")`, or `not err` with `err = r.get("error", "")` bound once: the answer
    holds no error there; in the test's `else`, it holds one."""
    if not isinstance(test, cst.UnaryOperation) or not isinstance(test.operator, cst.Not):
        return False
    read = test.expression
    if isinstance(read, cst.Name) and flow.facts.is_local(read.value):
        bindings = flow.facts.bindings.get(read.value, ())
        if len(bindings) != 1 or bindings[0].value is None:
            return False
        read = bindings[0].value
    if isinstance(read, cst.Call) and leaf_name(read) == "get" and isinstance(read.func, cst.Attribute) and read.args:
        held, key = read.func.value, string_literal(read.args[0].value)
    elif isinstance(read, cst.Subscript) and len(read.slice) == 1 and isinstance(read.slice[0].slice, cst.Index):
        held, key = read.value, string_literal(read.slice[0].slice.value)
    else:
        return False
    return key is not None and dotted_name(held) == written and _is_error_keys([key])


def _holders(written: str) -> List[str]:
    """`resp.access_token` is read from `resp`: a test of either says what it holds."""
    parts = written.split(".")
    return [".".join(parts[:end]) for end in range(len(parts), 0, -1)]


def _reads(value: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The names and attributes an expression reads, whole (`gs.pa.password`, not its parts)."""
    found: List[cst.BaseExpression] = []

    def visit(node: cst.CSTNode) -> bool:
        kind = type(node)  # exact type tests: an isinstance of a libcst class is slow
        if kind is cst.Call:  # `json.dumps(token.to_dict())`: the receivers and the arguments
            if type(node.func) is cst.Attribute:  # type: ignore[attr-defined]
                walk(node.func.value, visit)  # type: ignore[attr-defined]
            for arg in node.args:  # type: ignore[attr-defined]
                walk(arg.value, visit)
            return False
        if kind is cst.Name or kind is cst.Attribute:
            if dotted_name(node) is not None:  # type: ignore[arg-type]
                found.append(node)  # type: ignore[arg-type]
            elif kind is cst.Attribute:
                walk(node.value, visit)  # type: ignore[attr-defined]  # `f(x).token`: what it is read from
            return False
        return True

    walk(value, visit)
    return found


def _error_instance(test: cst.BaseExpression, written: str) -> bool:
    """`if isinstance(resp, GetOpenIDTokenError):`: the answer is an error, no token."""
    if not (isinstance(test, cst.Call) and leaf_name(test) == "isinstance" and len(test.args) == 2):
        return False
    if dotted_name(test.args[0].value) != written:
        return False
    kinds = test.args[1].value
    names = [dotted_name(e.value) for e in kinds.elements] if isinstance(kinds, cst.Tuple) else [dotted_name(kinds)]
    return bool(names) and all(name is not None and name.endswith(("Error", "Exception", "Failure")) for name in names)


def _found_empty(flow: "FunctionFlow", call: cst.Call, written: str) -> bool:
    """`if not args.password: log.error(f"... {args.password}")`: logged in the branch that
    found the value empty (None, ""), and not set again there before the log: no secret."""
    node: cst.CSTNode = call
    parent = flow.facts.parent_of(node)
    while parent is not None and not isinstance(parent, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(parent, cst.If) and node is parent.body:
            test = parent.test
            if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not) \
                    and dotted_name(test.expression) == written:
                return not _set_between(flow, written, test, call)
            if _is_none_test(test, written):  # `if cookie is None:`, `if token == ""`
                return not _set_between(flow, written, test, call)
        node, parent = parent, flow.facts.parent_of(parent)
    return False


def _is_none_test(test: cst.BaseExpression, written: str) -> bool:
    """`written is None`, `written == ""` (either side)."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, (cst.Is, cst.Equal))):
        return False
    sides = (test.left, test.comparisons[0].comparator)
    return any(isinstance(side, (cst.Name, cst.Attribute)) and dotted_name(side) == written for side in sides) \
        and any(is_empty_literal(side) for side in sides)


def _set_between(flow: "FunctionFlow", written: str, test: cst.CSTNode, call: cst.Call) -> bool:
    """Whether the function stores `written` (a name or `self.attr`) after the test, before the
    call; an empty value (`self.credentials = {}`, `""`, `None`) leaves it empty."""
    start = max((flow.facts.order_of(name) for name in nodes_of(test, cst.Name)), default=-1)
    end = flow.facts.order_of(call)
    stores = flow.facts.bindings.get(written, ()) if "." not in written else flow.facts.attribute_stores.get(written, ())
    return any(start < binding.order < end and not is_empty_literal(binding.value) for binding in stores)


def _token_missing(flow: "FunctionFlow", call: cst.Call, name: str) -> bool:
    """`try: self.token = data["access_token"] ... except KeyError: log(data)`: logged in the
    handler of the failed read of the token from the answer, the answer has no token (the read
    is the only field of it the `try` reads, so no later field's KeyError lands there). A
    broader handler (`except Exception:`, a bare `except:`) may catch what comes after the
    read too: only where the read is the `try`'s last statement (`response = response.json()`,
    then `token = response["access_token"]`: whatever failed, no token was read)."""
    node: cst.CSTNode = call
    parent = flow.facts.parent_of(node)
    while parent is not None and not isinstance(parent, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(parent, cst.ExceptHandler):
            caught = set(caught_names(parent))
            attempt = flow.facts.parent_of(parent)
            if isinstance(attempt, cst.Try) and caught & {"KeyError", "LookupError"}:
                reads = [key for key in _field_reads(attempt.body, name)]
                return len(reads) == 1 and reads[0] in TOKEN_FIELDS
            if isinstance(attempt, cst.Try) and (not caught or caught & {"Exception", "BaseException"}):
                body = attempt.body.body if isinstance(attempt.body, cst.IndentedBlock) else ()
                last = body[-1] if body else None
                reads = [key for key in _field_reads(attempt.body, name)]
                if last is not None and len(reads) == 1 and reads[0] in TOKEN_FIELDS \
                        and len(_field_reads(last, name)) == 1:  # type: ignore[arg-type]
                    return True
        node, parent = parent, flow.facts.parent_of(parent)
    return False


def _returned_when_present(flow: "FunctionFlow", call: cst.Call, name: str) -> bool:
    """`if result and result.get("access_token"): return result["access_token"]`, then
    `print(f"failed: {result}")`: an earlier `if` of the same block, or of a block around
    the log, that returns when the answer holds a token, and nothing binds it again in between:
    past it the answer holds none (msal's error dict)."""
    read = flow.facts.order_of(call)
    node: cst.CSTNode = call
    parent = flow.facts.parent_of(node)
    while parent is not None and not isinstance(parent, (cst.ClassDef,)):
        if isinstance(parent, (cst.IndentedBlock, cst.Module)):
            for statement in parent.body:
                if statement is node:
                    break
                if isinstance(statement, cst.If) and isinstance(final_statement(statement.body), cst.Return) \
                        and _token_field_tested(statement.test, name) \
                        and not any(flow.facts.order_of(statement) < b.order < read for b in flow.facts.bindings.get(name, ())):
                    return True
        if isinstance(parent, cst.FunctionDef):
            break
        node, parent = parent, flow.facts.parent_of(parent)
    return False


def _token_field_tested(test: cst.BaseExpression, name: str) -> bool:
    """The test asks for a token field of `name`: `name.get("access_token")`, `"access_token"
    in name` (also joined by `and`: the keys `_keys_tested` reads), `name["access_token"]`."""
    return any(key in TOKEN_FIELDS for key in _keys_tested(test, name)) \
        or any(read in TOKEN_FIELDS for read in _field_reads(test, name))


def _field_reads(body: cst.BaseSuite, name: str) -> List[object]:
    """The keys read from `name` by subscript in a block (`data["access_token"]`): a key that
    is not a literal reads as None."""
    reads: List[object] = []
    for subscript in nodes_of(body, cst.Subscript, nested=True):
        if dotted_name(subscript.value) != name or len(subscript.slice) != 1:
            continue
        index = subscript.slice[0].slice
        reads.append(string_literal(index.value) if isinstance(index, cst.Index) else None)
    return reads


def in_branch(flow: "FunctionFlow", call: cst.Call, holds: Callable[[cst.BaseExpression], bool]) -> bool:
    """Whether the call runs in the body of an `if` of its function whose test `holds`."""
    return _in_arm(flow, call, holds, orelse=False)


def in_else(flow: "FunctionFlow", call: cst.Call, holds: Callable[[cst.BaseExpression], bool]) -> bool:
    """Whether the call runs in the `else:` (or an `elif`) of an `if` of its function whose test
    `holds`: the test was false there."""
    return _in_arm(flow, call, holds, orelse=True)


def _in_arm(flow: "FunctionFlow", call: cst.Call, holds: Callable[[cst.BaseExpression], bool], orelse: bool) -> bool:
    node: cst.CSTNode = call
    parent = flow.facts.parent_of(node)
    while parent is not None and not isinstance(parent, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(parent, cst.If) and node is (parent.orelse if orelse else parent.body) and holds(parent.test):
            return True
        node, parent = parent, flow.facts.parent_of(parent)
    return False


def _keys_tested(test: cst.BaseExpression, written: str) -> List[str]:
    """The keys a condition requires `written` to hold: `"error" in r`, `r.get("error")`,
    joined by `and`."""
    if isinstance(test, cst.BooleanOperation):
        if not isinstance(test.operator, cst.And):
            return []
        return _keys_tested(test.left, written) + _keys_tested(test.right, written)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        if isinstance(target.operator, cst.In) and dotted_name(target.comparator) == written:
            key = string_literal(test.left)
            return [key] if key is not None else []
    if isinstance(test, cst.Call) and leaf_name(test) == "get" and isinstance(test.func, cst.Attribute) and test.args:
        key = string_literal(test.args[0].value) if dotted_name(test.func.value) == written else None
        return [key] if key is not None else []
    return []


def _success_field_missing(flow: "FunctionFlow", call: cst.Call, written: str) -> bool:
    """`if "user_id" not in data: log.error(..., data); return {}`, where the code goes on to read
    `data["user_id"]` and `data["access_token"]`: the branch holds an answer that lacks a field
    every successful one has, an error answer, and leaves before the token is used."""
    if "." in written:
        return False
    node: cst.CSTNode = call
    parent = flow.facts.parent_of(node)
    while parent is not None and not isinstance(parent, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(parent, cst.If) and node is parent.body and isinstance(final_statement(parent.body), (cst.Return, cst.Raise)):
            key = _missing_key(parent.test, written)
            if key is not None:
                later = _keys_read_after(flow, written, flow.facts.order_of(parent))
                if key in later and any(is_token_name(other) for other in later):
                    return True
        node, parent = parent, flow.facts.parent_of(parent)
    return False


def _missing_key(test: cst.BaseExpression, written: str) -> Optional[str]:
    """`"user_id" not in data` / `not data.get("user_id")`: the key tested missing."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        if isinstance(target.operator, cst.NotIn) and dotted_name(target.comparator) == written:
            return string_literal(test.left)
    elif isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not) and isinstance(test.expression, cst.Call):
        keys = _keys_tested(test.expression, written)
        return keys[0] if len(keys) == 1 else None
    return None


def _keys_read_after(flow: "FunctionFlow", written: str, order: int) -> "set[str]":
    """The literal keys read from the local `written` after `order` (`data["user_id"]`)."""
    keys: "set[str]" = set()
    for load in flow.facts.loads_after(written, order):
        read = flow.facts.parent_of(load)
        if not isinstance(read, (cst.Subscript, cst.Attribute)) or read.value is not load:
            continue
        if isinstance(read, cst.Attribute):
            read = flow.facts.parent_of(read)  # `data.get("user_id")`: the call is the read
        key = field_read(flow.context, read, flow.facts) if isinstance(read, (cst.Subscript, cst.Call)) else None
        if key is not None:
            keys.add(key)
    return keys


def _token_key_missing(test: cst.BaseExpression, written: str) -> bool:
    """`if "passToken" not in answer:`, `if not answer.get("access_token"):`: the branch where
    the answer holds no token (a refresh token's absence says nothing of the access token)."""
    key = _missing_key(test, written)
    return key is not None and is_token_name(key) and "refresh" not in key.lower()


def _is_error_keys(keys: List[str]) -> bool:
    """OAuth's `error`, a fault, or AWS's `Code` with `Message`: an error answer's keys."""
    lowered = {key.lower() for key in keys}
    return any("error" in key or "fault" in key for key in lowered) or {"code", "message"} <= lowered
