"""The flow across one module: functions, methods, classes, module globals and instances.

`ModuleFlow` answers the questions a function's flow cannot answer alone: which function of
the module a call runs (`helper()`, `self.method()`, `super().method()`, a method of a
module-level instance or of an instance kept in `self.x`), what that function returns and where
its parameters go (its summary, nhilint.flow.summary), what a module global or an instance
attribute holds across every function that writes it, and what a dict or cache the module
keeps has been given.

One ModuleFlow per file (`module_flow(context)`); everything is computed on request and
memoised. Summaries call summaries: a cycle is cut (the inner request sees an empty summary)
and one request follows a chain at most MAX_DEPTH calls deep, so a module of any shape costs a
bounded amount of work. What was computed from a cut is provisional (nhilint.flow.provisional):
kept while the cycle runs, computed again once the value it was cut on is known; a chain the
depth bound cut is summarised from where it was cut, and the request answered again
(MAX_DEEPENING times at most). So an answer does not depend on which rule asked first.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Dict, FrozenSet, List, Mapping, Optional, Sequence, Set, Tuple

import libcst as cst

from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.jwt_calls import jwt_call, token_arg
from nhilint.catalogue.jwt import CLAIMS_REGISTRY, DECODE, JWCRYPTO_TOKEN
from nhilint.catalogue.tokens import (
    INTROSPECTION_METHODS, SIGNED_DATA_ARGUMENT, TIMED_SIGNATURE_READERS, TIMED_SIGNERS, VERIFIER_METHODS, VERIFIERS,
)
from nhilint.context import FileContext
from nhilint.flow.function import FunctionFlow, is_static
from nhilint.flow.log_filters import marked
from nhilint.flow.sinks import KEYWORD_PREFIX
from nhilint.flow.provisional import MISSING, Provisional
from nhilint.flow.param_branches import holds_for, taken_sinks
from nhilint.flow.record_lookups import record_lookup_token
from nhilint.flow.labels import NAMED, NONE, OPAQUE, PARAM, Label, Labels, substitute
from nhilint.project import remote
from nhilint.project.exports import NO_SUMMARY, FunctionExport, LabelExport

if TYPE_CHECKING:
    from nhilint.flow.summary import FunctionSummary, Sink

# `verify_cached -> _verify -> _decode -> jwt.decode`: how many calls deep summaries follow
MAX_DEPTH = 4
# how many times an ask goes on past the depth bound, MAX_DEPTH calls each time (_deepened):
# a chain of helpers is followed 36 calls deep, whatever was asked first
MAX_DEEPENING = 8
_VERIFYING_ROLES = frozenset({DECODE, CLAIMS_REGISTRY, JWCRYPTO_TOKEN})
# Exception classes (PEP 8 names them so): their constructor makes a message, it neither logs
# nor sends; another module is not parsed to learn that (`raise MissingClaimError(claim)`).
_EXCEPTION_ENDINGS = ("Error", "Exception", "Warning")

Target = Tuple[cst.FunctionDef, Optional[cst.ClassDef]]


# The nodes whose children can be statements (and so a `def`): the walk for functions goes
# through these only, a fraction of the tree.
_HOLDS_STATEMENTS = frozenset(
    kind for kind in (
        cst.Module, cst.IndentedBlock, cst.FunctionDef, cst.ClassDef, cst.If, cst.Else, cst.For, cst.While,
        cst.Try, getattr(cst, "TryStar", None), cst.ExceptHandler, getattr(cst, "ExceptStarHandler", None),
        cst.Finally, cst.With, getattr(cst, "Match", None), getattr(cst, "MatchCase", None),
    )
    if kind is not None
)


class ModuleFlow:
    def __init__(self, context: FileContext) -> None:
        self.context = context
        self._flows: Dict[int, FunctionFlow] = {}
        self._owners: Optional[Dict[int, cst.ClassDef]] = None
        self._summaries: Dict[int, Optional["FunctionSummary"]] = {}
        self._sinks: Dict[int, Optional[Mapping[str, Tuple["Sink", ...]]]] = {}  # param_sinks alone
        self._globals: Dict[str, Labels] = {}
        self._attributes: Dict[Tuple[int, str], Labels] = {}
        self._global_writes: Optional[Dict[str, List[Tuple[cst.FunctionDef, cst.BaseExpression]]]] = None
        self._depth = 0
        # memo entries computed from a placeholder, dropped when its item is done
        self.provisional = Provisional()
        # functions whose summary the depth bound cut short, since the outermost ask began
        self._cut_short: List[cst.FunctionDef] = []
        self._deepening = 0

    # -- flows ----------------------------------------------------------------------------------
    def flow(self, scope: cst.CSTNode) -> FunctionFlow:
        """The flow of a function (its class found by the module), or of the module body."""
        found = self._flows.get(id(scope))
        if found is None:
            owner = self.owner_of(scope) if isinstance(scope, cst.FunctionDef) else None
            found = FunctionFlow(self, scope, owner)  # type: ignore[arg-type]
            self._flows[id(scope)] = found
        return found

    def module_flow(self) -> FunctionFlow:
        return self.flow(self.context.module)

    def statement_of(self, node: cst.CSTNode, function: Optional[cst.FunctionDef]) -> Optional[cst.CSTNode]:
        """The statement holding `node`, inside `function` (or the module body): what a
        suppression comment on a multi-line statement applies to."""
        flow = self.flow(function) if function is not None else self.module_flow()
        return flow.statement_of(node)

    def owner_of(self, function: cst.FunctionDef) -> Optional[cst.ClassDef]:
        """The class whose body defines `function` directly, if any."""
        if self._owners is None:
            owners: Dict[int, cst.ClassDef] = {}
            for cls in self.classes():
                for statement in cls.body.body:
                    if isinstance(statement, cst.FunctionDef):
                        owners[id(statement)] = cls
            self._owners = owners
        return self._owners.get(id(function))

    def classes(self) -> List[cst.ClassDef]:
        """Classes at module level and inside them (nested classes), in source order."""
        found: List[cst.ClassDef] = []
        pending = [s for s in self.context.module.body if isinstance(s, cst.ClassDef)]
        while pending:
            cls = pending.pop(0)
            found.append(cls)
            pending.extend(s for s in cls.body.body if isinstance(s, cst.ClassDef))
        return found

    def numeric_fields(self) -> FrozenSet[str]:
        """Fields the module's classes declare only as numbers, flags or times (`token: int` of a
        pairing challenge's dataclass: the request id the device answered): read off any object
        of the module (`pair_data.token`), a number, whatever it is called. A field another
        class of the module declares with another type is not one of them."""
        def compute() -> FrozenSet[str]:
            from nhilint.flow.sources import NON_NUMERIC_ANNOTATIONS, annotation_type

            numeric: Set[str] = set()
            other: Set[str] = set()
            for cls in self.classes():
                for line in cls.body.body:
                    for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
                        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
                            kind = annotation_type(small.annotation)
                            (numeric if kind in NON_NUMERIC_ANNOTATIONS else other).add(small.target.value)
            return frozenset(numeric - other)

        return self.context.memo(("flow-numeric-fields",), compute)

    def methods(self, cls: cst.ClassDef) -> List[cst.FunctionDef]:
        return [s for s in cls.body.body if isinstance(s, cst.FunctionDef)]

    def lineage(self, cls: cst.ClassDef) -> List[cst.ClassDef]:
        """The class and its bases defined in this module, nearest first."""
        seen = [cls]
        pending = [cls]
        while pending:
            current = pending.pop(0)
            for base in self.context._module_bases(current):
                if base not in seen:
                    seen.append(base)
                    pending.append(base)
        return seen

    # -- calls ----------------------------------------------------------------------------------
    def resolve(self, flow: FunctionFlow, call: cst.Call) -> Optional[Target]:
        """The function of this module that `call` runs, where that is plain to see."""
        found = self.context.local_function(call, flow.facts, flow.owner)
        if found is not None:
            return found
        return self.resolve_reference(flow, call.func)

    def resolve_reference(self, flow: FunctionFlow, func: cst.BaseExpression) -> Optional[Target]:
        """The function an expression names: `helper`, `self.method`, `Class.method`,
        `self._verifier.verify` (an instance kept in an attribute), `Class().method`."""
        kind = type(func)  # exact type tests: an isinstance of a libcst class is slow when it fails
        if kind is cst.Name:
            if flow.facts.is_local(func.value):  # type: ignore[attr-defined]
                return None
            function = self.context.module_functions.get(func.value)  # type: ignore[attr-defined]
            return (function, None) if function is not None else None
        if kind is not cst.Attribute:
            return None
        name = func.attr.value  # type: ignore[attr-defined]
        receiver = func.value  # type: ignore[attr-defined]
        if flow.is_self(receiver) and flow.owner is not None:
            return self._method(self.lineage(flow.owner), name)
        cls = self.instance_class(flow, receiver)
        if cls is not None:
            return self._method(self.lineage(cls), name)
        if type(receiver) is cst.Name and receiver.value in self.context.module_classes and not flow.facts.is_local(receiver.value):
            return self._method(self.lineage(self.context.module_classes[receiver.value]), name)
        return None

    @staticmethod
    def annotated_class(flow: FunctionFlow, expr: cst.BaseExpression) -> Optional[cst.BaseExpression]:
        """The class a parameter is annotated with, where the function never rebinds it
        (`field_service: FieldServiceClient = Depends(...)`: frameworks inject such instances, and
        the annotation is all the code says of them): a name or a dotted name, never a string."""
        if type(expr) is not cst.Name or type(flow.scope) is not cst.FunctionDef:
            return None
        if expr.value not in flow.facts.params or flow.facts.bindings.get(expr.value):
            return None
        params = flow.scope.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            if param.name.value == expr.value and param.annotation is not None:
                annotation = param.annotation.annotation
                return annotation if isinstance(annotation, (cst.Name, cst.Attribute)) else None
        return None

    def _made_by_annotated(self, flow: FunctionFlow, expr: cst.BaseExpression) -> Optional[cst.BaseExpression]:
        """The class a local holds when it is bound once to a call of a function of the module
        declared to return an instance of it (`bridge = _create_demo_bridge()` of `def
        _create_demo_bridge() -> IAMBridge`): a name or a dotted name, never a string."""
        if type(expr) is not cst.Name or not flow.facts.is_local(expr.value):
            return None
        bindings = flow.reaching(expr.value, expr)
        return self._factory_class(flow, bindings[0].value) if len(bindings) == 1 else None

    def _factory_class(self, flow: FunctionFlow, value: Optional[cst.BaseExpression]) -> Optional[cst.BaseExpression]:
        """The class a call of a plain function of the module is declared to return (`-> Bridge`):
        a name or a dotted name. Only such a function: resolving any call would build other
        modules' exports (+22 % instructions on the JWT file)."""
        if type(value) is not cst.Call or type(value.func) is not cst.Name or flow.facts.is_local(value.func.value):  # type: ignore[union-attr]
            return None
        made = self.context.module_functions.get(value.func.value)  # type: ignore[union-attr]
        returns = made.returns if made is not None else None
        annotation = returns.annotation if returns is not None else None
        return annotation if isinstance(annotation, (cst.Name, cst.Attribute)) else None

    def instance_class(self, flow: FunctionFlow, expr: cst.BaseExpression) -> Optional[cst.ClassDef]:
        """The class of this module an expression is an instance of: `Verifier()`, a name or an
        attribute bound to one (`self._verifier = Verifier(...)` in any method), a parameter
        annotated with one."""
        annotation = self.annotated_class(flow, expr)
        if type(annotation) is cst.Name and annotation.value in self.context.module_classes:  # type: ignore[union-attr]
            return self.context.module_classes[annotation.value]  # type: ignore[union-attr]
        kind = type(expr)  # exact type tests: an isinstance of a libcst class is slow when it fails
        if kind is cst.Call and type(expr.func) is cst.Name:  # type: ignore[attr-defined]
            return self.context.module_classes.get(expr.func.value) if not flow.facts.is_local(expr.func.value) else None  # type: ignore[attr-defined]
        values: List[cst.BaseExpression] = []
        if kind is cst.Name:
            if flow.facts.is_local(expr.value):
                values = [b.value for b in flow.reaching(expr.value, expr) if b.value is not None]
            else:
                constant = self.context.module_constants.get(expr.value)
                values = [constant] if constant is not None else []
        elif kind is cst.Attribute and flow.is_self(expr.value) and flow.owner is not None:  # type: ignore[attr-defined]
            for method, value in self.attribute_writes(flow.owner, expr.attr.value):  # type: ignore[attr-defined]
                if type(value) is cst.Name and method is not None:
                    # `self.config = config` of an `__init__(self, config: AuthConfig)`
                    annotation = self.annotated_class(self.flow(method), value)
                    cls = self.context.module_classes.get(annotation.value) if type(annotation) is cst.Name else None  # type: ignore[union-attr]
                    if cls is not None:
                        return cls
                values.append(value)
        for value in values:
            if type(value) is cst.IfExp:  # `Recorder(db) if db is not None else None`: when made
                value = value.body if type(value.body) is cst.Call else value.orelse  # type: ignore[attr-defined]
            if type(value) is cst.Call and type(value.func) is cst.Name:  # type: ignore[attr-defined]
                cls = self.context.module_classes.get(value.func.value)  # type: ignore[attr-defined]
                if cls is not None:
                    return cls
                # `bridge = make_bridge()` of `def make_bridge() -> Bridge` (a factory of the module)
                made = self._factory_class(flow, value) if kind is cst.Name else None
                if type(made) is cst.Name and made.value in self.context.module_classes:  # type: ignore[union-attr]
                    return self.context.module_classes[made.value]  # type: ignore[union-attr]
        return None

    @staticmethod
    def _method(classes: Sequence[cst.ClassDef], name: str) -> Optional[Target]:
        for cls in classes:
            methods = [s for s in cls.body.body if type(s) is cst.FunctionDef and s.name.value == name]
            if methods:
                return (methods[-1], cls)  # a later definition (a property's setter aside) wins
        return None

    def summary(self, function: cst.FunctionDef) -> Optional["FunctionSummary"]:
        """What `function` returns, where its parameters go, whether it verifies a token.
        None while it is being computed (a recursive call) or past MAX_DEPTH."""
        key = id(function)
        if key in self._summaries:
            self.provisional.read(("summary", key))
            return self._summaries[key]
        pending = self.provisional.lookup(self._summaries, key)
        if pending is not MISSING:
            return pending  # type: ignore[no-any-return]
        if self._depth >= MAX_DEPTH:
            self._cut(function)
            return None
        from nhilint.flow.summary import summarise

        self._summaries[key] = None
        saved = self.provisional.begin(("summary", key))
        self._depth += 1
        try:
            result = summarise(self, self.flow(function))
        finally:
            self._depth -= 1
        self._summaries[key] = result
        self.provisional.end(("summary", key), self._summaries, key, saved)
        if self._depth == 0 and self._deepened(function):
            self.provisional.forget(self._summaries, key)
            return self.summary(function)
        return result

    def call_labels(
        self, flow: FunctionFlow, func: cst.BaseExpression, args: Sequence[cst.Arg], call: cst.Call
    ) -> Labels:
        """What calling `func` with `args` returns, through the callee's summary; an unknown
        callee gives an opaque value."""
        target = self.resolve(flow, call) if func is call.func else self.resolve_reference(flow, func)
        if target is None:
            return frozenset({Label(OPAQUE, call)})
        summary = self.summary(target[0])
        if summary is None:
            return frozenset({Label(OPAQUE, call)})
        returned = summary.returns
        if summary.returns_by_arm:
            # only the returns whose arm the call may take (`read_config()` passing no section)
            bound = bind_target(target, args)
            returned = frozenset().union(*(labels for condition, labels in summary.returns_by_arm
                                           if not condition or holds_for(condition, bound.get(condition[0])) is not False))
        return self.seen_from_call(flow, target, args, call, func, returned)

    def entry_labels(self, flow: FunctionFlow, call: cst.Call, target: Target, returned: Labels) -> Labels:
        """Labels of the callee's (`returned`: of part of what it returns) seen from a call, as
        call_labels sees its whole return."""
        return self.seen_from_call(flow, target, call.args, call, call.func, returned)

    def seen_from_call(self, flow: FunctionFlow, target: Target, args: Sequence[cst.Arg], call: cst.Call,
                       func: cst.BaseExpression, returned: Labels) -> Labels:
        """The callee's labels (`returned`) in the caller's frame: its parameters become what
        the call passes, their inputs the caller's."""
        bound = bind_target(target, args)
        callee_params = {id(p) for p in _all_params(target[0]) if p.name.value in bound}

        def argument(name: str) -> Optional[Labels]:
            value = bound.get(name)
            return flow.labels(value) if value is not None else None

        def inputs(callee_inputs: "frozenset[str]") -> "frozenset[str]":
            out: Set[str] = set()
            for atom in callee_inputs:
                if atom.startswith("param:") and atom[len("param:"):] in bound:
                    out |= flow.deps(bound[atom[len("param:"):]])
                elif atom.startswith("self:") and target[1] is not None and not _receiver_is_self(flow, call, func):
                    continue  # another object's attribute: fixed for the caller
                else:
                    out.add(atom)
            return frozenset(out)

        labels = substitute(returned, argument, inputs)
        # a parameter's own guesses (opaque, named) give way to what the caller passes
        return frozenset(label for label in labels if id(label.origin) not in callee_params or label.kind == PARAM)

    def call_inputs(self, flow: FunctionFlow, call: cst.Call) -> Optional["frozenset[str]"]:
        """The inputs of what a call to a function of the module returns, in the caller's
        frame (`self._app()` depends on what `_app` reads: `self.client_id`...); None when the
        callee is not the module's."""
        target = self.resolve(flow, call)
        if target is None:
            return None
        return_inputs = self.return_inputs(target[0])
        if return_inputs is None:
            return None
        bound = bind_target(target, call.args)
        same_self = _receiver_is_self(flow, call, call.func)
        out: Set[str] = set()
        star = target[0].params.star_arg
        star_name = star.name.value if isinstance(star, cst.Param) else None
        for atom in return_inputs:
            if atom.startswith("param:"):
                name = atom[len("param:"):]
                if name in bound:
                    out |= flow.deps(bound[name])
                elif name == star_name:  # `def cache_key(*parts)`: every extra positional argument
                    for extra in _extra_positional(target, call.args):
                        out |= flow.deps(extra)
            elif atom.startswith("self:"):
                if same_self:
                    out.add(atom)
            else:
                out.add(atom)
        if isinstance(call.func, cst.Attribute) and not same_self:
            out |= flow.deps(call.func.value)
        return frozenset(out)

    def verified_token(self, flow: FunctionFlow, call: cst.Call) -> Optional[cst.BaseExpression]:
        """The token a call verifies: the token argument of a verifying decode, of a verifier
        or introspection call, or the argument a verifying function of the module receives it by.
        Once per call: each decode of a function asks it of the function's every call."""
        return self.context.memo(("flow-verified-token", id(flow.scope), id(call)),
                                 lambda: self._verified_token(flow, call))

    def _verified_token(self, flow: FunctionFlow, call: cst.Call) -> Optional[cst.BaseExpression]:
        jc = jwt_call(self.context, call, flow.facts)
        if jc is not None:
            if jc.api.role in _VERIFYING_ROLES and jc.unverified_reason is None and not jc.unknown:
                return token_arg(jc)
            return None
        leaf = leaf_name(call)
        if leaf in INTROSPECTION_METHODS or leaf in VERIFIER_METHODS:
            return _first_argument(call)
        looked_up = record_lookup_token(flow, call)
        if looked_up is not None:
            return looked_up  # an opaque token verified by finding its record
        if leaf in TIMED_SIGNATURE_READERS and _timed_signer(flow, call):
            return _first_argument(call)  # `TimestampSigner(key).unsign(cookie, max_age=...)`: a signed token
        target = self.resolve(flow, call)
        if leaf == "verify" and target is None:
            signed = SIGNED_DATA_ARGUMENT.get(self.context.qualified_name(call.func, flow.facts) or "")
            if signed is not None:  # the certificate is the key: what is verified is the data
                positional = [a.value for a in call.args if a.keyword is None and not a.star]
                return positional[signed] if len(positional) > signed else None
        if leaf == "verify" and target is None and len([a for a in call.args if not a.star]) >= 2:
            from nhilint.flow.signed_input import checked_message, constructed_receiver  # a verify() only

            if constructed_receiver(flow, call):  # `signer = Signer(key)`: the project's class decides
                exported = self.remote(flow, call)
                if exported is not None:
                    return _verified_argument(exported, call)
            return checked_message(flow, call)
        if target is None:
            exported = self.remote(flow, call)
            if exported is not None:  # a function of another module of the project
                return _verified_argument(exported, call)
            qualname = self.context.qualified_name(call.func, flow.facts) if leaf.startswith("verify") else None
            return _first_argument(call) if qualname in VERIFIERS else None
        verified = self.verified_params(target[0])
        if not verified:
            return None
        bound = bind_target(target, call.args)
        return next((value for name, value in bound.items() if name in verified), None)

    # -- parts of a summary ----------------------------------------------------------------------
    # A question about one call (does it verify its argument, what does its result depend on)
    # needs one part of the callee's summary; the rest (the labels it returns, where its
    # parameters go) reaches into further functions and modules: pyjwt's api_jwt.py parsed five
    # more modules for summaries of which it read one part. Each part is its summary's when the
    # summary is computed, and None where the summary would be None: being computed (a recursive
    # call) or past MAX_DEPTH.
    def verified_params(self, function: cst.FunctionDef) -> Optional[FrozenSet[str]]:
        """The parameters a function of the module hands to a verifier as the token."""
        return self._flow_part(function, lambda summary: summary.verified_params,
                               FunctionFlow.verifying_params, FunctionFlow.verified_params)

    def param_sinks(self, function: cst.FunctionDef) -> Optional[Mapping[str, Tuple["Sink", ...]]]:
        """Where the parameters of a function of the module go (logged, sent)."""
        key = id(function)
        if key in self._summaries:
            self.provisional.read(("summary", key))
            summary = self._summaries[key]
            return summary.param_sinks if summary is not None else None
        if key in self._sinks:
            self.provisional.read(("sinks", key))
            return self._sinks[key]  # None while being computed
        pending = self.provisional.lookup(self._summaries, key)
        if pending is not MISSING:
            return pending.param_sinks if pending is not None else None  # type: ignore[attr-defined]
        pending = self.provisional.lookup(self._sinks, key)
        if pending is not MISSING:
            return pending  # type: ignore[no-any-return]
        if self._depth >= MAX_DEPTH:
            self._cut(function)
            return None
        from nhilint.flow.summary import param_sinks

        self._sinks[key] = None
        saved = self.provisional.begin(("sinks", key))
        self._depth += 1
        try:
            found = param_sinks(self, self.flow(function))
        finally:
            self._depth -= 1
        self._sinks[key] = found
        self.provisional.end(("sinks", key), self._sinks, key, saved)
        if self._depth == 0 and self._deepened(function):
            self.provisional.forget(self._sinks, key)
            return self.param_sinks(function)
        return found

    def _cut(self, function: cst.FunctionDef) -> None:
        """The depth bound stops here: what the asker computes is provisional, and the
        function is summarised from the top once the outermost ask is done (`_deepened`)."""
        self._cut_short.append(function)
        self.provisional.depth_cut()

    def _deepened(self, asked: cst.FunctionDef) -> bool:
        """At the end of an outermost ask whose chain the depth bound cut: the summaries of the
        functions it was cut at, computed from the top (each with MAX_DEPTH calls of its own),
        so that asking again follows the whole chain. Whether there were any, for the asker to
        compute its answer again: without this, a chain longer than the bound was followed or
        not depending on which rule had asked for its lower links first."""
        cut = [f for f in dict.fromkeys(self._cut_short) if f is not asked and id(f) not in self._summaries]
        self._cut_short = []
        if not cut or self._deepening >= MAX_DEEPENING:
            return False  # a chain past MAX_DEPTH * MAX_DEEPENING calls: cut where it is
        self._deepening += 1
        try:
            for function in cut:
                self.summary(function)
        finally:
            self._deepening -= 1
        return True

    def computed_param_sinks(self, function: cst.FunctionDef) -> Optional[Mapping[str, Tuple["Sink", ...]]]:
        """The parameter sinks `param_sinks` computed, if it did (a summary takes them)."""
        return self._sinks.get(id(function))

    def return_inputs(self, function: cst.FunctionDef) -> Optional[FrozenSet[str]]:
        """The inputs what a function of the module returns depends on."""
        return self._flow_part(function, lambda summary: summary.return_inputs,
                               FunctionFlow.finding_return_inputs, FunctionFlow.return_inputs)

    def _flow_part(self, function: cst.FunctionDef, of_summary: Callable[["FunctionSummary"], FrozenSet[str]],
                   in_progress: Callable[[FunctionFlow], bool],
                   compute: Callable[[FunctionFlow], FrozenSet[str]]) -> Optional[FrozenSet[str]]:
        """A part the function's flow computes and memoises itself: its summary's when that is
        computed; None while either is being computed (a recursive call) or past MAX_DEPTH."""
        key = id(function)
        if key in self._summaries:
            self.provisional.read(("summary", key))
            summary = self._summaries[key]
            return of_summary(summary) if summary is not None else None
        pending = self.provisional.lookup(self._summaries, key)
        if pending is not MISSING:
            return of_summary(pending) if pending is not None else None  # type: ignore[arg-type]
        flow = self.flow(function)
        if self._depth >= MAX_DEPTH:
            self._cut(function)
            return None
        if in_progress(flow):
            return None
        self._depth += 1
        try:
            return compute(flow)
        finally:
            self._depth -= 1

    # -- other modules of the project (nhilint.project) ------------------------------------------
    def remote(self, flow: FunctionFlow, call: cst.Call) -> Optional[FunctionExport]:
        """The function of another module of the project a call runs (not one of this module):
        `get_token()` / `tokens.get_token()` imported, `client.fetch()` on an instance of an
        imported class (in a name or a `self` attribute), a method inherited from a base class
        there. None without a project, or where it cannot be told."""
        if self.context.project is None:
            return None
        return self.context.memo(("flow-remote", id(call)), lambda: self._remote(flow, call.func))

    def _remote(self, flow: FunctionFlow, func: cst.BaseExpression) -> Optional[FunctionExport]:
        found = remote.function(self.context, func, flow.facts)
        if found is not None or not isinstance(func, cst.Attribute):
            return found
        name = func.attr.value
        receiver = func.value
        annotation = self.annotated_class(flow, receiver) or self._made_by_annotated(flow, receiver)
        if annotation is not None:
            qualified = self.context.qualified_name(annotation)
            if qualified is not None and not qualified.startswith("builtins."):
                return remote.class_method(self.context, qualified, name)
        if flow.owner is None:
            return None
        if flow.is_self(receiver):
            for cls in self.lineage(flow.owner):
                found = remote.inherited(self.context, cls, name)
                if found is not None:
                    return found
        elif isinstance(receiver, cst.Attribute) and flow.is_self(receiver.value):
            for _, written in self.attribute_writes(flow.owner, receiver.attr.value):
                # `AsyncUsageLogger(db) if db is not None else None`: the instance, when made
                for value in ((written.body, written.orelse) if isinstance(written, cst.IfExp) else (written,)):
                    if not isinstance(value, cst.Call):
                        continue
                    qualified = self.context.qualified_name(value.func)
                    if qualified is not None and not qualified.startswith("builtins."):
                        found = remote.class_method(self.context, qualified, name)
                        if found is not None:
                            return found
        return None

    def remote_labels(self, flow: FunctionFlow, exported: FunctionExport, call: cst.Call,
                      part: "Optional[Sequence[LabelExport]]" = None) -> Labels:
        """What a call to another module's function returns, seen from the call (or `part` of
        what it returns: the values under one key of the dict it returns)."""
        bound = remote.bind(exported, call.args)

        def argument(name: str) -> Optional[Labels]:
            value = bound.get(name)
            return flow.labels(value) if value is not None else None

        def inputs(atoms: "frozenset[str]") -> "frozenset[str]":
            out: Set[str] = set()
            for atom in atoms:
                name = atom[len("param:"):] if atom.startswith("param:") else None
                if name is None:
                    out.add(atom)
                elif name in bound:
                    out |= flow.deps(bound[name])
            return frozenset(out)

        summary = exported.summary.get(NO_SUMMARY)
        returned = summary.returns if part is None else tuple(part)
        if summary.returns_by_arm and part is None:
            # only the returns whose arm the call may take, as call_labels
            returned = tuple(dict.fromkeys(
                label for condition, labels in summary.returns_by_arm
                if not condition or holds_for(condition, bound.get(condition[0])) is not False for label in labels))
        return substitute(remote.labels(returned, call), argument, inputs)

    def helper_sinks(
        self, flow: FunctionFlow, call: cst.Call
    ) -> Optional[Tuple[Dict[str, cst.BaseExpression], Mapping[str, Tuple["Sink", ...]]]]:
        """A helper's sinks seen from a call to it: the arguments by parameter name, and where
        each parameter goes (logged, sent), for a function of this module or of another one."""
        target = self.resolve(flow, call) or self.constructor(flow, call)
        if target is not None:
            if target[0] is flow.scope:
                return None
            param_sinks = self.param_sinks(target[0])
            if not param_sinks:
                return None
            bound = _with_spread_keywords(bind_target(target, call.args), call.args, param_sinks)
            return bound, taken_sinks(param_sinks, bound)
        exported = self.remote(flow, call) or self.remote_constructor(flow, call)
        if exported is None or not exported.param_sinks:
            return None
        from nhilint.flow.summary import Sink

        param_sinks = {
            name: tuple(
                Sink(sink.kind, call, None, token_there=sink.token_there, host=sink.host,
                     to_identity_provider=sink.to_identity_provider, function_name=sink.function,
                     elsewhere=sink.place, only_if=sink.only_if, stdout=sink.stdout)
                for sink in sinks
            )
            for name, sinks in exported.param_sinks.items()
        }
        bound = _with_spread_keywords(remote.bind(exported, call.args), call.args, param_sinks)
        return bound, taken_sinks(param_sinks, bound)

    def runs_helper(self, flow: FunctionFlow, call: cst.Call) -> bool:
        """Whether a call runs another function of this module or one of another module of the
        project: the test before asking what the arguments hold, and then the helper's sinks."""
        target = self.resolve(flow, call) or self.constructor(flow, call)
        if target is not None:
            return target[0] is not flow.scope
        return self.remote(flow, call) is not None or self.remote_constructor(flow, call) is not None

    def constructor(self, flow: FunctionFlow, call: cst.Call) -> Optional[Target]:
        """The `__init__` a call of a class of this module runs (`Client(token)`): where its
        parameters go (kept on `self` and sent by a method) is what the call does with them."""
        func = call.func
        if not isinstance(func, cst.Name) or flow.facts.is_local(func.value):
            return None
        cls = self.context.module_classes.get(func.value)
        return self._method(self.lineage(cls), "__init__") if cls is not None else None

    def remote_constructor(self, flow: FunctionFlow, call: cst.Call) -> Optional[FunctionExport]:
        """The `__init__` a call of a class of another module of the project runs."""
        if self.context.project is None or not isinstance(call.func, (cst.Name, cst.Attribute)):
            return None
        # asked of the same call by `runs_helper`, then `helper_sinks`, by each rule that follows
        # a value into helpers: one lookup in the project index a call, as `remote`
        return self.context.memo(("flow-remote-constructor", id(call)), lambda: self._remote_constructor(flow, call))

    def _remote_constructor(self, flow: FunctionFlow, call: cst.Call) -> Optional[FunctionExport]:
        qualified = self.context.qualified_name(call.func, flow.facts)
        if qualified is None or qualified.startswith("builtins.") or qualified.endswith(_EXCEPTION_ENDINGS):
            return None
        if remote.cls(self.context, qualified) is None:
            return None
        return remote.class_method(self.context, qualified, "__init__")

    def may_run_helper(self, call: cst.Call) -> bool:
        """The cheap test before asking for a helper's sinks: a function of the module may run,
        or, with a project, one of another module."""
        return self.may_run_local(call) or (
            self.context.project is not None and isinstance(call.func, (cst.Name, cst.Attribute))
        )

    def may_run_local(self, call: cst.Call) -> bool:
        """The cheap test before resolving a call: its name is one of a function or method the
        module defines (`helper(...)`, `self.helper(...)`, `store.put(...)`)."""
        names = self.context.memo("flow-local-names", lambda: frozenset(
            [f.name.value for f in self.every_function()] + list(self.context.module_classes)))
        return leaf_name(call) in names

    def callers(self, function: cst.FunctionDef) -> List[Tuple[FunctionFlow, cst.Call]]:
        """The calls of the module that run `function`, with the flow they are in."""
        def compute() -> List[Tuple[FunctionFlow, cst.Call]]:
            found = []
            for flow, call in self.calls_by_leaf().get(function.name.value, ()):
                target = self.resolve(flow, call)
                if target is not None and target[0] is function:
                    found.append((flow, call))
            return found

        return self.context.memo(("flow-callers", id(function)), compute)

    def calls_by_leaf(self) -> Dict[str, List[Tuple[FunctionFlow, cst.Call]]]:
        """Every call of the module by the last name of its callee (`decode` of `jwt.decode(...)`),
        each with the flow it is in, in source order; read once: asking each function's callers
        by a walk of the module each would be quadratic in a module of many functions."""
        def compute() -> Dict[str, List[Tuple[FunctionFlow, cst.Call]]]:
            calls: Dict[str, List[Tuple[FunctionFlow, cst.Call]]] = {}
            for scope in [self.context.module, *self.every_function()]:
                flow = self.flow(scope)
                for call in flow.facts.own_calls:
                    name = leaf_name(call)
                    if name:
                        calls.setdefault(name, []).append((flow, call))
            return calls

        found = self.context.memo("flow-calls-by-leaf", compute)
        # None while it is being computed (a flow built on the way asking again): read it afresh
        return found if found is not None else compute()

    def calls_named(self, name: str) -> List[Tuple[FunctionFlow, cst.Call]]:
        """Every call of the module by a plain name it does not bind locally (`Tokens(...)`,
        `BackendClient()`), with the flow it is in, in source order; read once per name."""
        def compute() -> List[Tuple[FunctionFlow, cst.Call]]:
            return [(flow, call) for flow, call in self.calls_by_leaf().get(name, ())
                    if isinstance(call.func, cst.Name) and not flow.facts.is_local(name)]

        return self.context.memo(("flow-calls-named", name), compute)

    def every_function(self) -> List[cst.FunctionDef]:
        """Every function and method of the module, nested ones included, in source order."""
        def compute() -> List[cst.FunctionDef]:
            from nhilint.walk import walk

            found: List[cst.FunctionDef] = []

            def visit(node: cst.CSTNode) -> bool:
                if type(node) is cst.FunctionDef:
                    found.append(node)
                return type(node) in _HOLDS_STATEMENTS  # a `def` is a statement: expressions are skipped

            walk(self.context.module, visit)
            return found

        return self.context.memo("flow-every-function", compute)

    # -- module globals -----------------------------------------------------------------------
    def global_writes(self) -> Dict[str, List[Tuple[cst.FunctionDef, cst.BaseExpression]]]:
        """Writes to module globals from functions that declare them `global`."""
        if self._global_writes is None:
            writes: Dict[str, List[Tuple[cst.FunctionDef, cst.BaseExpression]]] = {}
            for function in self.all_functions():
                facts = self.context.facts(function)
                for name in facts.globals:
                    for binding in facts.bindings.get(name, ()):
                        if binding.value is not None:
                            writes.setdefault(name, []).append((function, binding.value))
            self._global_writes = writes
        return self._global_writes

    def all_functions(self) -> List[cst.FunctionDef]:
        """Every function and method of the module that may write a global (they say `global`)."""
        return self.every_function() if b"global" in self.context.lowered else []

    def global_labels(self, name: str) -> Labels:
        """What a module global holds: its module-level value(s) and what functions store into
        it (`global _token; _token = fetch(...)`). A parameter of the writer is opaque here."""
        if name in self._globals:
            self.provisional.read(("global", name))
            return self._globals[name]
        pending = self.provisional.lookup(self._globals, name)
        if pending is not MISSING:
            return pending  # type: ignore[no-any-return]
        self._globals[name] = NONE
        saved = self.provisional.begin(("global", name))
        labels: Set[Label] = set()
        module = self.module_flow()
        bindings = module.facts.bindings.get(name, ())
        for binding in bindings:
            if binding.value is not None:
                labels |= module.labels(binding.value)
            elif binding.unpacked_from is not None:
                labels |= module.labels(binding.unpacked_from)
            else:
                labels.add(Label(OPAQUE, binding.at))
        for function, value in self.global_writes().get(name, ()):
            labels |= _without_params(self.flow(function).labels(value), function)
        for _, _, value in module.facts.item_stores.get(name, ()):
            labels |= module.labels(value)
        if name in self.context.module_functions or name in self.context.module_classes:
            labels = set()
        elif not bindings and name not in self.global_writes():
            labels.add(Label(OPAQUE, None))  # a builtin or a name we do not see bound
        result = marked(self, name, frozenset(labels))
        self._globals[name] = result
        self.provisional.end(("global", name), self._globals, name, saved)
        return result

    # -- attributes -----------------------------------------------------------------------------
    def attribute_writes(self, cls: cst.ClassDef, attr: str) -> List[Tuple[Optional[cst.FunctionDef], cst.BaseExpression]]:
        """Values stored into `self.attr` by the methods of the class and its bases of this
        module, and the class-level value (with None for the function)."""
        def compute() -> List[Tuple[Optional[cst.FunctionDef], cst.BaseExpression]]:
            writes: List[Tuple[Optional[cst.FunctionDef], cst.BaseExpression]] = []
            for klass in self.lineage(cls):
                for statement in klass.body.body:
                    if isinstance(statement, cst.SimpleStatementLine):
                        for small in statement.body:
                            value = _class_level_value(small, attr)
                            if value is not None:
                                writes.append((None, value))
                for method in self.methods(klass):
                    flow = self.flow(method)
                    self_name = flow._self_name
                    if self_name is None:
                        continue
                    for binding in flow.facts.attribute_stores.get(f"{self_name}.{attr}", ()):
                        if binding.value is not None:
                            writes.append((method, binding.value))
            return writes

        return self.context.memo(("flow-attribute-writes", id(cls), attr), compute)

    def instance_attribute(self, cls: cst.ClassDef, attr: str) -> Labels:
        """What `self.attr` holds, over every method that stores into it."""
        key = (id(cls), attr)
        if key in self._attributes:
            self.provisional.read(key)
            return self._attributes[key]
        pending = self.provisional.lookup(self._attributes, key)
        if pending is not MISSING:
            return pending  # type: ignore[no-any-return]
        self._attributes[key] = NONE
        saved = self.provisional.begin(key)
        labels: Set[Label] = set()
        writes = self.attribute_writes(cls, attr)
        for method, value in writes:
            flow = self.flow(method) if method is not None else self.module_flow()
            labels |= _without_params(flow.labels(value), method)
        for method, value in self.item_writes(cls, attr):
            labels |= _without_params(self.flow(method).labels(value), method)
        prop = self.property_method(cls, attr) if not writes else None
        if prop is not None:
            # `self.headers` of `@property def headers(self): return {...}`: what it returns, by
            # where that comes from; names inside it say nothing here (`return domain,
            # self.credentials` of a `_cache_key` property): the property's own name is the
            # value's, as a helper's name is its result's
            summary = self.summary(prop)
            returned = _without_params(summary.returns, prop) if summary is not None else {Label(OPAQUE, None)}
            labels |= {label for label in returned if label.kind != NAMED}
        elif not writes:
            labels.add(Label(OPAQUE, None))  # set where we do not see (a base class, a caller)
        result = frozenset(labels)
        self._attributes[key] = result
        self.provisional.end(key, self._attributes, key, saved)
        return result

    def attribute_at_construction(self, cls: cst.ClassDef, attr: str, constructor: cst.FunctionDef) -> Labels:
        """What `self.attr` holds where the constructor (`__init__`, a dataclass's
        `__post_init__`) reads it: what the constructor and the methods it calls store into it,
        not what another method stores later (`self.params["api_key"] = ...` in `get()`,
        run after the object is built); a value no method stores is the caller's (a
        dataclass field)."""
        flow = self.flow(constructor)
        called = {id(constructor)} | {
            id(target[0]) for call in flow.facts.own_calls
            if isinstance(call.func, cst.Attribute) and flow.is_self(call.func.value)
            for target in [self.resolve(flow, call)] if target is not None}
        labels: Set[Label] = set()
        writes = self.attribute_writes(cls, attr)
        for method, value in writes:
            if method is None or id(method) in called:
                labels |= _without_params(self.flow(method).labels(value) if method is not None
                                          else self.module_flow().labels(value), method)
        for method, value in self.item_writes(cls, attr):
            if id(method) in called:
                labels |= _without_params(self.flow(method).labels(value), method)
        if not writes:
            labels.add(Label(OPAQUE, None))  # set where we do not see (a base class, a caller)
        return frozenset(labels)

    def property_method(self, cls: cst.ClassDef, attr: str) -> Optional[cst.FunctionDef]:
        """The property `attr` of the class or of a base class of the module."""
        for klass in self.lineage(cls):
            for method in self.methods(klass):
                if method.name.value == attr and any(
                    (dotted_name(d.decorator) or "").endswith(("property", "cached_property")) for d in method.decorators
                ):
                    return method
        return None

    def item_writes(self, cls: cst.ClassDef, attr: str) -> List[Tuple[cst.FunctionDef, cst.BaseExpression]]:
        """`self.attr[key] = value` in the methods of the class: the values."""
        writes = []
        for klass in self.lineage(cls):
            for method in self.methods(klass):
                flow = self.flow(method)
                if flow._self_name is None:
                    continue
                for _, _, value in flow.facts.item_stores.get(f"{flow._self_name}.{attr}", ()):
                    writes.append((method, value))
        return writes

    def mapping_keys(self, flow: FunctionFlow, container: cst.BaseExpression) -> Optional[Labels]:
        """The keys of a dict the code writes out and fills by key (`self.tokens = {}`, then
        `self.tokens[slot] = token, expiry`): listing it (`list(self.tokens)`) gives these, not
        what it holds. None when it is not seen to be such a dict (another value bound, a `**`
        entry, a dict built by a call)."""
        if isinstance(container, cst.Name) and flow.facts.is_local(container.value) \
                and container.value not in flow.facts.globals:
            name = container.value
            bindings = flow.reaching(name, container)
            if not bindings or not all(_dict_display(binding.value) for binding in bindings):
                return None
            labels: Set[Label] = set()
            for binding in bindings:
                labels |= _display_keys(flow, binding.value)
            for _, key, _ in flow.facts.item_stores.get(name, ()):
                labels |= flow.labels(key)
            return frozenset(labels)
        if isinstance(container, cst.Attribute) and flow.is_self(container.value) and flow.owner is not None:
            attr = container.attr.value
            writes = self.attribute_writes(flow.owner, attr)
            if not writes or not all(_dict_display(value) for _, value in writes):
                return None
            labels = set()
            for method, value in writes:
                writer = self.flow(method) if method is not None else self.module_flow()
                labels |= _without_params(_display_keys(writer, value), method)
            for klass in self.lineage(flow.owner):
                for method in self.methods(klass):
                    writer = self.flow(method)
                    if writer._self_name is None:
                        continue
                    for _, key, _ in writer.facts.item_stores.get(f"{writer._self_name}.{attr}", ()):
                        labels |= _without_params(writer.labels(key), method)
            return frozenset(labels)
        return None

    def container_values(self, flow: FunctionFlow, container: cst.BaseExpression) -> Labels:
        """What has been stored into a dict the code keeps: a local one, `self._tokens`, a
        module-level one (`_CACHE[key] = value`). For a local one, what was stored before the
        read, or in a loop around it (`ea["download_auth"] = (user, password)` after a loop
        that logs `ea[field]` is not among what the loop reads)."""
        if isinstance(container, cst.Name):
            name = container.value
            if flow.facts.is_local(name) and name not in flow.facts.globals:
                at = flow.facts.order_of(container)
                loops = _enclosing_loops(flow, container)
                labels: Set[Label] = set()
                for order, _, value in flow.facts.item_stores.get(name, ()):
                    if order < at or any(flow.facts.within(value, loop) for loop in loops):
                        labels |= flow.labels(value)
                return frozenset(labels)
            return self.global_labels(name)
        if isinstance(container, cst.Attribute) and flow.is_self(container.value) and flow.owner is not None:
            return self.instance_attribute(flow.owner, container.attr.value)
        return NONE


