"""Whether a store's token is kept with its expiry, or the expiry is compared before reuse.

- compares_expiry: a function that hands a kept token out compares an expiry first, itself, in
  a method of its class it calls, or in every function of the module that calls it;
- keeps_expiry_beside: the function that stores a token stores its expiry too (an attribute or
  global named for it, a setter named for it, a dict with an expiry entry, an OAuth library's
  token dict stamped with `expires_at`);
- rechecks_exp: a function reads the token's `exp` (a cached verdict re-checked on every hit).

They search the code a function decides on (its tests and comparisons), without comments and
docstrings: what a function says about expiry checks nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, List, Optional

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import leaf_name
from nhilint.analysis.syntax import conjuncts, is_docstring
from nhilint.catalogue.tokens import EXPIRY_NAME_PATTERN
from nhilint.patterns import compiled_on_first_use
from nhilint.walk import nodes_of, walk

if TYPE_CHECKING:
    from nhilint.flow.module import ModuleFlow
    from nhilint.flow.stores import StoreWrite


# a call named for checking that a token is still good, asking the service or its claims
# (pyodk's `self.verify_token(token=token)`)
_VERIFYING_TOKEN = r"(verify|validate|check)_(access_|session_)?token"
_EXPIRY_CHECK = compiled_on_first_use(
    r"\bexp\b|expir|\bvalid\b|\.valid\b|ttl|time\(\)|monotonic|utcnow|now\(|stale|refresh_at|deadline"
    # an injected clock read (`self._clock()`), a record's own `fresh(now)` / `is_fresh()`
    r"|clock\(\)|(\b|_)fresh\b"
    # a call that asks whether the token must be replaced, wherever it compares the time
    # (azure-core's `_need_new_token()` returning `_should_refresh_token(self._token, jitter)`,
    # imported from another module)
    # (`_needs_token_refresh(self._token_resp)`, pyonstar's)
    r"|should_(token_|access_token_)?refresh|needs?_(token_|access_token_)?refresh|needs?_new_token|is_token_valid|token_is_valid"
    # the kept token object's own check (xbox-webapi's `self.oauth.is_valid()`, a model comparing
    # its `issued + expires_in` with the clock; also a property, `self._token.is_valid is False`)
    r"|\.is_valid\b"
    # or whether it is still good, asking the service (pyodk's `self.verify_token(token=token)`)
    r"|" + _VERIFYING_TOKEN + r"\b",
    re.I,
)
_EXP_RECHECK = compiled_on_first_use(r"""\[\s*["']exp["']\s*\]|\.get\(\s*["']exp["']|\bexp\b\s*[<>]|[<>]=?\s*\w*\bexp\b|expires_at|expired""")


def compares_expiry(context: Any, function: Optional[cst.FunctionDef], module: Optional[ModuleFlow] = None) -> bool:
    """Whether a function looks at an expiry before reuse (`expires_at`, `credentials.valid`),
    itself or in a method of its class it calls first (`self._ensure_fresh()`); or is reached
    only from functions of the module that do: a `renew()` that reads the slot for its refresh
    token, called by `__call__` once `self.token.is_expired(leeway)` said so."""
    if function is None:
        return False
    if _EXPIRY_CHECK.search(decisions_code(context, function.body)):
        return True
    if module is None:
        return False
    if _reached_through_checks(context, module, function, _CALLER_DEPTH, {id(function)}):
        return True
    return _checking_method_called(context, module, function) or _asks_the_service(module, function)


def _asks_the_service(module: ModuleFlow, function: cst.FunctionDef) -> bool:
    """The function decides on the answer of a method of the module it hands what the object
    keeps, a method that sends it to the service: `accepted = await self._check_in(
    self.credentials["device"]["security_token"])`, then `if accepted: return self.credentials`
    (a push registration checked in before reuse, else made anew). The service says whether
    the kept credentials still hold, whatever their age."""
    flow = module.flow(function)
    for branch in nodes_of(function.body, cst.If, nested=True):
        for asked in _asked_calls(flow, branch.test):
            if _service_answers(module, flow, function, asked):
                return True
    return False


def _asked_calls(flow: Any, test: cst.BaseExpression) -> List[cst.Call]:
    """The calls an `if` decides on, each side of an `and` (`if self._token is not None and
    self.session_valid():`, whose body runs only when every side holds)."""
    return [asked for asked in (_asked_call(flow, side) for side in conjuncts(test)) if asked is not None]


def _service_answers(module: ModuleFlow, flow: Any, function: cst.FunctionDef, asked: cst.Call) -> bool:
    """The call sends what the object keeps to the service and its answer decides: handed a
    kept value, or a question the class asks itself (`_sends_what_it_keeps`)."""
    from nhilint.flow.sinks import outbound_request  # asked of a function handing out a kept token: few

    handed = any(isinstance(node.value, cst.Name) and flow.is_self(node.value)
                 for arg in asked.args for node in nodes_of(arg.value, cst.Attribute, nested=True))
    if not handed and not (isinstance(asked.func, cst.Attribute) and flow.is_self(asked.func.value)):
        return False
    target = module.resolve(flow, asked)
    if target is None or target[0] is function:
        return False
    helper = module.flow(target[0])
    if handed:
        return any(outbound_request(helper, call) is not None for call in helper.facts.own_calls)
    return _sends_what_it_keeps(module, helper, 1)


def _sends_what_it_keeps(module: ModuleFlow, helper: Any, depth: int) -> bool:
    """A method of the class that answers a question (`validate_session() -> bool`) by sending
    the object's kept token to the service (`requests.get(url, headers=self.get_headers())`),
    itself or through another such method it asks (`_try_stored_token()` asking
    `validate_session()`): Metabase's session check on `/api/user/current`. A ping that sends
    nothing the object keeps (a health check) says nothing of the token."""
    from nhilint.flow.labels import token_labels
    from nhilint.flow.predicates import asks_a_question
    from nhilint.flow.sinks import outbound_request

    function = helper.scope
    if not isinstance(function, cst.FunctionDef) or not asks_a_question(module, function):
        return False
    for call in helper.facts.own_calls:
        if outbound_request(helper, call) is not None:
            if any(token_labels(helper.labels(arg.value)) for arg in call.args):
                return True
        elif depth > 0 and isinstance(call.func, cst.Attribute) and helper.is_self(call.func.value):
            target = module.resolve(helper, call)
            if target is not None and target[0] is not function \
                    and _sends_what_it_keeps(module, module.flow(target[0]), depth - 1):
                return True
    return False


def _asked_call(flow: Any, test: cst.BaseExpression) -> Optional[cst.Call]:
    """The call an `if` decides on: `if self._check(...)`, `if not await self._check(...)`, or
    `if accepted:` of a local `accepted = await self._check(...)` bound once."""
    while isinstance(test, (cst.UnaryOperation, cst.Await)):
        test = test.expression
    if isinstance(test, cst.Name):
        test = flow.reaching_value(test)
        while isinstance(test, cst.Await):
            test = test.expression
    return test if isinstance(test, cst.Call) else None


def _checking_method_called(context: Any, module: ModuleFlow, function: cst.FunctionDef, deeper: bool = True) -> bool:
    """A method of the class the function calls (`self._validate_and_refresh_token(token)`)
    compares an expiry; or one such a method calls in turn compares one in a test (every API
    method calling `self.login()`, which calls `self._refresh_token()` testing the time since
    the last refresh against the token's lifetime). Two calls down, only the tests and
    comparisons of a method that writes a token attribute count (the refresh itself): another
    method's clock test (a cache of answers) says nothing of the token kept."""
    flow = module.flow(function)
    for call in flow.facts.own_calls:
        if isinstance(call.func, cst.Attribute) and flow.is_self(call.func.value):
            target = module.resolve(flow, call)
            if target is None or target[0] is function:
                continue
            if deeper and _EXPIRY_CHECK.search(code_only(context, target[0].body)):
                return True
            if not deeper and _EXPIRY_CHECK.search(decisions_code(context, target[0].body)) \
                    and _keeps_a_token(module, target[0]):
                return True
            if deeper and _checking_method_called(context, module, target[0], deeper=False):
                return True
    return False


def _keeps_a_token(module: ModuleFlow, method: cst.FunctionDef) -> bool:
    """The method writes an attribute of the object named for a token (`self.access_token =
    ...`): the refresh whose test it is, not a cache of answers timed the same way."""
    from nhilint.analysis.names import is_token_name  # asked two calls down only

    flow = module.flow(method)
    return any(target.split(".", 1)[0] == flow._self_name and is_token_name(target.rsplit(".", 1)[-1])
               for target in flow.facts.attribute_stores)


def _callers_of(module: ModuleFlow, function: cst.FunctionDef) -> List[cst.FunctionDef]:
    """The functions of the module that run `function`: its callers and, for a property, the
    methods of its class that read it (`self._headers` in `_post()`: nhilint.flow.predicates'
    askers). None of them when it is also run at the module's top or by itself: not reached
    only through checks."""
    from nhilint.flow.predicates import askers  # asked on the way to a finding only

    if any(not isinstance(caller.scope, cst.FunctionDef) or caller.scope is function
           for caller, _ in module.callers(function)):
        return []
    return askers(module, function)


# how many calls up a function's callers are followed for their expiry checks
_CALLER_DEPTH = 3


def _reached_through_checks(context: Any, module: ModuleFlow, function: cst.FunctionDef, depth: int,
                            seen: "set[int]") -> bool:
    """Every call of `function` in the module (one at least) is in a function that compares an
    expiry, or is itself reached only through such functions, up to `depth` calls up
    (`sync_auth_flow` -> `_refresh_token_if_expired`, which tests `self._token.is_expired` ->
    `_refresh_token` -> `_refresh_current_token`)."""
    callers = _callers_of(module, function)
    if not callers or depth == 0:
        return False
    for scope in callers:
        if id(scope) in seen:
            return False
        if _EXPIRY_CHECK.search(decisions_code(context, scope.body)) or _checking_method_called(context, module, scope):
            continue  # (`acquire_token()` revalidating the kept token through its validator first)
        if not _reached_through_checks(context, module, scope, depth - 1, seen | {id(scope)}):
            return False
    return True


# the name of a token's expiry kept beside it: `_token_expiration`, `expires_at`, `token_exp`
_EXPIRY_NAME = compiled_on_first_use(EXPIRY_NAME_PATTERN, re.I)


def keeps_expiry_beside(context: Any, write: StoreWrite) -> bool:
    """The function that stores a token stores its expiry too, on an object or as a global of
    the module (`self._access_token_expiration = now + expires_in`, `global _token,
    _token_expires_at`), or through a setter of the object (`self._set_token_expired(...)`):
    the slot is kept with its expiry, for its readers to compare (dropbox's client compares it
    in `check_and_refresh_access_token()`)."""
    if _stored_with_expiry(write.node) or _oauth_library_token(context, write):
        return True
    if write.function is None:
        return False
    facts = context.facts(write.function)
    written = list(facts.attribute_stores) + [name for name in facts.globals if facts.bindings.get(name)]
    if any(_EXPIRY_NAME.search(target.rsplit(".", 1)[-1]) for target in written):
        return True
    # through a setter, maybe of a base class elsewhere: `self._set_token_expired(expires_in)`
    return any(
        isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Name) and call.func.value.value == "self"
        and _expiry_setter(call.func.attr.value)
        for call in facts.own_calls
    )


