"""The flow inside one function: what each expression holds (its labels) and which inputs
(parameters, attributes, globals) it depends on.

Labels follow a value through names (def-use, with the bindings that reach a read), attributes
(`self.x` through every method of the class, nhilint.flow.module), containers, f-strings and
concatenation, `or`, `.copy()`, unpacking, `functools.partial`, lambdas, and calls to the
module's own functions (through their summaries). A call the module cannot follow makes a value
that depends on its arguments (`derived`) but does not carry them.

Everything is computed on request and memoised per node: a rule that asks about one call pays
for the expressions it reaches, not for the function.

This module holds the flow object, its memos and the labels of names, attributes, literals and
comprehensions; the rest is asked of modules named for it: what a call returns
(nhilint.flow.call_results), what a field, an item or a mapping's entry holds
(nhilint.flow.field_reads), what a function of the module returns at one key or place
(nhilint.flow.returned_parts), which bindings reach a read (nhilint.flow.reaching) and which
inputs an expression depends on (nhilint.flow.inputs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, FrozenSet, Iterable, List, Mapping, Optional, Set, Tuple, Union

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.credentials import string_literal
from nhilint.analysis.names import (
    IDENTITY_NAMES, class_name, is_credential_header, is_credential_name, is_token_name, names_credential_field, names_identifier,
    names_push_address, names_session_id, snake_case,
)
from nhilint.analysis.branches import other_arms
from nhilint.analysis.http import string_parts
from nhilint.analysis.scope import Binding, ScopeFacts, ScopeNode
from nhilint.analysis.syntax import enum_base, split_receiver
from nhilint.catalogue.caches import CACHE_OBJECTS
from nhilint.catalogue.http import CREDENTIAL_HEADERS
from nhilint.catalogue.tokens import TOKEN_ATTRIBUTES
from nhilint.flow import sinks, sources
from nhilint.flow.authorization_links import app_key_parts
from nhilint.flow.call_results import call_result_labels, masks, model_objects
from nhilint.flow.constructed_fields import constructor_argument
from nhilint.flow.joined_ids import joined_identifiers
from nhilint.flow.key_pairs import key_beside_secret
from nhilint.flow.field_reads import by_name, cut_slice, field_labels, field_name, from_environment, is_number, subscript_labels
from nhilint.flow.inputs import compute_deps
from nhilint.flow.reaching import is_conditional, reaching_bindings
from nhilint.flow.returned_parts import returned_element
from nhilint.flow.url_userinfo import password_urls
from nhilint.project import remote
from nhilint.flow.provisional import MISSING
from nhilint.flow.labels import (
    CACHE,
    CREDENTIAL,
    FETCHED,
    HTTP_CLIENT,
    IDENTIFIER,
    INBOUND,
    INBOUND_HEADERS,
    LOCAL_FILE,
    LOGGER,
    NAMED,
    NONE,
    OBJECT,
    OPAQUE,
    PARAM,
    PARAM_HEADER,
    RAW_TOKEN,
    TOKEN_KINDS,
    Label,
    Labels,
    derive,
)
from nhilint.secret_formats import known_format, secret_value
from nhilint.walk import nodes_of

if TYPE_CHECKING:
    from nhilint.flow.module import ModuleFlow

# Methods that feed their arguments into their receiver: a hash, a list, a set, a buffer.
_FEEDING = frozenset({"update", "append", "extend", "add", "insert", "write"})
# An imported name that starts with a verb is a function (`generate_token`, `get_token`).
_FUNCTION_NAME = compiled_on_first_use(r"^_*(generate|create|make|get|fetch|validate|verify|check|decode|encode|parse|build|issue|load)_")


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
        self._header_values: Optional[Dict[str, List[cst.Name]]] = None
        self._request_params: Optional[FrozenSet[str]] = None
        self._inbound_params: Optional[Set[str]] = None
        self._fed_args: Optional[Dict[str, List[cst.BaseExpression]]] = None
        self._url_passwords: Optional[FrozenSet[str]] = None

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
        result = frozenset(compute_deps(self, expr))
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
        """What reaches a call's arguments (not its receiver). Not the function's own `**kwargs`
        handed on whole (`httpx.post(url, data=..., **kwargs)`): the caller's transport options
        (a timeout, a proxy), which choose nothing the call is for that the code shows."""
        inputs: Set[str] = set()
        options = self.passed_on_options()
        for arg in call.args:
            if arg.star == "**" and options is not None and isinstance(arg.value, cst.Name) and arg.value.value == options:
                continue
            inputs |= self.deps(arg.value)
        return frozenset(inputs)

    def passed_on_options(self) -> Optional[str]:
        """The function's `**kwargs` where it is only ever handed on whole (`**kwargs`), never
        read by key: options the caller passes through, not something the function chooses by.
        Filling in a default (`kwargs.setdefault("timeout", 10)`, `kwargs["verify"] = True`)
        writes a key and reads none."""
        if not isinstance(self.scope, cst.FunctionDef) or not isinstance(self.scope.params.star_kwarg, cst.Param):
            return None
        name = self.scope.params.star_kwarg.name.value

        def compute() -> Optional[str]:
            reads = [node for node in nodes_of(self.scope.body, cst.Name) if node.value == name]
            spread = {id(arg.value) for call in self.facts.own_calls for arg in call.args if arg.star == "**"}
            filled = {
                id(call.func.value) for call in self.facts.own_calls
                if isinstance(call.func, cst.Attribute) and call.func.attr.value == "setdefault"
            } | {
                id(target.target.value) for assign in nodes_of(self.scope.body, cst.Assign) for target in assign.targets
                if isinstance(target.target, cst.Subscript)
            }
            return name if all(id(node) in spread or id(node) in filled for node in reads) else None

        return self.context.memo(("passed-on-options", id(self.scope)), compute)

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
        """The bindings of `name` that may hold where `read` is (nhilint.flow.reaching)."""
        return reaching_bindings(self.facts, name, read)

    def reaching_value(self, name: cst.Name) -> Optional[cst.BaseExpression]:
        """What a local (not a parameter) holds where it is read, when one binding with a value
        reaches the read (`token = answer.json()["connectionToken"]`); None where several may,
        where none does, or where the binding has no value (a loop, an unpacking). A parameter's
        own value is no binding: a rebinding of it may leave the caller's value reaching too."""
        if not self.facts.is_local(name.value) or name.value in self.facts.params:
            return None
        bindings = self.reaching(name.value, name)
        return bindings[0].value if len(bindings) == 1 else None

    def conditional(self, binding: Binding, read: cst.CSTNode) -> bool:
        """Whether the binding sits in a branch or loop body that does not also hold `read`."""
        return is_conditional(self.facts, binding, read)

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
            return subscript_labels(self, expr)  # type: ignore[arg-type]
        if kind is cst.Call:
            return call_result_labels(self, expr)  # type: ignore[arg-type]
        if kind is cst.Await:
            return self.labels(expr.expression)  # type: ignore[attr-defined]
        if kind is cst.SimpleString:
            return self._literal(expr)  # type: ignore[arg-type]
        if kind is cst.ConcatenatedString:
            if string_literal(expr) is None:  # `f"access {token}, " f"refresh {refresh}"`: what the parts hold
                return self._union(self._shown_parts(expr, [p for p in string_parts(expr) if not isinstance(p, str)]))  # type: ignore[arg-type]
            return self._literal(expr)  # type: ignore[arg-type]
        if kind is cst.FormattedString:
            parts = [p.expression for p in expr.parts if isinstance(p, cst.FormattedStringExpression)]  # type: ignore[attr-defined]
            if joined_identifiers(self, parts):
                # `f"{user_id}_{device_uuid}"`: an identifier, made here
                return derive(self._union(parts)) | {Label(OPAQUE, expr, detail=IDENTIFIER)}
            return self._union(self._shown_parts(expr, parts))  # type: ignore[arg-type]
        if kind is cst.BinaryOperation:
            if isinstance(expr.operator, (cst.Add, cst.Modulo)):  # type: ignore[attr-defined]
                return self._union((expr.left, expr.right))  # type: ignore[attr-defined]
            return derive(self._union((expr.left, expr.right)))  # type: ignore[attr-defined]  # a number, computed from them
        if kind is cst.Comparison:
            # a verdict drawn from the claims (`claims["role"] == "admin"`); no token's value
            return derive(self._union([expr.left, *(c.comparator for c in expr.comparisons)]))  # type: ignore[attr-defined]
        if kind is cst.BooleanOperation:
            if isinstance(expr.operator, cst.Or) and is_number(expr.right):  # type: ignore[attr-defined]
                # `watch.get("llm_tokens_this_period") or 0`: a count, whatever its key calls it
                return frozenset(label for label in self.labels(expr.left) if label.kind != NAMED)  # type: ignore[attr-defined]
            return self._union((expr.left, expr.right))  # type: ignore[attr-defined]
        if kind is cst.IfExp:
            if short_whole(expr):  # type: ignore[arg-type]
                return NONE  # `key[-8:] if len(key) > 8 else key`: eight characters at most
            return self._union(_ifexp_arms(expr))  # type: ignore[arg-type]
        if kind in (cst.List, cst.Tuple, cst.Set):
            return self._union(e.value for e in expr.elements)  # type: ignore[attr-defined]
        if kind is cst.Dict:
            if any(type(e) is cst.StarredDictElement for e in expr.elements):  # type: ignore[attr-defined]
                return self._spread_dict(expr)  # type: ignore[arg-type]
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

    def _shown_parts(self, expr: Union[cst.FormattedString, cst.ConcatenatedString],
                     parts: List[cst.BaseExpression]) -> List[cst.BaseExpression]:
        """The parts of a formatted string that hold what it holds: not the application's key in
        a link to an authorization page (nhilint.flow.authorization_links)."""
        if not parts or not self.context.memo("mentions-response-type", lambda: self.context.mentions("response_type")):
            return parts  # no authorization request in the file: most files
        app_keys = app_key_parts(expr)
        return [part for part in parts if not any(part is key for key in app_keys)] if app_keys else parts

    def _spread_dict(self, expr: cst.Dict) -> Labels:
        """`{**data, "client_secret": "[redacted]"}`: a copy of a dict the function wrote out,
        some of its entries replaced after the spread; what it holds is the other entries of
        `data` and the new values (the replaced secret is not in it)."""
        labels: Set[Label] = set()
        for index, element in enumerate(expr.elements):
            if type(element) is not cst.StarredDictElement:
                labels |= self.labels(element.value)
                continue
            replaced = {string_literal(later.key) for later in expr.elements[index + 1:] if isinstance(later, cst.DictElement)}
            replaced.discard(None)  # a key the code computes replaces nothing we can name
            entries = self.written_entries(element.value)
            if entries is None:
                labels |= self.labels(element.value)
                continue
            for key, value in entries:
                if key not in replaced:
                    labels |= self.labels(value)
        return frozenset(labels)

    def written_entries(self, value: cst.BaseExpression) -> Optional[List[Tuple[Optional[str], cst.BaseExpression]]]:
        """The entries of a local dict written out at its one binding, with those stored in it
        by key before `value` is read; None for any other value."""
        if type(value) is not cst.Name or not self.facts.is_local(value.value):  # type: ignore[attr-defined]
            return None
        bindings = self.reaching(value.value, value)  # type: ignore[attr-defined]
        if len(bindings) != 1 or not isinstance(bindings[0].value, cst.Dict) or self.facts.appends.get(value.value):  # type: ignore[attr-defined]
            return None
        written = bindings[0].value
        if any(not isinstance(e, cst.DictElement) for e in written.elements):
            return None
        entries = [(string_literal(e.key), e.value) for e in written.elements if isinstance(e, cst.DictElement)]
        at = self.facts.order_of(value)
        entries += [(string_literal(key), stored) for order, key, stored in self.facts.item_stores.get(value.value, ())  # type: ignore[attr-defined]
                    if bindings[0].order < order < at]
        return entries

    def _union(self, exprs: Iterable[Optional[cst.CSTNode]]) -> Labels:
        out: Set[Label] = set()
        for expr in exprs:
            out |= self.labels(expr)
        return frozenset(out)

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
            bindings = reaching_bindings(facts, name, node)
            labels: Set[Label] = set()
            for binding in bindings:
                found = self._binding_labels(binding, name)
                if binding.unpacked_from is not None:
                    element = returned_element(self, binding, name, node)
                    found = element if element is not None else found
                if binding.value is None and binding.unpacked_from is not None and (
                        name.lstrip("_").lower() in IDENTITY_NAMES or (element is None and _beside_a_token(binding, name))):
                    # `client_id, client_secret = basic_auth(headers)`: the code splits one
                    # credential in two, and only the names tell the public half from the secret;
                    # `server, token = get_token(server)` of another module: the part named for
                    # the token is the token, the other (the server's URL) is not; a piece of a
                    # split text does not hold what a caller hands in either (`username, password
                    # = user_credentials.split(":", 1)`: the caller's credential is in `password`)
                    dropped = TOKEN_KINDS | _CALLERS if split_receiver(binding.unpacked_from) is not None else TOKEN_KINDS
                    found = frozenset(label for label in found if label.kind not in dropped)
                labels |= found
            if bindings and any(_by_a_name(label) for label in labels) and names_identifier(name) and not names_session_id(name):
                # `token_pk = request.POST.get("_token")`: the local's own name says what the
                # key's name alone would not (an identifier), and the programmer named it; so
                # for an environment variable named for credentials (`explicit_file =
                # os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")`: the file's path); not a
                # session's id, which is one only where read from a login's answer (field_reads)
                labels = {label for label in labels if not _by_a_name(label)}
            if bindings and any(label.kind == FETCHED for label in labels) and names_push_address(name):
                # `fcm_token = await push.checkin_or_register(path)`: a push service's answer
                # named for what it is, the device's address (its `token` field says no more)
                labels = {label for label in labels if label.kind != FETCHED}
            labels |= self._stored_items(name, node, bindings)
            reaches_start = not bindings or is_conditional(facts, bindings[-1], node)
            if name in self._params and reaches_start:
                labels |= self._param_labels(name)
            elif not bindings:
                labels.add(Label(OPAQUE, node))
            if name in self.verified_locals() and name not in self._params:
                labels.add(Label(RAW_TOKEN, node))  # handed to a verifier: the raw token
            sent = self.credential_header_values().get(name)
            if sent and not any(label.kind in TOKEN_KINDS for label in labels) \
                    and any(not other_arms(facts, value, node) for value in sent):
                # `request.headers["Authorization"] = auth_header`: what the function sends as
                # the credential is one, whatever its name or the helper that built it (read
                # where that store may run too: not in the other arm of `if isinstance(auth, str):`)
                labels.add(Label(NAMED, node, detail=name))
            if name in self._password_urls() and not any(label.kind in TOKEN_KINDS for label in labels):
                # `urlparse(broker_uri).password` read here: the URL holds that password
                labels.add(Label(NAMED, node, detail=name))
            if self._credential_removed(name, node):
                labels = {label for label in labels if label.kind != INBOUND_HEADERS}
            if labels and self._masked_copy(name, node, bindings):
                # a copy made to be shown, its credential replaced: neither the token nor what
                # the caller handed in (a helper returning it gives its callers no token)
                return frozenset(label for label in labels if label.kind not in TOKEN_KINDS and label.kind != PARAM)
            stores = facts.item_stores.get(name)
            if bindings and (not stores or _stored_keys_shown(stores)) and all(_keys_shown(b.value) for b in bindings):
                return frozenset(labels)  # the dict spells out what it holds: its keys decide, not its name
            if bindings and all(_split_word(b) for b in bindings):
                return frozenset(labels)  # `for token in raw.split(","):` a word of text, named as a lexer names it
            if bindings and all(self._over_literal_words(b) for b in bindings):
                return frozenset(labels)  # `for token_key in KNOWN_NEXT_PAGE_TOKEN_KEYS:` the field names written out
            return self._less_the_name(by_name(frozenset(labels), name, node), name)
        if name in facts.imports or (name in self.context.imports and name not in self.context.module_constants):
            imported = facts.imports.get(name) or self.context.imports.get(name)
            if imported in CACHE_OBJECTS:  # `from django.core.cache import cache`
                return frozenset({Label(CACHE, node, detail=CACHE_OBJECTS[imported])})
            exported = self._remote_constant(node)
            if exported is not None:
                return by_name(exported, name, node)
            if _FUNCTION_NAME.match(name) or class_name(name):
                # `generate_token`: an imported function; `AccessToken`: a class (PEP 8's
                # CapWords), handed on as a type (`deserialize(data, AccessToken)`): not a value
                return frozenset({Label(OPAQUE, node)})
            return by_name(frozenset({Label(OPAQUE, node)}), name, node)
        if name in self.context.module_classes:
            return frozenset({Label(OPAQUE, node)})  # a class of the module, not a value
        in_class = self._class_body_of(node)
        if in_class is not None and self._class_values(in_class, name):
            return by_name(self._class_labels(in_class, name), name, node)
        return by_name(self.module.global_labels(name), name, node)

    def _stored_items(self, name: str, read: cst.CSTNode, bindings: List[Binding]) -> Labels:
        """`forwarded[header] = value` (or `parts.append(value)`, `kwargs.update(other)`) before
        the read of a local dict or list made here, or of one the function was handed (`kwargs["auth"] = self.auth_token`):
        the container holds what was stored in it since (values carried as they are: a dict of
        headers holding the caller's credential is sent, logged or returned with it)."""
        stores = self.facts.item_stores.get(name, ())
        added = self.facts.appends.get(name, ())
        merged = self.facts.merges.get(name, ())
        if not (stores or added or merged) or not (bindings or name in self._params):
            return NONE
        made = min(binding.order for binding in bindings) if bindings else -1  # a parameter: from the start
        at = self.facts.order_of(read)
        labels: Set[Label] = set()
        for order, _, value in stores:
            if made < order < at:
                labels |= self.labels(value)
        for order, value in added:  # `parts.append(token)`: the list holds it since
            if made < order < at:
                # what the values are, not that they are unknown: a list of what a loop read
                # (`failed.append(serial)`) is not to be judged by its own name for that
                labels |= {label for label in self.labels(value) if label.kind != OPAQUE}
        for order, value in merged:  # `kwargs.update(updates)`: what the merged mapping holds
            if made < order < at:
                labels |= {label for label in self.labels(value) if label.kind != OPAQUE}
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

    def _remote_enum(self, owner: cst.BaseExpression) -> bool:
        """`IdKitStage` of `IdKitStage.PASSWORD`: an enum class of another module of the project."""
        exported = remote.cls(self.context, self.context.qualified_name(owner, self.facts))
        return exported is not None and any(enum_base(base) for base in exported.bases)

    def _binding_labels(self, binding: Binding, name: str = "") -> Labels:
        if binding.value is not None:
            return self.labels(binding.value)
        if binding.unpacked_from is not None:
            # what the whole holds, less what only its name said: `slot, bearer = fresh_token`
            # makes `slot` no token for the container's name; each part is judged by its own.
            # So for a getter the code cannot follow, named for a token: `success, error = await
            # mgr.refresh_server_token(id)` answers a tuple whose parts its name says nothing of
            # (`access_token, expires_in = ...`: the part named for the token is the token)
            whole = binding.unpacked_from
            call = whole.expression if isinstance(whole, cst.Await) else whole
            named_only = isinstance(call, cst.Call) and not is_token_name(name) and self._named_getter_only(call)
            return frozenset(label for label in self.labels(whole)
                             if label.kind != NAMED and not (named_only and label.origin is call))
        if isinstance(binding.at, (cst.For, cst.CompFor)) and model_objects(self.labels(binding.at.iter)):
            return frozenset({Label(OPAQUE, binding.at, detail=OBJECT)})  # a row of a query
        iterated = _iterated_mapping(binding.at, name)
        if iterated is not None:
            # `for key, value in headers.items():` each value of the mapping in turn: what the
            # mapping holds (not what its own name says)
            return frozenset(label for label in self.labels(iterated) if label.kind != NAMED)
        if _split_word(binding):
            return self.labels(binding.at.iter)  # a part of a split text holds what the text holds
        if isinstance(binding.at, cst.AugAssign) and isinstance(binding.at.target, cst.Name):
            # `text += f" (cached at {token['receivedAt']})"`: what it held, and what is added
            return self.labels(binding.at.target) | self.labels(binding.at.value)
        if isinstance(binding.at, cst.WithItem) and isinstance(binding.at.item, cst.Call):
            if sinks.outbound_request(self, binding.at.item) is not None:
                return self.labels(binding.at.item)  # `async with session.post(...) as resp`: the response
            opened = self.labels(binding.at.item)
            if any(label.detail == LOCAL_FILE or label.kind == HTTP_CLIENT for label in opened):
                # `with open(path) as f`: the file; `async with aiohttp.ClientSession(...) as
                # session`: the client session (it enters as itself)
                return opened
        return frozenset({Label(OPAQUE, binding.at)})

    def _named_getter_only(self, call: cst.Call) -> bool:
        """A call named as a token getter that neither this module nor the project's other
        modules define: only its name says what it answers."""
        return bool(sources.named_getter(self, call)) and self.module.resolve(self, call) is None \
            and self.module.remote(self, call) is None

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
        if sources.numeric_annotation(param) or sources.header_name_default(param) or sources.flag_default(param):
            # `estimated_tokens: int`: a count; `auth_header="Authorization"`; `decode_token=True`: a flag
            return frozenset(labels)
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

    def _masked_copy(self, name: str, read: cst.CSTNode, bindings: List[Binding]) -> bool:
        """`masked = headers.copy()` (or `dict(headers)`, `{**headers}`), then
        `masked["Authorization"] = "XXXX-MASKED-XXXX"` (or a mask keeping a few characters,
        `"****" + auth[-4:]`; or `del` / `.pop` of it) before the read: a copy made for showing,
        its credential replaced by what holds none."""
        binding = bindings[-1] if len(bindings) == 1 else self._copied_when_holding(bindings)
        copied = binding.value if binding is not None else None
        # also `log_token = {}`, then `log_token.update(token)`: a copy filled by a merge
        merged = isinstance(copied, cst.Dict) and not copied.elements and bool(self.facts.merges.get(name))
        if not (isinstance(copied, cst.Call) and leaf_name(copied) in _COPIES or merged
                or isinstance(copied, cst.Dict) and any(isinstance(e, cst.StarredDictElement) for e in copied.elements)):
            return False
        facts = self.facts
        at = facts.order_of(read)
        masked = [(order, key) for order, key, written in facts.item_stores.get(name, ()) if self._shows_nothing(written)]
        masked += facts.item_deletes.get(name, [])
        return any(binding.order < order < at and _credential_key(self, key) for order, key in masked)

    def _copied_when_holding(self, bindings: List[Binding]) -> Optional[Binding]:
        """`shown = headers`, then `if headers.get("Authorization"): shown = headers.copy()` and
        the copy's `Authorization` masked: the plain alias reaches only when the dict holds no
        such header, so what is shown is the copy's (kqlmagic's request headers logged). The
        copy's binding, when the two are that; else None."""
        if len(bindings) != 2:
            return None
        alias, copy = sorted(bindings, key=lambda binding: binding.order)
        if not isinstance(alias.value, cst.Name) or not isinstance(copy.value, cst.Call) or copy.at is None:
            return None
        source = alias.value.value
        copied = copy.value
        of = copied.func.value if isinstance(copied.func, cst.Attribute) else (copied.args[0].value if copied.args else None)
        if not (isinstance(of, cst.Name) and of.value == source):
            return None
        branch = self.facts.parent_of(copy.at)
        while branch is not None and not isinstance(branch, (cst.If, cst.FunctionDef)):
            branch = self.facts.parent_of(branch)
        if not isinstance(branch, cst.If) or not self.facts.within(copy.at, branch.body):
            return None
        # the test asks the dict for a credential key (`headers.get("Authorization")`, `"Authorization" in headers`)
        asked = {string_literal(node) for node in nodes_of(branch.test, cst.SimpleString, nested=True)
                 if _credential_key(self, node)}
        mentions = any(isinstance(node, cst.Name) and node.value == source for node in nodes_of(branch.test, cst.Name, nested=True))
        if not asked or not mentions:
            return None
        # and the dict, written out here, holds no other credential (`headers["x-api-key"] = key`
        # in another branch reaches the log through the alias)
        made = self.facts.bindings.get(source, ())
        if not made or self.facts.merges.get(source) or not all(
                isinstance(binding.value, cst.Dict) and not any(isinstance(e, cst.StarredDictElement) for e in binding.value.elements)
                for binding in made):
            return None
        keys = [key for _, key, _ in self.facts.item_stores.get(source, ())]
        keys += [element.key for binding in made for element in binding.value.elements  # type: ignore[union-attr]
                 if isinstance(element, cst.DictElement)]
        held = [key for key in keys if _credential_key(self, key)]
        return copy if all(self.context.evaluator.value(key, self.facts) in asked for key in held) else None

    def _shows_nothing(self, written: cst.BaseExpression) -> bool:
        """A literal, or a value holding nothing from a token or the caller (`"****" +
        auth[-4:]`: a mask and the last four characters)."""
        if string_literal(written) is not None:
            return True
        return not any(not label.derived and label.kind != OPAQUE for label in self.labels(written))

    def credential_header_values(self) -> Dict[str, List[cst.Name]]:
        """Local names the function writes under a credential header (`Authorization`,
        `X-API-Key`), and where: `request.headers["Authorization"] = auth_header`, or a dict of
        headers written out, `headers = {"Authorization": auth_header}`."""
        if self._header_values is None:
            found: Dict[str, List[cst.Name]] = {}
            facts = self.facts
            pairs = [(key, value) for stores in facts.item_stores.values() for _, key, value in stores]
            for bindings in facts.bindings.values():
                for binding in bindings:
                    if type(binding.value) is cst.Dict:
                        pairs.extend((e.key, e.value) for e in binding.value.elements if isinstance(e, cst.DictElement))
            for key, value in pairs:
                if type(value) is cst.Name and facts.is_local(value.value) and not all(
                        _mask_written(b.value) for b in facts.bindings.get(value.value, ()) if b.value is not None):
                    # (a name bound only to literals holds what the literal is, and one bound to a
                    # mask, `sanitized = "****" + auth[-4:]`, what the mask shows: judged as such)
                    header = string_literal(key)
                    # a header's name (`Authorization`, `X-API-Key`: a known one, or words joined by
                    # hyphens), not a field or variable named for a credential (`{"secrets": names}`,
                    # `os.environ["VAULT_TOKEN"]`), which says less of what it holds
                    if header is not None and (header.lower() in CREDENTIAL_HEADERS or "-" in header) \
                            and is_credential_header(header):
                        found.setdefault(value.value, []).append(value)
            self._header_values = found
        return self._header_values

    def _less_the_name(self, labels: Labels, name: str) -> Labels:
        """Labels less what only a name said, where the code says otherwise: for a key named
        beside its secret (nhilint.flow.key_pairs: `api_key` with `api_secret`, the account's
        identifier), for a token name the module puts after its own collection in URL paths
        (nhilint.analysis.resource_ids: `boards/{board_token}/jobs`, a job board's slug), and
        for a value kept under a public key's name (`self.pubkey = state["...Secret"]`)."""
        if "pub" in name.lower() and any(label.kind == NAMED for label in labels) and _PUBLIC_KEY_NAME.search(snake_case(name)):
            # `self.pubkey = state["loginTrustFlagsSecret"]`, loaded as a PEM public key: what
            # the programmer called a public key is one, whatever field it was read from
            return frozenset(label for label in labels if label.kind != NAMED)
        if not any(label.kind == NAMED and label.detail == name for label in labels):
            return labels
        from nhilint.analysis.resource_ids import resource_id_names, thing_of  # asked of a credential's name only

        # (the module's URL paths are read only for a `<thing>_token` name: most files have none)
        if not key_beside_secret(self, name) and not (thing_of(name) and name in resource_id_names(self.context)):
            return labels
        return frozenset(label for label in labels if not (label.kind == NAMED and label.detail == name))

    def _over_literal_words(self, binding: Binding) -> bool:
        """A loop over a collection of string literals the code writes out (`for token_key in
        ["nextPageToken", "continuationToken"]:`, also through a constant), none of them a
        secret: each is one of those words (field names), whatever the loop calls it."""
        words = loop_words(self, binding)
        return words is not None and bool(words) and all(
            isinstance(word, str) and known_format(word) is None and not secret_value(word) for word in words)

    def _password_urls(self) -> FrozenSet[str]:
        """Names of URLs whose password the function reads (nhilint.flow.url_userinfo)."""
        if self._url_passwords is None:
            self._url_passwords = password_urls(self) if self.context.mentions("password") else frozenset()
        return self._url_passwords

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
                from nhilint.flow.whole_values import whole_params  # with a verifier call only: not at every start

                found |= whole_params(self, token)  # a parameter only part of which is verified holds no token
        return frozenset(found)

    def _attribute(self, node: cst.Attribute) -> Labels:
        attr = node.attr.value
        if self.is_self(node.value) and self.owner is not None:
            held = self.module.instance_attribute(self.owner, attr)  # memoized per class and attribute
            if any(label.kind in TOKEN_KINDS for label in held) and isinstance(self.scope, cst.FunctionDef) \
                    and self.scope.name.value in _CONSTRUCTORS and self.module.item_writes(self.owner, attr):
                # read while the object is built: only the constructor's own stores (and its calls')
                held = self.module.attribute_at_construction(self.owner, attr, self.scope)
            kept = self._less_the_name(by_name(held, attr, node), attr)
            if attr.endswith("headers"):
                # `self._request_headers.update(self._auth_headers())` in another method
                kept = kept | self._kept_headers(f"{self._self_name}.{attr}")
            return kept
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
                return by_name(exported, attr, node)
            if is_token_name(attr) and self._remote_enum(node.value):
                return NONE  # `IdKitStage.PASSWORD` of another module's enum: a label
            if is_token_name(attr) and _member_of_imported_class(node, self.facts.imports, self.context.imports):
                return NONE  # `EResult.InvalidPassword`: a library enum's member, a status
        cls = self.context.module_classes.get(node.value.value) if isinstance(node.value, cst.Name) else None
        if cls is not None and self._class_values(cls, attr):
            # `EnvironmentVariables.CLIENT_SECRET`: what the class body assigns (often the
            # variable's name, a plain string), not a value named like a credential
            return by_name(self._class_labels(cls, attr), attr, node)
        if is_token_name(attr) and attr in self.module.numeric_fields():
            return NONE  # `pair_data.token` of a dataclass declaring `token: int`: a number
        if type(node.value) in (cst.Name, cst.Subscript):
            handed = constructor_argument(self, node.value, attr)
            given = self.labels(handed) if handed is not None else NONE
            if any(label.kind in TOKEN_KINDS for label in given):
                # `DomainConfig("default", secret).totp_secret`: the credential the
                # construction handed that field (where the object is built in a mapping the
                # object keeps, its other fields are judged as before)
                return given
        base = self.labels(node.value)
        if attr in TOKEN_ATTRIBUTES and self._refreshed(node.value):
            return frozenset({Label(FETCHED, node, inputs=self.deps(node.value))})
        name = field_name(node.value, attr)
        labels = by_name(field_labels(self, base, name, node), name, node)
        stored = self._stored_in_attribute(node)
        return labels | stored if stored else labels

    def _stored_in_attribute(self, node: cst.Attribute) -> Labels:
        """`session.headers["X-Auth-Token"] = token` or `session.headers.update({...})` before
        `log.debug(session.headers)`: the mapping an object of this function holds carries what
        was stored in it since the object was made here."""
        written = dotted_name(node)
        if written is not None and written.endswith("headers"):
            kept = self._default_headers(node, written)
            if kept:
                return kept
        stores = self.facts.item_stores.get(written) if written is not None else None
        if not stores:
            return NONE
        root = node.value
        while type(root) is cst.Attribute:
            root = root.value  # type: ignore[attr-defined]
        if type(root) is not cst.Name or not self.facts.is_local(root.value):  # type: ignore[attr-defined]
            return NONE
        at = self.facts.order_of(node)
        made = min((b.order for b in self.reaching(root.value, node)), default=-1)  # type: ignore[attr-defined]
        labels: Set[Label] = set()
        for order, _, value in stores:
            if made < order < at:
                labels |= self.labels(value)
        return frozenset(labels)

    def _default_headers(self, node: cst.Attribute, written: str) -> Labels:
        """`self.session.headers`, read in any method: the default headers of a session the
        object keeps carry what its constructor stored in them (`self.session.headers[
        "Authorization"] = self.key`); and the `headers` of a request the session prepared
        (`prepped = self.session.prepare_request(req)`: requests merges the session's default
        headers into it)."""
        holder = node.value
        if type(holder) is cst.Name and self.facts.is_local(holder.value):  # type: ignore[attr-defined]
            bound = self.context.bound_expression(holder, self.facts)
            if isinstance(bound, cst.Call) and leaf_name(bound) == "prepare_request" and isinstance(bound.func, cst.Attribute):
                session = dotted_name(bound.func.value)
                return self._kept_headers(f"{session}.headers") if session is not None else NONE
            return NONE
        return self._kept_headers(written)

    def _kept_headers(self, written: str) -> Labels:
        """What the methods (the class's or a base's of the module) store in `self.<written>`
        (a session's headers): set when the object is made, or by a login method
        (`tokenlogin()` putting the API token in them), there for every other method; this
        method's own stores count where they come first (`_stored_in_attribute`). Once a class
        and attribute (a memo of the module)."""
        owner = self.owner
        if owner is None or not written.startswith(f"{self._self_name}."):
            return NONE
        attribute = written[len(self._self_name) + 1:]

        def compute() -> List[Tuple[cst.FunctionDef, Labels]]:
            stored: List[Tuple[cst.FunctionDef, Labels]] = []
            for cls in self.module.lineage(owner):
                for method in self.module.methods(cls):
                    labels: Set[Label] = set()
                    other = self.module.flow(method)
                    kept = f"{other._self_name}.{attribute}"
                    for _, key, value in other.facts.item_stores.get(kept, ()):
                        # the header's name as written, or a parameter's default (`headers[
                        # auth_header_name]` with `auth_header_name="Authorization"`)
                        named = other.context.evaluator.value(key, other.facts)
                        labels |= other.labels(value) | _header_credential(named, value)
                    for call in other.facts.own_calls:
                        if leaf_name(call) == "update" and call.args and dotted_name(call.func) == f"{kept}.update":
                            labels |= other.labels(call.args[0].value)
                            entries = call.args[0].value
                            for element in entries.elements if isinstance(entries, cst.Dict) else ():
                                if isinstance(element, cst.DictElement):
                                    labels |= _header_credential(string_literal(element.key), element.value)
                    if labels:
                        stored.append((method, frozenset(labels)))
            return stored

        stored = self.context.memo(("flow-kept-headers", id(owner), attribute), compute) or []
        return frozenset().union(*(labels for method, labels in stored if method is not self.scope))

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

    def _comprehension(self, expr: cst.BaseExpression) -> Labels:
        element = expr.value if isinstance(expr, cst.DictComp) else expr.elt  # type: ignore[attr-defined]
        if isinstance(element, cst.Call) and masks(leaf_name(element)):
            return NONE  # `[masked(item) for item in to_delete]`: each element masked, none shown
        for_in = expr.for_in  # type: ignore[attr-defined]
        source = for_in.iter
        if self._literal_keys_taken(element, for_in):
            return NONE  # `[k for k, v in query.items() if not v]`: the names of its entries
        if isinstance(source, cst.Call) and isinstance(source.func, cst.Attribute) and source.func.attr.value == "items":
            source = source.func.value
        picked = self._picked_column(expr, source)
        if picked is not None:
            return picked
        labels = self.labels(source)
        if _masks_credential(self, expr):
            return derive(labels)  # a copy with the credential's value replaced: it holds no credential
        field = _element_field(element, for_in.target)
        if field is not None:
            # `[d.id.hex() for d in credentials]`: one field of each element, judged by its name
            name = field_name(source, field)
            return by_name(field_labels(self, labels, name, expr), name, expr)
        conditions = " ".join(self.context.module.code_for_node(c.test) for c in for_in.ifs).lower()
        if "authorization" in conditions or "http_auth" in conditions or "token" in conditions:
            # a copy without the credential: of the incoming headers, or of whatever mapping
            # the caller hands over (a parameter: the caller's headers, credential dropped here)
            labels = frozenset(label.as_derived() if label.kind == PARAM else label
                               for label in labels if label.kind != INBOUND_HEADERS)
        return labels

    def _literal_keys_taken(self, element: cst.BaseExpression, for_in: cst.CompFor) -> bool:
        """`[k for k, v in query.items()]`, `[k for k in query.keys()]`: each element is one of
        the mapping's keys, a name, never a value (not of a local dict written under keys the
        function computes)."""
        iterable = for_in.iter
        if not (type(element) is cst.Name and isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Attribute)
                and isinstance(iterable.func.value, (cst.Name, cst.Attribute))):
            return False
        target = for_in.target
        method = iterable.func.attr.value
        if method == "items" and isinstance(target, cst.Tuple) and target.elements:
            key = target.elements[0].value
        elif method == "keys":
            key = target
        else:
            return False
        if not (isinstance(key, cst.Name) and key.value == element.value):  # type: ignore[attr-defined]
            return False
        # what a mapping's labels say is what its values hold: its keys taken alone are names
        # (`[k for (k, v) in self._data.items() if v == ""]`, a login form's empty fields), not
        # the password among its values; unless the function writes it under keys it computes
        # (`sessions[token] = user`: its keys may be the tokens)
        mapping = iterable.func.value
        entries = self.written_entries(mapping) if isinstance(mapping, cst.Name) else None
        return not entries or all(name is not None for name, _ in entries)  # type: ignore[union-attr]

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

    # -- inputs (nhilint.flow.inputs) -----------------------------------------------------------
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