def _enclosing_loops(flow: FunctionFlow, node: cst.CSTNode) -> List[cst.CSTNode]:
    """The `for` / `while` statements of the function around `node`."""
    loops: List[cst.CSTNode] = []
    current = flow.facts.parent_of(node)
    while current is not None and current is not flow.scope:
        if isinstance(current, (cst.For, cst.While)):
            loops.append(current)
        current = flow.facts.parent_of(current)
    return loops


def receiver_in_methods(flow: FunctionFlow, receiver: str) -> List[Tuple[FunctionFlow, str]]:
    """The function with `receiver` (`self.session`, `client`) as written there, and, for a
    receiver kept in `self`, every other method of the class with the receiver as that method
    writes it (its own first parameter's name): where the object may be configured."""
    flows = [(flow, receiver)]
    self_name = flow._self_name
    if self_name is not None and receiver.startswith(f"{self_name}.") and flow.owner is not None:
        module = module_flow(flow.context)
        for method in module.methods(flow.owner):
            other = module.flow(method) if method is not flow.scope else None
            if other is not None and other._self_name is not None:
                flows.append((other, receiver.replace(f"{self_name}.", f"{other._self_name}.", 1)))
    return flows


def _timed_signer(flow: FunctionFlow, call: cst.Call) -> bool:
    """The receiver of `.unsign()` / `.loads()` is made by a timed signer (itsdangerous's,
    Django's `TimestampSigner`), built in the call or bound to a local once."""
    receiver = call.func.value if isinstance(call.func, cst.Attribute) else None
    if isinstance(receiver, cst.Name) and flow.facts.is_local(receiver.value):
        receiver = flow.reaching_value(receiver) or receiver
    return isinstance(receiver, cst.Call) and flow.context.qualified_name(receiver.func, flow.facts) in TIMED_SIGNERS


