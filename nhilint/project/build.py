"""A module's export, from its one parse: nhilint.flow's summaries turned into plain data.

The export's shape (names, imports, classes) is read without libcst (nhilint.project.shape); a
constant's value, a function's summary, a class's bases and the project facts only when first
asked for (nhilint.project.exports.Lazy), from the LiveModule the project index keeps or parses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Tuple

import libcst as cst

from nhilint.analysis.credentials import credential_of, string_literal
from nhilint.analysis.names import is_credential_header
from nhilint.analysis.values import UNKNOWN, DictValue, as_seconds
from nhilint.redact import secret_value
from nhilint.project.static_values import to_json
from nhilint.flow import module_flow
from nhilint.flow.function import is_static
from nhilint.flow.labels import PARAM, Labels, param_names
from nhilint.flow.lifetimes import single_origin
from nhilint.flow.log_filters import marked
from nhilint.flow.mints import mint_sites
from nhilint.flow.returned_parts import returned_entries
from nhilint.flow.stores import kept_arguments, ttl_parameter
from nhilint.flow.summary import FunctionSummary, Sink
from nhilint.project.places import Places
from nhilint.project.exports import (
    ConstantExport,
    Deferred,
    FunctionExport,
    LabelExport,
    Origin,
    SinkExport,
    StoreExport,
    SummaryExport,
)

if TYPE_CHECKING:
    import ast

    from nhilint.context import FileContext
    from nhilint.flow.mints import MintSite
    from nhilint.flow.module import ModuleFlow
    from nhilint.project.facts import ProjectFacts


# nhilint.project.key_imports tells from a module's shape whether this can give a key: change both
# together
def qualify_key(context: "FileContext", key: str) -> str:
    """A credential or key identity (nhilint.analysis.credentials) that other modules can match:
    a module-level name becomes `module:<its defining module>.NAME`, an attribute of an imported
    module `module:<module>.NAME`, Django's settings `setting:NAME`."""
    kind, _, rest = key.partition(":")
    if kind == "name":
        qualified = context.imports.get(rest)
        return f"module:{qualified}" if qualified else f"module:{context.module_name}.{rest}"
    if kind == "attr":
        head, _, attribute = rest.partition(".")
        qualified = context.imports.get(head)
        if qualified == "django.conf.settings":
            return f"setting:{attribute}"
        if qualified and attribute and "." not in attribute:
            return f"module:{qualified}.{attribute}"
    return key


class LiveModule:
    """A module of the project as parsed for its export: the lazy parts of the export (a function's
    summary, the project facts) are computed from it when first asked for. A plain class: a
    dataclass costs about 4 M instructions to create at every start (benchmarks/README.md,
    speed21)."""

    __slots__ = ("context", "flow", "places", "open", "needed", "cut")

    def __init__(self, context: "FileContext", flow: "ModuleFlow", places: Places) -> None:
        self.context = context
        self.flow = flow
        self.places = places
        # what its flow remembers (nhilint.project.parses.Lives): how many parts are being
        # computed on it now, how deep the parts computed on it needed to look, and whether one
        # of them was cut by the index's depth bound (nhilint.project.lazy)
        self.open = 0
        self.needed = 1
        self.cut = False

    def release(self) -> None:
        """Lets go of the module's tree and flow, once the index no longer keeps this module
        (nhilint.project.parses) and no part is being computed on it. Its context and flow hold
        each other (the context's evaluator and memos point back at it, the flow's function
        flows at the flow), so without this only a full run of the cyclic garbage collector
        frees them, and with a heap of many kept trees that runs seldom: in a two-worker run of
        the benchmark corpus the trees of dropped modules waiting for it were about a third of
        a worker's peak memory (332 MB against 228 MB without them). Emptying both objects
        breaks every cycle through them; what is left of the tree is then freed by reference
        counting. Nothing reads them again: the index hands out the tree and its scope facts
        (parses.Parses.tree), which stay whole, and exports hold plain data."""
        vars(self.flow).clear()
        vars(self.context).clear()


