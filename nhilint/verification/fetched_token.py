"""Whether the token a verification reads is one this code fetched itself from a token endpoint.

A token the client has just received over TLS, in the token endpoint's answer to a request made
with its own client credentials, was issued to this client: nobody could substitute another
service's token for it. It is fetched when:
- the flow layer labels it FETCHED (nhilint.flow.sources): a token source such as msal's
  `acquire_token_for_client()`, a token field of an HTTP response's JSON
  (`requests.post(token_url, data=...).json()["access_token"]`);
- it is a token field (`access_token`, `id_token`...) of what a call returned that sent an OAuth
  token request, a body with a `grant_type` (RFC 6749 §4.1.3, §4.4.2, §6:
  `auth_response = self._client.request_raw(method="post", body={"grant_type": "refresh_token",
  ...})`), or of what a helper of the module returned that hands back a response's JSON
  (`return response.json()`), as when the JSON is read in place;
- it is a parameter, and every call of the function in the module (one at least) passes a
  fetched token: a private `_decode_id_token(id_token)` called from the login callback and from
  the refresh, each with the token response's `id_token`;
- it is a field of a record class (a dataclass) that every construction of it in the module
  hands a fetched token (`Tokens(access_token=resp["access_token"])`, then a property decoding
  `self.access_token`), or a value of the token endpoint's answer a loop takes one by one (`for
  token in resp.values()`);
- it is the `id_token` of a google-auth-oauthlib flow's `credentials` after the function called
  its `fetch_token(...)` (the flow builds them from the answer it has just received).

The token is followed through local names and through the JWE envelope of an encrypted token
(`inner = JWT(jwt=id_token, key=enc_key).claims`: the nested token came in `id_token`,
nhilint.verification.jwe_envelope). Every way it may arrive must be a fetched one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.imports import leaf_name
from nhilint.analysis.jwt_calls import JwtCall, token_arg
from nhilint.analysis.syntax import is_none
from nhilint.analysis.values import field_read
from nhilint.catalogue.tokens import TOKEN_FIELDS
from nhilint.flow import module_flow
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import FETCHED, INBOUND, INBOUND_HEADERS, Label
from nhilint.flow.module import bind_target
from nhilint.flow.sources import is_request, sends_token_request
from nhilint.patterns import compiled_on_first_use
from nhilint.verification.jwe_envelope import envelope_token

# the key a stored token endpoint answer is kept under (`auth_state["token_response"]`)
_TOKEN_RESPONSE_KEY = compiled_on_first_use(r"^(oauth2?_)?tokens?_?(endpoint_)?response$", re.I)

# the fields of a token endpoint's answer that hold a token: the refresh token came in the same
# answer, over the same TLS connection, as the access token
_ANSWER_TOKEN_FIELDS = TOKEN_FIELDS | {"refresh_token"}

# how many local names, envelopes and callers deep a token is followed
DEPTH = 4


def fetched_by_this_code(jc: JwtCall) -> bool:
    """Every way the token `jc` verifies may arrive is a token this code fetched."""
    found = decoded_in_flow(jc)
    return found is not None and _arrives_fetched(found[1], found[0], 0)


def verifies_fetched(flow: FunctionFlow, call: cst.Call) -> bool:
    """A verifier's call in `flow` whose token (its first argument) is one this code fetched
    itself (above): what it answers is about this process's own credential."""
    if not call.args or call.args[0].keyword is not None or not flow.facts.within(call, flow.scope):
        return False
    return _arrives_fetched(flow, call.args[0].value, 0)


def decoded_in_flow(jc: JwtCall) -> Optional[Tuple[cst.BaseExpression, FunctionFlow]]:
    """The token argument of a decode and the flow of the function it is in."""
    token = token_arg(jc)
    if token is None:
        return None
    return token, module_flow(jc.context).flow(jc.facts.node)