def _member_of_imported_class(node: cst.Attribute, *imports: Mapping[str, str]) -> bool:
    """`EResult.InvalidPassword`: a CapWords member of an imported CapWords class (imported by
    the function or the module), an enum's member or a nested class by PEP 8's names; a setting
    a class holds is spelled otherwise (`Config.SECRET_KEY`, `settings.api_key`)."""
    owner, attr = node.value, node.attr.value
    return (type(owner) is cst.Name and any(owner.value in names for names in imports)  # type: ignore[attr-defined]
            and class_name(owner.value) and class_name(attr))  # type: ignore[attr-defined]


def _masks_credential(flow: "FunctionFlow", expr: cst.BaseExpression) -> bool:
    """A dict comprehension that replaces the credential by a literal mask: a deny-list, `{k:
    "(redacted)" if k.lower() == "authorization" else v for k, v in headers.items()}` (the
    mask where the key is a credential's name), or an allow-list, `{k: v if k in SAFE else
    "<redacted>" for k, v in data.items()}` (the value only for keys none of which names a
    credential; `SAFE` a constant of the module)."""
    if not isinstance(expr, cst.DictComp) or not isinstance(expr.value, cst.IfExp):
        return False
    choice = expr.value
    masked_when_true = isinstance(choice.body, (cst.SimpleString, cst.ConcatenatedString))
    if masked_when_true == isinstance(choice.orelse, (cst.SimpleString, cst.ConcatenatedString)):
        return False
    # the key names the test compares with (`k.lower() in ("authorization", "x-api-key")`)
    names: List[object] = [node.evaluated_value for node in nodes_of(choice.test, cst.SimpleString)]
    for node in nodes_of(choice.test, (cst.Name, cst.Attribute)):
        value = flow.context.evaluator.value(node, flow.facts)
        if isinstance(value, (tuple, list, set, frozenset)):
            names.extend(value)
        elif isinstance(value, str):
            names.append(value)  # `k == HEADER_AUTHORIZATION`, a constant naming the header
    credential = any(isinstance(name, str) and is_credential_name(name) for name in names)
    if masked_when_true:
        return credential
    allow_list = isinstance(choice.test, cst.Comparison) and all(
        isinstance(c.operator, (cst.In, cst.Equal)) for c in choice.test.comparisons)
    return allow_list and bool(names) and not credential