def _stored_with_expiry(node: cst.CSTNode) -> bool:
    """What is stored is a dict written out with an expiry entry beside the token
    (`{"token": ..., "expires_in": ...}`, `dict(value=..., expires_at=...)`)."""
    for written in nodes_of(node, cst.Dict, nested=True):
        for element in written.elements:
            key = string_literal(element.key) if isinstance(element, cst.DictElement) else None
            if key is not None and _EXPIRY_NAME.search(key):
                return True
    for call in nodes_of(node, cst.Call, nested=True):
        if isinstance(call.func, cst.Name) and call.func.value == "dict" and any(
                arg.keyword is not None and _EXPIRY_NAME.search(arg.keyword.value) for arg in call.args):
            return True
    return False


# OAuth 2 client libraries whose session's `fetch_token()` / `refresh_token()` returns the token
# dict stamped with `expires_at` (oauthlib's parse_token_response, authlib's OAuth2Token), and
# whose sessions refuse (requests-oauthlib: TokenExpiredError) or refresh an expired one
_OAUTH_LIBRARIES = ("requests_oauthlib", "async_oauthlib", "aiohttp_oauthlib", "authlib", "oauthlib")
_OAUTH_SESSION_FETCHES = frozenset({"fetch_token", "refresh_token", "fetch_access_token"})