def every_caller_passes(flow: FunctionFlow, param: str, accept: Callable[[FunctionFlow, cst.BaseExpression], bool],
                        part: str = "") -> bool:
    """The module calls the function (once at least), and every call hands `param` a value
    `accept` takes, in the caller's flow; an entry point (no caller) may be given anything.
    With no caller in the module, and `part` naming the question, the calls other modules of
    the project make count instead (one at least, every one of them)."""
    function = flow.scope
    if not isinstance(function, cst.FunctionDef):
        return False
    callers = flow.module.callers(function)
    for caller, call in callers:
        value = bind_target((function, flow.owner), call.args).get(param)
        if value is None or not accept(caller, value):
            return False
    if callers or not part:
        return bool(callers)
    # asked on the way to a finding only: the other modules are read then
    from nhilint.flow.callers_elsewhere import every_call_elsewhere

    target = (function, flow.owner)

    def passes(caller: FunctionFlow, call: cst.Call) -> bool:
        value = bind_target(target, call.args).get(param)
        return value is not None and accept(caller, value)

    return every_call_elsewhere(flow, f"{part}:{param}", passes)


def _arrives_fetched(flow: FunctionFlow, expr: cst.BaseExpression, depth: int) -> bool:
    origins = token_origins(flow, expr, depth)
    return bool(origins) and all(fetched_origin(flow, origin, depth) for origin in origins)


def fetched_origin(flow: FunctionFlow, origin: "cst.BaseExpression | _AnswerValue", depth: int) -> bool:
    """One of the ways a token arrives (token_origins) is a token this code fetched."""
    if isinstance(origin, _AnswerValue):
        return _token_response(flow, origin.holder, depth)
    return (_fetched(flow.labels(origin)) or _token_response_field(flow, origin, depth) or _fetched_by_callers(flow, origin, depth)
            or _fetched_field(flow, origin, depth) or _oauth_flow_token(flow, origin)
            or _default_credentials_token(flow, origin))


def token_origins(flow: FunctionFlow, expr: "cst.BaseExpression | _AnswerValue", depth: int) -> "List[cst.BaseExpression | _AnswerValue]":
    """The expressions the token comes from: through a local name's reaching values, and from
    a decryption envelope's `.claims` to the token the envelope was given."""
    if depth > DEPTH or isinstance(expr, _AnswerValue):
        return [expr]
    facts = flow.facts
    if isinstance(expr, cst.Name) and facts.is_local(expr.value) and expr.value not in facts.params:
        bindings = flow.reaching(expr.value, expr)
        values = [binding.value if binding.value is not None else _answer_looped(binding.at, expr.value)
                  for binding in bindings]
        if values and all(value is not None for value in values):
            return [origin for value in values if value is not None for origin in token_origins(flow, value, depth + 1)]
        return [expr]
    inner = envelope_token(flow.context, facts, expr)
    if inner is not None:
        return token_origins(flow, inner, depth + 1)
    return [expr]


@dataclass(frozen=True)
class _AnswerValue:
    """One of the values of `holder`, taken by a loop: a token field of it when `holder` is a
    token endpoint's answer."""
    holder: cst.BaseExpression


def _answer_looped(loop: Optional[cst.CSTNode], name: str) -> Optional[_AnswerValue]:
    """The answer whose values a `for` loop hands `name` one by one: `for token in
    resp.values()`, `for _, token in resp.items()`, also a list of them picked by key, `for
    token in [v for k, v in resp.items() if k.endswith("_token")]`: the loop hands the decode
    nothing the answer did not hold. None for any other loop."""
    if not isinstance(loop, cst.For):
        return None
    source = loop.iter
    if isinstance(source, (cst.ListComp, cst.GeneratorExp)) and not isinstance(source.for_in.inner_for_in, cst.CompFor):
        if not isinstance(loop.target, cst.Name) or loop.target.value != name or not isinstance(source.elt, cst.Name):
            return None
        return _values_of(source.for_in.target, source.for_in.iter, source.elt.value)
    return _values_of(loop.target, source, name)


def _values_of(target: cst.BaseExpression, source: cst.BaseExpression, name: str) -> Optional["_AnswerValue"]:
    """R, for a loop target that takes R's values: `v` of `for v in R.values()` or of `for k, v
    in R.items()`."""
    if not isinstance(source, cst.Call) or source.args or not isinstance(source.func, cst.Attribute):
        return None
    method = source.func.attr.value
    if method == "values" and isinstance(target, cst.Name) and target.value == name:
        holder = source.func.value
    elif (method == "items" and isinstance(target, cst.Tuple) and len(target.elements) == 2
          and isinstance(target.elements[1].value, cst.Name) and target.elements[1].value.value == name):
        holder = source.func.value
    else:
        return None
    return _AnswerValue(holder)


