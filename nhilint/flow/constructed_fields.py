"""What the constructions of a record class of the module hand one of its fields.

A dataclass (or NamedTuple, attrs class) declares its fields in its body and is given their
values where it is built: `Tokens(access_token=resp["access_token"], id_token=...)`. Nothing in
the class says where `self.access_token` comes from; every `Tokens(...)` of the module does. A
field no method writes, of a class the module builds (once at least) and always with the field
given, holds what those calls hand it, and nothing else the module shows.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from nhilint.analysis.imports import dotted_name
from nhilint.flow.function import FunctionFlow

_RECORD_DECORATORS = ("dataclass", "define", "frozen", "attr.s", "attrs")
_RECORD_BASES = ("NamedTuple",)


def field_arguments(flow: FunctionFlow, attr: str) -> Optional[List[Tuple[FunctionFlow, cst.BaseExpression]]]:
    """The value every construction of the record class `flow` is a method of hands field
    `attr`, with the flow of the function that builds it; None where one is not shown (the
    field left to its default, a `*args`), where a method writes the field, or where the module
    builds none. A construction from one mapping, `Tokens(**saved)`, gives that mapping: the
    field is its entry."""
    cls = flow.owner
    if cls is None or not _is_record(cls):
        return None
    fields = _fields(cls)
    if attr not in fields or flow.module.attribute_writes(cls, attr):
        return None  # a default in the body or a write in a method: not only what the calls hand
    found: List[Tuple[FunctionFlow, cst.BaseExpression]] = []
    for builder, call in _constructions(flow, cls):
        value = _argument(call, fields, attr)
        if value is None:
            return None
        found.append((builder, value))
    return found or None


def _is_record(cls: cst.ClassDef) -> bool:
    decorated = any((dotted_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator) or "").endswith(
        _RECORD_DECORATORS) for d in cls.decorators)
    return decorated or any((dotted_name(base.value) or "").endswith(_RECORD_BASES) for base in cls.bases)


def _fields(cls: cst.ClassDef) -> List[str]:
    """The fields declared in the class body, in order (`access_token: str`)."""
    return [
        small.target.value
        for line in cls.body.body if isinstance(line, cst.SimpleStatementLine)
        for small in line.body if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name)
    ]


def _constructions(flow: FunctionFlow, cls: cst.ClassDef) -> List[Tuple[FunctionFlow, cst.Call]]:
    """Every call of the class by its name in the module (`Tokens(...)`)."""
    module = flow.module
    name = cls.name.value
    found = []
    for scope in [flow.context.module, *module.every_function()]:
        builder = module.flow(scope)
        for call in builder.facts.own_calls:
            if isinstance(call.func, cst.Name) and call.func.value == name and not builder.facts.is_local(name):
                found.append((builder, call))
    return found


def _argument(call: cst.Call, fields: List[str], attr: str) -> Optional[cst.BaseExpression]:
    """What `call` hands field `attr`: by keyword, or by its place among the fields."""
    place = fields.index(attr)
    if len(call.args) == 1 and call.args[0].star == "**":
        return call.args[0].value  # `Tokens(**saved)`: the field is the mapping's entry
    for index, arg in enumerate(call.args):
        if arg.star:
            return None
        if arg.keyword is not None:
            if arg.keyword.value == attr:
                return arg.value
        elif index == place:
            return arg.value
    return None