def bind_target(target: "Tuple[cst.FunctionDef, Optional[cst.ClassDef]]", args: Sequence[cst.Arg]) -> Dict[str, cst.BaseExpression]:
    """The arguments of a call by the parameter names of the function or method it resolves to
    (`resolve`'s answer): a method's `self` (or a classmethod's `cls`) takes no argument, a
    static method's first parameter does (`self.server.update_claims(session, ...)`)."""
    function, owner = target
    return bind_arguments(function, args, skip_self=owner is not None and not is_static(function))


def _with_spread_keywords(bound: Dict[str, cst.BaseExpression], args: Sequence[cst.Arg],
                          param_sinks: Mapping[str, Tuple["Sink", ...]]) -> Dict[str, cst.BaseExpression]:
    """`api._get("activity/get", params=params)` where `_get(self, call, **kwargs)` hands its
    `**kwargs` on to a request: the keyword `params` bound as `**params` (sinks.KEYWORD_PREFIX)."""
    if not any(name.startswith(KEYWORD_PREFIX) for name in param_sinks):
        return bound
    extra = {KEYWORD_PREFIX + arg.keyword.value: arg.value for arg in args
             if arg.keyword is not None and not arg.star and arg.keyword.value not in bound}
    return {**bound, **{name: value for name, value in extra.items() if name in param_sinks}}


