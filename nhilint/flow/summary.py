"""A function's summary: what it returns, where its parameters go, whether it verifies a token.

Computed once per function, from its flow, and used at every call site: the returned labels
with the callee's parameters replaced by the caller's arguments, and the callee's sinks
reached by the caller's values. Summaries of helpers are folded in (a parameter handed to a
helper that logs it is logged), so a chain of helpers costs one summary each.

Summaries hold plain data and nodes of their own module; the project index (issue 14) exports
them to the modules that import the function.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Dict, FrozenSet, List, Mapping, Optional, Set, Tuple

import libcst as cst

from nhilint.catalogue.tokens import AUTHENTICATION_METHODS
from nhilint.analysis.syntax import is_none
from nhilint.analysis.names import names_identifier, names_session_id
from nhilint.analysis.http import keyword_arg
from nhilint.analysis.credentials import string_literal
from nhilint.flow import sinks
from nhilint.flow.error_answers import error_answer
from nhilint.flow.sources import authentication_class
from nhilint.flow.param_branches import guarded_entries, other_type_branch, return_condition, value_condition
from nhilint.flow.labels import CLAIMS, NONE, PARAM, Label, Labels, token_labels

if TYPE_CHECKING:
    from nhilint.project.exports import Place
    from nhilint.context import RelatedPlace
    from nhilint.flow.function import FunctionFlow
    from nhilint.flow.module import ModuleFlow

# Kinds of sink a parameter can reach
LOG = "log"  # written to a log or the console
OUTBOUND = "outbound"  # sent as a credential (header, auth) on an outbound request
QUERY = "query"  # a mapping URL-encoded into a URL's query (its entries become query parameters)
# the URL or body of a request whose answer body is logged: a token request's answer is the token
ANSWER = "answer-logged"


@dataclass(frozen=True)
class Sink:
    kind: str
    # the call where it happens; for a sink in another module of the project, the call into it
    node: cst.CSTNode
    # the function that holds that call; None in another module (then `elsewhere` says where)
    function: Optional[cst.FunctionDef]
    # the value is a token in the function the sink was found from, whatever the caller
    # passes (its name says so): a rule reports it there, not at every caller; for an ANSWER
    # sink, the logged answer is (the helper fetches a token itself and its log is reported)
    token_there: bool = False
    # an outbound request's host, when known, and whether it is an identity provider's endpoint
    # about the caller's own token (userinfo, introspection, token exchange)
    host: Optional[str] = None
    to_identity_provider: bool = False
    # in another module of the project: the function's name and where the sink is
    function_name: str = ""
    elsewhere: Optional["Place"] = None
    # the sink runs only when a parameter of its function holds one of some values
    # (`if method == "GET":`): the parameter's name, then the values (param_branches.value_condition)
    only_if: Tuple[str, ...] = ()
    # a LOG sink that prints to stdout (`print(...)`): a command's output, which may be its
    # answer to the person who ran it (nhilint.flow.printed_answers)
    stdout: bool = False

    @property
    def holder(self) -> str:
        """The name of the function holding the sink."""
        return self.function.name.value if self.function is not None else self.function_name

    def related(self, message: str) -> "RelatedPlace":
        """Where the sink is, as a finding's second place (nhilint.context.RelatedPlace)."""
        if self.elsewhere is not None:
            return (self.elsewhere.path, self.elsewhere.line, message)
        return (None, self.node, message)


class FunctionSummary:
    """What a function does with tokens. A plain class: never compared, hashed or copied, and a
    dataclass costs about 3 M instructions to create at every start (benchmarks/README.md,
    speed20)."""

    __slots__ = ("function", "returns", "return_inputs", "param_sinks", "verified_params", "verifier", "returns_by_arm")

    def __init__(self, function: cst.FunctionDef, returns: Labels = NONE, return_inputs: FrozenSet[str] = frozenset(),
                 param_sinks: Optional[Mapping[str, Tuple[Sink, ...]]] = None,
                 verified_params: FrozenSet[str] = frozenset(), verifier: Optional[cst.CSTNode] = None) -> None:
        self.function = function
        self.returns = returns
        # the inputs the returned values depend on (`param:`, `self:`, `global:` atoms)
        self.return_inputs = return_inputs
        # parameter name -> the sinks its value reaches, here or in the helpers it is handed to
        self.param_sinks: Mapping[str, Tuple[Sink, ...]] = {} if param_sinks is None else param_sinks
        # parameters handed to a verifier as the token
        self.verified_params = verified_params
        # the call through which the function verifies a token (a decode, a verifier, a helper)
        self.verifier = verifier
        # what each return gives under the arm it runs in (param_branches.return_condition),
        # when one of them runs only for some calls; () when every return runs for any
        self.returns_by_arm: Tuple[Tuple[Tuple[str, ...], Labels], ...] = ()


