from __future__ import annotations

import re
from typing import ClassVar, Optional

import libcst as cst

from nhilint.analysis.imports import leaf_name
from nhilint.analysis.values import DictValue
from nhilint.catalogue.jwt import ENCODE
from nhilint.catalogue.tokens import EXPIRY_NAME_PATTERN
from nhilint.context import FileContext
from nhilint.analysis.branches import tested_as_set
from nhilint.analysis.credentials import string_literal
from nhilint.flow import module_flow
from nhilint.flow.claim_checks import claims_read_after_verifying
from nhilint.flow.defaults import none_by_default
from nhilint.patterns import compiled_on_first_use
from nhilint.walk import nodes_of
from nhilint.rule import CHECK_TESTS
from nhilint.rules.jwt.base import JwtRule


class TokenMintedWithoutExpiry(JwtRule):
    """
    ## What it does
    Finds a JWT minted from a payload that visibly has no `exp` claim: `jwt.encode(...)` in
    PyJWT, python-jose, Authlib and joserfc, when the payload is a dict literal, a dict built in
    the function (including one whose `exp` was deleted), or a module constant.

    A payload whose `exp` is deleted on one path (`if ttl == -1: del payload["exp"]`) is
    reported too: the tokens minted on that path never expire. So is one that gets `exp` only
    when an optional setting is set (`if expiration: payload["exp"] = ...`, no `else`; an
    inner `if` / `else` under it only picks which lifetime) that is None unless configured: a parameter defaulting to None, also through `expiration or
    self.expiration` and what the constructor leaves in the attribute (a parameter defaulting
    to None, or `else: self.expiration = None`). By default the tokens never expire, and the
    default is what most deployments run. A setting with a default lifetime
    (`lifetime=timedelta(minutes=15)`), one without a default (the caller always chooses), an
    `else` that sets `exp` too, or a payload whose keys the code does not show (a copy of
    configured claims, the caller's `**claims`: `exp` may come from there) is not reported,
    unless no call of the function (one at least, in its module and the project's others)
    passes anything through that `**claims` (stream-python's `create_jwt_token(resource,
    action, feed_id=None, **params)` minting `{**params, "action": ..., "resource": ...}`,
    every call of it naming only its parameters): wherever the project mints, the payload
    has no `exp` (reported at medium confidence: a user of the library may pass one).

    A payload returned by a function of this module or of another module of the project is
    followed when that function has one `return` of a dict whose keys it shows
    (`claims = base_claims(user_id)` with `def base_claims(user_id): return {"sub": user_id,
    "iat": now}`); the caller's own additions (`claims["exp"] = ...`, `.update()`) count. A
    payload whose keys cannot be seen (a parameter, a library's result, a helper that spreads
    `**extra` or returns in two places) is not reported: nhilint cannot see whether it carries
    `exp`. Nor is an OAuth 2 `state` signed as a JWT (`state = jwt.encode(data, secret)`, then
    `OAuth2Session(..., state=state)`: handed as `state=` to a call, directly or through a local
    named `state`): RFC 6749 §10.12's CSRF nonce for one redirect, which the callback compares
    with the copy the session keeps, and which grants nothing (a `state` whose payload
    carries a credential, an access token or Django's `request.session.session_key`, is that
    credential for as long as it verifies: reported). Nor is a DPoP proof (RFC 9449: header `typ` `dpop+jwt`, or the
    `htm` / `htu` claims): it carries `jti` and `iat` and no `exp` by design, and the server
    accepts it only within its `iat` window. Nor is an APNs provider token (claims `iss` and
    `iat` only, header `kid`, in a module whose path, imports or a string name Apple's push
    service): Apple defines the token so and refuses one whose `iat` is more than an hour old
    ("Establishing a token-based connection to APNs"); the same claims anywhere else are
    reported, as below. Nor is a client's signature of one request of its own: a payload
    written out with a `nonce` drawn at random in the function (`str(uuid.uuid4())`,
    `secrets.token_hex()`), the token put at once in an `Authorization` header the function
    builds (`{"Authorization": "Bearer " + signed}`, also through a local): the JWT
    authentication of exchange APIs (Upbit: `access_key`, `nonce`, `query_hash`), whose server
    refuses a nonce it has seen, so each token is good for one request; a nonce in a token
    handed out in a response, or a random `jti` alone (an id, which most verifiers do not
    remember), is reported. Nor is a per-request token with `iat` and no `exp`
    when a decode of the same module that verifies the signature reads `iat` (a client library
    whose module also holds the verifier its API uses, which rejects a token seconds after its
    `iat`): its lifetime is enforced by that verifier, in code the module shows. An `iat`-only
    token whose verifier is elsewhere (a remote API) is reported: nhilint cannot see that the
    window is enforced. A token carrying its expiry in a claim of its own (`{"username": ...,
    "exp_date": ...}`) that such a decode of the module compares (`claims["exp_date"] > now`)
    does expire, by the module's own check, but only there: PyJWT, python-jose and joserfc
    enforce the registered `exp` alone, so any other verifier of the token (another service, a
    decode that forgets the comparison) accepts it forever. It is reported at low confidence,
    with a message saying so; the same claim that no decode of the module compares is an
    ordinary finding.

    A payload whose claim holds another claim set serialized (`{"payload":
    json.dumps(payload.as_dict())}`, strawberry-django-auth's token) is not reported either:
    what that set holds, `exp` among it maybe, is not shown (its verifier reads it there; a
    claim set written out inside, `{"payload": {"user": ...}}`, is judged as any).

    A token minted only to be decoded again at once in the same function, and handed nowhere
    else (`probe = jwt.encode({"probe": 1}, secret)`, then `assert jwt.decode(probe, secret) ==
    ...`: a self-test of the key setup), has no lifetime to bound, and is not reported.

    ## Why is this bad?
    A token without `exp` is valid forever to every verifier that accepts it: PyJWT, python-jose
    and joserfc check `exp` only when the claim is present. A leaked one never stops working,
    and rotating the signing key is the only way to kill it (OWASP NHI-03; NHI7:2025 Long-Lived
    Secrets).

    ## Example
    ```python
    import jwt

    def session_token(user_id, key):
        return jwt.encode({"sub": user_id, "aud": "orders"}, key, algorithm="HS256")
    ```

    ## Use instead
    ```python
    from datetime import datetime, timedelta, timezone

    import jwt

    def session_token(user_id, key):
        now = datetime.now(timezone.utc)
        claims = {"sub": user_id, "aud": "orders", "iat": now, "exp": now + timedelta(minutes=15)}
        return jwt.encode(claims, key, algorithm="HS256")
    ```

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [RFC 7519 §4.1.4, "exp" claim](https://datatracker.ietf.org/doc/html/rfc7519#section-4.1.4)
    - [RFC 8725 §3.10, short-lived tokens](https://datatracker.ietf.org/doc/html/rfc8725)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-613
    """

    code = "NHL401"
    name = "token-minted-without-expiry"
    family: ClassVar[str] = "token-lifetime"
    summary = "A JWT is minted without an expiry claim"
    severity = "medium"
    confidence = "high"
    owasp = "NHI-03"
    owasp_2025 = ("NHI7:2025",)
    cwe = (613,)
    options = {"check-tests": CHECK_TESTS}

    def visit_Call(self, node: cst.Call) -> None:
        jc = self.jwt_call(node)
        if jc is None or jc.api.role != ENCODE:
            return
        payload = jc.value(jc.api.payload)
        if not isinstance(payload, DictValue) or _proof_of_possession(jc, payload):
            return
        if _apns_provider_token(self.context, jc, payload):
            return  # Apple's push service takes `iss` and `iat` only, and bounds the age itself
        if payload.has("exp") is False:
            from nhilint.verification.self_test import minted_for_a_self_test  # rare: imported when asked

            if minted_for_a_self_test(jc):
                return  # decoded again at once, and nowhere else: a self-test of the key setup
            if _oauth_state(jc) and not _carries_credential(self.context, jc):
                return  # an OAuth `state`: a CSRF nonce for one redirect, no credential
            if _serialized_claims(jc):
                return  # `{"payload": json.dumps(claims.as_dict())}`: the claims inside are not shown
            if _signed_request(self.context, jc):
                return  # a request's own signature with a one-time nonce (exchange APIs' JWT auth)
            checked = claims_read_after_verifying(self.context) if payload.items else frozenset()
            if payload.has("iat") is True and "iat" in checked:
                return  # a per-request token: the module's own verifier bounds its age by `iat`
            own = sorted(key for key in payload.items if isinstance(key, str) and _EXPIRY_CLAIM.search(key) and key in checked)
            if own:
                # `exp_date`: an expiry of its own, which this module's verifier compares and
                # no library does
                self.report(node, f"{jc.callee} mints a token with no registered `exp`: its `{own[0]}` claim is "
                                  f"compared only by this module's own code, and any other verifier accepts it forever",
                            confidence="low")
                return
            self.report(node, f"{jc.callee} mints a token whose payload has no `exp`: it never expires")
        elif payload.has("exp") is None and _spread_never_given(self.context, jc) is not None:
            spread = _spread_never_given(self.context, jc)
            self.report(node, f"{jc.callee} mints a token whose payload has no `exp` but what `**{spread}` adds, and "
                              f"no call of the function in the project passes anything there: it never expires",
                        confidence="medium")
        elif self._exp_deleted_on_a_path(jc):
            self.report(node, f"{jc.callee} mints a token whose `exp` is deleted on one path: that token never expires")
        else:
            setting = self._exp_only_when_set(jc)
            if setting is not None:
                self.report(node, f"{jc.callee} adds `exp` only when `{setting}` is set, and it is None unless "
                                  f"configured: by default the token never expires")

    def _exp_only_when_set(self, jc) -> Optional[str]:  # type: ignore[no-untyped-def]
        """`if expiration: payload["exp"] = ...` with `expiration` None by default (a parameter
        defaulting to None, maybe through `expiration or self.expiration` and an `__init__`
        parameter defaulting to None): the default configuration mints tokens without `exp`.
        The name of the setting, or None."""
        arg = jc.args.get(jc.api.payload)
        if not isinstance(arg, cst.Name) or not isinstance(jc.facts.node, cst.FunctionDef):
            return None
        module = module_flow(self.context)
        flow = module.flow(jc.facts.node)
        stores = [value for order, key, value in jc.facts.item_stores.get(arg.value, ())
                  if order < jc.facts.order_of(jc.call) and self.context.evaluator.value(key, jc.facts) == "exp"]
        if not stores or any(_has_exp(binding.value) for binding in flow.reaching(arg.value, jc.call)):
            return None
        gates = [_gate_of(jc.facts, value, jc.call) for value in stores]
        if any(gate is None or not none_by_default(module, flow, gate) for gate in gates):
            return None
        return self.context.module.code_for_node(gates[0])

    def _exp_deleted_on_a_path(self, jc) -> bool:  # type: ignore[no-untyped-def]
        """`if ttl == -1: del payload["exp"]` before the encode: on that path there is no `exp`."""
        arg = jc.args.get(jc.api.payload)
        if not isinstance(arg, cst.Name):
            return False
        facts = jc.facts
        at = facts.order_of(jc.call)
        deletes = [order for order, key in facts.item_deletes.get(arg.value, ())
                   if order < at and self.context.evaluator.value(key, facts) == "exp"]
        if not deletes:
            return False
        # a store of `exp` after the last delete, on every path to the encode, puts it back
        return not any(
            deletes[-1] < order < at and self.context.evaluator.value(key, facts) == "exp"
            and not _in_branch(facts, value, jc.call)
            for order, key, value in facts.item_stores.get(arg.value, ())
        )