def bind_arguments(function: cst.FunctionDef, args: Sequence[cst.Arg], skip_self: bool) -> Dict[str, cst.BaseExpression]:
    """The arguments of a call by the callee's parameter names (stars leave the rest unbound)."""
    params = function.params
    positional = [p.name.value for p in (*params.posonly_params, *params.params)]
    if skip_self and positional:
        positional = positional[1:]
    keywords = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
    bound: Dict[str, cst.BaseExpression] = {}
    index = 0
    for arg in args:
        if arg.star:
            break
        if arg.keyword is not None:
            if arg.keyword.value in keywords:
                bound[arg.keyword.value] = arg.value
        elif index < len(positional):
            bound[positional[index]] = arg.value
            index += 1
    return bound


def _extra_positional(target: "Tuple[cst.FunctionDef, Optional[cst.ClassDef]]", args: Sequence[cst.Arg]) -> List[cst.BaseExpression]:
    """The positional arguments of a call past the callee's named ones: what its `*args` gets."""
    function, owner = target
    named = len(function.params.posonly_params) + len(function.params.params)
    if owner is not None and not is_static(function) and named:
        named -= 1
    positional = [arg.value for arg in args if arg.keyword is None and not arg.star]
    return positional[named:]


def _all_params(function: cst.FunctionDef) -> List[cst.Param]:
    params = function.params
    return [*params.posonly_params, *params.params, *params.kwonly_params]



