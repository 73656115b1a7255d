"""Whether the token an unverified decode reads is one this code read from the local machine.

A command-line tool or a client keeps its own token where its user keeps files (`~/.codex/
auth.json`, a token cache under the config folder, the user's keyring) and reads it back to show
who is logged in or whether it has expired: `claims = jwt.decode(token, options={"verify_signature":
False})` of `json.loads(path.read_text())["tokens"]["id_token"]`. Nobody else hands that token in:
whoever can write the user's files is the user already, and the service the token is sent to
verifies it. Every way the token may arrive must be such a read (nhilint.flow's LOCAL_FILE
origin: `open()`, `Path.read_text()`, `keyring.get_password()`, in this function, in a helper of
the module or of another module of the project), followed through local names and through the
function's callers, as nhilint.verification.fetched_token follows a fetched token.
"""

from __future__ import annotations

from typing import Iterable, Optional

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall
from nhilint.analysis.syntax import absence_subject, is_none
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import INBOUND, INBOUND_HEADERS, LOCAL_FILE, OPAQUE, PARAM, PARAM_HEADER, RESPONSE, Label
from nhilint.verification.fetched_token import DEPTH, decoded_in_flow, every_caller_passes, fetched_origin, token_answer, token_origins

# what may also reach the decode besides the local read: a caller's value, another service's
# answer, the incoming request's credential
_ELSEWHERE = frozenset({INBOUND, INBOUND_HEADERS, PARAM, PARAM_HEADER})


def read_from_local_machine(jc: JwtCall) -> bool:
    """Every way the token `jc` decodes may arrive is one this code read from the local machine."""
    found = decoded_in_flow(jc)
    return found is not None and _arrives_locally(found[1], found[0], 0)


def _arrives_locally(flow: FunctionFlow, expr: cst.BaseExpression, depth: int) -> bool:
    # `token: str | None = None` before the branches that read it: None hands no token
    origins = [origin for origin in token_origins(flow, expr, depth) if not (isinstance(origin, cst.BaseExpression) and is_none(origin))]
    # a way read from the local machine, or the token this code has just fetched itself (a
    # CLI's own token: read back from its cache, or got by its login, `init(token_set=None)`)
    return bool(origins) and all(
        (isinstance(origin, cst.BaseExpression) and (_local(flow.labels(origin)) or _local_by_callers(flow, origin, depth)
                                                     or _local_field(flow, origin, depth)))
        or fetched_origin(flow, origin, depth)
        for origin in origins
    )


def _local_field(flow: FunctionFlow, expr: cst.BaseExpression, depth: int) -> bool:
    """`token_set.access_token` of a record of the module (`TokenSet(access_token=path.read_text())`,
    built here or in the helper that returned it) whose construction handed that field a token
    read from the local machine."""
    if depth > DEPTH or not isinstance(expr, cst.Attribute):
        return False
    holder, attr = expr.value, expr.attr.value
    if isinstance(holder, cst.Name) and holder.value in flow.facts.params:
        # `def identity_of(token_set: TokenSet)`: every call hands a record built so
        return every_caller_passes(flow, holder.value, lambda caller, value: _local_record(caller, value, attr, depth + 1),
                                   f"local-token-field:{attr}")
    # the field's own labels, else the record's (a field written after another module built
    # the record is in none of the labels its summary gives the field)
    return _local_record(flow, expr, attr, depth) or (isinstance(holder, cst.Name) and _local_record(flow, holder, attr, depth))


def _local_record(flow: FunctionFlow, value: cst.BaseExpression, attr: str, depth: int) -> bool:
    if isinstance(value, cst.Name) and value.value in flow.facts.params and depth <= DEPTH:
        loaded = _loaded_when_none(flow, value)
        if loaded is not None:
            # `if token_set is None: token_set = load_tokens_from_cache()`: the record loaded
            # here, or the one each caller that passes the parameter hands
            return _local_record(flow, loaded, attr, depth + 1) and _callers_pass_records(flow, value.value, attr, depth + 1)
    labels = flow.labels(value)
    # every construction that may reach here (a helper's returns), each field value it is
    # handed a local read (or the token answer the record is rebuilt from); also a record
    # another module's function of the project returns (`load_tokens_from_cache()` of
    # `cache.py`), asked of that function's returns there
    constructions = [label.origin for label in labels if label.kind == OPAQUE and isinstance(label.origin, cst.Call)]
    remote = {id(call) for call in constructions if flow.module.remote(flow, call) is not None}
    # what went into a construction or a call (`fetch_auth_tokens(ctx.obj)`, `TokenSet(
    # **response_data)` of a request made with `ctx.client`) is in the record's labels, computed
    # from: each field is asked of the construction itself
    if any(label.kind in _ELSEWHERE and not (constructions and label.derived and label.kind == PARAM) for label in labels):
        return False
    return bool(constructions) and all(
        _remote_record(flow, call, attr, depth + 1) if id(call) in remote else _constructed(flow, call, attr, depth)
        for call in constructions
    )


def _constructed(flow: FunctionFlow, call: cst.Call, attr: str, depth: int) -> bool:
    from nhilint.flow.constructed_fields import record_field_values  # asked of an unverified decode only

    given = record_field_values(flow, call, attr)
    return given is not None and all(_field_arrives(given[0], value, call, depth + 1) for value in given[1])


