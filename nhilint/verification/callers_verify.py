"""Whether every caller of a function verifies the token the function reads unverified.

A verification split across the functions of one module or class reads as one verification:
`verify()` checks the signature (`key.verify(message, signature)`) and then calls a private
`_check_claims(token)` that decodes with the signature check off to compare `aud` and `tenant`;
a template method `__call__` awaits `self.verifier.verify_token(credentials)`, returns when it
fails, and then dispatches to the hook `self.user(credentials)`; a key-picking helper
`_secret_for(token)` peeks at `user_id` to choose the secret its caller then verifies the same
token with. The unverified read is of a token that has been, or is being, verified.

The read is taken as a peek when:
- the token it reads comes from the function's parameters;
- the module calls the function (one call at least; with none, for a private function, the
  other modules of the project: nhilint.flow.callers_elsewhere), and every call that hands it a token
  verifies that same token: before the call, or with the function's result as an argument of
  the verification (the key it picked), or after a call that can only turn the token away (the
  test of an `if` that refuses, or a statement of its own calling a function that answers
  nothing and raises: `self._verify_issuer(token)`), and not in a branch the call is not in
  (`if trusted: verify(token)`). A call that leaves the token parameter to its default
  (`_get_secret(payload=payload)`, default None) hands it no token;
- the function is not public API: a private one (`_check_claims`, a nested function), or a
  public method that only the class itself calls, through `self` (a template method's hook).
  A public module-level function, or a public method called on an instance, may be called from
  anywhere with any token: it stays reported.

A method that overrides one of a base class of the module (`UserInfoAuth.call` over the abstract
`CloudAuth.call`) is run by the base's `self.call(...)`: those calls count as its callers too.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING, List, Optional, Sequence, Set, Tuple

import libcst as cst

from nhilint.analysis.imports import leaf_name
from nhilint.analysis.jwt_calls import JwtCall, jwt_call, skip_await, token_arg
from nhilint.analysis.scope import ScopeFacts
from nhilint.catalogue.jwt import VERIFYING_ROLES
from nhilint.flow import module_flow
from nhilint.flow.claim_checks import under_other_branch
from nhilint.flow.function import FunctionFlow
from nhilint.flow.module import ModuleFlow, bind_target
from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.syntax import is_none, bound_name
from nhilint.walk import nodes_of
from nhilint.verification.session_held import read_from_session

if TYPE_CHECKING:
    from nhilint.context import FileContext

Caller = Tuple[FunctionFlow, cst.Call]

# `verify`, `verify_token`, `validate_jwt` on an object named for verifying (`self.verifier`,
# `token_validator`): a verifier whose class is not in sight.
_VERIFY_METHOD = compiled_on_first_use(r"(verify|validate)(_\w*)?$")
_VERIFIER_OBJECT = compiled_on_first_use(r"verif|validat", re.I)


def verified_by_callers(jc: JwtCall) -> bool:
    """Every call of the function holding the read verifies the token it hands over."""
    token = token_arg(jc)
    function = jc.facts.node
    if token is None or not isinstance(function, cst.FunctionDef):
        return False
    module = module_flow(jc.context)
    flow = module.flow(function)
    params = _token_params(flow, token)
    if not params:
        return False
    return _callers_verify(module, flow, params, 0)


def _callers_verify(module: ModuleFlow, flow: FunctionFlow, params: Set[str], depth: int) -> bool:
    """Every call of the function of `flow` that hands it a token (in `params`) verifies it."""
    function = flow.scope
    assert isinstance(function, cst.FunctionDef)
    callers = _dispatching_callers(module, function, flow.owner)
    private = _private(flow.context, function, flow.owner)
    if not callers:
        # nobody in the module calls it: a private helper may be imported by another module of
        # the project, every call of which must verify (asked on the way to a finding only);
        # anyone may call a public one, with any token
        return depth == 0 and private and _verified_elsewhere(flow, params)
    if not private and not all(_through_self(caller, call) for caller, call in callers):
        return False  # public API: called from elsewhere too, with tokens we do not see
    answers = [_call_verifies(flow, params, caller, call, depth) for caller, call in callers]
    return True in answers and False not in answers


def _call_verifies(flow: FunctionFlow, params: Set[str], caller: FunctionFlow, call: cst.Call,
                   depth: int = 0) -> Optional[bool]:
    """Whether the caller verifies the token the call hands over; None: the call hands no token
    (`None`, or the parameter left to its default None). A caller that hands back what the
    call answered (`issuer_of(token)` returning `claims["iss"]` of the unverified read) is a
    helper in between: then its own callers must verify the token it was handed, one level up."""
    passed = bind_target((flow.scope, flow.owner), call.args)  # type: ignore[arg-type]
    tokens: List[cst.BaseExpression] = []
    for name in sorted(params):
        value = passed.get(name)
        if value is None and not _defaults_to_none(flow, name):
            return False  # passed through `*args` / `**kwargs`: cannot tell
        if value is not None and not is_none(value):
            tokens.append(value)
    if not tokens:
        return None
    if _verifies(caller.module, caller, call, tokens, _answers_nothing(flow)):
        return True
    if all(read_from_session(caller.context, caller.facts, value) for value in tokens):
        return True  # the token the app verified at its login, kept in its session
    if depth > 0 or not isinstance(caller.scope, cst.FunctionDef) or not _handed_back(caller, call):
        return False
    handed = {atom[len("param:"):] for value in tokens for atom in caller.deps(value) if atom.startswith("param:")}
    return bool(handed) and _callers_verify(caller.module, caller, handed, depth + 1)


def _handed_back(caller: FunctionFlow, call: cst.Call) -> bool:
    """The caller returns what the call answered, or a part of it (`return claims["iss"]`)."""
    node, parent = skip_await(call, caller.facts)
    if isinstance(parent, cst.Return):
        return True
    name = bound_name(parent, node)
    return name is not None and any(
        isinstance(returned, cst.Name) and returned.value == name or any(n.value == name for n in nodes_of(returned, cst.Name))
        for returned in caller.facts.returns if returned is not None)


def _verified_elsewhere(flow: FunctionFlow, params: Set[str]) -> bool:
    from nhilint.flow.callers_elsewhere import every_call_elsewhere

    return every_call_elsewhere(flow, f"verified:{','.join(sorted(params))}",
                                lambda caller, call: _call_verifies(flow, params, caller, call))


def _token_params(flow: FunctionFlow, token: cst.BaseExpression) -> Set[str]:
    """The parameters the token read is made of (`raw`, `credentials` of `credentials.token`)."""
    return {atom[len("param:"):] for atom in flow.deps(token) if atom.startswith("param:")}


def _dispatching_callers(module: ModuleFlow, function: cst.FunctionDef, owner: Optional[cst.ClassDef]) -> List[Caller]:
    """The calls of the module that run `function`: its own callers, and for a method that
    overrides a method of a base class of the module, the calls of the base's method (the base's
    `self.call(...)` runs the override on the subclass's instances). `super().name(...)` runs the
    base's method, not the override; a recursive call hands on the token the function got."""
    found = [(caller, call) for caller, call in module.callers(function) if caller.scope is not function]
    if owner is None:
        return found
    name = function.name.value
    for base in module.lineage(owner)[1:]:
        for method in module.methods(base):
            if method.name.value != name:
                continue
            for caller, call in module.callers(method):
                if caller.scope is not function and not _super_call(call):
                    found.append((caller, call))
    return found


