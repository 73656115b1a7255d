"""Timed signatures read without an age limit.

itsdangerous' `URLSafeTimedSerializer` / `TimedSerializer` / `TimestampSigner` and Django's
`signing.TimestampSigner` put the time of signing into what they sign, and check it only when
the reader passes `max_age`: `serializer.loads(token)` accepts a token signed years ago
(checked against itsdangerous 2.2 and Django 5.2: without `max_age` an old signature loads,
with it `SignatureExpired` is raised). Choosing the timed class says the token should expire;
reading it without `max_age` says it never does.

Not a timed read: itsdangerous' old `TimedJSONWebSignatureSerializer` (the expiry is inside
the token, checked by `loads`), the untimed `URLSafeSerializer`, and Django's
`signing.loads()` (it always timestamps, so choosing it says nothing about expiry: signed
unsubscribe links are meant to last). Nor a read that asks for the timestamp
(`return_timestamp=True`: the code weighs the age itself), nor one in the `except
SignatureExpired:` of an earlier read (reading the expired token on purpose, to resend a link).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.http import argument
from nhilint.analysis.syntax import caught_names, is_none
from nhilint.catalogue.tokens import TIMED_SIGNATURE_READERS, TIMED_SIGNERS
from nhilint.context import FileContext

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

_EXPIRED = frozenset({"SignatureExpired"})


def unchecked_age(context: FileContext, flow: "FunctionFlow", call: cst.Call) -> Optional[Tuple[str, str]]:
    """For the read of a timed signature that passes no age limit, the class's last name and
    the method (`URLSafeTimedSerializer`, `loads`); else None."""
    func = call.func
    if type(func) is not cst.Attribute or func.attr.value not in TIMED_SIGNATURE_READERS:
        return None
    max_age = argument(call, "max_age", 1)
    if max_age is not None and not is_none(max_age):
        return None
    stamp = argument(call, "return_timestamp", 2)
    if stamp is not None and not (isinstance(stamp, cst.Name) and stamp.value == "False"):
        return None
    signer = _timed_class(context, flow, func.value)
    if signer is None or _reads_expired(flow, call):
        return None
    return signer.rsplit(".", 1)[-1], func.attr.value


def _timed_class(context: FileContext, flow: "FunctionFlow", receiver: cst.BaseExpression) -> Optional[str]:
    """The timed class the receiver was made from, where every value it may hold is one:
    a local or module-level name bound to `URLSafeTimedSerializer(...)`, `self.x` set to one
    by the methods of the class, or a call of a function of the module returning one."""
    values: List[cst.BaseExpression] = []
    if isinstance(receiver, cst.Name):
        bound = context.bound_expression(receiver, flow.facts)
        if bound is None:
            return None
        values.append(bound)
    elif isinstance(receiver, cst.Call):
        values.append(receiver)
    elif isinstance(receiver, cst.Attribute) and flow.is_self(receiver.value) and flow.owner is not None:
        values.extend(value for _, value in flow.module.attribute_writes(flow.owner, receiver.attr.value))
    found = {_constructed(context, flow, value) for value in values}
    if len(found) != 1:
        return None
    return found.pop()


def _constructed(context: FileContext, flow: "FunctionFlow", value: cst.BaseExpression) -> Optional[str]:
    if not isinstance(value, cst.Call):
        return None
    qualname = context.qualified_name(value.func)
    if qualname in TIMED_SIGNERS:
        return qualname
    target = context.local_function(value, flow.facts, flow.owner)
    if target is None:
        return None
    returned = flow.module.flow(target[0]).facts.returns
    classes = {context.qualified_name(r.func) if isinstance(r, cst.Call) else None for r in returned}
    if returned and len(classes) == 1:
        only = classes.pop()
        return only if only in TIMED_SIGNERS else None
    return None


def _reads_expired(flow: "FunctionFlow", call: cst.Call) -> bool:
    """Whether the read runs in an `except SignatureExpired:` clause."""
    current = flow.facts.parent_of(call)
    while current is not None and not isinstance(current, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(current, cst.ExceptHandler) and _EXPIRED & set(caught_names(current)):
            return True
        current = flow.facts.parent_of(current)
    return False