def summarise(module: "ModuleFlow", flow: "FunctionFlow") -> FunctionSummary:
    function = flow.scope
    assert isinstance(function, cst.FunctionDef)
    returns: Set[Label] = set()
    by_arm = []
    for value in flow.facts.returns:
        labels = flow.labels(value)
        returns |= labels
        condition = return_condition(flow, value) if token_labels(labels) else ()
        guarded = guarded_entries(flow, value, labels) if token_labels(labels) and not condition else None
        if guarded is not None:
            # `if include_token: data["token"] = token`, then `return data`: a call that does
            # not pass the flag gets the dict without the token
            by_arm.append(((), guarded[1]))
            condition = guarded[0]
        by_arm.append((condition, labels))
    summary = FunctionSummary(
        function=function,
        returns=frozenset(returns),
        return_inputs=flow.return_inputs(),
        param_sinks=param_sinks(module, flow),
        verified_params=flow.verified_params(),
        verifier=_verifier(module, flow),
    )
    if any(condition for condition, _ in by_arm):
        # `if section is None: return parser.sections()`, then `return (host, user, password)`:
        # a call that passes no section gets the names (ModuleFlow.call_labels)
        summary.returns_by_arm = tuple(by_arm)
    return summary


def _verifier(module: "ModuleFlow", flow: "FunctionFlow") -> Optional[cst.CSTNode]:
    """The first call through which the function verifies a token: one whose value is a
    verdict (a verifying decode, an introspection, a verifier of the catalogue), or a call
    to a function of the module that verifies. A framework authentication hook
    (`authenticate_credentials` of a DRF authentication class) is a verifier by its role."""
    function = flow.scope
    if isinstance(function, cst.FunctionDef) and function.name.value in AUTHENTICATION_METHODS and authentication_class(flow):
        return function
    for call in flow.facts.own_calls:
        if module.verified_token(flow, call) is not None:
            return call
        if any(label.kind == CLAIMS and label.origin is call for label in flow.labels(call)):
            return call
        target = module.resolve(flow, call)
        if target is not None and target[0] is not flow.scope:
            summary = module.summary(target[0])
            if summary is not None and summary.verifier is not None:
                return call
        elif target is None:
            exported = module.remote(flow, call)
            if exported is not None and exported.verifier is not None:
                return call  # a verifier of another module of the project
    return None


def _named_place(flow: "FunctionFlow", value: cst.BaseExpression) -> bool:
    """A local the function names a file's location or an identifier (`oauth_file =
    oauth_credentials` in the branch where the parameter is a string: the path of the file the
    credentials are kept in): what it logs of the parameter through that name is that, in the
    programmer's words, as a name decides for a value (FunctionFlow._name)."""
    return isinstance(value, cst.Name) and flow.facts.is_local(value.value) and value.value not in flow.param_names \
        and names_identifier(value.value) and not names_session_id(value.value)


def param_sinks(module: "ModuleFlow", flow: "FunctionFlow") -> Mapping[str, Tuple[Sink, ...]]:
    """Where each parameter of the function goes: the sinks its value reaches, here or in the
    helpers it is handed to (computed once: a summary takes what ModuleFlow.param_sinks found)."""
    function = flow.scope
    assert isinstance(function, cst.FunctionDef)
    computed = module.computed_param_sinks(function)
    return computed if computed is not None else _param_sinks(module, flow, function)