def _private(context: "FileContext", function: cst.FunctionDef, owner: Optional[cst.ClassDef]) -> bool:
    """`_check_claims` (not a dunder), or a function nested in another: not the module's API."""
    name = function.name.value
    if name.startswith("_") and not name.endswith("__"):
        return True
    return owner is None and context.module_functions.get(name) is not function


def _through_self(caller: FunctionFlow, call: cst.Call) -> bool:
    """`self.user(credentials)`: the class calls its own method (its hook)."""
    func = call.func
    return isinstance(func, cst.Attribute) and caller.is_self(func.value)


def _super_call(call: cst.Call) -> bool:
    func = call.func
    receiver = func.value if isinstance(func, cst.Attribute) else None
    return isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Name) and receiver.func.value == "super"


def _defaults_to_none(flow: FunctionFlow, name: str) -> bool:
    param = flow.param_node(name)
    return param is not None and is_none(param.default)


def _answers_nothing(flow: FunctionFlow) -> bool:
    """The function returns no value on any path (`return`, `return None` or none at all): what
    it does to its caller is raise."""
    return all(value is None or is_none(value) for value in flow.facts.returns)


def _verifies(module: ModuleFlow, caller: FunctionFlow, call: cst.Call, values: Sequence[cst.BaseExpression],
              checks_only: bool = False) -> bool:
    """The caller verifies the token it hands over: before the call, or with the call's
    result as an argument of the verification (the key the function picked), or after a call
    that can only turn it away (`checks_only`: a function answering nothing, called as a
    statement: `self._verify_issuer(token)` raising for a foreign issuer, then the verified
    decode)."""
    wanted: Set[str] = set()
    for value in values:
        wanted |= caller.deps(value)
    if not wanted:
        return False
    facts = caller.facts
    start = facts.order_of(call)
    for other in facts.own_calls:
        if other is call:
            continue
        verified = module.verified_token(caller, other) or _verifier_object(other) or _decode_with_spread(caller, other)
        if verified is None or not caller.deps(verified) & wanted:
            continue
        if under_other_branch(facts, other, call):
            continue  # `if trusted: verify(token)`: the call may run without it
        if facts.order_of(other) < start and not facts.within(call, other):
            return True  # verified first: the read is of a verified token
        if _result_reaches(facts, call, other, verified):
            return True  # the function's result is the key the same token is verified with
        if _turns_away_then_verified(facts, call, other):
            return True  # `if not self._allowed_issuer(raw): return None`, then verify(raw)
        if checks_only and _raises_then_verified(facts, call, other):
            return True  # `self._check_issuer(raw)`, then verify(raw)
    return False


