"""A module's export, from its one parse: nhilint.flow's summaries turned into plain data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.values import UNKNOWN
from nhilint.project.static_values import to_json
from nhilint.flow import module_flow
from nhilint.flow.labels import PARAM, Labels
from nhilint.flow.mints import mint_sites
from nhilint.flow.summary import FunctionSummary
from nhilint.project.places import Places
from nhilint.project.exports import (
    ClassExport,
    ConstantExport,
    CredentialUseExport,
    EnvironmentSettingExport,
    FunctionExport,
    LabelExport,
    MintExport,
    ModuleExport,
    SinkExport,
)

if TYPE_CHECKING:
    from nhilint.context import FileContext
    from nhilint.flow.module import ModuleFlow


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


def build_export(context: "FileContext", module: str, path: str, digest: str, source: str) -> ModuleExport:
    flow = module_flow(context)
    places = Places(context.module, source, path, flow.every_function())
    functions = {
        name: _function(flow, function, places, skip_self=False)
        for name, function in context.module_functions.items()
    }
    classes = {name: _class(flow, cls, places) for name, cls in context.module_classes.items()}
    uses, settings, environment = _sharing(context)
    return ModuleExport(
        module=module,
        path=path,
        digest=digest,
        imports=dict(context.imports),
        constants=_constants(context, module, flow, places),
        functions=functions,
        classes=classes,
        mints=tuple(
            MintExport(key=qualify_key(context, site.key), kind=site.kind, place=places.of(site.call, site.function))
            for site in mint_sites(flow)
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
        environment=environment,
    )


def _sharing(context: "FileContext") -> Tuple[list, list, Optional[str]]:
    """What the sharing rules compare across modules: the credentials the module gives to
    clients or sends to hosts (NHL302), and the credential settings of a per-environment
    settings module (NHL303). The two rules walk the module once, in collect mode."""
    from nhilint.engine import EnterTracker, LeaveTracker
    from nhilint.rules.sharing.token_shared_across_clients import TokenSharedAcrossClients
    from nhilint.rules.sharing.token_shared_across_environments import (
        TokenSharedAcrossEnvironments,
        module_environment,
    )
    from nhilint.testfiles import is_test_file
    from nhilint.walk import walk_batched

    environment = module_environment(context)
    if is_test_file(context.path):
        return [], [], environment  # a test's fake credentials say nothing of the services
    clients = TokenSharedAcrossClients(context, {}) if context.mentions(*TokenSharedAcrossClients.words) else None
    environments = (
        TokenSharedAcrossEnvironments(context, {})
        if environment is not None and context.mentions(*TokenSharedAcrossEnvironments.words) else None
    )
    rules = [rule for rule in (clients, environments) if rule is not None]
    if not rules:
        return [], [], environment
    for rule in rules:
        rule.collect_only = True
    walk_batched(context.module, [EnterTracker(context), *rules, LeaveTracker(context)])
    return (clients.uses if clients else [], environments.module_settings if environments else [], environment)


def _constants(context: "FileContext", module: str, flow: "ModuleFlow", places: Places) -> Dict[str, ConstantExport]:
    found: Dict[str, ConstantExport] = {}
    module_flow_ = flow.module_flow()
    for name, value in context.module_constants.items():
        if value is None:
            continue
        evaluated = context.evaluator.value(value, None)
        instance_of = None
        if isinstance(value, cst.Call) and isinstance(value.func, (cst.Name, cst.Attribute)):
            if isinstance(value.func, cst.Name) and value.func.value in context.module_classes:
                instance_of = f"{module}.{value.func.value}"
            else:
                qualified = context.qualified_name(value.func)
                instance_of = qualified if qualified and not qualified.startswith("builtins.") else None
        found[name] = ConstantExport(
            value=to_json(evaluated),
            labels=_labels(module_flow_.labels(value), ()),
            place=places.of_constant(name),
            known=evaluated is not UNKNOWN,
            instance_of=instance_of,
        )
    return found


def _function(flow: "ModuleFlow", function: cst.FunctionDef, places: Places, skip_self: bool) -> FunctionExport:
    params = function.params
    names = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
    positional = len(params.posonly_params) + len(params.params)
    if skip_self and names:
        names = names[1:]
        positional = max(0, positional - 1)
    summary: Optional[FunctionSummary] = flow.summary(function)
    if summary is None:
        return FunctionExport(name=function.name.value, params=tuple(names), positional=positional)
    constant = None
    if not names and len(flow.flow(function).facts.returns) == 1:  # `def token_ttl(): return 3600`
        value = flow.context.evaluator.value(flow.flow(function).facts.returns[0], flow.flow(function).facts)
        constant = to_json(value) if value is not UNKNOWN else None
    return FunctionExport(
        name=function.name.value,
        params=tuple(names),
        positional=positional,
        returns=_labels(summary.returns, tuple(names)),
        param_sinks={
            param: tuple(
                SinkExport(kind=sink.kind, place=sink.elsewhere or places.of(sink.node, sink.function), function=sink.holder,
                           host=sink.host, token_there=sink.token_there,
                           to_identity_provider=sink.to_identity_provider)
                for sink in sinks
            )
            for param, sinks in summary.param_sinks.items()
        },
        verified_params=tuple(sorted(summary.verified_params)),
        verifier=places.of(summary.verifier, function) if summary.verifier is not None else None,
        constant=constant,
    )


def _class(flow: "ModuleFlow", cls: cst.ClassDef, places: Places) -> ClassExport:
    context = flow.context
    bases = tuple(
        context.qualified_name(base.value) or context.module.code_for_node(base.value) for base in cls.bases
    )
    methods = {
        method.name.value: _function(flow, method, places, skip_self=not _is_static(method))
        for method in flow.methods(cls)
    }
    attributes: Dict[str, ConstantExport] = {}
    module_flow_ = flow.module_flow()
    for statement in cls.body.body:
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                target, value = _class_assignment(small)
                if target is not None and value is not None:
                    evaluated = context.evaluator.value(value, None)
                    attributes[target] = ConstantExport(
                        value=to_json(evaluated), labels=_labels(module_flow_.labels(value), ()),
                        known=evaluated is not UNKNOWN,
                    )
    return ClassExport(name=cls.name.value, bases=bases, methods=methods, attributes=attributes)


def _class_assignment(small: cst.BaseSmallStatement) -> Tuple[Optional[str], Optional[cst.BaseExpression]]:
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        return small.targets[0].target.value, small.value
    if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
        return small.target.value, small.value
    return None, None


def _is_static(function: cst.FunctionDef) -> bool:
    from nhilint.analysis.imports import dotted_name

    return any(dotted_name(d.decorator) == "staticmethod" for d in function.decorators)


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
            param_inputs=_param_names(label.inputs),
            param_selectors=_param_names(label.selectors),
        ))
    return tuple(dict.fromkeys(out))


def _param_names(atoms: "frozenset[str]") -> Tuple[str, ...]:
    return tuple(sorted(atom[len("param:"):] for atom in atoms if atom.startswith("param:")))