def live_module(context: "FileContext", path: str, source: str,
                kept_syntax: Optional[Callable[[], Optional["ast.Module"]]] = None) -> LiveModule:
    """`kept_syntax`: Python's tree of `source`, if the index still keeps it."""
    flow = module_flow(context)
    return LiveModule(context, flow, Places(context.module, source, path, flow.every_function(), kept_syntax))


def class_bases(live: LiveModule, cls_name: str) -> Optional[Tuple[str, ...]]:
    """A class's bases, qualified where the module shows them."""
    cls = live.context.module_classes.get(cls_name)
    return _bases(live.context, cls) if cls is not None else None


def constant_export(live: LiveModule, name: str) -> Optional[ConstantExport]:
    """A module-level name bound once: its static value, its labels, where it is bound, and the
    class it is an instance of (`settings = Settings()`)."""
    context = live.context
    value = context.module_constants.get(name)
    if value is None:
        return None
    evaluated, reads = context.evaluator.reading_remote(lambda: context.evaluator.value(value, None))
    instance_of = None
    if isinstance(value, cst.Call) and isinstance(value.func, (cst.Name, cst.Attribute)):
        if isinstance(value.func, cst.Name) and (value.func.value in context.module_classes
                                                 or value.func.value in context.module_functions):
            # `settings = Settings()`, or `config = load_config()` (the class its annotation names)
            instance_of = f"{context.module_name}.{value.func.value}"
        else:
            qualified = context.qualified_name(value.func)
            instance_of = qualified if qualified and not qualified.startswith("builtins.") else None
    evaluated = without_secrets(name, evaluated)
    place = live.places.of_constant(name)
    return ConstantExport(
        value=to_json(evaluated),
        labels=_labels(marked(live.flow, name, live.flow.module_flow().labels(value)), ()),
        place=place,
        known=evaluated is not UNKNOWN,
        instance_of=instance_of,
        origin=_origin(evaluated, reads, Origin(place, name)),
        credential_headers=_credential_headers(context, value),
        defaults=_settings_defaults(context, value),
    )


# Settings classes of libraries whose attributes read a table of defaults (`api_settings =
# APISettings(USER_SETTINGS, DEFAULTS, IMPORT_STRINGS)`).
_DEFAULTS_SETTINGS = frozenset({"rest_framework.settings.APISettings"})


def _settings_defaults(context: "FileContext", value: cst.BaseExpression) -> Optional[Mapping[str, Any]]:
    """`jwt_settings = JWTSettings(DEFAULTS, IMPORT_STRINGS)`, Django REST framework's
    `APISettings(None, DEFAULTS)`: a settings object whose attribute is the user's setting when
    the project sets it, the default otherwise. A library's own checks see the default, as for a
    setting read with a default (`settings.SIMPLE_JWT.get("X", 300)`). The table: an argument
    that is a closed dict of UPPER_CASE keys; the defaults we cannot evaluate, or that are None
    (not configured), are left out (unknown)."""
    if not isinstance(value, cst.Call) or not _reads_defaults(context, value.func):
        return None
    for arg in value.args:
        table = context.evaluator.value(arg.value, None)
        if isinstance(table, DictValue) and not table.open and table.items and all(
            isinstance(key, str) and key.isupper() for key in table.items
        ):
            return {
                key: to_json(without_secrets(key, item)) for key, item in table.items.items()
                if item is not UNKNOWN and item is not None
            }
    return None


def _reads_defaults(context: "FileContext", func: cst.BaseExpression) -> bool:
    """A settings class of a library, one of the module deriving from it, or one of the module
    answering attribute reads itself (`def __getattr__(self, attr): ... self.defaults[attr]`)."""
    if isinstance(func, cst.Name) and func.value in context.module_classes:
        cls = context.module_classes[func.value]
        statements = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else ()
        if any(isinstance(s, cst.FunctionDef) and s.name.value == "__getattr__" for s in statements):
            return True
        return any(base in _DEFAULTS_SETTINGS for base in _bases(context, cls))
    return context.qualified_name(func) in _DEFAULTS_SETTINGS