def _by_a_name(label: Label) -> bool:
    """A label only a name gave: the value's own (NAMED), or its environment variable's."""
    return label.kind == NAMED or from_environment(label)


def _beside_a_token(binding: Binding, name: str) -> bool:
    """`server, token = ...`: the name is unpacked beside one named for a token, and is not one."""
    statement = binding.at
    if not isinstance(statement, cst.Assign) or len(statement.targets) != 1 or is_token_name(name):
        return False
    target = statement.targets[0].target
    if not isinstance(target, (cst.Tuple, cst.List)):
        return False
    siblings = [e.value.value for e in target.elements if isinstance(e.value, cst.Name) and e.value.value != name]
    return any(is_token_name(sibling) for sibling in siblings)


# what a caller hands in, symbolically (substituted at each call)
_CALLERS = frozenset({PARAM, PARAM_HEADER})


def _split_word(binding: Binding) -> bool:
    """A loop over the parts of a split string (`for token in raw.split(","):`,
    `shlex.split(line)`): each is a word of the text, whatever the loop calls it; what the text
    holds, it holds (a token split in parts is followed through the labels)."""
    if not isinstance(binding.at, (cst.For, cst.CompFor)):
        return False
    iterable = binding.at.iter
    return isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Attribute) \
        and iterable.func.attr.value in ("split", "rsplit", "splitlines")