def _fetched_by_callers(flow: FunctionFlow, expr: cst.BaseExpression, depth: int) -> bool:
    if depth > DEPTH or not isinstance(expr, cst.Name) or expr.value not in flow.facts.params:
        return False
    return every_caller_passes(flow, expr.value, lambda caller, value: _arrives_fetched(caller, value, depth + 1),
                               "fetched-token")


def _fetched_field(flow: FunctionFlow, expr: cst.BaseExpression, depth: int) -> bool:
    """`self.access_token` of a record class (a dataclass) every construction of which in the
    module hands that field a fetched token (`Tokens(access_token=resp["access_token"])`), or
    rebuilds the record the app kept in its session (`Tokens(**session["auth_token"])`)."""
    if depth > DEPTH or not isinstance(expr, cst.Attribute) or not flow.is_self(expr.value):
        return False
    # imported when a fetched token is asked of a record's field, which few files do
    from nhilint.flow.constructed_fields import field_arguments
    from nhilint.verification.session_held import read_from_session

    given = field_arguments(flow, expr.attr.value)
    return given is not None and all(
        _arrives_fetched(builder, value, depth + 1) or read_from_session(flow.context, builder.facts, value)
        for builder, value in given
    )


# google-auth-oauthlib's flows: `flow.credentials` is built from the token endpoint's answer that
# `flow.fetch_token(...)` stored in the flow's OAuth session (its `id_token`, its access token)
_OAUTH_FLOWS = ("google_auth_oauthlib.flow.",)
_FLOW_TOKENS = frozenset({"id_token", "token"})


def _oauth_flow_token(flow: FunctionFlow, expr: cst.BaseExpression) -> bool:
    """`creds.id_token` of `creds = oauth_flow.credentials` (or `oauth_flow.credentials.id_token`),
    where `oauth_flow` is a google-auth-oauthlib flow whose `fetch_token(...)` this function
    called: the token the flow has just fetched from the token endpoint."""
    if not isinstance(expr, cst.Attribute) or expr.attr.value not in _FLOW_TOKENS:
        return False
    credentials = _bound_once(flow, expr.value)
    if not (isinstance(credentials, cst.Attribute) and credentials.attr.value == "credentials"
            and isinstance(credentials.value, cst.Name)):
        return False
    holder = credentials.value.value
    if not _makes_oauth_flow(flow, _bound_once(flow, credentials.value), 0):
        return False
    return any(isinstance(call.func, cst.Attribute) and call.func.attr.value == "fetch_token"
               and isinstance(call.func.value, cst.Name) and call.func.value.value == holder
               for call in flow.facts.own_calls)


# google-auth's application default credentials: the process's own identity (the user's gcloud
# login, a service account's key, the metadata server), whose tokens google-auth fetches itself;
# an AuthorizedSession made with them keeps them as its `credentials`
_DEFAULT_CREDENTIALS = "google.auth.default"
_AUTHORIZED_SESSIONS = frozenset({"google.auth.transport.requests.AuthorizedSession"})


def _default_credentials_token(flow: FunctionFlow, expr: cst.BaseExpression) -> bool:
    """`creds.id_token` of `creds, project = google.auth.default(scopes)`, or
    `session.credentials.id_token` of `session = AuthorizedSession(google.auth.default()[0])`
    (a module global the function sets, as FireCloud's client does to read its user's email):
    the token google-auth fetched for this process's own credentials."""
    if not isinstance(expr, cst.Attribute) or expr.attr.value not in _FLOW_TOKENS:
        return False
    holder = expr.value
    if isinstance(holder, cst.Attribute) and holder.attr.value == "credentials":
        sessions = _values_of_name(flow, holder.value)
        return bool(sessions) and all(
            isinstance(session, cst.Call) and session.args
            and flow.context.qualified_name(session.func, flow.facts) in _AUTHORIZED_SESSIONS
            and all(_default_credentials(flow, made) for made in _values_of_name(flow, session.args[0].value) or [None])
            for session in sessions)
    made = _values_of_name(flow, holder)
    return bool(made) and all(_default_credentials(flow, value) for value in made)


def _default_credentials(flow: FunctionFlow, value: Optional[cst.BaseExpression]) -> bool:
    """`google.auth.default(...)[0]`, or the call itself where the name was unpacked from it."""
    if isinstance(value, cst.Subscript):
        index = value.slice[0].slice if len(value.slice) == 1 else None
        if not (isinstance(index, cst.Index) and isinstance(index.value, cst.Integer) and index.value.value == "0"):
            return False
        value = value.value
    return isinstance(value, cst.Call) and flow.context.qualified_name(value.func, flow.facts) == _DEFAULT_CREDENTIALS