def _credential_headers(context: "FileContext", value: cst.BaseExpression) -> Tuple[Tuple[str, str, str], ...]:
    """The credential headers of a module-level headers dict, by the credential's identity
    (never its value): NHL302 matches a dict one module builds and others send."""
    if not isinstance(value, cst.Dict):
        return ()
    found = []
    facts = context.facts(context.module)
    for element in value.elements:
        if not isinstance(element, cst.DictElement):
            continue
        header = string_literal(element.key)
        credential = credential_of(context, element.value, facts) if header and is_credential_header(header) else None
        if header and credential is not None and not credential.key.startswith("literal:"):
            found.append((header, qualify_key(context, credential.key), credential.shown))
    return tuple(found)


def attribute_export(live: LiveModule, cls_name: str, name: str) -> Optional[ConstantExport]:
    """A class-level value (`TTL = 300` in the class body); its last binding there."""
    cls = live.context.module_classes.get(cls_name)
    values = [value for target, value in _class_assignments(cls) if target == name] if cls is not None else []
    if not values:
        return None
    evaluator = live.context.evaluator
    evaluated, reads = evaluator.reading_remote(lambda: evaluator.value(values[-1], None))
    evaluated = without_secrets(name, evaluated)
    return ConstantExport(
        value=to_json(evaluated), labels=_labels(live.flow.module_flow().labels(values[-1]), ()),
        known=evaluated is not UNKNOWN,
        origin=_origin(evaluated, reads, Origin(live.places.of_attribute(cls_name, name), f"{cls_name}.{name}")),
    )


def _origin(value: Any, reads: List[ConstantExport], own: Origin) -> Optional[Origin]:
    """Where a number or duration a name holds is written: the one constant of another module
    it reads (an alias keeps the origin of what it aliases), else its own binding."""
    if as_seconds(value) is None:
        return None
    return single_origin(reads) or own


SinkExports = Mapping[str, Tuple[SinkExport, ...]]


def function_shell(live: LiveModule, name: str, summary: Deferred[SummaryExport], verified: Deferred[Tuple[str, ...]],
                   sinks: Deferred[SinkExports], kept: Deferred[Tuple[StoreExport, ...]]) -> Optional[FunctionExport]:
    function = live.context.module_functions.get(name)
    if function is None:
        return None
    return _shell(function, summary, verified, sinks, kept, skip_self=False,
                  instance_of=_returned_class(live.context, function))


def method_shell(live: LiveModule, cls_name: str, name: str, summary: Deferred[SummaryExport],
                 verified: Deferred[Tuple[str, ...]], sinks: Deferred[SinkExports],
                 kept: Deferred[Tuple[StoreExport, ...]]) -> Optional[FunctionExport]:
    method = _method(live, cls_name, name)
    return _shell(method, summary, verified, sinks, kept, skip_self=not is_static(method)) if method is not None else None


def function_stores(live: LiveModule, name: str) -> Optional[Tuple[StoreExport, ...]]:
    function = live.context.module_functions.get(name)
    return _stores(live, function) if function is not None else None


def method_stores(live: LiveModule, cls_name: str, name: str) -> Optional[Tuple[StoreExport, ...]]:
    method = _method(live, cls_name, name)
    return _stores(live, method) if method is not None else None


def function_summary(live: LiveModule, name: str) -> Optional[SummaryExport]:
    function = live.context.module_functions.get(name)
    return _summary(live, function, skip_self=False) if function is not None else None


def method_summary(live: LiveModule, cls_name: str, name: str) -> Optional[SummaryExport]:
    method = _method(live, cls_name, name)
    return _summary(live, method, skip_self=not is_static(method)) if method is not None else None