def _spread_never_given(context: FileContext, jc) -> Optional[str]:  # type: ignore[no-untyped-def]
    """`payload = {**params, "action": action}` (then items stored under literal keys, none
    `exp`) with `**params` the function's own keyword catch-all, and no call of the function
    (one at least, in its module and the project's other modules) passing a keyword it does not
    name, nor a `**mapping`: the spread is empty wherever the project mints, and the payload
    has no `exp` (stream-python's `create_jwt_token`). The catch-all's name, or None."""
    function = jc.facts.node
    if not isinstance(function, cst.FunctionDef) or not isinstance(function.params.star_kwarg, cst.Param):
        return None
    catch_all = function.params.star_kwarg.name.value
    arg = jc.args.get(jc.api.payload)
    flow = module_flow(context).flow(function)
    display = flow.reaching_value(arg) if isinstance(arg, cst.Name) else arg
    if not isinstance(display, cst.Dict):
        return None
    spreads = [element for element in display.elements if isinstance(element, cst.StarredDictElement)]
    if not spreads or not all(isinstance(element.value, cst.Name) and element.value.value == catch_all for element in spreads):
        return None
    if isinstance(arg, cst.Name):
        stored = [key for _, key, _ in jc.facts.item_stores.get(arg.value, ())]
        if any(not isinstance(context.evaluator.value(key, jc.facts), str) or context.evaluator.value(key, jc.facts) == "exp"
               for key in stored):
            return None
        if any(leaf_name(call) in ("update", "setdefault") and isinstance(call.func, cst.Attribute)
               and isinstance(call.func.value, cst.Name) and call.func.value.value == arg.value
               for call in jc.facts.own_calls):
            return None
    params = function.params
    named = {param.name.value for param in (*params.posonly_params, *params.params, *params.kwonly_params)}

    def gives_nothing(caller, call: cst.Call) -> bool:  # type: ignore[no-untyped-def]
        return not any(arg.star for arg in call.args) and all(
            arg.keyword is None or arg.keyword.value in named for arg in call.args)

    from nhilint.flow.callers_elsewhere import answers_elsewhere  # asked of an open payload only

    answers = [gives_nothing(caller, call) for caller, call in flow.module.callers(function)]
    answers.extend(answers_elsewhere(flow, f"kwargs-given:{catch_all}", gives_nothing))
    return catch_all if answers and all(answers) else None