def _remote_record(flow: FunctionFlow, call: cst.Call, attr: str, depth: int) -> bool:
    """The function of another module of the project `call` runs returns, on every path, a
    record whose field `attr` is read from the local machine or fetched by this code (asked of
    its returns in its own module's flow)."""
    from nhilint.project.remote import asked_of_function

    return depth <= DEPTH and asked_of_function(flow.context, call.func, flow.facts, f"local-record:{attr}",
                                                lambda callee: _returns_record(callee, attr, depth + 1))


def _returns_record(callee: FunctionFlow, attr: str, depth: int) -> bool:
    """Every `return` of the function hands back a record whose field `attr` is read from the
    local machine or fetched by this code."""
    returns = callee.facts.returns
    return bool(returns) and all(_local_record(callee, value, attr, depth) for value in returns)


def _home_record(home: FunctionFlow, caller: FunctionFlow, given: cst.BaseExpression, attr: str, depth: int) -> bool:
    """A caller in another module hands the record a function of the module being checked
    returned (`token_set = fetch_auth_tokens(ctx.obj)`, then `extract_persona(token_set)`):
    that function's returns, asked here, in its own module's flow."""
    value: Optional[cst.BaseExpression] = given
    if isinstance(given, cst.Name) and caller.facts.is_local(given.value) and given.value not in caller.facts.params:
        bindings = caller.reaching(given.value, given)
        value = bindings[0].value if len(bindings) == 1 else None
    while isinstance(value, cst.Await):
        value = value.expression
    if not isinstance(value, cst.Call) or depth > DEPTH:
        return False
    from nhilint.flow.callers_elsewhere import names_target
    from nhilint.project.remote import own_path

    qualified = caller.context.qualified_name(value.func, caller.facts) or ""
    name = qualified.rpartition(".")[2]
    function = home.context.module_functions.get(name)
    return function is not None and names_target(caller.context, qualified, f"{home.context.module_name}.{name}", own_path(home.context)) \
        and _returns_record(home.module.flow(function), attr, depth + 1)


def _field_arrives(builder: FunctionFlow, value: cst.BaseExpression, call: cst.Call, depth: int) -> bool:
    """A field value read from the local machine or fetched by this code; a record rebuilt from
    one mapping (`TokenSet(**response_data)`) where that mapping is a token endpoint's answer."""
    if any(arg.star == "**" and arg.value is value for arg in call.args):
        return token_answer(builder, value, depth)
    return _arrives_locally(builder, value, depth)


def _loaded_when_none(flow: FunctionFlow, param: cst.Name) -> Optional[cst.BaseExpression]:
    """What a parameter defaulting to None is given in the function when the caller passes
    none (`if token_set is None: token_set = load_tokens_from_cache()`), where that binding
    is the one that reaches the read; None otherwise."""
    bindings = flow.reaching(param.value, param)
    if len(bindings) != 1 or bindings[0].value is None or bindings[0].at is None:
        return None
    branch = flow.facts.parent_of(bindings[0].at)
    while branch is not None and not isinstance(branch, cst.If):
        branch = flow.facts.parent_of(branch)
    subject = absence_subject(branch.test) if isinstance(branch, cst.If) else None
    if not (isinstance(subject, cst.Name) and subject.value == param.value):
        return None
    return bindings[0].value


def _callers_pass_records(flow: FunctionFlow, param: str, attr: str, depth: int) -> bool:
    """The function is called (once at least, in its module or the project's others), and
    each call either passes nothing for `param` (the function loads the record) or a record
    whose field is read from the local machine or fetched by this code."""
    from nhilint.flow.callers_elsewhere import answers_elsewhere
    from nhilint.flow.module import bind_target

    function = flow.scope
    if not isinstance(function, cst.FunctionDef):
        return False
    target = (function, flow.owner)

    def passes(caller: FunctionFlow, call: cst.Call) -> bool:
        given = bind_target(target, call.args).get(param)
        return given is None or is_none(given) or _local_record(caller, given, attr, depth) \
            or _home_record(flow, caller, given, attr, depth)

    answers = [passes(caller, call) for caller, call in flow.module.callers(function)]
    answers += list(answers_elsewhere(flow, f"local-record:{param}:{attr}", passes))
    return bool(answers) and all(answers)


def _local(labels: Iterable[Label]) -> bool:
    found = list(labels)
    return any(label.kind == OPAQUE and label.detail == LOCAL_FILE for label in found) and not any(
        label.kind in _ELSEWHERE or (label.kind == OPAQUE and label.detail == RESPONSE) for label in found
    )


def _local_by_callers(flow: FunctionFlow, expr: cst.BaseExpression, depth: int) -> bool:
    """A parameter every call of the function (in the module, else in the project) hands a
    token read from the local machine."""
    if depth > DEPTH or not isinstance(expr, cst.Name) or expr.value not in flow.facts.params:
        return False
    return every_caller_passes(flow, expr.value, lambda caller, value: _arrives_locally(caller, value, depth + 1),
                               "local-token")