def function_verified_params(live: LiveModule, name: str) -> Optional[Tuple[str, ...]]:
    """The summary's verified_params alone (nhilint.flow.module.ModuleFlow.verified_params)."""
    function = live.context.module_functions.get(name)
    return _verified_params(live, function) if function is not None else None


def method_verified_params(live: LiveModule, cls_name: str, name: str) -> Optional[Tuple[str, ...]]:
    method = _method(live, cls_name, name)
    return _verified_params(live, method) if method is not None else None


def _verified_params(live: LiveModule, function: cst.FunctionDef) -> Optional[Tuple[str, ...]]:
    """None while it cannot be computed (as `_summary`): asked again later."""
    verified = live.flow.verified_params(function)
    return tuple(sorted(verified)) if verified is not None else None


def function_param_sinks(live: LiveModule, name: str) -> Optional[SinkExports]:
    """The summary's param_sinks alone (nhilint.flow.module.ModuleFlow.param_sinks)."""
    function = live.context.module_functions.get(name)
    return _param_sinks(live, function) if function is not None else None


def method_param_sinks(live: LiveModule, cls_name: str, name: str) -> Optional[SinkExports]:
    method = _method(live, cls_name, name)
    return _param_sinks(live, method) if method is not None else None


def _param_sinks(live: LiveModule, function: cst.FunctionDef) -> Optional[SinkExports]:
    """None while it cannot be computed (as `_summary`): asked again later."""
    found = live.flow.param_sinks(function)
    return _sink_exports(live, found) if found is not None else None


def _sink_exports(live: LiveModule, param_sinks: Mapping[str, Tuple[Sink, ...]]) -> SinkExports:
    return {
        param: tuple(
            SinkExport(kind=sink.kind, place=sink.elsewhere or live.places.of(sink.node, sink.function),
                       function=sink.holder, host=sink.host, token_there=sink.token_there,
                       to_identity_provider=sink.to_identity_provider, only_if=sink.only_if,
                       stdout=sink.stdout)
            for sink in sinks
        )
        for param, sinks in param_sinks.items()
    }


def _method(live: LiveModule, cls_name: str, name: str) -> Optional[cst.FunctionDef]:
    cls = live.context.module_classes.get(cls_name)
    methods = [method for method in live.flow.methods(cls) if method.name.value == name] if cls is not None else []
    return methods[-1] if methods else None  # a later definition (a property's setter aside) wins, as at run time


def project_facts(live: LiveModule) -> ProjectFacts:
    """The tokens the module mints, the credentials it gives to clients and the credential
    settings it holds for an environment."""
    from nhilint.project.facts import CredentialUseExport, EnvironmentSettingExport, MintExport, ProjectFacts

    context, places = live.context, live.places
    uses, settings = _sharing(context)
    return ProjectFacts(
        # a test's tokens are minted for its fakes: no kind of token the project issues
        mints=() if context.is_test_code() else tuple(
            MintExport(key=key, kind=site.kind, place=places.of(site.call, site.function))
            for site in mint_sites(live.flow)
            for key in _mint_keys(context, site)
        ),
        credential_uses=tuple(
            CredentialUseExport(key=use.key, shown=use.shown, service=use.service, service_shown=use.service_shown,
                                place=places.of(use.node, use.function))
            for use in uses
        ),
        environment_settings=tuple(
            EnvironmentSettingExport(environment=setting.environment, setting=setting.setting, key=setting.key,
                                     shown=setting.shown, place=places.of(setting.node))
            for setting in settings
        ),
    )


def _mint_keys(context: "FileContext", site: "MintSite") -> Tuple[str, ...]:
    """The identities another module may know a mint's key by: its own (`env:JWT_SECRET` of
    `JWT_KEY = os.environ["JWT_SECRET"]`), and the module-level name it is signed with, as a
    module importing that name qualifies it (`module:app.tokens.JWT_KEY`: the importer cannot
    see the name's value)."""
    own = qualify_key(context, site.key)
    alias = qualify_key(context, f"name:{site.key_name}") if site.key_name else own
    return (own,) if alias == own else (own, alias)


