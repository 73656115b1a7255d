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
from nhilint.verification.fetched_token import DEPTH, decoded_in_flow, every_caller_passes, fetched_origin, token_origins

# what may also reach the decode besides the local read: a caller's value, another service's
# answer, the incoming request's credential
_ELSEWHERE = frozenset({INBOUND, INBOUND_HEADERS, PARAM, PARAM_HEADER})


def read_from_local_machine(jc: JwtCall) -> bool:
    """Every way the token `jc` decodes may arrive is one this code read from the local machine."""
    found = decoded_in_flow(jc)
    return found is not None and _arrives_locally(found[1], found[0], 0)


def _arrives_locally(flow: FunctionFlow, expr: cst.BaseExpression, depth: int) -> bool:
    origins = token_origins(flow, expr, depth)
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
    return _local_record(flow, expr, attr, depth)


def _local_record(flow: FunctionFlow, value: cst.BaseExpression, attr: str, depth: int) -> bool:
    from nhilint.flow.constructed_fields import record_argument  # asked of an unverified decode only

    if isinstance(value, cst.Name) and value.value in flow.facts.params and depth <= DEPTH:
        loaded = _loaded_when_none(flow, value)
        if loaded is not None:
            # `if token_set is None: token_set = load_tokens_from_cache()`: the record loaded
            # here, or the one each caller that passes the parameter hands
            return _local_record(flow, loaded, attr, depth + 1) and _callers_pass_records(flow, value.value, attr, depth + 1)
    labels = flow.labels(value)
    if any(label.kind in _ELSEWHERE for label in labels):
        return False
    # every construction that may reach here (a helper's returns), each a local read
    given = [record_argument(flow, label.origin, attr) for label in labels
             if label.kind == OPAQUE and isinstance(label.origin, cst.Call)]
    return bool(given) and all(one is not None and _arrives_locally(one[0], one[1], depth + 1) for one in given)


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
        return given is None or is_none(given) or _local_record(caller, given, attr, depth)

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