def _has_exp(value: Optional[cst.BaseExpression]) -> bool:
    """A dict display with an `exp` key (or one we cannot read: a call, a spread)."""
    if not isinstance(value, cst.Dict):
        return True
    return any(not isinstance(element, cst.DictElement) or string_literal(element.key) in ("exp", None)
               for element in value.elements)


def _gate_of(facts, node: cst.CSTNode, target: cst.CSTNode) -> Optional[cst.BaseExpression]:  # type: ignore[no-untyped-def]
    """The test of the one `if` (no `else`) around `node` that does not hold `target`, when it
    is a name or an attribute (`if expiration:`, `if self.expiration is not None:`); an inner
    `if` / `else` only picks which lifetime (`if self.ttl: if ttl: ... else: ...`)."""
    current, parent = node, facts.parent_of(node)
    gate = None
    while parent is not None and not isinstance(parent, cst.FunctionDef):
        if isinstance(parent, cst.If) and current is parent.body and parent.orelse is None:
            if gate is not None:
                return None
            gate = parent
        current, parent = parent, facts.parent_of(parent)
    return tested_as_set(gate.test) if gate is not None else None


def _in_branch(facts, node: cst.CSTNode, target: cst.CSTNode) -> bool:  # type: ignore[no-untyped-def]
    """Whether `node` sits in a branch or loop that does not also hold `target`."""
    around = set()
    current = target
    while current is not None:
        around.add(id(current))
        current = facts.parent_of(current)
    current = facts.parent_of(node)
    while current is not None and id(current) not in around:
        if isinstance(current, (cst.If, cst.Else, cst.For, cst.While, cst.Try, cst.ExceptHandler, cst.Match)):
            return True
        current = facts.parent_of(current)
    return False