def _param_sinks(module: "ModuleFlow", flow: "FunctionFlow", function: cst.FunctionDef) -> Dict[str, Tuple[Sink, ...]]:
    found: Dict[str, List[Sink]] = {}

    def reach(value: cst.BaseExpression, sink: Sink, at: Optional[cst.CSTNode] = None) -> None:
        """`value` reaches `sink`, here at `at` (the sink's own call unless a helper's)."""
        labels = flow.labels(value)
        if token_labels(labels) and sink.kind != ANSWER:  # an ANSWER sink says it when it is made
            # a token here, whatever the caller passes: reported here (at the sink, or at the
            # call handing it to the helper that logs it), not again at every caller that
            # hands its own parameter on
            sink = replace(sink, token_there=True)
        for label in labels:
            if label.kind == PARAM and not label.derived \
                    and not other_type_branch(flow, sink.node if at is None else at, label.detail):
                found.setdefault(label.detail, []).append(sink)

    if function.name.value == "__init__" and flow.owner is not None:
        # `self.bearer = bearer`, sent by `for_user()` in its Authorization header
        for attr, sent in _attribute_sinks(module, flow.owner).items():
            for method, value in module.attribute_writes(flow.owner, attr):
                if method is function:
                    for sink in sent:
                        reach(value, sink, value)
    for walked, returned in sinks.hand_built_queries(flow):
        reach(walked, Sink(QUERY, returned, function))  # `build_url(url, params)` writing `k=v` pairs after a `?`
    for call in flow.facts.own_calls:
        query = sinks.urlencoded_query(flow, call)
        if query is not None:
            reach(query, Sink(QUERY, call, function, only_if=value_condition(flow, call)))
            continue
        logged = sinks.log_arguments(flow, call)
        if logged:
            for value in logged:
                if _named_place(flow, value):
                    continue  # `oauth_file = oauth_credentials`, then `log(oauth_file)`: a path
                if not error_answer(flow, call, value):  # `if "error" in result: log(result)`
                    reach(value, Sink(LOG, call, function, only_if=value_condition(flow, call), stdout=sinks.to_stdout(flow, call)))
                    answered = sinks.answered_requests(flow, call, value)
                    if answered:
                        from nhilint.flow.logged_values import logged_tokens  # a helper logging answers: few

                        # `fetch_token()` logging its own token endpoint's answer: reported there
                        reported = bool(logged_tokens(flow, value, call))
                    for request in answered:
                        for arg in request.args:  # `session.post(url, data=body)`: what chose the answer
                            reach(arg.value, Sink(ANSWER, call, function, token_there=reported))
            continue
        outbound = sinks.outbound_request(flow, call)
        if outbound is not None:
            host, provider = sinks.destination(flow, outbound)
            condition = value_condition(flow, call)
            for value in sinks.sent_credentials(flow, outbound):
                reach(value, Sink(OUTBOUND, call, function, host=host, to_identity_provider=provider, only_if=condition))
            params = keyword_arg(call, "params")
            if params is not None and _sent_always(flow, params, call):
                # `session.request("GET", url, params=args)`: the mapping goes in the query
                # (`if method == "GET": client.get(url, params=data)`: for a GET only; so
                # `params = payload if method == "get" else None`)
                chosen = flow.reaching_value(params) if isinstance(params, cst.Name) else None
                if not condition and isinstance(chosen, cst.IfExp) and is_none(chosen.orelse):
                    condition = value_condition(flow, chosen.body)
                reach(params, Sink(QUERY, call, function, host=host, only_if=condition))
            elif params is None and _spreads_options(flow, call) and not _get_branch(flow, call):
                # `session.get(url + call, **kwargs)`: a caller's `params=` goes in the query
                found.setdefault(sinks.KEYWORD_PREFIX + "params", []).append(Sink(QUERY, call, function, host=host, only_if=condition))
            continue
        helper = module.helper_sinks(flow, call)
        if helper is None:
            continue
        bound, param_sinks = helper
        for name, reached in param_sinks.items():
            if name in bound:
                for sink in reached:
                    if sink.kind != LOG or not error_answer(flow, call, bound[name]):
                        reach(bound[name], _seen_from_here(sink, bound, function), call)  # not an error answer handed to a logging handler
            elif name.startswith(sinks.KEYWORD_PREFIX) and _spreads_options(flow, call):
                found.setdefault(name, []).extend(reached)  # handed on whole to a helper that sends it
    # in the order of the parameters, not of the label sets they were found through (a set's
    # order changes with the hash seed, and a finding names the first parameter that leaks)
    position = {param.name.value: index for index, param in enumerate(_all_params(function))}
    ordered = sorted(found.items(), key=lambda item: (position.get(item[0], len(position)), item[0]))
    return {name: tuple(dict.fromkeys(reached)) for name, reached in ordered}


