"""Static values of simple expressions: literals, dicts, module constants, parameter defaults.

The answer is a plain Python value, a `DictValue`, or `UNKNOWN`. Anything we cannot be sure of
is UNKNOWN, and rules stay silent on UNKNOWN (precision before recall).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, FrozenSet, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.syntax import default_argument
from nhilint.catalogue.environment import ENV_READS
from nhilint.catalogue.http import LIBRARY_CLASS_CONSTANTS
from nhilint.catalogue.jwt import ALGORITHM_CONSTANTS

if TYPE_CHECKING:
    from nhilint.analysis.scope import ScopeFacts
    from nhilint.context import FileContext
    from nhilint.project.exports import ConstantExport


class _Unknown:
    _instance: Optional["_Unknown"] = None

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN: Any = _Unknown()

# How deep a chain of names may lead (`A = B`, `B = {...}`) before we give up.
_MAX_DEPTH = 8

_TIMEDELTA_SECONDS = {
    "weeks": 7 * 86400,
    "days": 86400,
    "hours": 3600,
    "minutes": 60,
    "seconds": 1,
    "milliseconds": 0.001,
    "microseconds": 0.000001,
}


# Declarations of a field or setting whose value, unless configured, is their default.
_FIELD_DEFAULTS = frozenset({
    "pydantic.Field", "pydantic.fields.Field", "dataclasses.field", "attr.ib", "attrs.field",
})

_COLLECTION_BUILTINS = frozenset(
    {"builtins.frozenset", "builtins.set", "builtins.tuple", "builtins.list"}
)


@dataclass(frozen=True)
class DictValue:
    """A dict whose keys we know. `open` means other keys may exist (`**spread`, `.update()`)."""

    items: Dict[Any, Any] = field(default_factory=dict)
    open: bool = False
    # keys surely not there, even in an open dict: `claims = dict(claims); del claims["exp"]`
    deleted: FrozenSet[Any] = frozenset()

    def get(self, key: Any) -> Any:
        """The value for `key`; None if surely absent; UNKNOWN if it may be there."""
        if key in self.items:
            return self.items[key]
        return UNKNOWN if self.open and key not in self.deleted else None

    def has(self, key: Any) -> Optional[bool]:
        """True/False when known, None when the dict is open and the key not seen."""
        if key in self.items:
            return True
        return None if self.open and key not in self.deleted else False


class Moment:
    """`now + offset` seconds: `datetime.utcnow() + timedelta(hours=1)`, `int(time.time()) + 60`.
    A plain value class, not a dataclass: this module is imported at every start, and a
    dataclass costs about 3 M instructions to create (benchmarks/README.md, speed20)."""

    __slots__ = ("offset",)

    def __init__(self, offset: float = 0.0) -> None:
        self.offset = offset

    def __eq__(self, other: object) -> bool:
        return type(other) is Moment and other.offset == self.offset  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(("Moment", self.offset))

    def __repr__(self) -> str:
        return f"Moment(offset={self.offset!r})"


# Calls that read the clock (their result is Moment(0)).
NOW_CALLS = frozenset({
    "time.time", "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today",
    "django.utils.timezone.now", "arrow.utcnow", "arrow.now", "pendulum.now",
})
# Wrappers that keep a moment a moment: int(time.time()), round(...), math.floor(...).
_MOMENT_WRAPPERS = frozenset({"builtins.int", "builtins.round", "builtins.float", "math.floor", "math.ceil"})


def as_seconds(value: Any) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


# str methods that hand back the text in another case or without its outer spaces
_CASE_METHODS = frozenset({"lower", "upper", "casefold", "strip"})


class Evaluator:
    def __init__(self, context: "FileContext") -> None:
        self.context = context
        # whether item stores are being applied: the values stored (`claims["exp"] = now + ttl`)
        # see dicts without their own item stores, so the work stays linear in the stores
        self._applying = False
        # whether a function's parameters read as unknown rather than as their defaults: what
        # it returns is then what it returns whatever a caller passes (`returned_value`)
        self._params_unknown = False
        # the other modules' constants read while `reading_remote` runs (nhilint.project.exports
        # .ConstantExport): where a value such as a token's lifetime is written
        self._remote_reads: Optional[List["ConstantExport"]] = None

    def reading_remote(self, compute: Callable[[], Any]) -> Tuple[Any, List["ConstantExport"]]:
        """`compute()`'s value, and the constants of other modules of the project it read."""
        previous, self._remote_reads = self._remote_reads, []
        try:
            return compute(), self._remote_reads
        finally:
            self._remote_reads = previous

    def returned_value(self, function: cst.FunctionDef, depth: int = 0) -> Any:
        """What a function returns whatever its arguments: the value of its one `return`, its
        parameters unknown (`def base_claims(user): return {"sub": user, "iat": now}` gives a
        dict with those keys and no `exp`). UNKNOWN with more than one `return`, or none."""
        facts = self.context.facts(function)
        if len(facts.returns) != 1:
            return UNKNOWN
        previous, self._params_unknown = self._params_unknown, True
        try:
            return self.value(facts.returns[0], facts, depth + 1)
        finally:
            self._params_unknown = previous

    def value(
        self, expr: Optional[cst.BaseExpression], facts: Optional["ScopeFacts"], depth: int = 0
    ) -> Any:
        if expr is None or depth > _MAX_DEPTH:
            return UNKNOWN
        if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
            evaluated = expr.evaluated_value
            return evaluated if isinstance(evaluated, str) else UNKNOWN
        if isinstance(expr, (cst.Integer, cst.Float)):
            return expr.evaluated_value
        if isinstance(expr, cst.Name):
            if expr.value in ("True", "False", "None"):
                return {"True": True, "False": False, "None": None}[expr.value]
            return self.name(expr, facts, depth)
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
            inner = self.value(expr.expression, facts, depth + 1)
            return -inner if as_seconds(inner) is not None else UNKNOWN
        if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
            inner = self.value(expr.expression, facts, depth + 1)  # `verify=not insecure`
            return (not inner) if isinstance(inner, bool) else UNKNOWN
        if isinstance(expr, cst.BinaryOperation):
            return self._arithmetic(expr, facts, depth)
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
            items = []
            for element in expr.elements:
                if isinstance(element, cst.StarredElement):
                    return UNKNOWN
                items.append(self.value(element.value, facts, depth + 1))
            return tuple(items)
        if isinstance(expr, cst.Dict):
            return self._dict(expr, facts, depth)
        if isinstance(expr, cst.FormattedString):
            return self._formatted(expr, facts, depth)
        if isinstance(expr, cst.Call):
            return self._call(expr, facts, depth)
        if isinstance(expr, cst.BooleanOperation):
            return self._boolean(expr, facts, depth)
        if isinstance(expr, cst.Comparison):
            return self._comparison(expr, facts, depth)
        if isinstance(expr, cst.Attribute) and self.context.qualified_name(expr.value, facts) in ALGORITHM_CONSTANTS:
            return expr.attr.value  # ALGORITHMS.RS256
        if isinstance(expr, cst.Attribute):
            constant = self._class_constant(expr, facts) or self._field_default(expr, facts)
            if constant is not None:
                return self.value(constant, None, depth + 1)
            switch = self._constructor_switch(expr, facts)
            if switch is not None:
                return self.value(switch[0], switch[1], depth + 1)
            library = self._library_constant(expr, facts)
            if library is not None:
                return library
            return self._remote(expr, facts)
        return UNKNOWN

    def _field_default(self, expr: cst.Attribute, facts: Optional["ScopeFacts"]) -> Optional[cst.BaseExpression]:
        """`self.config.verify_aud` with `config: AuthConfig` handed to `__init__`, or
        `settings.verify_aud` of a parameter so annotated: the class's default for the field
        (`verify_aud: bool = False` of a pydantic model or a dataclass of this module), when no
        method of it sets the field. A literal only: what every deployment that keeps the
        default runs with (as an environment variable's default)."""
        if facts is None or not isinstance(facts.node, cst.FunctionDef) or not isinstance(expr.value, (cst.Name, cst.Attribute)):
            return None
        from nhilint.flow import module_flow  # the flow layer sits above this module

        module = module_flow(self.context)
        cls = module.instance_class(module.flow(facts.node), expr.value)
        if cls is None:
            return None
        writes = module.attribute_writes(cls, expr.attr.value)
        if len(writes) != 1 or writes[0][0] is not None:
            return None
        default = writes[0][1]
        literal = isinstance(default, (cst.SimpleString, cst.Integer, cst.Float)) or (
            isinstance(default, cst.Name) and default.value in ("True", "False", "None"))
        return default if literal else None

    def _class_constant(self, expr: cst.Attribute, facts: Optional["ScopeFacts"]) -> Optional[cst.BaseExpression]:
        """`self.CONFIG_NAME_TOKEN` in a method: the class body's one string for the name
        (`CONFIG_NAME_TOKEN = "token"`, of the class or a base of the module), when no method
        assigns it: a key or a name. Only a string: a class's options (`DISABLE_JWT_CHECKS =
        {"verify_aud": False, ...}`) are read by rules that must also see the checks the class
        then makes by hand (auth0's verifier), which they do not follow across methods yet."""
        owner = self._self_attribute(expr, facts)
        if owner is None:
            return None
        module, cls = owner
        writes = module.attribute_writes(cls, expr.attr.value)
        if len(writes) != 1 or writes[0][0] is not None or not isinstance(writes[0][1], cst.SimpleString):
            return None
        return writes[0][1]

    def _self_attribute(self, expr: cst.Attribute, facts: Optional["ScopeFacts"]) -> Optional[Tuple[Any, cst.ClassDef]]:
        """For `self.<name>` read in a method: the module's flow and the method's class."""
        if facts is None or not isinstance(facts.node, cst.FunctionDef) or not isinstance(expr.value, cst.Name):
            return None
        from nhilint.flow import module_flow

        module = module_flow(self.context)
        flow = module.flow(facts.node)
        if flow.owner is None or not flow.is_self(expr.value):
            return None
        return module, flow.owner

    def _library_constant(self, expr: cst.Attribute, facts: Optional["ScopeFacts"]) -> Optional[str]:
        """`self.header` in a method of a subclass of django-ninja's `HttpBearer`, which the
        class and its bases of this module never set: the library class's value
        (catalogue.http.LIBRARY_CLASS_CONSTANTS)."""
        owner = self._self_attribute(expr, facts)
        if owner is None or owner[0].attribute_writes(owner[1], expr.attr.value):
            return None
        module, cls = owner
        for klass in module.lineage(cls):
            for base in klass.bases:
                known = LIBRARY_CLASS_CONSTANTS.get(self.context.qualified_name(base.value) or "", {})
                if expr.attr.value in known:
                    return known[expr.attr.value]
        return None

    def _constructor_switch(self, expr: cst.Attribute, facts: Optional["ScopeFacts"]) -> Optional[Tuple[cst.BaseExpression, "ScopeFacts"]]:
        """`self.validate_cert` in a method, the one write of which is `__init__`'s comparison
        (`self.validate_cert = os.getenv("KIP_VALIDATE_CERT", "False").lower() == "true"`): that
        test, read where `__init__` makes it, with the environment at its defaults; or an option
        read with a literal default (`self.ssl_verify = optional_args.get("ssl_verify", False)`:
        napalm's drivers), or a parameter of `__init__` with one (`self.verify_ssl = verify_ssl`):
        the default."""
        owner = self._self_attribute(expr, facts)
        if owner is None:
            return None
        module, cls = owner
        writes = module.attribute_writes(cls, expr.attr.value)
        if len(writes) > 1:
            return self._off_in_every_write(module, writes)
        if len(writes) != 1 or writes[0][0] is None or writes[0][0].name.value != "__init__":
            return None
        written = writes[0][1]
        if isinstance(written, cst.Comparison):
            return written, module.flow(writes[0][0]).facts
        default = option_default(written) or _flag_parameter_default(writes[0][0], written)
        return (default, module.flow(writes[0][0]).facts) if default is not None else None

    @staticmethod
    def _off_in_every_write(module: Any, writes: "List[Tuple[Optional[cst.FunctionDef], cst.BaseExpression]]") -> Optional[Tuple[cst.BaseExpression, "ScopeFacts"]]:
        """A switch that every method setting it leaves False at the defaults: `self.cert = False`
        in `__init__`, then `self.cert = cert` in `connect(self, host, cert=False)` (cvprac's
        `CvpClient`): off unless a caller passes something else. False only: which of several
        other values holds is the caller's choice."""
        for method, written in writes:
            if method is None:
                return None
            literal = written if isinstance(written, cst.Name) and written.value == "False" else None
            default = literal or _flag_parameter_default(method, written)
            if default is None:
                return None
            if default is not literal and not _defaults_to_false(method, default.value):
                return None
        return cst.Name("False"), module.flow(writes[-1][0]).facts

    def _formatted(self, expr: cst.FormattedString, facts: Optional["ScopeFacts"], depth: int) -> Any:
        """`f"https://graph.facebook.com/{GRAPH_API_VERSION}"` with every part known: the string."""
        text = ""
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringText):
                text += part.value
                continue
            if part.conversion is not None or part.format_spec is not None:
                return UNKNOWN
            inner = self.value(part.expression, facts, depth + 1)
            if not isinstance(inner, str):
                return UNKNOWN
            text += inner
        return text

    def _boolean(self, expr: cst.BooleanOperation, facts: Optional["ScopeFacts"], depth: int) -> Any:
        """`expires_delta or timedelta(days=7)`: with the parameter at its default (None), the right."""
        left = self.value(expr.left, facts, depth + 1)
        if left is UNKNOWN or isinstance(left, (DictValue, Moment)):
            return UNKNOWN
        if isinstance(expr.operator, cst.Or):
            return self.value(expr.right, facts, depth + 1) if not left else left
        return self.value(expr.right, facts, depth + 1) if left else left

    def _comparison(self, expr: cst.Comparison, facts: Optional["ScopeFacts"], depth: int) -> Any:
        """`os.getenv("VERIFY_SSL", "false").lower() == "true"`, `... in ("1", "true")`: with the
        variable at its default, the switch's value (False here: off unless configured). Only
        plain values compared (strings, numbers, booleans, None), one operator."""
        if len(expr.comparisons) != 1:
            return UNKNOWN
        operator = expr.comparisons[0].operator
        left = self.value(expr.left, facts, depth + 1)
        right = self.value(expr.comparisons[0].comparator, facts, depth + 1)
        if not _plain(left):
            return UNKNOWN
        if isinstance(operator, (cst.Equal, cst.NotEqual)) and _plain(right):
            return (left == right) == isinstance(operator, cst.Equal)
        if isinstance(operator, (cst.In, cst.NotIn)) and isinstance(right, tuple) and all(_plain(item) for item in right):
            return (left in right) == isinstance(operator, cst.In)
        return UNKNOWN

    def name(self, expr: cst.Name, facts: Optional["ScopeFacts"], depth: int) -> Any:
        """The value a name holds where `expr` reads it: last local binding, default, constant."""
        if facts is not None and facts.is_local(expr.value):
            use_order = facts.order_of(expr)
            binding = facts.binding_before(expr.value, use_order)
            if binding is not None:
                result = self.value(binding.value, facts, depth + 1)
                if self._applying:
                    return result
                self._applying = True
                try:
                    return self._apply_item_stores(expr.value, result, facts, binding.order, use_order, depth)
                finally:
                    self._applying = False
            if expr.value in facts.params:  # no binding before the read: the parameter as given
                default = facts.params[expr.value]
                if default is None or self._params_unknown:
                    return UNKNOWN
                return self.value(default, None, depth + 1)
            return UNKNOWN
        constant = self.context.module_constants.get(expr.value)
        if constant is None:
            return self._remote(expr, facts)
        return self.value(constant, None, depth + 1)

    def _returned_instance_attribute(self, expr: cst.Attribute, facts: Optional["ScopeFacts"]) -> Any:
        """`get_settings().TOKEN_TTL`, or `s.TOKEN_TTL` after `s = get_settings()`, with a
        function of another module annotated to return a class of the project: the class's
        attribute (a pydantic or dataclass settings default, which the environment may change,
        as an environment variable's default may). The index makes the hop from the function to
        its class (ProjectIndex._through_types), as for `config = load_config()` there."""
        made = expr.value
        if isinstance(made, cst.Name) and facts is not None and facts.is_local(made.value):
            binding = facts.binding_before(made.value, facts.order_of(expr))
            made = binding.value if binding is not None and len(facts.bindings.get(made.value, ())) == 1 else None
        if not isinstance(made, cst.Call) or not isinstance(made.func, (cst.Name, cst.Attribute)):
            return None
        function = self.context.qualified_name(made.func, facts)
        if function is None or function.startswith("builtins.") or self.context.project is None:
            return None
        return self.context.project.constant(f"{function}.{expr.attr.value}", self.context.path)

    def _remote(self, expr: cst.BaseExpression, facts: Optional["ScopeFacts"]) -> Any:
        """A constant of another module of the project (`from app.settings import TTL`,
        `settings.TTL`, `config.settings.TTL` of a settings object): its exported value."""
        if self.context.project is None:
            return UNKNOWN
        from nhilint.project import remote
        from nhilint.project.static_values import from_json

        found = remote.constant(self.context, expr, facts)
        if found is None and isinstance(expr, cst.Attribute):
            found = self._returned_instance_attribute(expr, facts)
        if found is None or not found.known:
            return UNKNOWN
        if self._remote_reads is not None:
            self._remote_reads.append(found)
        return from_json(found.value)

    def _apply_item_stores(
        self, name: str, value: Any, facts: "ScopeFacts", start: int, end: int, depth: int
    ) -> Any:
        if value is UNKNOWN and any(start < order < end for order, _, _ in facts.item_stores.get(name, ())):
            # `claims = user.to_dict(); claims.update({"exp": ...})`: a mapping we cannot read,
            # with the keys set since known (open: the others may be there)
            value = DictValue({}, open=True)
        if not isinstance(value, DictValue):
            return value
        if any(start < order < end for order in facts.mutations.get(name, ())):
            return DictValue(dict(value.items), open=True)
        items = dict(value.items)
        is_open = value.open
        deleted = set(value.deleted)
        changes = [(order, key, item) for order, key, item in facts.item_stores.get(name, ())]
        changes += [(order, key, None) for order, key in facts.item_deletes.get(name, ())]
        for order, key_expr, item_expr in sorted(changes, key=lambda change: change[0]):
            if start < order < end:
                key = self.value(key_expr, facts, depth + 1)
                if key is UNKNOWN:
                    is_open = True
                    deleted.clear()
                elif item_expr is None:  # del payload["exp"]
                    items.pop(key, None)
                    deleted.add(key)
                else:
                    items[key] = self.value(item_expr, facts, depth + 1)
                    deleted.discard(key)
        return DictValue(items, is_open, frozenset(deleted) if is_open else frozenset())

    @staticmethod
    def _moment_arithmetic(operator: cst.BaseBinaryOp, left: Any, right: Any) -> Any:
        if isinstance(operator, cst.Add):
            moment, delta = (left, right) if isinstance(left, Moment) else (right, left)
            seconds = as_seconds(delta)
            return Moment(moment.offset + seconds) if seconds is not None else UNKNOWN
        if isinstance(operator, cst.Subtract) and isinstance(left, Moment):
            seconds = as_seconds(right)
            return Moment(left.offset - seconds) if seconds is not None else UNKNOWN
        return UNKNOWN

    def _dict(self, expr: cst.Dict, facts: Optional["ScopeFacts"], depth: int) -> Any:
        items: Dict[Any, Any] = {}
        is_open = False
        for element in expr.elements:
            if isinstance(element, cst.StarredDictElement):
                spread = self.value(element.value, facts, depth + 1)
                if isinstance(spread, DictValue):
                    items.update(spread.items)
                    is_open = is_open or spread.open
                else:
                    is_open = True
                continue
            key = self.value(element.key, facts, depth + 1)
            if key is UNKNOWN or not _hashable(key):  # {{}: None} is a TypeError at run time
                is_open = True
                continue
            items[key] = self.value(element.value, facts, depth + 1)
        return DictValue(items, is_open)

    def _call(self, expr: cst.Call, facts: Optional["ScopeFacts"], depth: int) -> Any:
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value == "timestamp" and not expr.args:
            inner = self.value(func.value, facts, depth + 1)  # (now + delta).timestamp()
            return inner if isinstance(inner, Moment) else UNKNOWN
        if isinstance(func, cst.Attribute) and func.attr.value == "total_seconds" and not expr.args:
            inner = self.value(func.value, facts, depth + 1)  # timedelta(...).total_seconds()
            return inner if as_seconds(inner) is not None else UNKNOWN
        if isinstance(func, cst.Attribute) and func.attr.value in _CASE_METHODS and not expr.args:
            inner = self.value(func.value, facts, depth + 1)  # `self._header_name.lower()`
            return getattr(inner, func.attr.value)() if isinstance(inner, str) else UNKNOWN
        if isinstance(func, cst.Attribute) and func.attr.value == "copy" and not expr.args:
            inner = self.value(func.value, facts, depth + 1)  # `to_encode = data.copy()`
            return inner if isinstance(inner, (DictValue, tuple)) else DictValue(open=True)
        if isinstance(func, cst.Attribute) and func.attr.value in ("get", "pop") and self._keyword_arguments(func.value, facts):
            # `int(kwargs.get("verification_ttl_seconds", 86400))`: like a parameter's default,
            # what the function uses when its caller does not say
            positional = [a.value for a in expr.args if a.keyword is None and not a.star]
            return self.value(positional[1], facts, depth + 1) if len(positional) == 2 else UNKNOWN
        if isinstance(func, cst.Attribute) and func.attr.value == "get" and self._settings_mapping(func.value, facts):
            # `getattr(settings, "PROVIDERS", {}).get("GRAPH_API_URL", "https://...")`: a setting
            # read with a default is that default unless the deployment configures it, as an
            # environment variable's is
            positional = [a.value for a in expr.args if a.keyword is None and not a.star]
            if len(positional) != 2:
                return UNKNOWN
            configured = self.value(func.value, facts, depth + 1)  # the project's settings module, when known
            key = self.value(positional[0], facts, depth + 1)
            if isinstance(configured, DictValue) and isinstance(key, str) and key in configured.items:
                return configured.items[key]
            return self.value(positional[1], facts, depth + 1)
        qualname = self.context.qualified_name(func, facts)
        if qualname in NOW_CALLS:
            return Moment()
        if qualname in _MOMENT_WRAPPERS and len(expr.args) >= 1:
            inner = self.value(expr.args[0].value, facts, depth + 1)
            if isinstance(inner, Moment):
                return inner
            if qualname in ("builtins.int", "builtins.float") and len(expr.args) == 1 and not expr.args[0].star:
                return _number(inner, int if qualname == "builtins.int" else float)  # int(os.getenv("TTL", "300"))
            return UNKNOWN
        if qualname == "builtins.dict":
            return self._dict_call(expr, facts, depth)
        if qualname == "builtins.str" and len(expr.args) == 1 and not expr.args[0].star:
            inner = self.value(expr.args[0].value, facts, depth + 1)  # `str(30 * 24 * 60 * 60)`: a default's text
            if isinstance(inner, float) and inner.is_integer():
                inner = int(inner)  # the arithmetic above computes in floats
            return str(inner) if isinstance(inner, (int, float)) and not isinstance(inner, bool) else UNKNOWN
        # `builtins.timedelta`: no builtin has that name; it came in through a star import
        if qualname in ("datetime.timedelta", "timedelta", "builtins.timedelta"):
            return self._timedelta(expr, facts, depth)
        if qualname in ENV_READS:
            return self._env_default(expr, facts, depth, ENV_READS[qualname])
        if qualname in _FIELD_DEFAULTS:  # `Field(default=525600, gt=0)`: the setting's default
            default = default_argument(expr, 0 if qualname.startswith("pydantic") else None)
            return self.value(default, facts, depth + 1) if default is not None else UNKNOWN
        if qualname in _COLLECTION_BUILTINS and len(expr.args) == 1 and not expr.args[0].star:
            inner = self.value(expr.args[0].value, facts, depth + 1)
            return inner if isinstance(inner, tuple) else UNKNOWN
        if isinstance(func, cst.Name) and not (facts is not None and facts.is_local(func.value)):
            local = self.context.module_functions.get(func.value)
            if local is not None:  # `claims = base_claims(user_id)`
                return self.returned_value(local, depth + 1)
        if self.context.project is not None:
            from nhilint.project import remote
            from nhilint.project.static_values import from_json

            function = remote.function(self.context, func, facts)  # `get_token_ttl()` of settings.py
            if function is not None and function.constant is not None:
                return from_json(function.constant)
        return UNKNOWN

    def _settings_mapping(self, expr: cst.BaseExpression, facts: Optional["ScopeFacts"], depth: int = 0) -> bool:
        """A mapping read from Django's settings: `getattr(settings, "X", {})`, `settings.X`, or a
        `.get(key, {})` of one (`getattr(settings, "PROVIDERS", {}).get("facebook", {})`)."""
        if depth > 4:
            return False
        if isinstance(expr, cst.Attribute):
            return self.context.qualified_name(expr.value, facts) == "django.conf.settings"
        if not isinstance(expr, cst.Call):
            return False
        if isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get":
            return self._settings_mapping(expr.func.value, facts, depth + 1)
        return (self.context.qualified_name(expr.func, facts) == "builtins.getattr" and len(expr.args) >= 2
                and self.context.qualified_name(expr.args[0].value, facts) == "django.conf.settings")

    def _keyword_arguments(self, expr: cst.BaseExpression, facts: Optional["ScopeFacts"]) -> bool:
        """Whether `expr` is the function's own `**kwargs`, never rebound (and parameters are
        read at their defaults: not inside `returned_value`)."""
        if facts is None or self._params_unknown or not isinstance(expr, cst.Name):
            return False
        function = facts.node
        star = function.params.star_kwarg if isinstance(function, cst.FunctionDef) else None
        return star is not None and star.name.value == expr.value and not facts.bindings.get(expr.value)

    def _env_default(self, expr: cst.Call, facts: Optional["ScopeFacts"], depth: int, position: int) -> Any:
        """What an env read gives when the variable is unset: its default (`os.getenv("TTL",
        "300")`, `env.int("TTL", default=300)`), or UNKNOWN. Rules say it is the default.
        `position`: where the default sits among the positional arguments."""
        default = default_argument(expr, position)
        return self.value(default, facts, depth + 1) if default is not None else UNKNOWN

    def _dict_call(self, expr: cst.Call, facts: Optional["ScopeFacts"], depth: int) -> Any:
        items: Dict[Any, Any] = {}
        is_open = False
        for arg in expr.args:
            if arg.keyword is not None:
                items[arg.keyword.value] = self.value(arg.value, facts, depth + 1)
            elif arg.star == "**":
                is_open = True
            else:
                pairs = self.value(arg.value, facts, depth + 1)
                if isinstance(pairs, DictValue):
                    items.update(pairs.items)
                    is_open = is_open or pairs.open
                elif isinstance(pairs, tuple) and all(
                    isinstance(p, tuple) and len(p) == 2 and p[0] is not UNKNOWN for p in pairs
                ):
                    items.update(dict(pairs))
                else:
                    is_open = True
        return DictValue(items, is_open)

    def _timedelta(self, expr: cst.Call, facts: Optional["ScopeFacts"], depth: int) -> Any:
        total = 0.0
        positional = ("days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks")
        for index, arg in enumerate(expr.args):
            if arg.star:
                return UNKNOWN
            unit = arg.keyword.value if arg.keyword is not None else positional[min(index, 6)]
            amount = as_seconds(self.value(arg.value, facts, depth + 1))
            if amount is None or unit not in _TIMEDELTA_SECONDS:
                return UNKNOWN
            total += amount * _TIMEDELTA_SECONDS[unit]
        return total

    def _arithmetic(self, expr: cst.BinaryOperation, facts: Optional["ScopeFacts"], depth: int) -> Any:
        left = self.value(expr.left, facts, depth + 1)
        right = self.value(expr.right, facts, depth + 1)
        if isinstance(expr.operator, cst.Add) and isinstance(left, tuple) and isinstance(right, tuple):
            return left + right
        if isinstance(left, Moment) or isinstance(right, Moment):
            return self._moment_arithmetic(expr.operator, left, right)
        a, b = as_seconds(left), as_seconds(right)
        if a is None or b is None:
            return UNKNOWN
        operator = expr.operator
        if isinstance(operator, cst.Add):
            return a + b
        if isinstance(operator, cst.Subtract):
            return a - b
        if isinstance(operator, cst.Multiply):
            return a * b
        if isinstance(operator, (cst.Divide, cst.FloorDivide)) and b:
            return a / b if isinstance(operator, cst.Divide) else a // b
        return UNKNOWN


