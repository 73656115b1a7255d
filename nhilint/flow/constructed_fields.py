"""What the constructions of a record class of the module hand one of its fields.

A dataclass (or NamedTuple, attrs class) declares its fields in its body and is given their
values where it is built: `Tokens(access_token=resp["access_token"], id_token=...)`. Nothing in
the class says where `self.access_token` comes from; every `Tokens(...)` of the module does. A
field no method writes, of a class the module builds (once at least) and always with the field
given, holds what those calls hand it, and nothing else the module shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

_RECORD_DECORATORS = ("dataclass", "define", "frozen", "attr.s", "attrs")
_RECORD_BASES = ("NamedTuple", "BaseModel")  # pydantic's models declare their fields as a dataclass does


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


def record_field_values(flow: FunctionFlow, call: cst.Call, attr: str) -> Optional[Tuple[FunctionFlow, List[cst.BaseExpression]]]:
    """What the construction `call` of a record class (of the module, or imported from another
    module of the project: `TokenSet(access_token=...)`) hands field `attr`, and what the
    function that builds it writes to that field of the record afterwards (`token_set.
    refresh_token = path.read_text()`, on the one name the record is bound to), with that
    function's flow (this one, or the helper whose return the record came from). A record built
    from one mapping (`TokenSet(**answer)`) gives the mapping: the field is its entry. None for
    any other call, or where nothing is handed the field."""
    if not isinstance(call.func, cst.Name):
        return None
    cls = flow.context.module_classes.get(call.func.value)
    if cls is None:
        # a class of another module (`from .schemas import TokenSet`): the keyword named for
        # the field, as a record's constructor takes it
        if call.func.value not in flow.context.imports:
            return None
        builder = _builder(flow, call)
        if len(call.args) == 1 and call.args[0].star == "**":
            given: Optional[cst.BaseExpression] = call.args[0].value
        else:
            given = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == attr), None)
    elif not _is_record(cls) or attr not in _fields(cls):
        return None
    else:
        builder = next((builder for builder, construction in _constructions(flow, cls) if construction is call), None)
        given = _argument(call, _fields(cls), attr) if builder is not None else None
    if builder is None:
        return None
    values = ([given] if given is not None else []) + _written_after(builder, call, attr)
    return (builder, values) if values else None


def _written_after(builder: FunctionFlow, call: cst.Call, attr: str) -> List[cst.BaseExpression]:
    """The values the builder writes to `name.attr` of the name the construction is bound to
    (`token_set = TokenSet(...)`, then `token_set.refresh_token = ...`); none where the record
    is bound to anything else."""
    bound = builder.facts.parent_of(call)
    if isinstance(bound, cst.Assign) and len(bound.targets) == 1:
        target: Optional[cst.BaseExpression] = bound.targets[0].target
    elif isinstance(bound, cst.AnnAssign):
        target = bound.target
    else:
        return []
    if not isinstance(target, cst.Name):
        return []
    return [binding.value for binding in builder.facts.attribute_stores.get(f"{target.value}.{attr}", ())
            if binding.value is not None]


def _builder(flow: FunctionFlow, call: cst.Call) -> Optional[FunctionFlow]:
    """The flow of the function of the module that makes `call` (a call by a plain name)."""
    name = call.func.value if isinstance(call.func, cst.Name) else None
    return next((builder for builder, made in flow.module.calls_named(name) if made is call), None) if name else None


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
    return flow.module.calls_named(cls.name.value)


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


def constructor_argument(flow: FunctionFlow, obj: cst.BaseExpression, attr: str) -> Optional[cst.BaseExpression]:
    """What `obj.attr` holds where `obj` is an object of a plain class of the module built in
    this function (`d = DomainConfig("default", secret)`, or stored in a mapping the object
    keeps: `self.domains["default"] = DomainConfig(...)`) and the class's only write of `attr`
    is its constructor's `self.attr = <parameter>`: the argument the construction hands that
    parameter. None where any of that is not shown (the object's other fields are not what
    the construction was handed: `d.name` holds no secret because `d` was given one)."""
    call = _construction(flow, obj)
    cls = flow.context.module_classes.get(call.func.value) if call is not None and isinstance(call.func, cst.Name) else None
    if cls is None or _is_record(cls):
        return None
    writes = flow.module.attribute_writes(cls, attr)
    if len(writes) != 1 or writes[0][0] is None or writes[0][0].name.value != "__init__":
        return None
    init, value = writes[0]
    if not isinstance(value, cst.Name) or value.value not in {p.name.value for p in init.params.params}:
        return None
    from nhilint.flow.module import bind_target  # the module's flow imports this one's callers

    return bind_target((init, cls), call.args).get(value.value)


def _construction(flow: FunctionFlow, obj: cst.BaseExpression) -> Optional[cst.Call]:
    """The call that built `obj`, by the one binding of a local that reaches it, or the value
    stored under a literal key of a mapping the object keeps, earlier in this function."""
    if isinstance(obj, cst.Name):
        value = flow.reaching_value(obj)
    elif isinstance(obj, cst.Subscript) and isinstance(obj.value, cst.Attribute) and flow.is_self(obj.value.value) \
            and len(obj.slice) == 1 and isinstance(obj.slice[0].slice, cst.Index):
        written = dotted_name(obj.value)
        key = string_literal(obj.slice[0].slice.value)
        at = flow.facts.order_of(obj)
        stored = [value for order, stored_key, value in flow.facts.item_stores.get(written or "", ())
                  if order < at and key is not None and string_literal(stored_key) == key]
        value = stored[-1] if stored else None
    else:
        value = None
    return value if isinstance(value, cst.Call) else None
