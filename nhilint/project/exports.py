"""What one module offers the others: plain data, built from its one parse, cached by content.

A module's export holds its constants (their static values and where they come from), its
functions' and methods' summaries (what they return, where their parameters go, whether they
verify a token), its classes, the tokens it mints by key, the credentials it gives to clients,
the credential settings of environments, and its imports (so re-exports can be followed).

Its shape (the names it binds and imports) is built with it; every value (a constant's, a
function's summary, the project-wide facts: mints, credentials given to clients, environment
settings) only when first asked for (`Lazy`, `Deferred`): a caller of one helper needs one
summary, and a value can reach into further modules, so building all of them made a check cost
several times the parse (issue 14's measure: pyjwt's api_jwt.py, 2.05x the one-file run). The
project-wide facts' classes live in nhilint.project.facts, imported when facts are first built
or read: a check that asks no question over the whole project does not create them.

No libcst node survives in here: places are (path, line), values are JSON values. `to_json` /
`from_json` are the export cache's representation (what was computed so far).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Callable, Dict, Mapping, Optional, Protocol, Tuple, TypeVar

from nhilint.project.lazy import Deferred, Lazy

if TYPE_CHECKING:
    from nhilint.project.facts import CredentialUseExport, EnvironmentSettingExport, MintExport, ProjectFacts

V = TypeVar("V")


@dataclass(frozen=True)
class Place:
    path: str
    line: int


@dataclass(frozen=True)
class Origin:
    """Where a value is written: a module-level name (`JWT_EXP`) or a class-level one
    (`Settings.jwt_expire_minutes`) of the module at `place.path`. A lifetime read through an alias
    (`ACCESS_TOKEN_EXPIRE_MINUTES = settings.jwt_expire_minutes` in another module) keeps the
    origin of what it aliases, so a finding at the mint names where its number is written."""

    place: Place
    name: str


@dataclass(frozen=True)
class LabelExport:
    """A label of nhilint.flow.labels, without its node: kind, detail, how far from the source
    (0 carried, 1 wrapped, 2 computed), and the parameters (by name) it is symbolic in or that
    reached it."""

    kind: str
    detail: str = ""
    derived: int = 0
    param_inputs: Tuple[str, ...] = ()  # parameters that reached the source
    param_selectors: Tuple[str, ...] = ()  # parameters that chose the token
    place: Optional[Place] = None


@dataclass(frozen=True)
class SinkExport:
    kind: str  # nhilint.flow.summary LOG / OUTBOUND
    place: Place  # the call where the value ends up
    function: str  # the function holding it
    host: Optional[str] = None  # for an outbound request: its host, when known
    token_there: bool = False
    to_identity_provider: bool = False
    # the values of one of the function's parameters the sink runs for (nhilint.flow.param_branches
    # .value_condition): `("http_method", "get")`; () for every call
    only_if: Tuple[str, ...] = ()
    stdout: bool = False  # a print to stdout (nhilint.flow.summary.Sink.stdout)


class ElementOf:
    """`for token in tokens: stored[token.key] = token.value`: a store write of a part of each
    element of the parameter `param` (a list of records or pairs, or a dict's items), under a
    part of the same element. A part is "attr:NAME" (a field), "index:N" (a position: `for key,
    value in pairs`) or "" (the element itself).

    A plain class, as StoreExport and ConstantExport: never compared, hashed or copied, and a
    dataclass costs about 3 M instructions to create at every start (benchmarks/README.md,
    speed20); `to_json` writes what `asdict` wrote."""

    __slots__ = ("param", "value", "key", "items", "fields")

    def __init__(self, param: str, value: str, key: Optional[str], items: bool = False,
                 fields: Tuple[str, ...] = ()) -> None:
        self.param = param
        self.value = value
        self.key = key  # None: the key is not made of the element
        self.items = items  # `for key, value in tokens.items()`: the parameter is a dict
        # the element class's fields in order (a NamedTuple or dataclass of the writer's module the
        # parameter's annotation names): how a positional argument of its constructor is named
        self.fields = fields

    def to_json(self) -> Dict[str, Any]:
        return {"param": self.param, "value": self.value, "key": self.key, "items": self.items,
                "fields": self.fields}


class StoreExport:
    """A shared store a function keeps what its caller hands it in (nhilint.flow.stores, as
    data): `def cache_auth_token(token, client_id, ttl=3600): redis.set(f"auth:{token}",
    client_id, ex=ttl)` keeps `client_id` under a key made of `token` for `ttl` seconds.
    A plain class, as ElementOf."""

    __slots__ = ("identity", "shown", "sharing", "ttl", "ttl_known", "default_ttl", "value_params", "keyed",
                 "key_params", "place", "ttl_param", "ttl_unit", "element")

    def __init__(self, identity: str, shown: str, sharing: str, ttl: Optional[float], ttl_known: bool,
                 default_ttl: bool, value_params: Tuple[str, ...], keyed: bool, key_params: Tuple[str, ...],
                 place: Place, ttl_param: str = "", ttl_unit: float = 1.0,
                 element: Optional[ElementOf] = None) -> None:
        self.identity = identity  # the store's identity in its module (`cache:redis_client`)
        self.shown = shown  # how messages name it
        self.sharing = sharing  # nhilint.flow.stores PROCESS or INSTANCE
        self.ttl = ttl  # seconds; None: kept for good (when `ttl_known`)
        self.ttl_known = ttl_known
        self.default_ttl = default_ttl  # the backend's default, which settings may change
        self.value_params = value_params  # the parameters whose values it keeps, as given
        self.keyed = keyed  # False: one slot for everything
        self.key_params = key_params  # the parameters its key is made of
        self.place = place  # the write
        self.ttl_param = ttl_param  # the time-to-live is this parameter: what the caller passes, else `ttl`
        self.ttl_unit = ttl_unit  # seconds per unit of that parameter
        self.element = element  # it keeps a part of each element of a parameter

    def to_json(self) -> Dict[str, Any]:
        return {"identity": self.identity, "shown": self.shown, "sharing": self.sharing, "ttl": self.ttl,
                "ttl_known": self.ttl_known, "default_ttl": self.default_ttl, "value_params": self.value_params,
                "keyed": self.keyed, "key_params": self.key_params, "place": asdict(self.place),
                "ttl_param": self.ttl_param, "ttl_unit": self.ttl_unit,
                "element": self.element.to_json() if self.element is not None else None}


class SummaryExport:
    """What a function does with tokens (nhilint.flow.summary, as data). A plain class, as
    ElementOf."""

    __slots__ = ("returns", "param_sinks", "verified_params", "verifier", "constant", "returns_by_arm",
                 "returned_entries")

    def __init__(self, returns: Tuple[LabelExport, ...] = (),
                 param_sinks: Optional[Mapping[str, Tuple[SinkExport, ...]]] = None,
                 verified_params: Tuple[str, ...] = (), verifier: Optional[Place] = None,
                 constant: Any = None,
                 returns_by_arm: Tuple[Tuple[Tuple[str, ...], Tuple[LabelExport, ...]], ...] = (),
                 returned_entries: Optional[Mapping[str, Tuple[LabelExport, ...]]] = None) -> None:
        self.returns = returns
        # what each return gives under the arm of a parameter test it runs in, when one runs only
        # for some calls (nhilint.flow.summary.FunctionSummary.returns_by_arm); () otherwise
        self.returns_by_arm = returns_by_arm
        # where every return is a dict written out: what it returns under each key
        # (nhilint.flow.returned_parts.returned_entries); None otherwise
        self.returned_entries = returned_entries
        self.param_sinks: Mapping[str, Tuple[SinkExport, ...]] = {} if param_sinks is None else param_sinks
        self.verified_params = verified_params
        self.verifier = verifier  # where it verifies a token (itself or through a helper)
        # the constant value it returns, when it returns one (`def get_ttl(): return 300`)
        self.constant = constant

    def to_json(self) -> Dict[str, Any]:
        return {"returns": tuple(asdict(label) for label in self.returns),
                "param_sinks": {param: tuple(asdict(sink) for sink in found) for param, found in self.param_sinks.items()},
                "verified_params": self.verified_params,
                "verifier": asdict(self.verifier) if self.verifier is not None else None, "constant": self.constant,
                "returns_by_arm": tuple((condition, tuple(asdict(label) for label in labels))
                                        for condition, labels in self.returns_by_arm),
                "returned_entries": None if self.returned_entries is None else {
                    key: tuple(asdict(label) for label in labels) for key, labels in self.returned_entries.items()}}


NO_SUMMARY = SummaryExport()


class FunctionExport:
    """A function or method: its parameters at once, its summary when first asked for (a call
    whose arguments hold nothing of interest never needs it). A plain class, as ElementOf."""

    __slots__ = ("name", "params", "positional", "summary", "verified", "sinks", "kept", "instance_of")

    def __init__(self, name: str, params: Tuple[str, ...], positional: int = 0,
                 summary: "Optional[Deferred[SummaryExport]]" = None,
                 verified: "Optional[Deferred[Tuple[str, ...]]]" = None,
                 sinks: "Optional[Deferred[Mapping[str, Tuple[SinkExport, ...]]]]" = None,
                 kept: "Optional[Deferred[Tuple[StoreExport, ...]]]" = None, instance_of: str = "") -> None:
        self.name = name
        self.params = params  # positional and keyword parameters, in order (no self)
        self.positional = positional  # how many of them a positional argument can bind
        self.summary: "Deferred[SummaryExport]" = Deferred() if summary is None else summary
        # its summary's verified_params alone, while the summary is not computed: whether a call
        # hands it the token to verify is asked of many calls, and the rest of a summary reaches into
        # further functions and modules (the token file's check parsed five more modules for it)
        self.verified: "Deferred[Tuple[str, ...]]" = Deferred() if verified is None else verified
        # and its param_sinks alone (a call hands a helper a token: is it logged, sent?)
        self.sinks: "Deferred[Mapping[str, Tuple[SinkExport, ...]]]" = Deferred() if sinks is None else sinks
        # the shared caches it keeps its parameters in: not a part of the summary, and cheap (only
        # a function that writes a cache has any)
        self.kept: "Deferred[Tuple[StoreExport, ...]]" = Deferred() if kept is None else kept
        # the class its return annotation names (`def get_settings() -> Settings`): what is read of
        # its result is that class's (`get_settings().TOKEN_TTL`, a pydantic settings default)
        self.instance_of = instance_of

    @property
    def returns(self) -> Tuple[LabelExport, ...]:
        return self.summary.get(NO_SUMMARY).returns

    @property
    def param_sinks(self) -> Mapping[str, Tuple[SinkExport, ...]]:
        summary = self.summary.known()
        return summary.param_sinks if summary is not None else self.sinks.get({})

    @property
    def verified_params(self) -> Tuple[str, ...]:
        summary = self.summary.known()
        return summary.verified_params if summary is not None else self.verified.get(())

    @property
    def verifier(self) -> Optional[Place]:
        return self.summary.get(NO_SUMMARY).verifier

    @property
    def constant(self) -> Any:
        return self.summary.get(NO_SUMMARY).constant

    @property
    def stores(self) -> Tuple[StoreExport, ...]:
        return self.kept.get(())

    def to_json(self) -> Dict[str, Any]:
        summary = self.summary.computed()
        verified, sinks, kept = self.verified.computed(), self.sinks.computed(), self.kept.computed()
        return {"name": self.name, "params": list(self.params), "positional": self.positional,
                "instance_of": self.instance_of,
                "summary": summary.to_json() if summary is not None else None,
                "verified_params": list(verified) if verified is not None else None,
                "param_sinks": ({param: [asdict(sink) for sink in found] for param, found in sinks.items()}
                                if sinks is not None else None),
                "stores": [store.to_json() for store in kept] if kept is not None else None,
                "needs": {part: deferred.needed for part, deferred in (
                    ("summary", self.summary), ("verified_params", self.verified), ("param_sinks", self.sinks),
                    ("stores", self.kept)) if deferred.computed() is not None and deferred.needed > 1}}


class ConstantExport:
    """A module-level name bound once: its static value (nhilint.analysis.values, as JSON), and
    the labels of what it holds. A plain class, as ElementOf."""

    __slots__ = ("value", "labels", "place", "known", "instance_of", "origin", "credential_headers", "defaults")

    def __init__(self, value: Any, labels: Tuple[LabelExport, ...] = (), place: Optional[Place] = None,
                 known: bool = True, instance_of: Optional[str] = None, origin: Optional[Origin] = None,
                 credential_headers: Tuple[Tuple[str, str, str], ...] = (),
                 defaults: Optional[Mapping[str, Any]] = None) -> None:
        self.value = value  # a JSON value, {"__dict__": {...}, "open": bool}, {"__seconds__": n}, or None for unknown
        self.labels = labels
        self.place = place
        self.known = known  # False: bound, but to nothing we can evaluate
        # `settings = Settings()`: the class it is an instance of (qualified), whose attributes
        # `settings.TTL` reads
        self.instance_of = instance_of
        self.origin = origin  # where a number or duration it holds is written
        # a headers dict (`headers = {"Authorization": f"Bearer {API_KEY}"}`): its credential
        # headers, as (header, the credential's module-qualified identity, how messages name it)
        self.credential_headers = credential_headers
        # a settings object whose attributes come from a table of defaults the user's settings may
        # override (`jwt_settings = JWTSettings(DEFAULTS, IMPORT_STRINGS)`): the defaults known
        self.defaults = defaults

    def to_json(self) -> Dict[str, Any]:
        return {"value": self.value, "labels": tuple(asdict(label) for label in self.labels),
                "place": asdict(self.place) if self.place is not None else None, "known": self.known,
                "instance_of": self.instance_of, "origin": asdict(self.origin) if self.origin is not None else None,
                "credential_headers": self.credential_headers, "defaults": self.defaults}


class ClassExport:
    """A class: its methods and class-level values (Lazy), its bases when first asked for. A
    plain class, as ElementOf."""

    __slots__ = ("name", "methods", "attributes", "qualified_bases", "field_types")

    def __init__(self, name: str, methods: Optional[Mapping[str, FunctionExport]] = None,
                 attributes: Optional[Mapping[str, ConstantExport]] = None,
                 qualified_bases: "Optional[Deferred[Tuple[str, ...]]]" = None,
                 field_types: Optional[Mapping[str, str]] = None) -> None:
        self.name = name
        self.methods: Mapping[str, FunctionExport] = {} if methods is None else methods
        # class-level values
        self.attributes: Mapping[str, ConstantExport] = {} if attributes is None else attributes
        self.qualified_bases: "Deferred[Tuple[str, ...]]" = Deferred() if qualified_bases is None else qualified_bases
        self.field_types: Mapping[str, str] = {} if field_types is None else field_types  # ClassShape.typed_fields

    @property
    def bases(self) -> Tuple[str, ...]:
        """Qualified where the module shows them."""
        return self.qualified_bases.get(())


class Summaries(Protocol):
    """Where the lazy parts of an export come from: the module's flow (nhilint.project.build),
    reached through the project index, which records what each one uses."""

    def constant(self, name: str) -> Optional[ConstantExport]: ...

    def attribute(self, cls: str, name: str) -> Optional[ConstantExport]: ...

    def function(self, name: str) -> Optional[FunctionExport]: ...

    def method(self, cls: str, name: str) -> Optional[FunctionExport]: ...

    def function_summary(self, name: str) -> Optional[SummaryExport]: ...

    def method_summary(self, cls: str, name: str) -> Optional[SummaryExport]: ...

    def function_verified(self, name: str) -> Optional[Tuple[str, ...]]: ...

    def method_verified(self, cls: str, name: str) -> Optional[Tuple[str, ...]]: ...

    def function_sinks(self, name: str) -> Optional[Mapping[str, Tuple[SinkExport, ...]]]: ...

    def method_sinks(self, cls: str, name: str) -> Optional[Mapping[str, Tuple[SinkExport, ...]]]: ...

    def function_stores(self, name: str) -> Optional[Tuple[StoreExport, ...]]: ...

    def method_stores(self, cls: str, name: str) -> Optional[Tuple[StoreExport, ...]]: ...

    def facts(self) -> Optional[ProjectFacts]: ...

    def bases(self, cls: str) -> Optional[Tuple[str, ...]]: ...


class ClassShape:
    """The names a class binds. A plain class, as ElementOf."""

    __slots__ = ("methods", "attributes", "typed_fields", "bases")

    def __init__(self, methods: Tuple[str, ...] = (), attributes: Tuple[str, ...] = (),
                 typed_fields: Tuple[Tuple[str, str], ...] = (), bases: Optional[Tuple[str, ...]] = None) -> None:
        self.methods = methods
        self.attributes = attributes  # names bound in the class body
        # fields annotated with a class, qualified (`project: ProjectSettings` in a dataclass or a
        # pydantic model): `config.project.session_timeout` reads that class's attribute
        self.typed_fields = typed_fields
        # its bases qualified as the module's imports name them, when the shape can tell (None: a
        # base read through a module-level value, an expression, a name a library call may have)
        self.bases = bases

    def to_json(self) -> Dict[str, Any]:
        return {"methods": self.methods, "attributes": self.attributes, "typed_fields": self.typed_fields,
                "bases": self.bases}


class Shape:
    """The names a module binds and imports: what its export knows before any value is computed.
    A plain class, as ElementOf."""

    __slots__ = ("module", "path", "digest", "imports", "constants", "functions", "classes", "environment")

    def __init__(self, module: str, path: str, digest: str, imports: Optional[Mapping[str, str]] = None,
                 constants: Tuple[str, ...] = (), functions: Tuple[str, ...] = (),
                 classes: Optional[Mapping[str, ClassShape]] = None, environment: Optional[str] = None) -> None:
        self.module = module  # dotted name
        self.path = path
        self.digest = digest  # of the file's content
        self.imports: Mapping[str, str] = {} if imports is None else imports  # local name -> qualified name
        self.constants = constants  # module-level names bound once
        self.functions = functions
        self.classes: Mapping[str, ClassShape] = {} if classes is None else classes
        self.environment = environment  # the environment the module configures (settings/staging.py)

    def to_json(self) -> Dict[str, Any]:
        return {"module": self.module, "path": self.path, "digest": self.digest, "imports": dict(self.imports),
                "constants": self.constants, "functions": self.functions,
                "classes": {name: cls.to_json() for name, cls in self.classes.items()},
                "environment": self.environment}


class Computed:
    """The lazy parts of an export computed so far (what the export cache keeps). A plain class: a
    dataclass costs about 4 M instructions to create at every start (benchmarks/README.md,
    speed21)."""

    __slots__ = ("constants", "functions", "methods", "attributes", "bases", "facts", "needs")

    def __init__(
        self,
        constants: Optional[Dict[str, ConstantExport]] = None,
        functions: Optional[Dict[str, FunctionExport]] = None,
        methods: Optional[Dict[str, Dict[str, FunctionExport]]] = None,  # class -> method -> export
        attributes: Optional[Dict[str, Dict[str, ConstantExport]]] = None,
        bases: Optional[Dict[str, Tuple[str, ...]]] = None,  # class -> its bases
        facts: Optional[ProjectFacts] = None,
        needs: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.constants: Dict[str, ConstantExport] = {} if constants is None else constants
        self.functions: Dict[str, FunctionExport] = {} if functions is None else functions
        self.methods: Dict[str, Dict[str, FunctionExport]] = {} if methods is None else methods
        self.attributes: Dict[str, Dict[str, ConstantExport]] = {} if attributes is None else attributes
        self.bases: Dict[str, Tuple[str, ...]] = {} if bases is None else bases
        self.facts = facts
        # how deep the values needed to look, where more than 1 (nhilint.project.lazy): "constants"
        # and "functions" by name, "methods" and "attributes" by class and name, "bases" by
        # class, "facts"
        self.needs: Dict[str, Any] = {} if needs is None else needs


class ModuleExport:
    """A module's export. Equal only to itself: comparing would compute every summary. A plain
    class, as ElementOf."""

    __slots__ = ("shape", "constants", "functions", "classes", "project_facts")

    def __init__(self, shape: Shape, constants: Optional[Mapping[str, ConstantExport]] = None,
                 functions: Optional[Mapping[str, FunctionExport]] = None,
                 classes: Optional[Mapping[str, ClassExport]] = None,
                 project_facts: Optional[Deferred[ProjectFacts]] = None) -> None:
        self.shape = shape  # its name, file, content digest, imports and the names it binds
        self.constants: Mapping[str, ConstantExport] = {} if constants is None else constants  # a Lazy
        self.functions: Mapping[str, FunctionExport] = {} if functions is None else functions  # a Lazy
        # methods, attributes: Lazy
        self.classes: Mapping[str, ClassExport] = {} if classes is None else classes
        self.project_facts: Deferred[ProjectFacts] = Deferred() if project_facts is None else project_facts

    @property
    def module(self) -> str:
        return self.shape.module

    @property
    def path(self) -> str:
        return self.shape.path

    @property
    def digest(self) -> str:
        return self.shape.digest

    @property
    def imports(self) -> Mapping[str, str]:
        return self.shape.imports

    @property
    def environment(self) -> Optional[str]:
        return self.shape.environment

    @property
    def mints(self) -> Tuple["MintExport", ...]:
        return self._project_facts().mints

    @property
    def credential_uses(self) -> Tuple["CredentialUseExport", ...]:
        return self._project_facts().credential_uses

    @property
    def environment_settings(self) -> Tuple["EnvironmentSettingExport", ...]:
        return self._project_facts().environment_settings

    def _project_facts(self) -> "ProjectFacts":
        from nhilint.project.facts import NO_FACTS

        return self.project_facts.get(NO_FACTS)

    def computed(self) -> Computed:
        return Computed(
            constants=_computed(self.constants),
            functions=_computed(self.functions),
            methods={name: _computed(cls.methods) for name, cls in self.classes.items()},
            attributes={name: _computed(cls.attributes) for name, cls in self.classes.items()},
            bases={name: cls.qualified_bases.get(()) for name, cls in self.classes.items()
                   if cls.qualified_bases.computed() is not None},
            facts=self.project_facts.computed(),
            needs=_needs({
                "constants": _needs_of(self.constants), "functions": _needs_of(self.functions),
                "methods": _needs({name: _needs_of(cls.methods) for name, cls in self.classes.items()}),
                "attributes": _needs({name: _needs_of(cls.attributes) for name, cls in self.classes.items()}),
                "bases": {name: cls.qualified_bases.needed for name, cls in self.classes.items()
                          if cls.qualified_bases.computed() is not None and cls.qualified_bases.needed > 1},
                "facts": self.project_facts.needed if self.project_facts.computed() is not None else 1,
            }),
        )

    def to_json(self) -> Dict[str, Any]:
        """The export as far as it was computed: its shape, and the values built so far."""
        computed = self.computed()
        return {
            "shape": self.shape.to_json(),
            "computed": {
                "constants": {name: c.to_json() for name, c in computed.constants.items()},
                "functions": {name: f.to_json() for name, f in computed.functions.items()},
                "methods": {cls: {name: f.to_json() for name, f in methods.items()}
                            for cls, methods in computed.methods.items()},
                "attributes": {cls: {name: c.to_json() for name, c in attributes.items()}
                               for cls, attributes in computed.attributes.items()},
                "bases": {cls: list(bases) for cls, bases in computed.bases.items()},
                "facts": asdict(computed.facts) if computed.facts is not None else None,
                "needs": computed.needs,
            },
        }


def _computed(values: Mapping[str, V]) -> Dict[str, V]:
    return values.computed() if isinstance(values, Lazy) else dict(values)


def _needs_of(values: Mapping[str, V]) -> Dict[str, int]:
    return values.needs() if isinstance(values, Lazy) else {}


def _needs(needs: Dict[str, Any]) -> Dict[str, Any]:
    """Without the entries that say nothing (empty, or 1: what a value needs at least)."""
    return {key: value for key, value in needs.items() if value and value != 1}


def assemble(shape: Shape, summaries: Optional[Summaries], known: Optional[Computed] = None) -> ModuleExport:
    """An export whose values are computed by `summaries` when first asked for (those already
    `known` are kept)."""
    known = known or Computed()
    needs = known.needs

    def of_class(compute: Optional[Callable[[str, str], Optional[V]]], cls: str) -> Optional[Callable[[str], Optional[V]]]:
        return (lambda name: compute(cls, name)) if compute is not None else None

    return ModuleExport(
        shape=shape,
        constants=Lazy(shape.constants, summaries.constant if summaries else None, known.constants,
                       needs.get("constants")),
        functions=Lazy(shape.functions, summaries.function if summaries else None, known.functions,
                       needs.get("functions")),
        classes={
            name: ClassExport(
                name=name,
                qualified_bases=Deferred(_later(summaries.bases if summaries else None, name),
                                         known.bases.get(name, cls.bases), needs.get("bases", {}).get(name, 1)),
                methods=Lazy(cls.methods, of_class(summaries.method if summaries else None, name),
                             known.methods.get(name), needs.get("methods", {}).get(name)),
                attributes=Lazy(cls.attributes, of_class(summaries.attribute if summaries else None, name),
                                known.attributes.get(name), needs.get("attributes", {}).get(name)),
                field_types=dict(cls.typed_fields),
            )
            for name, cls in shape.classes.items()
        },
        project_facts=Deferred(summaries.facts if summaries else None, known.facts, needs.get("facts", 1)),
    )


def _place(data: Any) -> Optional[Place]:
    return Place(**data) if data else None


def _label(data: Mapping[str, Any]) -> LabelExport:
    return LabelExport(
        kind=data["kind"], detail=data["detail"], derived=data["derived"],
        param_inputs=tuple(data["param_inputs"]), param_selectors=tuple(data["param_selectors"]),
        place=_place(data["place"]),
    )


def _sink(data: Mapping[str, Any]) -> SinkExport:
    return SinkExport(
        kind=data["kind"], place=Place(**data["place"]), function=data["function"], host=data["host"],
        token_there=data["token_there"], to_identity_provider=data["to_identity_provider"],
        only_if=tuple(data["only_if"]), stdout=data["stdout"],
    )


def _store(data: Mapping[str, Any]) -> StoreExport:
    return StoreExport(
        identity=data["identity"], shown=data["shown"], sharing=data["sharing"], ttl=data["ttl"],
        ttl_known=data["ttl_known"], default_ttl=data["default_ttl"], value_params=tuple(data["value_params"]),
        keyed=data["keyed"], key_params=tuple(data["key_params"]), place=Place(**data["place"]),
        ttl_param=data["ttl_param"], ttl_unit=data["ttl_unit"],
        element=_element(data["element"]) if data.get("element") is not None else None,
    )


def _element(data: Mapping[str, Any]) -> ElementOf:
    return ElementOf(param=data["param"], value=data["value"], key=data["key"], items=data["items"],
                     fields=tuple(data["fields"]))


def _function(data: Mapping[str, Any], compute: Optional[Callable[[], Optional[SummaryExport]]],
              compute_verified: Optional[Callable[[], Optional[Tuple[str, ...]]]],
              compute_sinks: Optional[Callable[[], Optional[Mapping[str, Tuple[SinkExport, ...]]]]],
              compute_kept: Optional[Callable[[], Optional[Tuple[StoreExport, ...]]]]) -> FunctionExport:
    summary, verified, sinks, kept = data["summary"], data["verified_params"], data["param_sinks"], data["stores"]
    needs = {str(part): int(needed) for part, needed in data["needs"].items()}
    return FunctionExport(
        name=data["name"], params=tuple(data["params"]), positional=data["positional"],
        instance_of=str(data.get("instance_of") or ""),
        verified=Deferred(compute_verified, None if verified is None else tuple(str(name) for name in verified),
                          needs.get("verified_params", 1)),
        sinks=Deferred(compute_sinks, None if sinks is None else {
            str(param): tuple(_sink(sink) for sink in found) for param, found in sinks.items()},
            needs.get("param_sinks", 1)),
        kept=Deferred(compute_kept, None if kept is None else tuple(_store(store) for store in kept),
                      needs.get("stores", 1)),
        summary=Deferred(compute, None if summary is None else SummaryExport(
            returns=tuple(_label(x) for x in summary["returns"]),
            param_sinks={k: tuple(_sink(s) for s in v) for k, v in summary["param_sinks"].items()},
            verified_params=tuple(summary["verified_params"]), verifier=_place(summary["verifier"]),
            constant=summary["constant"],
            returns_by_arm=tuple((tuple(condition), tuple(_label(x) for x in labels))
                                 for condition, labels in summary.get("returns_by_arm", ())),
            returned_entries=None if summary.get("returned_entries") is None else {
                key: tuple(_label(x) for x in labels) for key, labels in summary["returned_entries"].items()},
        ), needs.get("summary", 1)),
    )


def _origin(data: Any) -> Optional[Origin]:
    return Origin(Place(**data["place"]), str(data["name"])) if data else None


def _constant(data: Mapping[str, Any]) -> ConstantExport:
    return ConstantExport(value=data["value"], labels=tuple(_label(x) for x in data["labels"]),
                          place=_place(data["place"]), known=data["known"], instance_of=data["instance_of"],
                          origin=_origin(data["origin"]),
                          credential_headers=tuple((str(h), str(k), str(s)) for h, k, s in data["credential_headers"]),
                          defaults=data.get("defaults"))


def _facts(data: Any) -> Optional["ProjectFacts"]:
    if data is None:
        return None
    from nhilint.project.facts import facts_from_json

    return facts_from_json(data)


def from_json(data: Mapping[str, Any], summaries: Optional[Summaries] = None) -> ModuleExport:
    """The inverse of `ModuleExport.to_json`, computing what was not computed then through
    `summaries`; raises KeyError / TypeError / ValueError / AttributeError on a malformed input."""
    shape, computed = data["shape"], data["computed"]
    return assemble(
        Shape(
            module=str(shape["module"]), path=str(shape["path"]), digest=str(shape["digest"]),
            imports={str(k): str(v) for k, v in shape["imports"].items()},
            constants=tuple(shape["constants"]), functions=tuple(shape["functions"]),
            classes={
                str(name): ClassShape(tuple(cls["methods"]), tuple(cls["attributes"]),
                                      tuple((str(f), str(t)) for f, t in cls.get("typed_fields", ())),
                                      tuple(str(b) for b in cls["bases"]) if cls.get("bases") is not None else None)
                for name, cls in shape["classes"].items()
            },
            environment=shape["environment"],
        ),
        summaries,
        Computed(
            constants={k: _constant(v) for k, v in computed["constants"].items()},
            functions={k: _function(v, _later(summaries and summaries.function_summary, k),
                                    _later(summaries and summaries.function_verified, k),
                                    _later(summaries and summaries.function_sinks, k),
                                    _later(summaries and summaries.function_stores, k))
                       for k, v in computed["functions"].items()},
            methods={c: {k: _function(v, _later(summaries and summaries.method_summary, c, k),
                                      _later(summaries and summaries.method_verified, c, k),
                                      _later(summaries and summaries.method_sinks, c, k),
                                      _later(summaries and summaries.method_stores, c, k)) for k, v in m.items()}
                     for c, m in computed["methods"].items()},
            attributes={c: {k: _constant(v) for k, v in a.items()} for c, a in computed["attributes"].items()},
            bases={c: tuple(str(base) for base in b) for c, b in computed["bases"].items()},
            facts=_facts(computed["facts"]),
            needs=_json_needs(computed["needs"]),
        ),
    )


def _json_needs(data: Mapping[str, Any]) -> Dict[str, Any]:
    """Computed.needs from JSON: names (or class -> names) to depths, and the facts' depth."""
    def depths(values: Mapping[str, Any]) -> Dict[str, int]:
        return {str(name): int(needed) for name, needed in values.items()}

    return {
        "constants": depths(data.get("constants", {})), "functions": depths(data.get("functions", {})),
        "methods": {str(c): depths(m) for c, m in data.get("methods", {}).items()},
        "attributes": {str(c): depths(a) for c, a in data.get("attributes", {}).items()},
        "bases": depths(data.get("bases", {})), "facts": int(data.get("facts", 1)),
    }


def _later(compute: Optional[Callable[..., Optional[V]]], *args: str) -> Optional[Callable[[], Optional[V]]]:
    return (lambda: compute(*args)) if compute else None


def empty(module: str, path: str, digest: str) -> ModuleExport:
    """The export of a module that could not be read or parsed: nothing to offer."""
    return ModuleExport(Shape(module=module, path=path, digest=digest))

