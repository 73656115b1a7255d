"""The flow inside one function: what each expression holds (its labels) and which inputs
(parameters, attributes, globals) it depends on.

Labels follow a value through names (def-use, with the bindings that reach a read), attributes
(`self.x` through every method of the class, nhilint.flow.module), containers, f-strings and
concatenation, `or`, `.copy()`, unpacking, `functools.partial`, lambdas, and calls to the
module's own functions (through their summaries). A call the module cannot follow makes a value
that depends on its arguments (`derived`) but does not carry them.

Everything is computed on request and memoised per node: a rule that asks about one call pays
for the expressions it reaches, not for the function.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.credentials import string_literal
from nhilint.analysis.names import (
    env_var_name, is_credential_header, is_token_name, names_action, names_identifier, names_token_property,
    names_verification_result,
)
from nhilint.analysis.scope import Binding, ScopeFacts, ScopeNode
from nhilint.catalogue.caches import CACHE_OBJECTS
from nhilint.catalogue.http import CREDENTIAL_HEADERS, HTTP_KEYWORDS, HTTP_METHODS
from nhilint.catalogue.tokens import REGISTERED_CLAIMS, TOKEN_ATTRIBUTES, TOKEN_FIELDS, TOKEN_METADATA
from nhilint.flow import sinks, sources
from nhilint.project import remote
from nhilint.flow.provisional import MISSING
from nhilint.flow.labels import (
    CACHE,
    CLAIMS,
    COMPUTED,
    CREDENTIAL,
    FETCHED,
    INBOUND,
    INBOUND_HEADERS,
    LOGGER,
    NAMED,
    NONE,
    OBJECT_KINDS,
    OPAQUE,
    PARAM,
    PARAM_HEADER,
    RAW_TOKEN,
    SOURCE_KINDS,
    TOKEN_KINDS,
    WRAPPED,
    Label,
    Labels,
    derive,
    token_labels,
)
from nhilint.secret_formats import known_format, secret_value
from nhilint.walk import children, nodes_of
from nhilint.analysis.syntax import without_docstring

if TYPE_CHECKING:
    from nhilint.flow.module import ModuleFlow

# Calls whose result shows no secret: a masked, hashed or measured form.
_MASKING = frozenset({
    "len", "bool", "type", "id", "hash", "isinstance", "callable", "mask", "redact", "sha1", "sha256", "sha512",
    "md5", "blake2b", "blake2s", "hexdigest", "digest", "compare_digest", "count", "startswith", "endswith",
    "isdigit", "isalnum",
})
# A function named for the redaction of secrets (`sanitize`, `scrub_pii`) is taken at its word,
# as `mask` and `redact` are: what it keeps is decided by keys and patterns the flow cannot
# weigh (oic's `sanitize` keeps a value unless its key is a credential's).
_MASKING_WORDS = ("mask", "redact", "hash", "obfuscat", "truncat", "fingerprint", "censor", "hide", "anonymi",
                  "sanitiz", "scrub", "privacy", "filter_log", "log_filter")


def masks(leaf: str) -> bool:
    """A call whose name says it hides what it is given (`mask_token`, `privacy_filter`,
    `filter_logger`): what it returns is no token."""
    return leaf in _MASKING or any(word in leaf.lower() for word in _MASKING_WORDS)
_SPLITTING = ("split", "rsplit", "partition", "rpartition")


def _alternate_constructor(func: cst.BaseExpression) -> bool:
    """`TokenResponse.from_json(answer)`, `Token.model_validate(data)`: a class's alternate
    constructor, which builds an object holding what it is given, as `TokenResponse(...)` does."""
    if not isinstance(func, cst.Attribute):
        return False
    owner = func.value.attr.value if isinstance(func.value, cst.Attribute) else getattr(func.value, "value", "")
    name = func.attr.value
    return isinstance(owner, str) and owner[:1].isupper() and not owner.isupper() and (
        name.startswith("from_") or name in _CONSTRUCTOR_METHODS)


_CONSTRUCTOR_METHODS = frozenset({"parse_obj", "parse_raw", "model_validate", "model_validate_json"})


_SENDING_METHODS = HTTP_METHODS - {"get"}  # a bare `.get(key)` is a mapping's: tested apart below


def _transport_call(call: cst.Call) -> bool:
    """A request sent through an HTTP client object: `session.post(url, data=...)`,
    `client.request(method=..., url=...)`, `http.get(url, params=...)` (a `get` with an HTTP
    keyword; a bare `.get(key)` is a mapping's)."""
    func = call.func
    if type(func) is not cst.Attribute or not call.args:
        return False
    leaf = func.attr.value  # type: ignore[attr-defined]
    if leaf in _SENDING_METHODS:
        return True
    return leaf == "get" and any(arg.keyword is not None and arg.keyword.value in HTTP_KEYWORDS for arg in call.args)


def _negative(expr: cst.BaseExpression) -> bool:
    """`-4`: a count from the end."""
    return isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus)


def _mapping_get(call: cst.Call) -> bool:
    """`mapping.get(key)`, `mapping.get(key, default)`: a key and at most a default; a `.get`
    with more or other keywords (`client.get(path, json_data=body)`) is some client's method."""
    if len(call.args) > 2 or call.args[0].keyword is not None or call.args[0].star:
        return False
    if len(call.args) == 1:
        return True
    second = call.args[1]
    return not second.star and (second.keyword is None or second.keyword.value == "default")


def _dot_separator(call: cst.Call) -> bool:
    """`.split(".")`, `.split(b".", 1)`: the separator of a JWT's three parts."""
    first = call.args[0] if call.args else None
    return (first is not None and first.keyword is None and isinstance(first.value, cst.SimpleString)
            and first.value.value.lstrip("bB") in ('"."', "'.'"))


# Methods that hand back their receiver's value in another form (`header.split()[1]`,
# `token.decode()`, `response.json()`): the token goes along.
_RECEIVER_CARRYING = frozenset({
    "strip", "lstrip", "rstrip", "split", "rsplit", "partition", "rpartition", "replace", "removeprefix",
    "removesuffix", "lower", "upper", "casefold", "encode", "decode", "copy", "items", "values",
    "get_secret_value", "to_dict", "model_dump", "dict", "json",
})
# Calls that hand back their arguments' value in another form (`str(token)`, `", ".join(parts)`,
# `json.dumps(claims)`, `"{}".format(token)`): the token goes along.
_ARGUMENT_CARRYING = frozenset({
    "str", "repr", "format", "join", "dict", "list", "tuple", "set", "frozenset", "dumps", "loads", "copy",
    "deepcopy", "b64encode", "urlsafe_b64encode", "quote", "quote_plus", "urlencode", "cast",
})
# Methods that feed their arguments into their receiver: a hash, a list, a set, a buffer.
_FEEDING = frozenset({"update", "append", "extend", "add", "insert", "write"})
# Calls that list what iterating their argument gives: a dict's keys.
_KEY_LISTING = frozenset({"list", "tuple", "set", "frozenset", "sorted"})
# Methods of a query that hand back its rows or a narrower query (`query.filter(...).first()`):
# on a model lookup, what they return are model objects too.
_QUERY_METHODS = frozenset({
    "filter", "filter_by", "options", "order_by", "limit", "offset", "join", "outerjoin", "where", "distinct",
    "exclude", "select_related", "prefetch_related", "first", "one", "one_or_none", "all", "last",
})
# Compound statements: a binding under one of these that does not also hold the read may not
# have run, so the bindings before it reach the read too.
_BRANCHES = (cst.If, cst.Else, cst.For, cst.While, cst.Try, cst.ExceptHandler, cst.Finally, cst.Match, cst.IfExp)