def _seen_from_here(sink: Sink, bound: Mapping[str, cst.BaseExpression], function: cst.FunctionDef) -> Sink:
    """A helper's sink that runs for some values of the helper's parameter only, as this
    function's: under the same condition on this function's parameter when that is what it
    hands on (`self._internal(method=method, ...)`), else unconditional (helper_sinks has
    left out the sinks whose value the call rules out)."""
    if not sink.only_if:
        return sink
    handed = bound.get(sink.only_if[0])
    if isinstance(handed, cst.Name) and any(p.name.value == handed.value for p in _all_params(function)):
        return replace(sink, only_if=(handed.value, *sink.only_if[1:]))
    return replace(sink, only_if=())


def _spreads_options(flow: "FunctionFlow", call: cst.Call) -> bool:
    """Whether the call is handed the function's own `**kwargs`, whole (`**kwargs`)."""
    function = flow.scope
    star = function.params.star_kwarg if isinstance(function, cst.FunctionDef) else None
    if not isinstance(star, cst.Param):
        return False
    name = star.name.value
    return any(arg.star == "**" and isinstance(arg.value, cst.Name) and arg.value.value == name for arg in call.args) \
        and flow.passed_on_options() == name


def _sent_always(flow: "FunctionFlow", value: cst.BaseExpression, call: cst.Call) -> bool:
    """Whether a request sends what its caller handed over as `params=` on every call: a
    parameter or a local set outside any branch, not `query = params` under `if method ==
    "GET":` (a POST of the same mapping goes in the body)."""
    if not isinstance(value, cst.Name):
        return False
    bindings = flow.reaching(value.value, call)
    if any(flow.conditional(binding, call) for binding in bindings):
        return False
    return not (_get_branch(flow, call) and not value_condition(flow, call))


def _get_branch(flow: "FunctionFlow", call: cst.Call) -> bool:
    """Whether the request runs only under a test that the method of a configured operation is
    GET (`if cfg["RequestMethod"] == "GET": requests.get(url, params=payload)`, the body sent
    otherwise): which operations are GETs is configuration the call does not show (a test of
    the helper's own parameter is read at each call: param_branches.value_condition)."""
    child, current = call, flow.facts.parent_of(call)
    while current is not None and current is not flow.scope:
        if isinstance(current, cst.If) and child is current.body and isinstance(current.test, cst.Comparison) \
                and len(current.test.comparisons) == 1 and isinstance(current.test.comparisons[0].operator, cst.Equal):
            sides = (current.test.left, current.test.comparisons[0].comparator)
            literal = [string_literal(side) for side in sides]
            if any((text or "").upper() == "GET" for text in literal) and any(
                    text is None and "method" in flow.context.module.code_for_node(side).lower()
                    for side, text in zip(sides, literal)):
                return True
        child, current = current, flow.facts.parent_of(current)
    return False


def _all_params(function: cst.FunctionDef) -> List[cst.Param]:
    params = function.params
    star = [params.star_arg] if isinstance(params.star_arg, cst.Param) else []
    kwargs = [params.star_kwarg] if params.star_kwarg is not None else []
    return [*params.posonly_params, *params.params, *star, *params.kwonly_params, *kwargs]


def _attribute_sinks(module: "ModuleFlow", owner: cst.ClassDef) -> Dict[str, List[Sink]]:
    """The attributes of `self` the methods of a class send as a credential on an outbound
    request (`headers={"Authorization": f"Bearer {self.bearer}"}`), with where they do."""
    def compute() -> Dict[str, List[Sink]]:
        found: Dict[str, List[Sink]] = {}
        for cls in module.lineage(owner):
            for method in module.methods(cls):
                flow = module.flow(method)
                for call in flow.facts.own_calls:
                    outbound = sinks.outbound_request(flow, call)
                    if outbound is None:
                        continue
                    host, provider = sinks.destination(flow, outbound)
                    for value in sinks.sent_credentials(flow, outbound):
                        for attr in _self_attributes(flow, value):
                            found.setdefault(attr, []).append(
                                Sink(OUTBOUND, call, method, host=host, to_identity_provider=provider))
        return found

    return module.context.memo(("flow-attribute-sinks", id(owner)), compute)


def _self_attributes(flow: "FunctionFlow", value: cst.BaseExpression) -> List[str]:
    """The attributes of `self` an expression reads (`f"Bearer {self.bearer}"`)."""
    from nhilint.walk import nodes_of

    return [node.attr.value for node in nodes_of(value, cst.Attribute) if flow.is_self(node.value)]
