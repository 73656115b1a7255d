"""A module's export, from its one parse: nhilint.flow's summaries turned into plain data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.values import UNKNOWN, DictValue, Moment
from nhilint.flow import module_flow
from nhilint.flow.labels import OPAQUE, PARAM, Label, Labels
from nhilint.flow.mints import mint_sites
from nhilint.flow.summary import FunctionSummary
from nhilint.project.exports import (
    ClassExport,
    ConstantExport,
    FunctionExport,
    LabelExport,
    MintExport,
    ModuleExport,
    Place,
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


def build_export(context: "FileContext", module: str, path: str, digest: str) -> ModuleExport:
    flow = module_flow(context)
    places = _Places(context, path)
    functions = {
        name: _function(flow, function, places, skip_self=False)
        for name, function in context.module_functions.items()
    }
    classes = {name: _class(flow, cls, places) for name, cls in context.module_classes.items()}
    return ModuleExport(
        module=module,
        path=path,
        digest=digest,
        imports=dict(context.imports),
        constants=_constants(context, flow, places),
        functions=functions,
        classes=classes,
        mints=tuple(
            MintExport(key=qualify_key(context, site.key), kind=site.kind, place=places.of(site.call))
            for site in mint_sites(flow)
        ),
    )


class _Places:
    """Lines of nodes, resolved once for the module when the export needs one."""

    def __init__(self, context: "FileContext", path: str) -> None:
        self.context = context
        self.path = path
        self._positions: Any = None

    def of(self, node: Optional[cst.CSTNode]) -> Place:
        if node is None:
            return Place(self.path, 1)
        if self._positions is None:
            from libcst.metadata import MetadataWrapper, PositionProvider

            self._positions = MetadataWrapper(self.context.module, unsafe_skip_copy=True).resolve(PositionProvider)
        position = self._positions.get(node)
        return Place(self.path, position.start.line if position is not None else 1)


def _constants(context: "FileContext", flow: "ModuleFlow", places: _Places) -> Dict[str, ConstantExport]:
    found: Dict[str, ConstantExport] = {}
    module_flow_ = flow.module_flow()
    for name, value in context.module_constants.items():
        if value is None:
            continue
        evaluated = context.evaluator.value(value, None)
        found[name] = ConstantExport(
            value=to_json(evaluated),
            labels=_labels(module_flow_.labels(value), ()),
            place=None,
            known=evaluated is not UNKNOWN,
        )
    return found


def _function(flow: "ModuleFlow", function: cst.FunctionDef, places: _Places, skip_self: bool) -> FunctionExport:
    params = function.params
    names = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
    if skip_self and names:
        names = names[1:]
    summary: Optional[FunctionSummary] = flow.summary(function)
    if summary is None:
        return FunctionExport(name=function.name.value, params=tuple(names))
    constant = None
    if len(flow.flow(function).facts.returns) == 1:
        value = flow.context.evaluator.value(flow.flow(function).facts.returns[0], flow.flow(function).facts)
        constant = to_json(value) if value is not UNKNOWN else None
    return FunctionExport(
        name=function.name.value,
        params=tuple(names),
        returns=_labels(summary.returns, tuple(names)),
        param_sinks={
            param: tuple(
                SinkExport(kind=sink.kind, place=places.of(sink.node), function=sink.function.name.value,
                           host=sink.host, token_there=sink.token_there,
                           to_identity_provider=sink.to_identity_provider)
                for sink in sinks
            )
            for param, sinks in summary.param_sinks.items()
        },
        verified_params=tuple(sorted(summary.verified_params)),
        verifier=places.of(summary.verifier) if summary.verifier is not None else None,
        constant=constant,
    )


def _class(flow: "ModuleFlow", cls: cst.ClassDef, places: _Places) -> ClassExport:
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
    """Labels as data: a parameter of the function stays symbolic (PARAM); an opaque value or
    one guessed from a parameter's name is left out (the caller's own labels decide)."""
    out: List[LabelExport] = []
    for label in sorted(labels, key=lambda l: (l.kind, l.detail, l.derived)):
        if label.kind == OPAQUE and not label.detail:
            continue
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


def to_json(value: Any) -> Any:
    """A static value (nhilint.analysis.values) as a JSON value; None for UNKNOWN."""
    if value is UNKNOWN:
        return None
    if isinstance(value, DictValue):
        items = {str(k): to_json(v) for k, v in value.items.items() if isinstance(k, str)}
        return {"__dict__": items, "open": value.open or len(items) != len(value.items)}
    if isinstance(value, Moment):
        return {"__moment__": value.offset}
    if isinstance(value, tuple):
        return [to_json(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return None


def from_json(value: Any) -> Any:
    """The inverse of `to_json`, for the evaluator."""
    if isinstance(value, dict) and "__dict__" in value:
        return DictValue({k: from_json(v) for k, v in value["__dict__"].items()}, bool(value.get("open")))
    if isinstance(value, dict) and "__moment__" in value:
        return Moment(float(value["__moment__"]))
    if isinstance(value, list):
        return tuple(from_json(v) for v in value)
    return value


def import_label(label: LabelExport) -> Label:
    """A label of another module, for this one: no node, the same kind and detail."""
    return Label(label.kind, None, detail=label.detail, derived=label.derived,
                 inputs=frozenset(f"param:{p}" for p in label.param_inputs),
                 selectors=frozenset(f"param:{p}" for p in label.param_selectors))