def _stored_keys_shown(stores: Iterable[Tuple[object, cst.BaseExpression, object]]) -> bool:
    """Entries written into the dict afterwards under literal keys naming no credential
    (`token_data["account_id"] = account_id`): it still spells out what it holds."""
    for _, key, _ in stores:
        text = string_literal(key)
        if text is None or is_credential_name(text):
            return False
    return True


def _keys_shown(value: Optional[cst.BaseExpression]) -> bool:
    """A dict written out with no credential among its keys (`credentials = dict(client_id=...,
    redirect_uri=..., state=...)`): what a name calls it says nothing more."""
    if isinstance(value, cst.Dict):
        keys = [string_literal(e.key) if isinstance(e, cst.DictElement) else None for e in value.elements]
    elif isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "dict":
        keys = [arg.keyword.value if arg.keyword is not None else None for arg in value.args]
    else:
        return False
    return bool(keys) and all(key is not None and not is_credential_name(key) for key in keys)


_COPIES = frozenset({"copy", "deepcopy", "dict"})
# a public key's name: `pubkey`, `public_key`, `server_public_key`, `pub_key_pem`
_PUBLIC_KEY_NAME = compiled_on_first_use(r"(^|_)pub(lic)?_?keys?($|_pem$)")


def _mask_written(value: cst.BaseExpression) -> bool:
    """A literal, or literals joined with a cut of a value (`"****" + auth[-4:]`,
    `f"{key[:4]}..."`: field_reads.cut_slice): what a mask shows, told from its syntax alone
    (asked while the labels of the function's values are being found, so none are asked for)."""
    if string_literal(value) is not None:
        return True
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        return _mask_written(value.left) and _mask_written(value.right)
    if isinstance(value, cst.FormattedString):
        return all(isinstance(part, cst.FormattedStringText) or _mask_written(part.expression)
                   for part in value.parts)
    return isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Slice) \
        and cut_slice(value.slice[0].slice)