# a claim named for an expiry (`exp_date`, `expires_at`, `valid_until`); the registered `exp`
# is not in the payload where this is asked
_EXPIRY_CLAIM = compiled_on_first_use(EXPIRY_NAME_PATTERN, re.I)


def _oauth_state(jc) -> bool:  # type: ignore[no-untyped-def]
    """The token is an OAuth 2 `state` (RFC 6749 §10.12): handed as `state=` to a call (an
    OAuth session, `authorization_url(...)`), directly or through a local named `state`. It
    binds one authorization redirect to the browser that started it, and grants nothing."""
    facts = jc.facts
    parent = facts.parent_of(jc.call)
    if isinstance(parent, cst.Arg) and parent.keyword is not None and parent.keyword.value == "state":
        return True
    if not (isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name)):
        return False
    name = parent.targets[0].target.value
    if name != "state" and not name.endswith("_state"):
        return False
    for load in facts.loads_after(name, facts.order_of(jc.call)):
        arg = facts.parent_of(load)
        if isinstance(arg, cst.Arg) and arg.keyword is not None and arg.keyword.value == "state":
            return True
    return False


def _written_payload(jc) -> Optional[cst.Dict]:  # type: ignore[no-untyped-def]
    """The payload as a dict written out at the call or bound to the name it passes."""
    arg = jc.args.get(jc.api.payload)
    if isinstance(arg, cst.Name):
        arg = jc.context.bound_expression(arg, jc.facts)
    return arg if isinstance(arg, cst.Dict) else None


def _carries_credential(context, jc) -> bool:  # type: ignore[no-untyped-def]
    """A payload (written out here) one of whose values is a credential as it is: the
    incoming request's (Django's `request.session.session_key`), a fetched or minted token, a
    secret. A `state` carrying one is that credential for as long as it verifies."""
    from nhilint.flow.labels import token_labels

    arg = _written_payload(jc)
    if arg is None:
        return False
    flow = module_flow(context).flow(context.scope)
    return any(isinstance(element, cst.DictElement) and token_labels(flow.labels(element.value))
               for element in arg.elements)