def _raises_then_verified(facts: ScopeFacts, call: cst.Call, verifying: cst.Call) -> bool:
    """The call is a statement of its own, and the same token is verified after it, outside
    it: the unverified read can only raise, never admit (a pre-filter on the issuer)."""
    node, parent = skip_await(call, facts)
    if not isinstance(parent, cst.Expr) or parent.value is not node:
        return False
    return facts.order_of(verifying) > facts.order_of(call) and not facts.within(verifying, call)


# what a function answers when it turns a request away: `return None`, `return False`,
# `raise AuthenticationFailed(...)`, `return self.unauthorized()`, `abort(401)`
_REFUSAL = compiled_on_first_use(r"error|unauthori[sz]ed|forbidden|den(y|ied)|reject|refus|abort|fail|invalid|40[13]", re.I)


def _turns_away_then_verified(facts: ScopeFacts, call: cst.Call, verifying: cst.Call) -> bool:
    """The call is the whole test of an `if` whose body turns the token away, and the same
    token is verified after it: the unverified read can only refuse a token, never admit one
    (a pre-filter on the issuer). A body that goes on with the request (`if peek(raw):
    return admin_view()`) admits on unverified claims: not this."""
    test, parent = skip_await(call, facts)
    if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
        test, parent = parent, facts.parent_of(parent)
    if not isinstance(parent, cst.If) or parent.test is not test or parent.orelse is not None:
        return False
    if facts.within(verifying, parent) or facts.order_of(verifying) < facts.order_of(call):
        return False
    return refuses(parent.body)