def _credential_key(flow: "FunctionFlow", key: cst.BaseExpression) -> bool:
    """A credential header's name or a credential field's (`"Authorization"`, `"password"`,
    also through a constant, of this module or another: `ldap_constants.AD_ATTRIBUTE_PASSWORD`,
    `"unicodePwd"`, whose own name says so too)."""
    value = flow.context.evaluator.value(key, flow.facts)
    names = [value] if isinstance(value, str) else []
    if isinstance(key, (cst.Name, cst.Attribute)):
        names.append((dotted_name(key) or "").rsplit(".", 1)[-1])
    if isinstance(key, cst.Name) and flow.facts.is_local(key.value):
        # `for key in ("access_token", "refresh_token"): masked[key] = "REDACTED"`: those keys
        for binding in flow.reaching(key.value, key):
            names += [word for word in loop_words(flow, binding) or () if isinstance(word, str)]
    return any(name and names_credential_field(name) for name in names)


def loop_words(flow: "FunctionFlow", binding: Binding) -> Optional[Tuple[object, ...]]:
    """What a loop variable runs over, where the code writes the collection out (`for key in
    ("access_token", "refresh_token"):`, also through a constant); None otherwise."""
    if not isinstance(binding.at, (cst.For, cst.CompFor)):
        return None
    words = flow.context.evaluator.value(binding.at.iter, flow.facts)
    return words if isinstance(words, tuple) else None


