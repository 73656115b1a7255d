"""Which parameters an expression is as a whole value, in another form at most: `token`,
`str(token)`, `token.encode()`, `b32decode(signature)`, `header[7:]`, `header.split(" ")[1]`,
also through local names (`message, signature = token.rsplit(".", 1)`). A field of a parameter (`request_data["serial"]`), a string built
from it (`"{serial}|{timestamp}".format(**request_data)`) or a value a call computes from it is
a part, not the parameter.

The whole value may sit inside a longer string (`PREFIX + "_" + token`, an f-string, `%`,
`"{}".format(token)`: the key a record is looked up by holds the token). A parameter handed whole to a verifier as its token holds the raw token (nhilint.flow.function's
verified parameters); a parameter only some part of which is verified (a request's data whose
fields are signed) does not: its other fields are not the token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, FrozenSet, List

import libcst as cst

from nhilint.analysis.syntax import split_receiver

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

# calls that hand back their one argument in another form
_CARRYING_CALLS = frozenset({
    "str", "bytes", "bytearray", "b64decode", "urlsafe_b64decode", "b32decode", "b16decode", "unquote",
    "unquote_plus", "unhexlify", "a2b_base64",
})
# methods that hand back their receiver in another form
CARRYING_METHODS = frozenset({"encode", "decode", "strip", "lstrip", "rstrip", "removeprefix"})

# how many local names deep the value is followed
_DEPTH = 4


def whole_params(flow: FunctionFlow, expr: cst.BaseExpression, depth: int = 0) -> FrozenSet[str]:
    """The parameters `expr` is, whole (see the module's docstring)."""
    if depth > _DEPTH:
        return frozenset()
    if isinstance(expr, cst.Await):
        return whole_params(flow, expr.expression, depth)
    if isinstance(expr, cst.Name):
        if expr.value in flow.facts.params:
            return frozenset({expr.value})
        if not flow.facts.is_local(expr.value):
            return frozenset()
        values = [binding.value if binding.value is not None else split_receiver(binding.unpacked_from)
                  for binding in flow.reaching(expr.value, expr)]
        if not values or any(value is None for value in values):
            return frozenset()
        found: FrozenSet[str] = frozenset()
        for value in values:
            found |= whole_params(flow, value, depth + 1)  # type: ignore[arg-type]
        return found
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Modulo)):
        # `PREFIX + "_" + token`, `"%s:%s" % (user, token)`: the whole value inside a longer one
        right = expr.right.elements if isinstance(expr.right, cst.Tuple) else None
        parts = [expr.left] + ([e.value for e in right] if right is not None else [expr.right])
        return _union(flow, parts, depth)
    if isinstance(expr, cst.FormattedString):
        return _union(flow, [p.expression for p in expr.parts if isinstance(p, cst.FormattedStringExpression)], depth)
    if isinstance(expr, cst.Call):
        func = expr.func
        positional = [arg for arg in expr.args if arg.keyword is None and not arg.star]
        if isinstance(func, cst.Attribute) and func.attr.value == "format":
            # `"{}:{}".format(user, token)`; spread fields (`**request_data`) are parts
            return _union(flow, [arg.value for arg in expr.args if not arg.star], depth)
        if isinstance(func, cst.Attribute) and func.attr.value in CARRYING_METHODS:
            return whole_params(flow, func.value, depth)
        name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if name in _CARRYING_CALLS and len(positional) == 1:
            return whole_params(flow, positional[0].value, depth)
        return frozenset()
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        if isinstance(index, cst.Slice):
            return whole_params(flow, expr.value, depth)  # `header[7:]`: the token after its scheme
        receiver = split_receiver(expr.value)
        if isinstance(index, cst.Index) and isinstance(index.value, (cst.Integer, cst.UnaryOperation)) and receiver is not None:
            return whole_params(flow, receiver, depth)  # `header.split(" ")[1]`
    return frozenset()


def _union(flow: FunctionFlow, parts: List[cst.BaseExpression], depth: int) -> FrozenSet[str]:
    found: FrozenSet[str] = frozenset()
    for part in parts:
        found |= whole_params(flow, part, depth)
    return found