def refuses(body: cst.BaseSuite) -> bool:
    statements = body.body
    last = statements[-1] if statements else None
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1] if last.body else None
    if isinstance(last, cst.Raise):
        return True
    if isinstance(last, cst.Expr) and isinstance(last.value, cst.Call):
        return bool(_REFUSAL.search(leaf_name(last.value)))  # `abort(401)`: it raises
    if not isinstance(last, cst.Return):
        return False
    value = last.value
    if value is None or (isinstance(value, cst.Name) and value.value in ("None", "False")):
        return True
    if isinstance(value, (cst.Integer, cst.SimpleString)):
        return True
    return isinstance(value, cst.Call) and bool(_REFUSAL.search(leaf_name(value)))


def _verifier_object(call: cst.Call) -> Optional[cst.BaseExpression]:
    """`self.verifier.verify(credentials)`, `token_validator.validate(token)`: the verifier
    object a class was given (its class not in sight) verifying its first argument."""
    func = call.func
    if not isinstance(func, cst.Attribute) or not _VERIFY_METHOD.match(func.attr.value):
        return None
    receiver = func.value
    name = receiver.attr.value if isinstance(receiver, cst.Attribute) else getattr(receiver, "value", None)
    if not isinstance(name, str) or not _VERIFIER_OBJECT.search(name):
        return None
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    return positional[0] if positional else None


def _decode_with_spread(caller: FunctionFlow, call: cst.Call) -> Optional[cst.BaseExpression]:
    """`jwt.decode(token, secret, algorithms=[alg], options={...}, **kwargs)`: a verifying decode
    whose `**kwargs` (leeway, audience and issuer from settings) cannot be read. It cannot switch
    the verification off either: `options`, `algorithms` (and PyJWT 1's `verify`) are given by
    keyword, and Python rejects a keyword given twice."""
    if not any(arg.star == "**" for arg in call.args) or any(arg.star == "*" for arg in call.args):
        return None
    jc = jwt_call(caller.context, call, caller.facts)
    if jc is None or not jc.unknown or jc.api.role not in VERIFYING_ROLES or jc.unverified_reason is not None:
        return None
    switches = [name for name in (jc.api.options, jc.api.algorithms, jc.api.verify) if name is not None]
    explicit = {arg.keyword.value for arg in call.args if arg.keyword is not None}
    return token_arg(jc) if switches and all(name in explicit for name in switches) else None


def _result_reaches(facts: ScopeFacts, call: cst.Call, verifying: cst.Call, token: cst.BaseExpression) -> bool:
    """`jwt.decode(token, _secret_for(token))`, or `secret = await self._get_secret(token)`
    then `jwt.decode(token, secret, ...)`: the call's result is an argument of `verifying`, not
    part of the token it verifies."""
    if facts.within(call, verifying):
        return not facts.within(call, token)
    node, parent = skip_await(call, facts)
    name = bound_name(parent, node)
    if name is None:
        return _unpacked_reaches(facts, parent, node, verifying, token)
    return any(
        facts.within(load, verifying) and not facts.within(load, token)
        for load in facts.loads_after(name, facts.order_of(parent))
    )


def _unpacked_reaches(facts: ScopeFacts, statement: Optional[cst.CSTNode], node: cst.BaseExpression,
                      verifying: cst.Call, token: cst.BaseExpression) -> bool:
    """`key, required, issuer = _key_for_issuer(token)`, then `jwt.decode(token, key,
    issuer=issuer, options={"require": required})`: the parts the function picked by the peek
    are arguments of the verification, and none is read before it (a claim acted on first
    would be acted on unverified)."""
    if not (isinstance(statement, cst.Assign) and len(statement.targets) == 1 and statement.value is node
            and isinstance(statement.targets[0].target, (cst.Tuple, cst.List))):
        return False
    names = [element.value.value for element in statement.targets[0].target.elements
             if isinstance(element.value, cst.Name)]
    verified_at = facts.order_of(verifying)
    reaches = False
    for name in names:
        for load in facts.loads_after(name, facts.order_of(statement)):
            if facts.within(load, statement):
                continue  # the target itself
            if facts.within(load, verifying) and not facts.within(load, token):
                reaches = True
            elif facts.order_of(load) < verified_at:
                return False
    return reaches