def _iterated_mapping(at: Optional[cst.CSTNode], name: str) -> Optional[cst.BaseExpression]:
    """The mapping whose values a loop variable runs over: `value` of `for value in
    headers.values():` or of `for key, value in headers.items():`. None for anything else: a
    key, a loop over a list (a lexer's tokens), and a loop that tests the key (`if key !=
    "Authorization":`, `if key.lower() in SECRET_HEADERS: continue`: it chooses which values
    it shows)."""
    if not isinstance(at, (cst.For, cst.CompFor)):
        return None
    call = at.iter
    if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and not call.args
            and isinstance(call.func.value, (cst.Name, cst.Attribute))):
        return None
    target, method = at.target, call.func.attr.value
    if method == "values" and isinstance(target, cst.Name) and target.value == name:
        return call.func.value
    if method != "items" or not isinstance(target, (cst.Tuple, cst.List)) or len(target.elements) != 2:
        return None
    key, value = (element.value for element in target.elements)
    if not (isinstance(value, cst.Name) and value.value == name and isinstance(key, cst.Name)):
        return None
    if isinstance(at, cst.For):
        tests = [node.test for node in nodes_of(at.body, (cst.If, cst.IfExp), nested=True)]
    else:
        tests = [condition.test for condition in at.ifs]
    if any(named.value == key.value for test in tests for named in nodes_of(test, cst.Name, nested=True)):
        return None
    return call.func.value