def _number(value: Any, kind: type) -> Any:
    """int("300") / float(300): the number, or UNKNOWN."""
    if isinstance(value, bool):
        return UNKNOWN
    if isinstance(value, (int, float)):
        return kind(value)
    if isinstance(value, str):
        try:
            return kind(value.strip())
        except ValueError:
            return UNKNOWN
    return UNKNOWN


# methods reading an option from the mapping a constructor was handed, with a default
_OPTION_READS = frozenset({"get", "pop", "setdefault"})


def option_default(written: cst.BaseExpression) -> Optional[cst.Name]:
    """`optional_args.get("ssl_verify", False)`, `kwargs.pop("verify", True)`: an option read
    from the mapping the constructor was handed, with a literal True or False for its default
    (what every caller that does not set it runs with); `bool(kwargs.get("verify"))`, an option
    made a flag with no default, or None, is False unless set; None for any other value."""
    if isinstance(written, cst.Call) and isinstance(written.func, cst.Name) and written.func.value == "bool" \
            and len(written.args) == 1 and _option_read(written.args[0].value):
        default = default_argument(written.args[0].value)  # type: ignore[arg-type]
        if default is None or (isinstance(default, cst.Name) and default.value in ("None", "False")):
            return cst.Name("False")
        return None
    if not _option_read(written):
        return None
    default = default_argument(written)  # type: ignore[arg-type]
    return default if isinstance(default, cst.Name) and default.value in ("True", "False") else None