def _receiver_is_self(flow: FunctionFlow, call: cst.Call, func: cst.BaseExpression) -> bool:
    """`self.helper()` / `super().helper()`: the callee's `self` is the caller's."""
    if not isinstance(func, cst.Attribute):
        return False
    receiver = func.value
    if flow.is_self(receiver):
        return True
    return isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Name) and receiver.func.value == "super"


def _dict_display(value: Optional[cst.BaseExpression]) -> bool:
    """`{}`, `{"a": x}` (no `**` entry), `dict()` / `dict(a=x)`, `defaultdict(list)`."""
    if isinstance(value, cst.Dict):
        return all(isinstance(element, cst.DictElement) for element in value.elements)
    if isinstance(value, cst.Call) and leaf_name(value) in ("dict", "OrderedDict"):
        return all(arg.keyword is not None for arg in value.args)
    return isinstance(value, cst.Call) and leaf_name(value) == "defaultdict" and len(value.args) <= 1


def _display_keys(flow: FunctionFlow, value: Optional[cst.BaseExpression]) -> Labels:
    if isinstance(value, cst.Dict):
        return flow._union(element.key for element in value.elements if isinstance(element, cst.DictElement))
    return NONE  # keyword keys are names, not values


def _without_params(labels: Labels, writer: Optional[cst.FunctionDef]) -> Labels:
    """Labels seen from another function: a parameter of the writer means nothing there, and
    the writer's parameters among the inputs become `writer:NAME.PARAM` (not the reader's)."""
    out = set()
    for label in labels:
        if label.kind == PARAM:
            continue
        if writer is not None and any(atom.startswith("param:") for atom in label.inputs):
            prefix = f"writer:{writer.name.value}."
            label = replace(label, inputs=frozenset(
                prefix + atom[len("param:"):] if atom.startswith("param:") else atom for atom in label.inputs
            ))
        out.add(label)
    return frozenset(out)


def _verified_argument(exported: "FunctionExport", call: cst.Call) -> Optional[cst.BaseExpression]:
    """The argument a call hands to a verified parameter of another module's function: the
    first the call fills, in the call's order (never a set's hash-seeded order, which made a
    finding come and go between runs)."""
    bound = remote.bind(exported, call.args)
    return next((value for name, value in bound.items() if name in exported.verified_params), None)


def _first_argument(call: cst.Call) -> Optional[cst.BaseExpression]:
    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    return positional[0] if positional else None


def _class_level_value(small: cst.BaseSmallStatement, attr: str) -> Optional[cst.BaseExpression]:
    """`attr = value` / `attr: T = value` in a class body."""
    if isinstance(small, cst.Assign):
        for target in small.targets:
            if isinstance(target.target, cst.Name) and target.target.value == attr:
                return small.value
    if isinstance(small, cst.AnnAssign) and small.value is not None:
        if isinstance(small.target, cst.Name) and small.target.value == attr:
            return small.value
    return None


def module_flow(context: FileContext) -> ModuleFlow:
    """The one ModuleFlow of a file, made on first request."""
    return context.memo("module-flow", lambda: ModuleFlow(context))