def _values_of_name(flow: FunctionFlow, expr: cst.BaseExpression) -> List[Optional[cst.BaseExpression]]:
    """What a name may hold: a local's reaching values (the call it was unpacked from, for a
    `creds, _ = ...`), or every value the module and its functions give a global, but None
    (its empty start); the expression itself for anything else. Empty where it cannot tell."""
    if not isinstance(expr, cst.Name):
        return [expr]
    name = expr.value
    facts = flow.facts
    if name in facts.globals:
        module = flow.module
        written = [value for _, value in module.global_writes().get(name, ())]
        at_top = [binding.value for binding in module.module_flow().facts.bindings.get(name, ())]
        values = [value for value in written + at_top if not is_none(value)]
        return values if all(value is not None for value in values) else []
    if not facts.is_local(name) or name in facts.params:
        return []
    bindings = flow.reaching(name, expr)
    if not all(binding.value is not None or _unpacked_first(binding.at, name) for binding in bindings):
        return []
    return [binding.value if binding.value is not None else binding.unpacked_from for binding in bindings]


def _unpacked_first(at: Optional[cst.CSTNode], name: str) -> bool:
    """`name, project = ...`: the first of an unpacked pair (google.auth.default's credentials)."""
    if not isinstance(at, cst.Assign) or len(at.targets) != 1 or not isinstance(at.targets[0].target, cst.Tuple):
        return False
    first = at.targets[0].target.elements[0].value
    return isinstance(first, cst.Name) and first.value == name


def _makes_oauth_flow(flow: FunctionFlow, made: Optional[cst.BaseExpression], depth: int) -> bool:
    """A google-auth-oauthlib flow: made here (`Flow.from_client_config(...)`), or returned by a
    helper of the module on every path (`flow = self._get_flow()`)."""
    if not isinstance(made, cst.Call) or depth > 2:
        return False
    if (flow.context.qualified_name(made.func, flow.facts) or "").startswith(_OAUTH_FLOWS):
        return True
    target = flow.module.resolve(flow, made)
    if target is None:
        return False
    helper = flow.module.flow(target[0])
    returns = helper.facts.returns
    return bool(returns) and all(_makes_oauth_flow(helper, _bound_once(helper, value), depth + 1) for value in returns)


