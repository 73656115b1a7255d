"""What a `verify` call of a key checks, when no function of the module or catalogue explains
it. python-jose's jwk (`key.verify(message, signature)`) and PyJWT's algorithms
(`alg.verify(message, key, signature)`) take the message first: the signature of the token
the message was cut from, checked by hand. cryptography's keys take the signature first
(`public_key.verify(signature, data, padding, algorithm)`, `ec.ECDSA(...)` third): there the
data checks a token only when it was cut from one (`signing_input, signature =
token.rsplit(".", 1)`); data signed whole (an audit text, a subscription's fields) is no token,
nor is the signature over it (privacyIDEA logs both when a check fails). A verify method of a
class of the project, on an object the function builds (`signer = Signer(key)`), is that
method's to tell (nhilint.flow.module).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

from nhilint.analysis.imports import leaf_name
from nhilint.analysis.syntax import split_receiver
from nhilint.flow.whole_values import CARRYING_METHODS

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

# what cryptography's verify takes after the signature and the data
_PADDINGS_AND_HASHES = frozenset({
    "PSS", "PKCS1v15", "ECDSA", "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "Prehashed",
})
# how many local names deep the data is followed
_DEPTH = 4


def checked_message(flow: "FunctionFlow", call: cst.Call) -> Optional[cst.BaseExpression]:
    """The message a key's `verify(...)` checks: the first argument, or cryptography's data
    when it was cut from a text (None when it was not)."""
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    if not positional:
        return None
    if len(positional) >= 3 and any(isinstance(value, cst.Call) and leaf_name(value) in _PADDINGS_AND_HASHES
                                    for value in positional[2:]):
        return positional[1] if _cut(flow, positional[1], 0) else None
    return positional[0]


def constructed_receiver(flow: "FunctionFlow", call: cst.Call) -> bool:
    """`signer.verify(...)` where the function bound `signer = Signer(...)`: an object of a
    class, whose method may be the project's."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)
            and flow.facts.is_local(func.value.value)):
        return False
    for binding in flow.reaching(func.value.value, func.value):
        value = binding.value
        if isinstance(value, cst.Call) and leaf_name(value)[:1].isupper():
            return True
    return False


def _cut(flow: "FunctionFlow", expr: cst.BaseExpression, depth: int) -> bool:
    """Whether `expr` is a piece of a split text, or holds one."""
    if depth > _DEPTH:
        return False
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in CARRYING_METHODS:
            return _cut(flow, func.value, depth)
        positional = [a.value for a in expr.args if a.keyword is None and not a.star]
        # `to_bytes(message)`, `bytes(message, "utf-8")`: the first argument in another form
        return bool(positional) and _cut(flow, positional[0], depth)
    if isinstance(expr, cst.Subscript):
        return split_receiver(expr.value) is not None or _cut(flow, expr.value, depth)
    if isinstance(expr, cst.FormattedString):
        return any(_cut(flow, part.expression, depth) for part in expr.parts
                   if isinstance(part, cst.FormattedStringExpression))
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _cut(flow, expr.left, depth) or _cut(flow, expr.right, depth)
    if isinstance(expr, cst.Name) and flow.facts.is_local(expr.value):
        for binding in flow.reaching(expr.value, expr):
            if split_receiver(binding.unpacked_from) is not None:
                return True  # `signing_input, signature = token.rsplit(".", 1)`
            if binding.value is not None and _cut(flow, binding.value, depth + 1):
                return True
    return False
