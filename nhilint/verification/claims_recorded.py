"""Whether unverified claims are only recorded or logged, never used for a decision.

A login handler keeps a snapshot of what the identity provider said for an admin page: a helper
decodes the ID token without verification and returns the claims, and its caller stores them
whole as one entry of a record (`snapshot["id_token_claims"] = decode_claims(raw)`) that is then
serialized and stored. Nothing is authorized from them in the module: no claim is read, the entry
is not read back. Reading a claim (`claims["email"]`), or the entry back, is a use. Claims only
written to a log, whole (`log.debug("code payload: %s", payload)`), decide nothing either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Tuple

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall, ResultUses, skip_await
from nhilint.analysis.syntax import bound_name
from nhilint.flow import module_flow
from nhilint.flow.function import FunctionFlow
from nhilint.analysis.values import field_read

if TYPE_CHECKING:
    from nhilint.analysis.scope import ScopeFacts


def only_recorded(jc: JwtCall, uses: ResultUses) -> bool:
    """The function returns the claims, reads none, and every call of it in the module (there
    is one at least) stores them whole into a record entry that is not read back."""
    function = jc.facts.node
    if not uses.returned or uses.keys_read or uses.other_uses or not isinstance(function, cst.FunctionDef):
        return False
    callers = module_flow(jc.context).callers(function)
    return bool(callers) and all(_stored_whole(caller, call) for caller, call in callers)


def _stored_whole(flow: FunctionFlow, call: cst.Call) -> bool:
    facts = flow.facts
    entry = _record_entry(flow, call)
    if entry is None:
        return False
    record, key = entry
    # after the call: the assignment's own target (`record["key"]`) comes before its value
    for load in facts.loads_after(record, facts.order_of(call)):
        parent = facts.parent_of(load)
        if isinstance(parent, cst.Attribute) and parent.value is load:
            parent = facts.parent_of(parent)  # `record.get("key")`
        if isinstance(parent, (cst.Subscript, cst.Call)) and field_read(flow.context, parent, facts) == key:
            return False  # the entry read back: its claims may decide something
    return True


def _record_entry(flow: FunctionFlow, call: cst.Call) -> Optional[Tuple[str, str]]:
    """`record["key"] = <call>` (also `await <call>`): the record's name and the key."""
    facts = flow.facts
    _, parent = skip_await(call, facts)
    if not isinstance(parent, cst.Assign) or len(parent.targets) != 1:
        return None
    target = parent.targets[0].target
    if not isinstance(target, cst.Subscript) or not isinstance(target.value, cst.Name):
        return None
    key = field_read(flow.context, target, facts)
    return (target.value.value, key) if key is not None else None


def only_logged(jc: JwtCall) -> bool:
    """`payload = jwt.decode(code, options={"verify_signature": False})`, then only
    `log.debug("code payload: %s", payload)`: every read of the claims is a logged value."""
    from nhilint.flow.sinks import log_arguments, may_log

    facts = jc.facts
    node, parent = skip_await(jc.call, facts)
    name = bound_name(parent, node)
    if name is None:
        return False
    flow = module_flow(jc.context).flow(facts.node)
    loads = facts.loads_after(name, facts.order_of(jc.call))
    for load in loads:
        call = facts.parent_of(load)
        while call is not None and not isinstance(call, (cst.Call, cst.BaseStatement, cst.BaseSmallStatement)):
            call = facts.parent_of(call)  # out of an f-string or a `%` to the call it is handed to
        arguments = log_arguments(flow, call) if isinstance(call, cst.Call) and may_log(call) else None
        if not arguments or not any(facts.within(load, argument) for argument in arguments):
            return False
    return bool(loads)


def only_logged_by_callers(jc: JwtCall, uses: ResultUses) -> bool:
    """The function returns the claims (or one of them, `jwt.decode(...)[field]`) and every call
    of it in the module (one at least) only writes the result to a log or a debug line:
    `jti = self.extract_field_from_jwt(token, field="jti")`, then `self.cli.debug(f"jwt id
    {jti}")` (a call named for a log level, whatever its receiver). Nothing is decided."""
    function = jc.facts.node
    if not isinstance(function, cst.FunctionDef) or not (
            (uses.returned and not uses.other_uses) or _claim_returned(jc)):
        return False
    callers = module_flow(jc.context).callers(function)
    return bool(callers) and all(_result_only_logged(caller, call) for caller, call in callers)


def _claim_returned(jc: JwtCall) -> bool:
    """`return jwt.decode(token, ...)[field]`: one claim, picked by the caller, returned."""
    node, parent = skip_await(jc.call, jc.facts)
    return isinstance(parent, cst.Subscript) and parent.value is node and isinstance(jc.facts.parent_of(parent), cst.Return)


def _result_only_logged(flow: FunctionFlow, call: cst.Call) -> bool:
    facts = flow.facts
    node, parent = skip_await(call, facts)
    if _log_argument(facts, node):
        return True  # `log.debug("claims %s", get_claims(token))`
    name = bound_name(parent, node)
    if name is None:
        return False
    loads = facts.loads_after(name, facts.order_of(call))
    return bool(loads) and all(_log_argument(facts, load) for load in loads)


def _log_argument(facts: "ScopeFacts", node: cst.CSTNode) -> bool:
    """`node` is (in) an argument of a call named for logging (`debug`, `info`, `warning`,
    `print`, `echo`), out of an f-string or `%` to the call it is handed to."""
    from nhilint.catalogue.loggers import LOG_METHODS
    from nhilint.analysis.imports import leaf_name

    current = facts.parent_of(node)
    while current is not None and not isinstance(current, (cst.Call, cst.BaseStatement, cst.BaseSmallStatement)):
        current = facts.parent_of(current)
    return isinstance(current, cst.Call) and current is not node and (
        leaf_name(current) in LOG_METHODS or leaf_name(current) in ("print", "echo", "secho"))