def is_static(function: cst.FunctionDef) -> bool:
    """`@staticmethod`: no `self` is bound to its first parameter."""
    return any(dotted_name(d.decorator) == "staticmethod" for d in function.decorators)


def _header_credential(name: object, value: cst.BaseExpression) -> Labels:
    """A session's default header that carries a credential (`Authorization`, `X-API-Key`),
    its value not a literal: the credential, by where it goes, whatever its name
    (`self.session.headers["Authorization"] = self.key`)."""
    if not isinstance(name, str) or not is_credential_header(name) or string_literal(value) is not None:
        return NONE
    return frozenset({Label(NAMED, value, detail=name)})


# the methods that build an object: what other methods store into it comes after them
_CONSTRUCTORS = frozenset({"__init__", "__post_init__"})
# a field's text in another form (`credential.id.hex()`): the same field
_FIELD_FORMS = frozenset({"hex", "decode", "encode", "lower", "upper", "strip"})


def _element_field(element: cst.BaseExpression, target: cst.BaseAssignTargetExpression) -> Optional[str]:
    """The field of the loop's element a comprehension takes (`d.id`, `d["id"]` or `d.get("id")`
    of `for d in ...`, also `d.id.hex()`); None for any other element."""
    while type(element) is cst.Call and type(element.func) is cst.Attribute and not element.args \
            and element.func.attr.value in _FIELD_FORMS:  # type: ignore[attr-defined]
        element = element.func.value  # type: ignore[attr-defined]
    if type(target) is not cst.Name:
        return None
    if type(element) is cst.Attribute and type(element.value) is cst.Name \
            and element.value.value == target.value:  # type: ignore[attr-defined]
        return element.attr.value  # type: ignore[attr-defined]
    key: Optional[cst.BaseExpression] = None
    if type(element) is cst.Call and type(element.func) is cst.Attribute and element.func.attr.value == "get" \
            and type(element.func.value) is cst.Name and element.func.value.value == target.value \
            and element.args and element.args[0].keyword is None:  # type: ignore[attr-defined]
        key = element.args[0].value  # type: ignore[attr-defined]  # `[cmd.get("cmd") for cmd in body]`
    elif type(element) is cst.Subscript and type(element.value) is cst.Name and element.value.value == target.value \
            and len(element.slice) == 1 and type(element.slice[0].slice) is cst.Index:  # type: ignore[attr-defined]
        key = element.slice[0].slice.value  # type: ignore[attr-defined]
    if type(key) is cst.SimpleString and isinstance(key.evaluated_value, str):  # type: ignore[attr-defined]
        return key.evaluated_value  # type: ignore[attr-defined,no-any-return]
    return None