def _option_read(written: cst.BaseExpression) -> bool:
    """`options.get("verify", ...)`: a method reading a named option from a mapping."""
    if not (isinstance(written, cst.Call) and isinstance(written.func, cst.Attribute)
            and written.func.attr.value in _OPTION_READS and isinstance(written.func.value, cst.Name)):
        return False
    positional = [arg.value for arg in written.args if arg.keyword is None and not arg.star]
    return bool(positional) and isinstance(positional[0], cst.SimpleString)


def _flag_parameter_default(init: cst.FunctionDef, written: cst.BaseExpression) -> Optional[cst.Name]:
    """`self.verify_ssl = verify_ssl` in `__init__(self, url, token, verify_ssl=False)`: the
    parameter, whose literal True or False default is what every caller that does not pass it
    runs with (as a function's own parameter reads as its default); None for a parameter with
    any other default (a lifetime's number is the caller's to choose) and any other value."""
    if not isinstance(written, cst.Name):
        return None
    params = init.params
    for param in (*params.params, *params.kwonly_params):
        if param.name.value == written.value:
            default = param.default
            flag = isinstance(default, cst.Name) and default.value in ("True", "False")
            return written if flag else None  # read in `__init__`: its default unless rebound there
    return None


def _defaults_to_false(function: cst.FunctionDef, name: str) -> bool:
    """The function's parameter `name` defaults to a literal False (`connect(self, cert=False)`)."""
    params = function.params
    return any(param.name.value == name and isinstance(param.default, cst.Name) and param.default.value == "False"
               for param in (*params.params, *params.kwonly_params))


def _plain(value: Any) -> bool:
    """A value a comparison can be decided on: a string, a number, a boolean or None."""
    return value is None or isinstance(value, (str, int, float, bool))


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def field_read(context: "FileContext", expr: cst.BaseExpression, facts: "ScopeFacts") -> Optional[str]:
    """The literal key of `x["key"]` or `x.get("key", ...)` (a constant's value too), else None."""
    key: Optional[cst.BaseExpression] = None
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        key = expr.slice[0].slice.value
    elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get" and expr.args:
        key = expr.args[0].value
    if key is None:
        return None
    value = context.evaluator.value(key, facts)
    if isinstance(value, str):
        return value
    # `token.get(TokenResponseFields.RESOURCE)`: a constant of a library's class, or of one of
    # the module's, named for the field (adal's `TokenResponseFields.ACCESS_TOKEN` is
    # "accessToken"), whose value is not in sight
    if isinstance(key, cst.Attribute) and isinstance(key.value, cst.Name) and key.value.value[:1].isupper() \
            and key.attr.value.isupper() \
            and (key.value.value in context.imported_names or key.value.value in context.module_classes):
        return key.attr.value.lower()
    return None