def _oauth_library_token(context: Any, write: StoreWrite) -> bool:
    """What is stored is the whole token dict an OAuth 2 library's session fetched
    (`self._token = session.fetch_token(...)`, not its `["access_token"]`): it carries its
    `expires_at`, checked by the session it is handed back to."""
    value = write.node
    if isinstance(value, cst.Name) and write.function is not None and _typed_oauth_token(write.function, value.value):
        return True  # `def _save(self, token: Union[OAuth2Token, dict])`: the library's token object
    if isinstance(value, cst.Name) and write.function is not None:
        value = context.bound_expression(value, context.facts(write.function)) or value
    if isinstance(value, cst.Await):
        value = value.expression
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) \
        and value.func.attr.value in _OAUTH_SESSION_FETCHES \
        and any(name.startswith(_OAUTH_LIBRARIES) for name in context.imports.values())


def _typed_oauth_token(function: cst.FunctionDef, name: str) -> bool:
    """Whether `name` is a parameter declared as authlib's `OAuth2Token` (alone or in a
    union): a dict with its `expires_at`, which the library's session compares."""
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.name.value == name and param.annotation is not None:
            return any(node.value == "OAuth2Token" for node in nodes_of(param.annotation, cst.Name, nested=True)) \
                or any(node.attr.value == "OAuth2Token" for node in nodes_of(param.annotation, cst.Attribute, nested=True))
    return False