def _serialized_claims(jc) -> bool:  # type: ignore[no-untyped-def]
    """A payload written out whose claim holds another claim set serialized
    (`{"payload": json.dumps(payload.as_dict())}`, also through a local): what that set holds,
    `exp` among it maybe, is not shown, and the module's own verifier may read it."""
    arg = _written_payload(jc)
    if arg is None:
        return False
    for element in arg.elements:
        value = element.value
        if isinstance(value, cst.Name):
            value = jc.context.bound_expression(value, jc.facts)
        if isinstance(value, cst.Call) and leaf_name(value) == "dumps":
            return True
    return False


def _signed_request(context, jc) -> bool:  # type: ignore[no-untyped-def]
    """A client signing one request of its own: a payload written out with a `nonce` drawn at
    random here (`str(uuid.uuid4())`, `secrets.token_hex()`), and the token put at once in an
    `Authorization` header the function builds (`{"Authorization": "Bearer " + signed}`): the
    JWT authentication of exchange APIs (Upbit's `access_key`, `nonce`, `query_hash`), where
    the server refuses a nonce it has seen, so each token is good for one request. A token
    the function hands anywhere else (a response, a store), or with no such nonce (a `jti`
    alone is an id, which most servers do not remember), stays reported."""
    from nhilint.flow.random_values import random_call

    arg = _written_payload(jc)
    if arg is None:
        return False
    flow = module_flow(context).flow(context.scope)
    nonce = next((e.value for e in arg.elements if isinstance(e, cst.DictElement) and string_literal(e.key) == "nonce"), None)
    if nonce is None or not random_call(flow, nonce):
        return False
    parent = jc.facts.parent_of(jc.call)
    target = parent.targets[0].target if isinstance(parent, cst.Assign) and len(parent.targets) == 1 else None
    if not isinstance(target, cst.Name) or not isinstance(context.scope, cst.FunctionDef):
        return False
    def holds_token(value: cst.BaseExpression, depth: int = 0) -> bool:
        for name in nodes_of(value, cst.Name, nested=True):
            if name.value == target.value:
                return True
            bound = context.bound_expression(name, jc.facts) if depth < 2 and flow.facts.is_local(name.value) else None
            if bound is not None and holds_token(bound, depth + 1):
                return True  # `authorization = "Bearer {}".format(signed)`, then the header
        return False

    for element in nodes_of(context.scope, cst.DictElement, nested=False):
        key = string_literal(element.key)
        if key is not None and key.lower() == "authorization" and holds_token(element.value):
            return True
    return False


def _proof_of_possession(jc, payload: DictValue) -> bool:  # type: ignore[no-untyped-def]
    """A DPoP proof (RFC 9449: header `typ` `dpop+jwt`, claims `htm` / `htu` with `jti` and
    `iat`) has no `exp` by design: the server accepts it only within its `iat` window and
    remembers its `jti`."""
    headers = jc.value("headers")
    typ = headers.get("typ") if isinstance(headers, DictValue) else None
    if isinstance(typ, str) and typ.lower() == "dpop+jwt":
        return True
    return payload.has("htm") is True and payload.has("htu") is True


def _apns_provider_token(context, jc, payload: DictValue) -> bool:  # type: ignore[no-untyped-def]
    """An APNs provider authentication token: claims `iss` (the team id) and `iat` only, header
    `kid`, in a module about Apple's push service. Apple's documentation ("Establishing a
    token-based connection to APNs") asks for exactly these claims and rejects a token whose
    `iat` is more than one hour old: the verifier enforces the lifetime, and an `exp` is not
    part of the format."""
    headers = jc.value("headers")
    return (
        not payload.open and set(payload.items) == {"iss", "iat"}
        and isinstance(headers, DictValue) and headers.has("kid") is True
        and _about_apns(context)
    )


def _about_apns(context) -> bool:  # type: ignore[no-untyped-def]
    """The module is about Apple's push service: its path or an import names APNs
    (`apns2/credentials.py`, `from aioapns.common import ...`), or a string holds its host
    (`api.push.apple.com`). A comment saying so does not count."""
    if "apns" in context.path.lower() or any("apns" in name.lower() for name in context.imports.values()):
        return True
    if not context.mentions("push.apple.com"):
        return False
    return any("push.apple.com" in (node.evaluated_value or "") for node in nodes_of(context.module, cst.SimpleString)
               if isinstance(node.evaluated_value, str))