def _ifexp_arms(expr: cst.IfExp) -> "tuple[cst.BaseExpression, ...]":
    """The arms whose value the expression may be: not the arm that is its own test's falsy
    value (`"*" * len(password) if password else password`: an empty password, or None; also
    `password if not password else mask(password)`)."""
    test, negated = expr.test, False
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        test, negated = test.expression, True
    tested = dotted_name(test) if isinstance(test, (cst.Name, cst.Attribute)) else None
    falsy = expr.body if negated else expr.orelse
    if tested is not None and isinstance(falsy, (cst.Name, cst.Attribute)) and dotted_name(falsy) == tested:
        return (expr.orelse,) if negated else (expr.body,)
    return (expr.body, expr.orelse)


def short_whole(expr: cst.IfExp) -> bool:
    """`key[-8:] if len(key) > 8 else key` (or `key if len(key) <= 8 else key[:8]`): a cut of a
    value, and the value whole only where it is no longer than the cut (no real key is), as a
    logging helper shows a key's suffix. Both sides and the `len()` name the same value."""
    test = expr.test
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.left, cst.Call) and isinstance(test.left.func, cst.Name)
            and test.left.func.value == "len" and len(test.left.args) == 1):
        return False
    operator = test.comparisons[0].operator
    if isinstance(operator, (cst.GreaterThan, cst.GreaterThanEqual)):
        cut, whole = expr.body, expr.orelse
    elif isinstance(operator, (cst.LessThan, cst.LessThanEqual)):
        cut, whole = expr.orelse, expr.body
    else:
        return False
    measured = test.left.args[0].value
    if not (isinstance(cut, cst.Subscript) and len(cut.slice) == 1 and isinstance(cut.slice[0].slice, cst.Slice)):
        return False
    from nhilint.flow.field_reads import cut_slice

    return cut_slice(cut.slice[0].slice) and all(
        isinstance(side, (cst.Name, cst.Attribute)) and dotted_name(side) is not None
        and dotted_name(side) == dotted_name(measured) for side in (cut.value, whole))
