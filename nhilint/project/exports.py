"""What one module offers the others: plain data, built from its one parse, cached by content.

A module's export holds its constants (their static values and where they come from), its
functions' and methods' summaries (what they return, where their parameters go, whether they
verify a token), its classes, the tokens it mints by key, the credentials it gives to clients,
the credential settings of environments, and its imports (so re-exports can be followed).

No libcst node survives in here: places are (path, line), values are JSON values. `to_json` /
`from_json` are the cache's representation.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple


@dataclass(frozen=True)
class Place:
    path: str
    line: int


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


@dataclass(frozen=True)
class FunctionExport:
    name: str
    params: Tuple[str, ...]  # positional and keyword parameters, in order (no self)
    positional: int = 0  # how many of them a positional argument can bind
    returns: Tuple[LabelExport, ...] = ()
    param_sinks: Mapping[str, Tuple[SinkExport, ...]] = field(default_factory=dict)
    verified_params: Tuple[str, ...] = ()
    verifier: Optional[Place] = None  # where it verifies a token (itself or through a helper)
    # the constant value it returns, when it returns one (`def get_ttl(): return 300`)
    constant: Any = None


@dataclass(frozen=True)
class ConstantExport:
    """A module-level name bound once: its static value (nhilint.analysis.values, as JSON), and
    the labels of what it holds."""

    value: Any  # a JSON value, {"__dict__": {...}, "open": bool}, {"__seconds__": n}, or None for unknown
    labels: Tuple[LabelExport, ...] = ()
    place: Optional[Place] = None
    known: bool = True  # False: bound, but to nothing we can evaluate
    # `settings = Settings()`: the class it is an instance of (qualified), whose attributes
    # `settings.TTL` reads
    instance_of: Optional[str] = None


@dataclass(frozen=True)
class ClassExport:
    name: str
    bases: Tuple[str, ...]  # qualified where the module shows them
    methods: Mapping[str, FunctionExport] = field(default_factory=dict)
    attributes: Mapping[str, ConstantExport] = field(default_factory=dict)  # class-level values


@dataclass(frozen=True)
class MintExport:
    key: str  # the signing key's identity, module-qualified (nhilint.flow.mints)
    kind: str
    place: Place


@dataclass(frozen=True)
class CredentialUseExport:
    """A credential given to a client or sent to a host (NHL302)."""

    key: str  # the credential's identity, module-qualified
    shown: str
    service: Tuple[str, str]  # ("class", qualname) or ("host", domain)
    service_shown: str
    place: Place


@dataclass(frozen=True)
class EnvironmentSettingExport:
    """A credential setting of one environment (NHL303): `STRIPE_KEY` in settings/staging.py."""

    environment: str
    setting: str
    key: str  # the credential's identity
    shown: str
    place: Place


@dataclass(frozen=True)
class ModuleExport:
    module: str  # dotted name
    path: str
    digest: str  # of the file's content
    imports: Mapping[str, str] = field(default_factory=dict)  # local name -> qualified name
    constants: Mapping[str, ConstantExport] = field(default_factory=dict)
    functions: Mapping[str, FunctionExport] = field(default_factory=dict)
    classes: Mapping[str, ClassExport] = field(default_factory=dict)
    mints: Tuple[MintExport, ...] = ()
    credential_uses: Tuple[CredentialUseExport, ...] = ()
    environment_settings: Tuple[EnvironmentSettingExport, ...] = ()
    environment: Optional[str] = None  # the environment the module configures (settings/staging.py)

    def to_json(self) -> Dict[str, Any]:
        return asdict(self)


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
    )


def _function(data: Mapping[str, Any]) -> FunctionExport:
    return FunctionExport(
        name=data["name"], params=tuple(data["params"]), positional=data["positional"], returns=tuple(_label(x) for x in data["returns"]),
        param_sinks={k: tuple(_sink(s) for s in v) for k, v in data["param_sinks"].items()},
        verified_params=tuple(data["verified_params"]), verifier=_place(data["verifier"]), constant=data["constant"],
    )


def _constant(data: Mapping[str, Any]) -> ConstantExport:
    return ConstantExport(value=data["value"], labels=tuple(_label(x) for x in data["labels"]),
                          place=_place(data["place"]), known=data["known"], instance_of=data["instance_of"])


def from_json(data: Mapping[str, Any]) -> ModuleExport:
    """The inverse of `ModuleExport.to_json`; raises KeyError / TypeError on a malformed input."""
    return ModuleExport(
        module=data["module"], path=data["path"], digest=data["digest"], imports=dict(data["imports"]),
        constants={k: _constant(v) for k, v in data["constants"].items()},
        functions={k: _function(v) for k, v in data["functions"].items()},
        classes={
            k: ClassExport(
                name=v["name"], bases=tuple(v["bases"]),
                methods={m: _function(f) for m, f in v["methods"].items()},
                attributes={a: _constant(c) for a, c in v["attributes"].items()},
            )
            for k, v in data["classes"].items()
        },
        mints=tuple(MintExport(key=m["key"], kind=m["kind"], place=Place(**m["place"])) for m in data["mints"]),
        credential_uses=tuple(
            CredentialUseExport(key=u["key"], shown=u["shown"], service=tuple(u["service"]),  # type: ignore[arg-type]
                                service_shown=u["service_shown"], place=Place(**u["place"]))
            for u in data["credential_uses"]
        ),
        environment_settings=tuple(
            EnvironmentSettingExport(environment=e["environment"], setting=e["setting"], key=e["key"],
                                     shown=e["shown"], place=Place(**e["place"]))
            for e in data["environment_settings"]
        ),
        environment=data["environment"],
    )


def empty(module: str, path: str, digest: str) -> ModuleExport:
    """The export of a module that could not be read or parsed: nothing to offer."""
    return ModuleExport(module=module, path=path, digest=digest)


ExportList = List[ModuleExport]