def _sharing(context: "FileContext") -> Tuple[list, list]:
    """What the sharing rules compare across modules: the credentials the module gives to
    clients or sends to hosts (NHL302), and the credential settings of a per-environment
    settings module (NHL303). The two rules walk the module once, in collect mode."""
    from nhilint.engine import EnterTracker, LeaveTracker
    from nhilint.rules.sharing.token_shared_across_clients import TokenSharedAcrossClients
    from nhilint.analysis.environments import module_environment
    from nhilint.rules.sharing.token_shared_across_environments import TokenSharedAcrossEnvironments
    from nhilint.testfiles import is_test_environment_settings
    from nhilint.walk import walk_batched

    environment = module_environment(context)
    test_code = context.is_test_code()
    if test_code and not is_test_environment_settings(context.path):
        return [], []  # a test's fake credentials say nothing of the services
    # the test environment's settings module (`config/test.py`) counts for NHL303 only
    clients = (TokenSharedAcrossClients(context, {})
               if not test_code and context.mentions(*TokenSharedAcrossClients.words) else None)
    environments = (
        TokenSharedAcrossEnvironments(context, {})
        if environment is not None and context.mentions(*TokenSharedAcrossEnvironments.words) else None
    )
    rules = [rule for rule in (clients, environments) if rule is not None]
    if not rules:
        return [], []
    for rule in rules:
        rule.collect_only = True
    walk_batched(context.module, [EnterTracker(context), *rules, LeaveTracker(context)])
    return clients.uses if clients else [], environments.module_settings if environments else []


def _param_names(function: cst.FunctionDef, skip_self: bool) -> Tuple[List[str], int]:
    """The parameters a call binds, in order, and how many a positional argument can bind."""
    params = function.params
    names = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
    positional = len(params.posonly_params) + len(params.params)
    if skip_self and names:
        return names[1:], max(0, positional - 1)
    return names, positional


def _shell(function: cst.FunctionDef, summary: Deferred[SummaryExport], verified: Deferred[Tuple[str, ...]],
           sinks: Deferred[SinkExports], kept: Deferred[Tuple[StoreExport, ...]], skip_self: bool,
           instance_of: str = "") -> FunctionExport:
    names, positional = _param_names(function, skip_self)
    return FunctionExport(name=function.name.value, params=tuple(names), positional=positional, summary=summary,
                          verified=verified, sinks=sinks, kept=kept, instance_of=instance_of)


def _returned_class(context: Any, function: cst.FunctionDef) -> str:
    """The class a function's return annotation names, qualified (`-> Settings`), or ""."""
    annotation = function.returns.annotation if function.returns is not None else None
    if isinstance(annotation, cst.Name) and annotation.value in context.module_classes:
        return f"{context.module_name}.{annotation.value}"
    if isinstance(annotation, (cst.Name, cst.Attribute)):
        qualified = context.qualified_name(annotation)
        if qualified and not qualified.startswith("builtins.") and "." in qualified:
            return qualified
    return ""


def _summary(live: LiveModule, function: cst.FunctionDef, skip_self: bool) -> Optional[SummaryExport]:
    """The function's summary as data; None while it cannot be computed (a recursive call, too
    deep a chain): asked again later."""
    flow, places = live.flow, live.places
    summary: Optional[FunctionSummary] = flow.summary(function)
    if summary is None:
        return None
    names, _ = _param_names(function, skip_self)
    # what it returns whatever it is given: `def token_ttl(): return 3600`, a claims dict
    value = without_secrets(function.name.value, flow.context.evaluator.returned_value(function))
    constant = to_json(value) if value is not UNKNOWN else None
    return SummaryExport(
        returns=_labels(summary.returns, tuple(names)),
        param_sinks=_sink_exports(live, summary.param_sinks),
        verified_params=tuple(sorted(summary.verified_params)),
        verifier=places.of(summary.verifier, function) if summary.verifier is not None else None,
        constant=constant,
        returns_by_arm=tuple((condition, _labels(labels, tuple(names))) for condition, labels in summary.returns_by_arm),
        returned_entries=_entries(flow.flow(function), tuple(names)),
    )