def _bound_once(flow: FunctionFlow, expr: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """What a local name is bound to, where it is bound once; the expression itself otherwise."""
    if isinstance(expr, cst.Name) and flow.facts.is_local(expr.value) and expr.value not in flow.facts.params:
        bindings = flow.reaching(expr.value, expr)
        return bindings[0].value if len(bindings) == 1 else None
    return expr


def _fetched(labels: Iterable[Label]) -> bool:
    """A fetched token as it is (not something computed from it), and nothing that may also
    be the incoming request's credential (`resp.json()["access_token"] if refreshed else
    request.headers["Authorization"]`). RAW_TOKEN is no objection: any name handed to a verifier
    carries it."""
    carried = [label for label in labels if not label.derived]
    return any(label.kind == FETCHED for label in carried) and not any(
        label.kind in (INBOUND, INBOUND_HEADERS) for label in carried
    )


def _token_response_field(flow: FunctionFlow, expr: cst.BaseExpression, depth: int) -> bool:
    """`response["id_token"]` / `response.get("access_token")` where `response` is what a call
    sending a token request returned, or what a module helper returning a response's JSON did;
    also a parameter every caller of the module hands such a response (`set_tokens(token_data)`
    called as `self.set_tokens(response.json())` after the token request)."""
    container = _token_field_of(flow, expr)
    return container is not None and _token_response(flow, container, depth)


def token_answer(flow: FunctionFlow, container: cst.BaseExpression, depth: int) -> bool:
    """`container` is a token endpoint's answer (what a call sending a token request returned,
    through local names, helpers and the function's callers)."""
    return _token_response(flow, container, depth)


def _token_response(flow: FunctionFlow, container: cst.BaseExpression, depth: int) -> bool:
    if isinstance(container, cst.Name) and container.value in flow.facts.params and isinstance(flow.scope, cst.FunctionDef):
        # an entry point (no caller in the module) may be handed anything
        return depth <= DEPTH and every_caller_passes(
            flow, container.value, lambda caller, value: _token_response(caller, value, depth + 1), "token-response")
    if isinstance(container, cst.Name) and flow.facts.is_local(container.value):
        # every value the name may hold here (a refresh in a `try:` leaves the stored answer
        # reaching as well)
        values = [binding.value for binding in flow.reaching(container.value, container)]
        return depth <= DEPTH and bool(values) and all(
            value is not None and _token_response(flow, value, depth + 1) for value in values
        )
    if _stored_answer(flow, container):
        return True
    call = _call_behind(flow, container)
    if call is None:
        return False
    if leaf_name(call) == "json" and isinstance(call.func, cst.Attribute):  # `requests.post(...).json()`
        sender = _call_behind(flow, call.func.value)
        return sender is not None and sends_token_request(flow, sender)
    return sends_token_request(flow, call) or _returns_json(flow, call)


def _stored_answer(flow: FunctionFlow, container: cst.BaseExpression) -> bool:
    """The token endpoint's answer as this server stored it, read back under its name from its
    own state (`auth_state = await user.get_auth_state()`; `auth_state.get("token_response")`):
    not a parameter anyone may fill, nothing of the incoming request."""
    key = field_read(flow.context, container, flow.facts)
    if key is None or not _TOKEN_RESPONSE_KEY.search(key):
        return False
    state = _container(container)
    root = state
    while isinstance(root, (cst.Attribute, cst.Subscript, cst.Call)):
        root = root.value if isinstance(root, (cst.Attribute, cst.Subscript)) else root.func
    if isinstance(root, cst.Name) and root.value in flow.facts.params:
        return False
    carried = flow.labels(state)
    return not is_request(flow, state) and not any(label.kind in (INBOUND, INBOUND_HEADERS) for label in carried)


def _token_field_of(flow: FunctionFlow, expr: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """The container of a token field read: `R` of `R["access_token"]` or `R.get("id_token")`."""
    if field_read(flow.context, expr, flow.facts) not in _ANSWER_TOKEN_FIELDS:
        return None
    return _container(expr)


def _container(read: cst.BaseExpression) -> cst.BaseExpression:
    """`R` of a key read `R[...]` / `R.get(...)` (field_read said it is one)."""
    return read.value if isinstance(read, cst.Subscript) else read.func.value  # type: ignore[attr-defined]


def _call_behind(flow: FunctionFlow, expr: cst.BaseExpression) -> Optional[cst.Call]:
    """The call `expr` is (`await` stripped), or the one a local name is bound to, once."""
    if isinstance(expr, cst.Name) and flow.facts.is_local(expr.value) and expr.value not in flow.facts.params:
        reaching = flow.reaching(expr.value, expr)
        if len(reaching) != 1 or reaching[0].value is None:
            return None
        expr = reaching[0].value
    while isinstance(expr, cst.Await):
        expr = expr.expression
    if isinstance(expr, cst.Call) and len(expr.args) == 2 and flow.context.qualified_name(expr.func, flow.facts) == "typing.cast":
        expr = expr.args[1].value  # `cast(Dict, make_request(...))`: the value itself, only retyped
        while isinstance(expr, cst.Await):
            expr = expr.expression
    return expr if isinstance(expr, cst.Call) else None


def _returns_json(flow: FunctionFlow, call: cst.Call) -> bool:
    """A function of the module every `return` of which hands back a response's JSON
    (`return response.json()`, `return (await resp).json()`), or the token endpoint's answer
    (`token_info = await self.httpfetch(self.token_url, method="POST", ...)` ... `return
    token_info`)."""
    target = flow.module.resolve(flow, call)
    if target is None:
        return False
    callee = flow.module.flow(target[0])
    returns = callee.facts.returns
    return bool(returns) and all(_json_or_answer(callee, value) for value in returns)


def _json_or_answer(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
    if isinstance(value, cst.Call) and leaf_name(value) == "json" and not value.args:
        return True
    call = _call_behind(flow, value)
    if call is not None and leaf_name(call) == "json" and not call.args and isinstance(call.func, cst.Attribute):
        call = _call_behind(flow, call.func.value)
    return call is not None and sends_token_request(flow, call)