class _Computing(frozenset):
    """The labels of an expression while they are computed: empty, and told apart by identity."""


_COMPUTING: Labels = _Computing()


class FunctionFlow:
    """Labels and inputs of the expressions of one scope: a function, a lambda, the module body."""

    def __init__(self, module: "ModuleFlow", scope: ScopeNode, owner: Optional[cst.ClassDef]) -> None:
        self.module = module
        self.context = module.context
        self.scope = scope
        self.owner = owner
        self.facts: ScopeFacts = self.context.facts(scope)
        self._labels: Dict[int, Labels] = {}
        self._deps: Dict[int, FrozenSet[str]] = {}
        self._params: Dict[str, cst.Param] = {}
        self._self_name: Optional[str] = None
        if isinstance(scope, cst.FunctionDef):
            params = scope.params
            every = (*params.posonly_params, *params.params, *params.kwonly_params)
            for extra in (params.star_arg, params.star_kwarg):
                if isinstance(extra, cst.Param):
                    every = (*every, extra)
            self._params = {p.name.value: p for p in every}
            if owner is not None and every and not is_static(scope):
                self._self_name = every[0].name.value
        self._verified_params: Optional[FrozenSet[str]] = None
        self._verifying = False
        self._return_inputs: Optional[FrozenSet[str]] = None
        self._finding_return_inputs = False
        self._verified_locals: Optional[FrozenSet[str]] = None
        self._request_params: Optional[FrozenSet[str]] = None
        self._inbound_params: Optional[Set[str]] = None
        self._fed_args: Optional[Dict[str, List[cst.BaseExpression]]] = None

    # -- public ---------------------------------------------------------------------------------
    def labels(self, expr: Optional[cst.CSTNode]) -> Labels:
        if expr is None:
            return NONE
        key = id(expr)
        found = self._labels.get(key)
        if found is not None:
            if found is _COMPUTING:
                self.module.provisional.depth_cut()
            return found
        provisional = self.module.provisional
        pending = provisional.lookup(self._labels, key)
        if pending is not MISSING:
            return pending  # type: ignore[no-any-return]
        self._labels[key] = _COMPUTING  # a value defined through itself adds nothing
        saved = provisional.start()
        result = self._compute(expr)
        self._labels[key] = result
        provisional.finish(self._labels, key, saved)
        return result

    def deps(self, expr: Optional[cst.CSTNode]) -> FrozenSet[str]:
        """The inputs `expr` depends on: `param:NAME`, `self:ATTR`, `global:NAME`."""
        if expr is None:
            return frozenset()
        key = id(expr)
        found = self._deps.get(key)
        if found is not None:
            return found
        self._deps[key] = frozenset()
        result = frozenset(self._compute_deps(expr))
        self._deps[key] = result
        return result

    def call_inputs(self, call: cst.Call) -> FrozenSet[str]:
        """What reaches a call: its arguments and its receiver (`self._app.acquire_token(...)`
        depends on `self:_app`)."""
        inputs: Set[str] = set()
        for arg in call.args:
            inputs |= self.deps(arg.value)
        if isinstance(call.func, cst.Attribute):
            inputs |= self.deps(call.func.value)
        return frozenset(inputs)

    def argument_inputs(self, call: cst.Call) -> FrozenSet[str]:
        """What reaches a call's arguments (not its receiver)."""
        inputs: Set[str] = set()
        for arg in call.args:
            inputs |= self.deps(arg.value)
        return frozenset(inputs)

    def is_self(self, expr: cst.BaseExpression) -> bool:
        return isinstance(expr, cst.Name) and self._self_name is not None and expr.value == self._self_name and (
            not self.facts.bindings.get(expr.value)
        )

    def param_node(self, name: str) -> Optional[cst.Param]:
        return self._params.get(name)

    @property
    def param_names(self) -> List[str]:
        return [name for name in self._params if name != self._self_name]

    def request_params(self) -> FrozenSet[str]:
        if self._request_params is None:
            node = self.scope
            self._request_params = sources.request_params(self, node) if isinstance(node, cst.FunctionDef) else frozenset()
        return self._request_params

    def reaching(self, name: str, read: cst.CSTNode) -> List[Binding]:
        """The bindings of `name` that may hold where `read` is: the last one before it, and
        the ones before that while the later ones sit in a branch the read is not in."""
        order = self.facts.order_of(read)
        before = [b for b in self.facts.bindings.get(name, ()) if b.order < order]
        reaching: List[Binding] = []
        for binding in reversed(before):
            reaching.append(binding)
            if not self._conditional(binding, read):
                break
        return reaching

    def statement_of(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        """The statement that holds `node` (for suppression comments on a multi-line call)."""
        current: Optional[cst.CSTNode] = node
        while current is not None and not isinstance(current, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            current = self.facts.parent_of(current)
        return current

    # -- labels ---------------------------------------------------------------------------------
    def _compute(self, expr: cst.CSTNode) -> Labels:
        kind = type(expr)
        if kind is cst.Name:
            return self._name(expr)  # type: ignore[arg-type]
        if kind is cst.Attribute:
            return self._attribute(expr)  # type: ignore[arg-type]
        if kind is cst.Subscript:
            return self._subscript(expr)  # type: ignore[arg-type]
        if kind is cst.Call:
            return self._call(expr)  # type: ignore[arg-type]
        if kind is cst.Await:
            return self.labels(expr.expression)  # type: ignore[attr-defined]
        if kind is cst.SimpleString:
            return self._literal(expr)  # type: ignore[arg-type]
        if kind is cst.ConcatenatedString:
            if string_literal(expr) is None:  # `f"access {token}, " f"refresh {refresh}"`: what the parts hold
                return self._union((expr.left, expr.right))  # type: ignore[attr-defined]
            return self._literal(expr)  # type: ignore[arg-type]
        if kind is cst.FormattedString:
            return self._union(p.expression for p in expr.parts if isinstance(p, cst.FormattedStringExpression))  # type: ignore[attr-defined]
        if kind is cst.BinaryOperation:
            if isinstance(expr.operator, (cst.Add, cst.Modulo)):  # type: ignore[attr-defined]
                return self._union((expr.left, expr.right))  # type: ignore[attr-defined]
            return derive(self._union((expr.left, expr.right)))  # type: ignore[attr-defined]  # a number, computed from them
        if kind is cst.Comparison:
            # a verdict drawn from the claims (`claims["role"] == "admin"`); no token's value
            return derive(self._union([expr.left, *(c.comparator for c in expr.comparisons)]))  # type: ignore[attr-defined]
        if kind is cst.BooleanOperation:
            return self._union((expr.left, expr.right))  # type: ignore[attr-defined]
        if kind is cst.IfExp:
            return self._union((expr.body, expr.orelse))  # type: ignore[attr-defined]
        if kind in (cst.List, cst.Tuple, cst.Set):
            return self._union(e.value for e in expr.elements)  # type: ignore[attr-defined]
        if kind is cst.Dict:
            return self._union(e.value for e in expr.elements)  # type: ignore[attr-defined]
        if kind is cst.StarredElement or kind is cst.StarredDictElement:
            return self.labels(expr.value)  # type: ignore[attr-defined]
        if kind is cst.Lambda:
            return self.labels(expr.body)  # type: ignore[attr-defined]  # a callable stands for what it returns
        if kind in (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp):
            return self._comprehension(expr)  # type: ignore[arg-type]
        if kind is cst.NamedExpr:
            return self.labels(expr.value)  # type: ignore[attr-defined]
        return NONE  # numbers, comparisons, `not`: no token

    def _union(self, exprs: Iterable[Optional[cst.CSTNode]]) -> Labels:
        out: Set[Label] = set()
        for expr in exprs:
            out |= self.labels(expr)
        return frozenset(out)

    def _by_name(self, labels: Labels, name: str, origin: cst.CSTNode) -> Labels:
        """A value we cannot place is judged by the name it is read through (not an object
        looked up in a database: its printed form is not the token)."""
        if not any(label.kind == OPAQUE and label.detail != OBJECT for label in labels):
            return labels
        # a row's column is judged by its name even when what found the row (a client id from
        # the request) reached it: `Client.objects.get(client_id=...).client_secret`
        column = any(label.kind == OPAQUE and label.detail == ROW_FIELD for label in labels)
        if any(label.kind in SOURCE_KINDS and not (column and label.derived) for label in labels) \
                or not _credential_name(name):
            return labels
        return labels | {Label(NAMED, origin, detail=name)}

    def _literal(self, expr: cst.BaseExpression) -> Labels:
        text = string_literal(expr)
        if text is None:
            return NONE
        if known_format(text):  # a GitHub, Slack, AWS, OpenAI... token, or a JWT
            return frozenset({Label(CREDENTIAL, expr, detail="literal")})
        if secret_value(text):  # random-looking: a secret if its name says so
            return frozenset({Label(OPAQUE, expr, detail="literal")})
        return NONE

    def _name(self, node: cst.Name) -> Labels:
        name = node.value
        if name in ("True", "False", "None"):
            return NONE
        facts = self.facts
        if facts.is_local(name) and not (name in facts.globals):
            bindings = self.reaching(name, node)
            labels: Set[Label] = set()
            for binding in bindings:
                found = self._binding_labels(binding)
                if binding.unpacked_from is not None:
                    element = self._returned_element(binding, name, node)
                    found = element if element is not None else found
                if binding.value is None and binding.unpacked_from is not None and _IDENTITY_NAME.match(name):
                    # `client_id, client_secret = basic_auth(headers)`: the code splits one
                    # credential in two, and only the names tell the public half from the secret
                    found = frozenset(label for label in found if label.kind not in TOKEN_KINDS)
                labels |= found
            if bindings and any(label.kind == NAMED for label in labels) and names_identifier(name):
                # `token_pk = request.POST.get("_token")`: the local's own name says what the
                # key's name alone would not (an identifier), and the programmer named it
                labels = {label for label in labels if label.kind != NAMED}
            labels |= self._stored_items(name, node, bindings)
            reaches_start = not bindings or self._conditional(bindings[-1], node)
            if name in self._params and reaches_start:
                labels |= self._param_labels(name)
            elif not bindings:
                labels.add(Label(OPAQUE, node))
            if name in self.verified_locals() and name not in self._params:
                labels.add(Label(RAW_TOKEN, node))  # handed to a verifier: the raw token
            if self._credential_removed(name, node):
                labels = {label for label in labels if label.kind != INBOUND_HEADERS}
            if bindings and not facts.item_stores.get(name) and all(_keys_shown(b.value) for b in bindings):
                return frozenset(labels)  # the dict spells out what it holds: its keys decide, not its name
            return self._by_name(frozenset(labels), name, node)
        if name in facts.imports or (name in self.context.imports and name not in self.context.module_constants):
            imported = facts.imports.get(name) or self.context.imports.get(name)
            if imported in CACHE_OBJECTS:  # `from django.core.cache import cache`
                return frozenset({Label(CACHE, node, detail=CACHE_OBJECTS[imported])})
            exported = self._remote_constant(node)
            if exported is not None:
                return self._by_name(exported, name, node)
            if _FUNCTION_NAME.match(name):
                return frozenset({Label(OPAQUE, node)})  # `generate_token`: an imported function, not a value
            return self._by_name(frozenset({Label(OPAQUE, node)}), name, node)
        in_class = self._class_body_of(node)
        if in_class is not None and self._class_values(in_class, name):
            return self._by_name(self._class_labels(in_class, name), name, node)
        return self._by_name(self.module.global_labels(name), name, node)

    def _stored_items(self, name: str, read: cst.CSTNode, bindings: List[Binding]) -> Labels:
        """`forwarded[header] = value` before the read of a local dict made here: the dict holds
        what was stored in it since (values carried as they are: a dict of headers holding the
        caller's credential is sent, logged or returned with it)."""
        stores = self.facts.item_stores.get(name)
        if not stores or not bindings:
            return NONE
        made = min(binding.order for binding in bindings)
        at = self.facts.order_of(read)
        labels: Set[Label] = set()
        for order, _, value in stores:
            if made < order < at:
                labels |= self.labels(value)
        return frozenset(labels)

    def _class_body_of(self, node: cst.CSTNode) -> Optional[cst.ClassDef]:
        """The class whose body reads `node` directly (`SECRET_VARS = (CLIENT_ID, CLIENT_SECRET)`):
        there a name is first the class's own attribute, not a module global."""
        current = self.facts.parent_of(node)
        while current is not None and not isinstance(current, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            current = self.facts.parent_of(current)
        return current if isinstance(current, cst.ClassDef) else None

    def _class_values(self, cls: cst.ClassDef, attr: str) -> List[cst.BaseExpression]:
        """The values a class body assigns to `attr` (its own or a base's of this module)."""
        return [value for method, value in self.module.attribute_writes(cls, attr) if method is None]

    def _class_labels(self, cls: cst.ClassDef, attr: str) -> Labels:
        """What the class body assigns to `attr`, read where it is written (the module's flow)."""
        module = self.module.module_flow()
        labels: Set[Label] = set()
        for value in self._class_values(cls, attr):
            labels |= module.labels(value)
        return frozenset(labels)

    def _remote_constant(self, node: cst.BaseExpression) -> Optional[Labels]:
        """What a constant of another module of the project holds (`from app.settings import
        API_TOKEN`: the env var it reads); None when the project cannot tell (no project, a
        library's name, a value that module cannot place either)."""
        if self.context.project is None:
            return None
        exported = remote.constant(self.context, node, self.facts)
        if exported is None:
            return None
        if exported.labels:
            return remote.labels(exported.labels, node)
        return NONE if exported.known else None

    def _binding_labels(self, binding: Binding) -> Labels:
        if binding.value is not None:
            return self.labels(binding.value)
        if binding.unpacked_from is not None:
            # what the whole holds, less what only its name said: `slot, bearer = fresh_token`
            # makes `slot` no token for the container's name; each part is judged by its own
            return frozenset(label for label in self.labels(binding.unpacked_from) if label.kind != NAMED)
        if isinstance(binding.at, (cst.For, cst.CompFor)) and _model_objects(self.labels(binding.at.iter)):
            return frozenset({Label(OPAQUE, binding.at, detail=OBJECT)})  # a row of a query
        if isinstance(binding.at, cst.WithItem) and isinstance(binding.at.item, cst.Call) \
                and sinks.outbound_request(self, binding.at.item) is not None:
            return self.labels(binding.at.item)  # `async with session.post(...) as resp`: the response
        return frozenset({Label(OPAQUE, binding.at)})

    def _param_labels(self, name: str) -> Labels:
        param = self._params[name]
        if name == self._self_name:
            return NONE
        labels = {Label(PARAM, detail=name)}
        if self._inbound_params is None:
            self._inbound_params = sources.inbound_params(self.scope) if isinstance(self.scope, cst.FunctionDef) else set()
        if name in self._inbound_params:
            labels.add(Label(INBOUND, param))
        if name in self.verified_params():
            labels.add(Label(RAW_TOKEN, param))
        if sources.numeric_annotation(param):
            return frozenset(labels)  # `estimated_tokens: int`: a count
        labels.add(Label(OPAQUE, param))
        return frozenset(labels)

    def _credential_removed(self, name: str, read: cst.CSTNode) -> bool:
        """`headers.pop("Authorization", None)` / `del headers["Authorization"]` before the read,
        or `headers["Authorization"] = f"Bearer {own_token}"`: a copy of the incoming headers
        without the caller's credential (replaced by this service's, judged on its own)."""
        order = self.facts.order_of(read)
        for at, key in self.facts.item_deletes.get(name, ()):
            if at < order and sources.inbound_header_key(key):
                return True
        for at, key, _ in self.facts.item_stores.get(name, ()):
            if at < order and sources.inbound_header_key(key):
                return True
        return False

    def verified_locals(self) -> FrozenSet[str]:
        """Local names handed as the token to a verifier (`jwt.decode(encoded_jwt, ...)`)."""
        if self._verified_locals is None:
            self._verified_locals = frozenset()
            found: Set[str] = set()
            for call in self.facts.own_calls:
                if not any(isinstance(arg.value, cst.Name) for arg in call.args):
                    continue  # the token is one of the arguments: no name, no local (and no lookup)
                token = self.module.verified_token(self, call)
                if isinstance(token, cst.Name):
                    found.add(token.value)
            self._verified_locals = frozenset(found)
        return self._verified_locals

    def finding_return_inputs(self) -> bool:
        """Whether `return_inputs` is being computed (a recursive call asks)."""
        return self._finding_return_inputs

    def return_inputs(self) -> FrozenSet[str]:
        """The inputs what the function returns depends on (`param:`, `self:`, `global:` atoms)."""
        if self._return_inputs is None:
            self._finding_return_inputs = True
            try:
                inputs: Set[str] = set()
                for value in self.facts.returns:
                    inputs |= self.deps(value)
                self._return_inputs = frozenset(inputs)
            finally:
                self._finding_return_inputs = False
        return self._return_inputs

    def verifying_params(self) -> bool:
        """Whether `verified_params` is being computed (a recursive call asks)."""
        return self._verifying

    def verified_params(self) -> FrozenSet[str]:
        """Parameters handed to a verifier as its token: they hold the raw token."""
        if self._verified_params is None:
            self._verified_params = frozenset()  # asked again while computing: none yet
            self._verifying = True
            try:
                self._verified_params = self._find_verified_params()
            finally:
                self._verifying = False
        return self._verified_params

    def _find_verified_params(self) -> FrozenSet[str]:
        found: Set[str] = set()
        for call in self.facts.own_calls:
            if not any(dep.startswith("param:") for arg in call.args for dep in self.deps(arg.value)):
                continue  # the token is one of the arguments: none holds a parameter (no lookup)
            token = self.module.verified_token(self, call)
            if token is not None:
                found |= {dep[len("param:"):] for dep in self.deps(token) if dep.startswith("param:")}
        return frozenset(found)

    def _attribute(self, node: cst.Attribute) -> Labels:
        attr = node.attr.value
        if self.is_self(node.value) and self.owner is not None:
            return self._by_name(self.module.instance_attribute(self.owner, attr), attr, node)
        part = sources.request_part(self, node)
        if part is not None:
            return part
        if attr == "logger" or (attr == "log" and not isinstance(node.value, cst.Call)):
            return frozenset({Label(LOGGER, node)})  # `app.logger`, `self.log`
        qualname = self.context.qualified_name(node, self.facts) if isinstance(node.value, (cst.Name, cst.Attribute)) else None
        if qualname is not None and ".settings." in qualname + "." and qualname.startswith(("django.conf.settings", "settings")):
            return self._setting(attr, node)
        if qualname is not None and sources.logger_object(self, node):
            return frozenset({Label(LOGGER, node)})
        if qualname is not None:
            exported = self._remote_constant(node)
            if exported is not None:
                return self._by_name(exported, attr, node)
        cls = self.context.module_classes.get(node.value.value) if isinstance(node.value, cst.Name) else None
        if cls is not None and self._class_values(cls, attr):
            # `EnvironmentVariables.CLIENT_SECRET`: what the class body assigns (often the
            # variable's name, a plain string), not a value named like a credential
            return self._by_name(self._class_labels(cls, attr), attr, node)
        base = self.labels(node.value)
        if attr in TOKEN_ATTRIBUTES and self._refreshed(node.value):
            return frozenset({Label(FETCHED, node, inputs=self.deps(node.value))})
        return self._by_name(self._field(base, attr, node), attr, node)

    def _refreshed(self, owner: cst.BaseExpression) -> bool:
        """`credentials.refresh(request)` in this function: google-auth's credentials then hold
        a freshly fetched access token in `.token`."""
        written = dotted_name(owner)
        return written is not None and any(
            leaf_name(call) == "refresh" and isinstance(call.func, cst.Attribute) and dotted_name(call.func.value) == written
            for call in self.facts.own_calls
        )

    def _setting(self, name: str, node: cst.CSTNode) -> Labels:
        return frozenset({Label(CREDENTIAL, node, detail=f"setting:{name}")}) if is_token_name(name) else NONE

    def _field(self, base: Labels, field: str, node: cst.CSTNode) -> Labels:
        """The labels of `base.field` / `base["field"]`."""
        if field in TOKEN_METADATA:
            return NONE
        out: Set[Label] = set()
        for label in base:
            if label.kind in OBJECT_KINDS:
                continue
            if label.kind == OPAQUE and label.detail == RESPONSE and field in _BODY_FIELDS and isinstance(
                label.origin, cst.Call
            ) and sources.sends_token_request(self, label.origin):
                # the body of the token endpoint's answer: `response.text` holds the tokens
                inputs = self.call_inputs(label.origin)
                out.add(Label(FETCHED, node, inputs=inputs, selectors=inputs))
            elif label.kind == OPAQUE:
                # a field of an object we cannot place; of a model object, a column or a
                # relation: its name still decides, a getter's name returning it does not
                out.add(Label(OPAQUE, label.origin, detail=ROW_FIELD if label.detail in (OBJECT, ROW_FIELD) else ""))
            elif label.kind == INBOUND_HEADERS:
                continue  # header reads are judged by their name (_subscript)
            elif field in TOKEN_ATTRIBUTES or field in TOKEN_FIELDS or (label.kind != CLAIMS and is_token_name(field)):
                # the field holding the token: `access_data["oauth_token"]`; a refresh token or an
                # OAuth 1 request token is one of a kind (long-lived, or used once)
                kind = _token_kind(field)
                answer = label.kind == FETCHED and label.detail == TOKEN_ANSWER
                out.add(replace(label, detail=kind) if (kind or answer) and label.kind == FETCHED else label)
            elif label.kind == INBOUND and field not in ("scheme", "type"):
                out.add(label)  # the parsed credential: `credentials.credentials`, `authorization.token`
            else:
                out.add(label.as_derived())  # `claims["sub"]`: still the verdict's
        if not out and not base:
            return frozenset({Label(OPAQUE, node)})
        return frozenset(out)

    def _subscript(self, node: cst.Subscript) -> Labels:
        env = env_var_name(self.context, node, self.facts)
        if env is not None:
            return self._env(env, node)
        index = node.slice[0].slice if len(node.slice) == 1 else None
        if isinstance(index, cst.Slice):
            # `token[:6]` (or `[0:1]`) shows a prefix, `key[-4:]` a suffix; `header[7:]` strips
            # "Bearer " and keeps the token, `token[:-4]` keeps all but the end
            starts = index.lower is None or isinstance(index.lower, cst.Integer) and index.lower.value == "0"
            prefix = starts and index.upper is not None and not _negative(index.upper)
            suffix = index.upper is None and index.lower is not None and _negative(index.lower)
            return NONE if prefix or suffix else self.labels(node.value)
        base = self.labels(node.value)
        if any(label.kind == CACHE for label in base):
            return frozenset(label for label in base if label.kind == CACHE)  # caches["default"]
        key_node = index.value if isinstance(index, cst.Index) else None
        key = self.context.evaluator.value(key_node, self.facts) if key_node is not None else None
        if any(label.kind == INBOUND_HEADERS for label in base) and key_node is not None:
            credential = self._header_key(key_node)
            if credential is not None:  # another header: what it holds, its name may say
                return frozenset({Label(INBOUND, node)}) if credential else frozenset({Label(OPAQUE, node)})
            if not isinstance(self.context.evaluator.value(key_node, self.facts), str):
                return frozenset({Label(OPAQUE, node)})  # one header, named where we cannot see
        if isinstance(key, str):
            if self._setting_for_kind(node.value):
                return NONE  # `jwx_def["signing_alg"]["id_token"]`: the id token's algorithm, no token
            if names_verification_result(key):
                return frozenset({Label(CLAIMS, node)})  # `resp["__verified_id_token"]`: the verified claims
            returned = self._returned_entry(node.value, key)
            if returned is not None:
                return returned
            if key in TOKEN_FIELDS and _response(base):
                inputs = self.deps(node.value)  # response["access_token"]: chosen by what made the response
                params = frozenset(label for label in base if label.kind == PARAM)
                return frozenset({Label(FETCHED, node, inputs=inputs, selectors=inputs)}) | params
            return self._by_name(self._field(base, key, node), key, node) | self._param_headers(base, self._header_key(key_node))
        return self._entry(base, key_node, node.value)

    def _returned_entry(self, container: cst.BaseExpression, key: str) -> Optional[Labels]:
        """`tokens = self.get_tokens(...)` then `tokens["id_token"]`: where every return of that
        function of the module is a dict written out (or a tuple, a literal, for an error), the
        values it returns under that key, not the whole dict's. None where that is not so."""
        if not isinstance(container, cst.Name) or not self.facts.is_local(container.value):
            return None
        bindings = self.reaching(container.value, container)
        if len(bindings) != 1 or not isinstance(bindings[0].value, cst.Call):
            return None

        def entry(returned: cst.BaseExpression) -> Optional[List[cst.BaseExpression]]:
            if isinstance(returned, cst.Dict):
                written = [string_literal(e.key) if isinstance(e, cst.DictElement) else None for e in returned.elements]
                if any(name is None for name in written):
                    return None  # `{**base, ...}`, a computed key: what else it holds is not written here
                return [e.value for e, name in zip(returned.elements, written) if name == key]  # type: ignore[union-attr]
            error = isinstance(returned, (cst.Tuple, cst.SimpleString, cst.Integer)) or (
                isinstance(returned, cst.Name) and returned.value in ("None", "True", "False"))
            return [] if error else None

        return self._from_returns(bindings[0].value, entry)

    def _returned_element(self, binding: Binding, name: str, read: cst.CSTNode) -> Optional[Labels]:
        """`url, headers, body = normalise(url, headers, body)` with a function of the module
        whose every `return` is a tuple of that length: `url` holds what the first place of
        each returned tuple holds, not the whole tuple. None where that is not so. Read under
        a test of a flag unpacked beside it (`ok, outcome = get_credentials()`, then `if ok:`
        / `else:`), only the returns whose flag is that literal count: `return False, "login
        failed"` gives the else branch an error text, `return True, token` the token."""
        at, value = binding.at, binding.unpacked_from
        if not isinstance(at, cst.Assign) or len(at.targets) != 1 or not isinstance(at.targets[0].target, (cst.Tuple, cst.List)):
            return None
        elements = at.targets[0].target.elements
        if not all(isinstance(element.value, cst.Name) and not isinstance(element, cst.StarredElement) for element in elements):
            return None
        index = next((i for i, element in enumerate(elements) if element.value.value == name), None)  # type: ignore[attr-defined]
        while isinstance(value, cst.Await):
            value = value.expression
        if index is None or not isinstance(value, cst.Call):
            return None

        flag = self._flag_branch([element.value.value for element in elements], index, read)  # type: ignore[attr-defined]

        def place(returned: cst.BaseExpression) -> Optional[List[cst.BaseExpression]]:
            if isinstance(returned, cst.Tuple) and len(returned.elements) == len(elements) and not any(
                    isinstance(element, cst.StarredElement) for element in returned.elements):
                if flag is not None:
                    said = returned.elements[flag[0]].value
                    if isinstance(said, cst.Name) and said.value in ("True", "False") \
                            and (said.value == "True") != flag[1]:
                        return []  # a return the branch cannot see
                return [returned.elements[index].value]
            return None

        labels = self._from_returns(value, place)
        return frozenset(label for label in labels if label.kind != NAMED) if labels is not None else None

    def _flag_branch(self, names: List[str], index: int, read: cst.CSTNode) -> Optional[Tuple[int, bool]]:
        """The place of a flag unpacked beside the read name and the value it has where the read
        is: `if ok:` body (True), its `else` (False), `if not ok:` the reverse."""
        child, current = read, self.facts.parent_of(read)
        while current is not None and current is not self.scope:
            if isinstance(current, cst.If) and (child is current.body or child is current.orelse):
                test, value = current.test, child is current.body
                if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
                    test, value = test.expression, not value
                if isinstance(test, cst.Name) and test.value in names and names.index(test.value) != index:
                    return names.index(test.value), value
            child, current = current, self.facts.parent_of(current)
        return None

    def _from_returns(
        self, call: cst.Call, pick: Callable[[cst.BaseExpression], Optional[List[cst.BaseExpression]]]
    ) -> Optional[Labels]:
        """What the parts `pick` chooses of every value a function of the module returns hold,
        seen from `call`; None when the callee is not the module's, calls itself, or returns
        something `pick` cannot read (None from it)."""
        target = self.module.resolve(self, call)
        if target is None or target[0] is self.scope:
            return None
        callee = self.module.flow(target[0])
        values: List[cst.BaseExpression] = []
        for returned in callee.facts.returns:
            if isinstance(returned, cst.Call):
                again = self.module.resolve(callee, returned)
                if again is not None and again[0] is target[0]:
                    continue  # `return get_credentials(..., reload=False)`: its other returns tell
            part = pick(returned)
            if part is None:
                return None
            values.extend(part)
        if not values:
            return None
        return self.module.entry_labels(self, call, target, callee._union(values))

    def _setting_for_kind(self, container: cst.BaseExpression) -> bool:
        """Whether `container` is a token property's table, keyed by the kind of token it is
        for (`config["signing_alg"]`, `settings["lifetime"]`): what a token key reads there is
        the property's value for that kind of token."""
        if not isinstance(container, cst.Subscript) or len(container.slice) != 1:
            return False
        index = container.slice[0].slice
        outer = self.context.evaluator.value(index.value, self.facts) if isinstance(index, cst.Index) else None
        return isinstance(outer, str) and names_token_property(outer)

    def _env(self, env: str, node: cst.CSTNode) -> Labels:
        return frozenset({Label(CREDENTIAL, node, detail=f"env:{env}")}) if is_token_name(env) else NONE

    def _call(self, call: cst.Call) -> Labels:
        env = env_var_name(self.context, call, self.facts)
        if env is not None:
            labels = self._env(env, call)
            if labels and len(call.args) > 1:  # os.getenv("API_TOKEN", "fallback")
                labels |= self.labels(call.args[1].value)
            return labels
        source = sources.call_source(self, call)
        if source is not None:
            return source
        leaf = leaf_name(call)
        func = call.func
        if masks(leaf):
            return NONE
        if leaf == "partial" and call.args:  # functools.partial(fetch, scope): what calling it returns
            return self.module.call_labels(self, call.args[0].value, call.args[1:], call)
        if leaf.endswith(_NAMING_CALLS):
            # `jwt_cookie_signature_name()`, `secret_id()`: the programmer's name for what it
            # returns beats the setting it reads (a cookie's name under `JWT_AUTH_COOKIE_SIGNATURE`)
            return NONE
        target = self.module.resolve(self, call)
        if target is not None:
            returned = self.module.call_labels(self, func, call.args, call)
            if _unplaced(returned) and sources.named_getter(self, call):
                returned |= {self._named_fetch(call)}  # what it returns we cannot place: its name decides
            key = self._accessor_key(call, target)
            if key is not None:
                # `self.get_config_value(self.CONFIG_NAME_COMPETITION)` of a helper returning
                # `self.config_values.get(name)`: the entry that key names, as `values["competition"]`
                return self._field(returned, key, call)
            return returned
        exported = self.module.remote(self, call)
        if exported is not None:  # a function of another module of the project
            returned = self.module.remote_labels(self, exported, call)
            if _unplaced(returned) and sources.named_getter(self, call):
                returned |= {self._named_fetch(call)}
            return returned
        if sources.named_getter(self, call):
            return frozenset({self._named_fetch(call)})
        receiver = func.value if isinstance(func, cst.Attribute) else None
        if sinks.outbound_request(self, call) is not None:  # `requests.get(url, headers=...)` is no dict.get
            given = self._union([a.value for a in call.args] + ([receiver] if receiver is not None else []))
            return derive(given) | {Label(OPAQUE, call, detail=RESPONSE)}  # what another service answers
        if leaf == "json" and receiver is not None:
            answer = self._token_answer(receiver, call)
            if answer is not None:
                return answer
        if leaf == "get" and receiver is not None and call.args:
            if self._path_get(call):  # `client.get("/orders/", json_data=body)`: a request, its answer
                given = self._union([a.value for a in call.args] + [receiver])
                return derive(given) | {Label(OPAQUE, call, detail=RESPONSE)}
            if _mapping_get(call):
                return self._get(call, receiver)
        if receiver is not None and leaf in _SPLITTING and _dot_separator(call):
            # a JWT's header, claims and signature (`token.split(".")[0]`): none of them is the
            # credential, each is what the token is made of
            return derive(self.labels(receiver))
        if receiver is not None and leaf == "replace" and len(call.args) >= 2:
            return self._replaced(receiver, call.args[0].value, call.args[1].value)
        if receiver is not None and (leaf in _RECEIVER_CARRYING or leaf == "setdefault"):
            parts = [receiver] + ([a.value for a in call.args] if leaf == "setdefault" else [])
            return self._union(parts)
        if leaf in _KEY_LISTING and receiver is None and len(call.args) == 1 and call.args[0].keyword is None \
                and not call.args[0].star:
            keys = self.module.mapping_keys(self, call.args[0].value)
            if keys is not None:
                return keys  # `list(self.tokens)`: the dict's keys, not the tokens it holds
        if leaf in _ARGUMENT_CARRYING:
            parts = [a.value for a in call.args]
            if leaf == "format" and receiver is not None:
                parts.append(receiver)
            return self._union(parts)
        # a call we cannot follow: its result depends on what it is given, and says nothing
        # more; an object built from a token (a class: CapWords) holds it
        given = self._union([a.value for a in call.args] + ([receiver] if receiver is not None else []))
        if leaf[:1].isupper() and _claim_keywords(call) >= 2:
            return derive(given, WRAPPED)  # `IdToken(iss=..., exp=...)`: a claim set before it is signed
        rows = _model_lookup(func) or (leaf in _QUERY_METHODS and receiver is not None and _model_objects(self.labels(receiver)))
        opaque = Label(OPAQUE, call, detail=OBJECT if rows else "")
        built = leaf[:1].isupper() or _alternate_constructor(func)
        return derive(given, WRAPPED if built else COMPUTED) | {opaque}

    def _replaced(self, text: cst.BaseExpression, old: cst.BaseExpression, new: cst.BaseExpression) -> Labels:
        """`message.replace(token, "***")`: the token is masked out of the text (also with a
        part of itself, `token.split(":")[0] + ":{TOKEN}"`, the bot id before its secret).
        When what is replaced is no token, the text holds what it held and what was put in
        (`url.replace("{token}", token)` puts one in)."""
        old_labels = self.labels(old)
        if not token_labels(old_labels):
            return self._union([text, new])
        params = {label.detail for label in old_labels if label.kind == PARAM}
        kept = frozenset(label for label in self.labels(text) if label.kind not in TOKEN_KINDS
                         and not (label.kind == PARAM and label.detail in params))
        new_deps = self.deps(new)
        if new_deps and new_deps <= self.deps(old):
            return kept  # a part of the masked token: what `token[:6]` shows
        return kept | self.labels(new)

    def _named_fetch(self, call: cst.Call) -> Label:
        """`get_access_token(app_id, secret)`: a token, chosen by what the getter is given;
        `new_api_token()`: one made here."""
        kind = sources.named_getter(self, call) or FETCHED
        detail = _token_kind(leaf_name(call)) if kind == FETCHED else ""
        return Label(kind, call, detail=detail, inputs=self.call_inputs(call), selectors=self.argument_inputs(call))

    def _accessor_key(self, call: cst.Call, target: Tuple[cst.FunctionDef, Optional[cst.ClassDef]]) -> Optional[str]:
        """The key a call hands an accessor of the module (a function whose one statement returns
        `container.get(param)` or `container[param]`), when the call's argument is a string the
        code shows; None for any other call."""
        function = target[0]
        body = function.body.body if isinstance(function.body, cst.IndentedBlock) else ()
        statements = without_docstring(body)
        if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine):
            return None
        returned = statements[0].body[0] if len(statements[0].body) == 1 else None
        value = returned.value if isinstance(returned, cst.Return) else None
        if isinstance(value, cst.Call) and leaf_name(value) == "get" and isinstance(value.func, cst.Attribute) and value.args:
            key_node: Optional[cst.BaseExpression] = value.args[0].value
        elif isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index):
            key_node = value.slice[0].slice.value
        else:
            return None
        if not isinstance(key_node, cst.Name):
            return None
        from nhilint.flow.module import bind_target

        passed = bind_target(target, call.args).get(key_node.value)
        key = self.context.evaluator.value(passed, self.facts) if passed is not None else None
        return key if isinstance(key, str) else None

    def _token_answer(self, response: cst.BaseExpression, node: cst.CSTNode) -> Optional[Labels]:
        """`resp.json()` of a grant (a body with a `grant_type`): the answer holds the tokens;
        None for any other response."""
        for label in self.labels(response):
            if label.kind == OPAQUE and label.detail == RESPONSE and isinstance(label.origin, cst.Call) \
                    and sources.sends_grant(self, label.origin):
                inputs = self.call_inputs(label.origin)
                return frozenset({Label(FETCHED, node, detail=TOKEN_ANSWER, inputs=inputs, selectors=inputs)})
        return None

    def _path_get(self, call: cst.Call) -> bool:
        """`.get("/orders/")`, `.get("https://...")`: a client's request for a path or URL."""
        first = call.args[0]
        key = self.context.evaluator.value(first.value, self.facts) if first.keyword is None else None
        return isinstance(key, str) and key.startswith(("/", "http://", "https://"))

    def _get(self, call: cst.Call, receiver: cst.BaseExpression) -> Labels:
        """`mapping.get("key")`, `request.headers.get("Authorization")`, `cache.get(key)`."""
        base = self.labels(receiver)
        key_node = call.args[0].value
        if any(label.kind == INBOUND_HEADERS for label in base):
            credential = self._header_key(key_node)
            if credential is not None:
                return frozenset({Label(INBOUND, call)}) if credential else frozenset({Label(OPAQUE, call)})
            if not isinstance(self.context.evaluator.value(key_node, self.facts), str):
                return frozenset({Label(OPAQUE, call)})  # one header, named where we cannot see
        key = self.context.evaluator.value(key_node, self.facts)
        default = self.labels(call.args[1].value) if len(call.args) > 1 else NONE
        if isinstance(key, str):
            if self._setting_for_kind(receiver):
                return NONE  # `jwx_def["signing_alg"]["id_token"]`: the id token's algorithm, no token
            if names_verification_result(key):
                return frozenset({Label(CLAIMS, call)}) | default  # `resp.get("__verified_id_token")`
            returned = self._returned_entry(receiver, key)
            if returned is not None:
                return returned | default
            if key in TOKEN_FIELDS and _response(base):
                inputs = self.deps(receiver)
                params = frozenset(label for label in base if label.kind == PARAM)
                return frozenset({Label(FETCHED, call, inputs=inputs, selectors=inputs)}) | params | default
            return self._by_name(self._field(base, key, call), key, call) | default | self._param_headers(
                base, self._header_key(key_node))
        return self._entry(base, key_node, receiver) | default | {Label(OPAQUE, call)}

    def _entry(self, base: Labels, key: Optional[cst.BaseExpression], container: cst.BaseExpression) -> Labels:
        """An entry looked up by a key we cannot read (`d[k]`, `d.get(k)`): what the container
        holds; not the container's own name (`self.tokens.get(token_type)` is a handler); and, for
        a header a parameter is read for by a list of header names (`for name in PASS_THROUGH:
        headers.get(name)`), one header (labels.PARAM_HEADER when it is a credential), not the
        caller's whole mapping."""
        header = self._header_key(key) if key is not None else None
        entry = frozenset(
            label.as_derived() if header is not None and label.kind == PARAM else label
            for label in base if label.kind != NAMED
        )
        return entry | self.module.container_values(self, container) | self._param_headers(base, header)

    def _header_key(self, key: cst.BaseExpression) -> Optional[bool]:
        """For a header read by name (sources.inbound_header_key), also by a loop variable over
        a constant list of header names (`for name in PASS_THROUGH_HEADERS: headers.get(name)`):
        a credential header when any of them is one."""
        found = sources.inbound_header_key(key)
        if found is not None or not isinstance(key, cst.Name):
            return found
        bindings = self.facts.bindings.get(key.value, ())
        if len(bindings) != 1 or not isinstance(bindings[0].at, cst.For) or not isinstance(bindings[0].at.target, cst.Name):
            return None
        names = self.context.evaluator.value(bindings[0].at.iter, self.facts)
        if not isinstance(names, tuple) or not names or not all(isinstance(name, str) for name in names):
            return None
        return any(sources.credential_header_name(name) for name in names)

    @staticmethod
    def _param_headers(base: Labels, credential_header: Optional[bool]) -> Labels:
        """`headers.get("Authorization")` on a parameter (`credential_header`: _header_key's
        verdict on the key): the caller's credential wherever the caller passes the incoming
        request's headers (labels.PARAM_HEADER)."""
        if not credential_header:
            return NONE
        return frozenset(Label(PARAM_HEADER, detail=label.detail) for label in base if label.kind == PARAM and not label.derived)

    def _comprehension(self, expr: cst.BaseExpression) -> Labels:
        for_in = expr.for_in  # type: ignore[attr-defined]
        source = for_in.iter
        if isinstance(source, cst.Call) and isinstance(source.func, cst.Attribute) and source.func.attr.value == "items":
            source = source.func.value
        picked = self._picked_column(expr, source)
        if picked is not None:
            return picked
        labels = self.labels(source)
        if _masks_credential(expr):
            return derive(labels)  # a copy with the credential's value replaced: it holds no credential
        conditions = " ".join(self.context.module.code_for_node(c.test) for c in for_in.ifs).lower()
        if "authorization" in conditions or "http_auth" in conditions or "token" in conditions:
            # a copy without the credential: of the incoming headers, or of whatever mapping
            # the caller hands over (a parameter: the caller's headers, credential dropped here)
            labels = frozenset(label.as_derived() if label.kind == PARAM else label
                               for label in labels if label.kind != INBOUND_HEADERS)
        return labels

    def _picked_column(self, expr: cst.BaseExpression, source: cst.BaseExpression) -> Optional[Labels]:
        """`[arg for arg, _, value in space_args]` over a list of tuples written out
        (`("space_secrets", "secrets", space_secrets)`): what that place of each tuple holds
        (the argument's name), not everything the rows hold. None for any other shape."""
        element = getattr(expr, "elt", None)
        target = expr.for_in.target  # type: ignore[attr-defined]
        if type(element) is not cst.Name or type(target) is not cst.Tuple:
            return None
        names = [e.value.value if type(e.value) is cst.Name else None for e in target.elements]  # type: ignore[attr-defined]
        if element.value not in names:  # type: ignore[attr-defined]
            return None
        position = names.index(element.value)  # type: ignore[attr-defined]
        rows = self.context.bound_expression(source, self.facts) if type(source) is cst.Name else source
        if type(rows) not in (cst.List, cst.Tuple):
            return None
        picked: List[cst.BaseExpression] = []
        for row in rows.elements:  # type: ignore[union-attr]
            if type(row.value) is not cst.Tuple or len(row.value.elements) != len(names):
                return None
            picked.append(row.value.elements[position].value)
        return self._union(picked)

    # -- inputs ---------------------------------------------------------------------------------
    def _compute_deps(self, expr: cst.CSTNode) -> Set[str]:
        kind = type(expr)
        if kind is cst.Name:
            name = expr.value  # type: ignore[attr-defined]
            facts = self.facts
            if name in self._params and name != self._self_name:
                out = {f"param:{name}"}
                for binding in self.reaching(name, expr):
                    out |= self._binding_deps(binding)
                return out
            if facts.is_local(name) and name not in facts.globals:
                out = set()
                for binding in self.reaching(name, expr):
                    out |= self._binding_deps(binding)
                for fed in self._fed(name):  # `digest.update(part)`: what the object was fed
                    out |= self.deps(fed)
                return out
            if name in self.context.module_names and name not in self.context.module_functions:
                return {f"global:{name}"}
            return set()
        if kind is cst.Attribute:
            if self.is_self(expr.value):  # type: ignore[attr-defined]
                return {f"self:{expr.attr.value}"}  # type: ignore[attr-defined]
            return set(self.deps(expr.value))  # type: ignore[attr-defined]
        if kind is cst.Lambda:
            return set(self.deps(expr.body))  # type: ignore[attr-defined]
        if kind is cst.Call:
            through = self.module.call_inputs(self, expr)  # type: ignore[arg-type]
            if through is not None:
                return set(through)
            if _transport_call(expr):  # type: ignore[arg-type]
                # `client.request(method="POST", url=..., post_params=...)`: the answer is chosen
                # by what is sent, not by the HTTP client it is sent through
                out = set()
                for arg in expr.args:  # type: ignore[attr-defined]
                    out |= self.deps(arg.value)
                return out
        out: Set[str] = set()
        for child in children(expr):
            if isinstance(child, (cst.FunctionDef, cst.ClassDef)):
                continue
            out |= self.deps(child)
        return out

    def _fed(self, name: str) -> List[cst.BaseExpression]:
        """The arguments a local object is fed through its own methods (`digest.update(part)`,
        `parts.append(scope)`): a cache key hashed from several values depends on each."""
        if self._fed_args is None:
            found: Dict[str, List[cst.BaseExpression]] = {}
            for call in self.facts.own_calls:
                func = call.func
                if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.attr.value in _FEEDING:
                    found.setdefault(func.value.value, []).extend(arg.value for arg in call.args)
            self._fed_args = found
        return self._fed_args.get(name, [])

    def _binding_deps(self, binding: Binding) -> FrozenSet[str]:
        if binding.value is not None:
            return self.deps(binding.value)
        if binding.unpacked_from is not None:
            return self.deps(binding.unpacked_from)
        if isinstance(binding.at, (cst.For, cst.CompFor)):
            return self.deps(binding.at.iter)
        return frozenset()

    # -- branches -------------------------------------------------------------------------------
    def conditional(self, binding: Binding, read: cst.CSTNode) -> bool:
        """Whether the binding sits in a branch or loop body that does not also hold `read`."""
        return self._conditional(binding, read)

    def _conditional(self, binding: Binding, read: cst.CSTNode) -> bool:
        """Whether the binding sits in a branch or loop body that does not also hold `read`."""
        if binding.at is None:
            return False
        enclosing = set()
        current: Optional[cst.CSTNode] = read
        while current is not None:
            enclosing.add(id(current))
            current = self.facts.parent_of(current)
        current = self.facts.parent_of(binding.at)
        while current is not None and id(current) not in enclosing:
            if type(current) in _BRANCHES:  # exact type test: no ABC machinery on a miss
                return True
            current = self.facts.parent_of(current)
        return False


# An imported name that starts with a verb is a function (`generate_token`, `get_token`).
# The identifying half of a credential pair (Basic auth's user or client id), not a secret.
_IDENTITY_NAME = compiled_on_first_use(r"^_*(client_?id|app_?id|user(_?name|_?id)?|login|email|account_?id)$", re.I)
_FUNCTION_NAME = compiled_on_first_use(r"^_*(generate|create|make|get|fetch|validate|verify|check|decode|encode|parse|build|issue|load)_")
OBJECT = "object"  # an OPAQUE value known to be an object (a model instance), not a string
# functions named for returning a name or an identifier (plain suffix tests: no pattern to compile)
_NAMING_CALLS = ("_name", "_names", "_id", "_ids")
_BODY_FIELDS = frozenset({"text", "content"})  # an HTTP response's body, as text or bytes
RESPONSE = "response"  # an OPAQUE value that another service sent back (an HTTP response, its JSON)
ROW_FIELD = "row-field"  # an OPAQUE value read off a model object (`orm_token.user`)
# OPAQUE values whose origin is known: a function returning one is not judged by its name
_PLACED = (OBJECT, RESPONSE, ROW_FIELD)


def _masks_credential(expr: cst.BaseExpression) -> bool:
    """`{k: "(redacted)" if k.lower() == "authorization" else v for k, v in headers.items()}`:
    a dict comprehension whose value is a literal mask where the key is a credential's name."""
    if not isinstance(expr, cst.DictComp) or not isinstance(expr.value, cst.IfExp):
        return False
    choice = expr.value
    literal = [isinstance(branch, (cst.SimpleString, cst.ConcatenatedString)) for branch in (choice.body, choice.orelse)]
    if literal.count(True) != 1:
        return False
    # the string literals of the test (`k.lower() in ("authorization", "x-api-key")`)
    names = [node.evaluated_value for node in nodes_of(choice.test, cst.SimpleString)]
    return any(isinstance(name, str) and _credential_name(name) for name in names)


def _claim_keywords(call: cst.Call) -> int:
    """How many of RFC 7519's registered claims a call is given by keyword."""
    return sum(1 for arg in call.args if arg.keyword is not None and arg.keyword.value in REGISTERED_CLAIMS)


def _unplaced(returned: Labels) -> bool:
    """Whether a function's returns are values we cannot place, so that its name decides:
    none comes from a source, from another service, or from the database (a function that
    returns a model object or its field on one path is a lookup, `get_current_user_token`)."""
    opaque = [label.detail for label in returned if label.kind == OPAQUE]
    if any(label.kind in SOURCE_KINDS and label.derived != WRAPPED for label in returned) or OBJECT in opaque \
            or ROW_FIELD in opaque:
        return False
    # an object built from a source (`TokenResponse.from_json(answer)`) is placed no better:
    # its getter's name (`get_app_only_access_token`) says what it is
    return any(detail not in _PLACED for detail in opaque) or any(
        label.kind in SOURCE_KINDS and label.derived == WRAPPED for label in returned)


def _response(labels: Labels) -> bool:
    """What an outbound request returned (also through `.json()` and helpers): a token field
    read from it is a token obtained from a server. A token field of a value we cannot place
    (a request's body) is judged by its name."""
    return any(label.kind == OPAQUE and label.detail == RESPONSE for label in labels)


def _model_objects(labels: Labels) -> bool:
    """What a model lookup returned (`db.query(APIToken).filter(...)`): rows, not strings."""
    return any(label.kind == OPAQUE and label.detail == OBJECT for label in labels)


def _model_lookup(func: cst.BaseExpression) -> bool:
    """`Token.objects.get(...)`, `orm.APIToken.find(db, ...)`, `User.query.filter_by(...)`: a
    method of a class (CapWords) or of an ORM manager returns a model object."""
    if not isinstance(func, cst.Attribute):
        return False
    owner = func.value
    while isinstance(owner, (cst.Attribute, cst.Call)):
        if isinstance(owner, cst.Call):
            owner = owner.func
            continue
        if owner.attr.value in ("objects", "query") or owner.attr.value[:1].isupper():
            return True
        owner = owner.value
    return isinstance(owner, cst.Name) and owner.value[:1].isupper() and not owner.value.isupper()


REFRESH_TOKEN = "refresh-token"
REQUEST_TOKEN = "request-token"
# the whole answer of a grant (`resp.json()`): it holds the tokens (logged, it leaks them), but
# which one a store keeps is said by the field read from it (NHL201/NHL202 count only fields)
TOKEN_ANSWER = "token-answer"


def _token_kind(name: str) -> str:
    """What kind of fetched token a field or getter name says: a refresh token, an OAuth 1
    request token, or (""), an access token."""
    lowered = name.lower()
    if "refresh_token" in lowered or "refreshtoken" in lowered:
        return REFRESH_TOKEN
    if "request_token" in lowered:
        return REQUEST_TOKEN
    return ""


def _keys_shown(value: Optional[cst.BaseExpression]) -> bool:
    """A dict written out with no credential among its keys (`credentials = dict(client_id=...,
    redirect_uri=..., state=...)`): what a name calls it says nothing more."""
    if isinstance(value, cst.Dict):
        keys = [string_literal(e.key) if isinstance(e, cst.DictElement) else None for e in value.elements]
    elif isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "dict":
        keys = [arg.keyword.value if arg.keyword is not None else None for arg in value.args]
    else:
        return False
    return bool(keys) and all(key is not None and not _credential_name(key) for key in keys)


def _credential_name(name: str) -> bool:
    """`access_token`, `apiKey`, and a credential header's name (`Authorization`, Django's
    `HTTP_AUTHORIZATION`, `X-Api-Key`)."""
    if is_token_name(name):
        return not names_action(name)  # `args.get_openid_token`: an option asking for tokens
    if name.upper().startswith("HTTP_"):  # Django's META spelling of a header
        return is_credential_header(name[len("HTTP_"):].replace("_", "-"))
    return "-" in name and is_credential_header(name) or name.lower() in CREDENTIAL_HEADERS


def is_static(function: cst.FunctionDef) -> bool:
    """`@staticmethod`: no `self` is bound to its first parameter."""
    return any(dotted_name(d.decorator) == "staticmethod" for d in function.decorators)