def _entries(callee: Any, names: Tuple[str, ...]) -> Optional[Dict[str, Tuple[LabelExport, ...]]]:
    """What a function returning dicts written out returns under each key, as data."""
    entries = returned_entries(callee)
    if entries is None:
        return None
    return {key: _labels(frozenset().union(*(callee.labels(value) for value in values)), names)
            for key, values in entries.items()}


def _stores(live: LiveModule, function: cst.FunctionDef) -> Tuple[StoreExport, ...]:
    """The shared stores the function keeps its parameters in, as data."""
    found = []
    for write in kept_arguments(live.flow, function):
        ttl = write.store.ttl
        seconds = as_seconds(ttl) if ttl is not None else None
        known = ttl is None or seconds is not None
        found.append(StoreExport(
            identity=write.store.identity, shown=write.store.shown, sharing=write.store.sharing,
            ttl=seconds, ttl_known=known, default_ttl=write.store.default_ttl,
            value_params=(write.element.param,) if write.element is not None else
            tuple(sorted({l.detail for l in write.labels if l.kind == PARAM and not l.derived})),
            keyed=write.key is not None, key_params=param_names(write.key_inputs),
            place=live.places.of(write.node, function), ttl_param=ttl_parameter(live.flow, write),
            ttl_unit=write.ttl_unit, element=write.element,
        ))
    return tuple(found)


def without_secrets(name: str, value: Any) -> Any:
    """A static value as other modules (and the export cache, on disk) may see it: a string that
    may be a secret is unknown there (`SECRET_KEY = "django-insecure-…"`, `{"client_secret":
    "…"}`). Other modules need algorithms, audiences, lifetimes, hosts and options, never a
    secret's value (a shared credential is matched by its identity, nhilint.analysis.credentials)."""
    if isinstance(value, str):
        return UNKNOWN if secret_value(name, value) else value
    if isinstance(value, DictValue):
        items = {key: without_secrets(key if isinstance(key, str) else name, item) for key, item in value.items.items()}
        return DictValue(items, value.open, value.deleted)
    if isinstance(value, tuple):
        return tuple(without_secrets(name, item) for item in value)
    return value


def _bases(context: "FileContext", cls: cst.ClassDef) -> Tuple[str, ...]:
    return tuple(context.qualified_name(base.value) or context.module.code_for_node(base.value) for base in cls.bases)


def _class_assignments(cls: cst.ClassDef) -> List[Tuple[str, cst.BaseExpression]]:
    """The names bound in a class body by plain assignments, with their values, in order."""
    found = []
    # `class Config: TTL = 300` holds its statement in a one-line suite
    lines = [cls.body] if isinstance(cls.body, cst.SimpleStatementSuite) else cls.body.body
    for statement in lines:
        if isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for small in statement.body:
                target, value = _class_assignment(small)
                if target is not None and value is not None:
                    found.append((target, value))
    return found


def _class_assignment(small: cst.BaseSmallStatement) -> Tuple[Optional[str], Optional[cst.BaseExpression]]:
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        return small.targets[0].target.value, small.value
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
        return small.target.value, small.value
    return None, None



def _labels(labels: Labels, params: Tuple[str, ...]) -> Tuple[LabelExport, ...]:
    """Labels as data: a parameter of the function stays symbolic (PARAM); what is guessed from
    a parameter's name is left out (the caller's own labels decide)."""
    out: List[LabelExport] = []
    for label in sorted(labels, key=lambda l: (l.kind, l.detail, l.derived)):
        if label.kind != PARAM and isinstance(label.origin, cst.Param):
            continue
        out.append(LabelExport(
            kind=label.kind,
            detail=label.detail,
            derived=label.derived,
            param_inputs=param_names(label.inputs),
            param_selectors=param_names(label.selectors),
        ))
    return tuple(dict.fromkeys(out))