_SETTER = compiled_on_first_use(r"^_*(set|update|store|save|record|remember)_")


def _expiry_setter(name: str) -> bool:
    """`_set_token_expired`: a setter whose object is named for an expiry."""
    setter = _SETTER.match(name)
    return setter is not None and bool(_EXPIRY_NAME.search(name[setter.end():]))


def rechecks_exp(context: Any, function: Optional[cst.FunctionDef]) -> bool:
    """Whether a function reads the token's `exp` (re-checking a cached verdict on every hit)."""
    if function is None:
        return False
    return bool(_EXP_RECHECK.search(code_only(context, function.body)))


class _WithoutProse(cst.CSTTransformer):
    """Drops comments and docstrings: what a function says about expiry checks nothing."""

    def leave_Comment(self, original_node: cst.Comment, updated_node: cst.Comment) -> Any:
        return cst.RemoveFromParent()

    def leave_IndentedBlock(self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock) -> Any:
        body = updated_node.body
        if body and is_docstring(body[0]):
            return updated_node.with_changes(body=body[1:] or (cst.SimpleStatementLine([cst.Pass()]),))
        return updated_node


def code_only(context: Any, body: cst.BaseSuite) -> str:
    """A function body's code without its comments and docstrings, for the text searches above
    (`# no expiry check here` is not one)."""
    return context.memo(("code-only", id(body)), lambda: context.module.code_for_node(body.visit(_WithoutProse())))


# that call as a whole name (`self.verify_token(token=token)` in a `try`)
_VERIFYING_CALL = compiled_on_first_use(r"^_*" + _VERIFYING_TOKEN + "$")


def decisions_code(context: Any, body: cst.BaseSuite) -> str:
    """The code of what a function body decides on: its `if` / `while` / conditional-expression
    tests, asserts and comparisons. A clock read or an `exp` that only goes into a value (the
    `iat` and `exp` of a client assertion minted before the token request) compares nothing;
    the question a method of the class answers (`_token_expires_soon()`, read whole above) is
    asked in a test."""
    def compute() -> str:
        parts: List[str] = []

        def visit(node: cst.CSTNode) -> bool:
            if isinstance(node, (cst.If, cst.While, cst.IfExp, cst.Assert)):
                parts.append(context.module.code_for_node(node.test))
            elif isinstance(node, cst.Try) and node.handlers:
                # `try: return self.verify_token(token=token) except PyODKError: pass`, then a
                # new token: a check that raises for a token no longer good decides by its exception
                parts.extend(context.module.code_for_node(call) for call in nodes_of(node.body, cst.Call)
                             if _VERIFYING_CALL.match(leaf_name(call)))
            elif isinstance(node, cst.Comparison):
                parts.append(context.module.code_for_node(node))
                return False
            return True

        walk(body, visit)
        return "\n".join(parts)

    return context.memo(("decisions-code", id(body)), compute)
