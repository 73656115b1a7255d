"""Small questions about one syntax node that several layers ask: is it `None`, is it a
docstring. One answer each, so the flow layer and the rules cannot drift apart on them."""

from __future__ import annotations

from typing import List, Optional, Sequence

import libcst as cst


def is_none(expr: object) -> bool:
    """The literal `None`."""
    return isinstance(expr, cst.Name) and expr.value == "None"


def is_constant(expr: object) -> bool:
    """A literal string, number, `None`, `True` or `False`."""
    return isinstance(expr, (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString)) or (
        isinstance(expr, cst.Name) and expr.value in ("None", "True", "False"))


def is_empty_literal(value: object) -> bool:
    """`{}`, `[]`, `()`, `""`, `None`: nothing in it."""
    if isinstance(value, (cst.Dict, cst.List, cst.Tuple, cst.Set)):
        return not value.elements
    if isinstance(value, cst.SimpleString):
        return value.evaluated_value in ("", b"")
    return is_none(value)


def is_docstring(statement: object) -> bool:
    """A statement that is a string on its own (a docstring where it opens a body)."""
    return (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Expr)
            and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString)))


def without_docstring(body: Sequence[cst.BaseStatement]) -> Sequence[cst.BaseStatement]:
    """A body's statements after its docstring, if it opens with one."""
    return body[1:] if body and is_docstring(body[0]) else body


def caught_names(handler: cst.ExceptHandler) -> List[str]:
    """The last part of each exception an `except` clause names (`except (jwt.DecodeError,
    KeyError):` gives `DecodeError`, `KeyError`); none for a bare `except:`."""
    caught = handler.type
    if caught is None:
        return []
    parts = [element.value for element in caught.elements] if isinstance(caught, cst.Tuple) else [caught]
    names = []
    for part in parts:
        while isinstance(part, cst.Attribute):
            part = part.attr
        if isinstance(part, cst.Name):
            names.append(part.value)
    return names


def bound_name(statement: Optional[cst.CSTNode], value: Optional[cst.CSTNode] = None) -> Optional[str]:
    """The one name a statement binds its value to: `name = value`, also annotated, `name:
    dict = value` (an annotation changes nothing of what the name holds); None for several
    targets, an attribute or an item. With `value`, only if that is the value bound."""
    if isinstance(statement, cst.AnnAssign):
        target, bound = statement.target, statement.value
    elif isinstance(statement, cst.Assign) and len(statement.targets) == 1:
        target, bound = statement.targets[0].target, statement.value
    else:
        return None
    if bound is None or (value is not None and bound is not value):
        return None
    return target.value if isinstance(target, cst.Name) else None


def enum_base(base: str) -> bool:
    """`Enum`, `enum.StrEnum`, `IntFlag`, Django's `TextChoices` (a base as written or
    qualified): the members of a class built on it are labels, not values held."""
    return base.endswith(("Enum", "Flag", "Choices"))


def split_receiver(value: Optional[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
    """`text` of `text.split(":", 1)`, `.rsplit(...)`, `.partition(...)`: the text whose pieces
    the call hands back; None for any other expression."""
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) \
            and value.func.attr.value in ("split", "rsplit", "partition", "rpartition"):
        return value.func.value
    return None


def presence_subject(test: Optional[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
    """The value a test asks the presence of: `x` of `x is not None`, `bool(x)` or `x` (a name
    or an attribute); None for any other test."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
            and isinstance(test.comparisons[0].operator, cst.IsNot) and is_none(test.comparisons[0].comparator):
        test = test.left
    elif isinstance(test, cst.Call) and isinstance(test.func, cst.Name) and test.func.value == "bool" \
            and len(test.args) == 1 and test.args[0].keyword is None and not test.args[0].star:
        test = test.args[0].value
    return test if isinstance(test, (cst.Name, cst.Attribute)) else None


def absence_subject(test: Optional[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
    """The value a test asks the absence of: `x` of `x is None` or `not x` (a name or an
    attribute); None for any other test. The `else` of such a test runs where `x` is set."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
            and isinstance(test.comparisons[0].operator, cst.Is) and is_none(test.comparisons[0].comparator):
        test = test.left
    elif isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        test = test.expression
    else:
        return None
    return test if isinstance(test, (cst.Name, cst.Attribute)) else None


def default_argument(call: cst.Call, position: Optional[int] = 1) -> Optional[cst.BaseExpression]:
    """The default a reading call is given: its `default=` keyword, else its positional argument
    at `position` (`os.getenv("TTL", "300")`, `options.get("verify", False)`); None for neither
    (`position` None: the keyword only)."""
    default = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "default"), None)
    if default is not None or position is None:
        return default
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    return positional[position] if len(positional) > position else None


def conjuncts(test: cst.BaseExpression) -> "list[cst.BaseExpression]":
    """The sides of an `and` chain (`request.path != "/" and key not in users`): each true in
    its body; a test alone is its one side."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return conjuncts(test.left) + conjuncts(test.right)
    return [test]
