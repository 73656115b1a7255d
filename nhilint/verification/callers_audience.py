"""Whether every caller of a verifying helper checks the audience of what it hands back (NHL101),
or its kind (a `type` claim: the kinds one secret signs told apart there).

A package splits the verification: `validate_jwt(token)` checks the signature and returns the
token or its claims; each caller that authenticates someone then runs `verify_claims(claims)`,
which requires the client id in `aud`. A reviewer reads the pair as one verification, as the
rule does for an `aud` compared later in the function of the decode.

The audience counts as checked when the function of the decode returns what it verified and:
- every call of it (in its module and in the other modules of the project: one at least) that
  reads the result compares an audience field of it (`aud`, `azp`, `client_id`, `signer`:
  nhilint.verification.audience_claims), through the names it is bound to (`jwt =
  validate_jwt(key)`, `claims = json.loads(jwt.claims)`), or hands those to a function that
  does (of the caller's module, or of the module of the decode: `JWTAuthentication.verify_claims
  (claims, client_id=web.id)` called from a view);
- a call that reads nothing of the result and turns no one away on it counts neither way: the
  result thrown away or only serialized back (`validate_jwt(access_token).serialize()`, the token
  again), in a `try` none of whose handlers refuses (the app probing whether its own session
  token needs a refresh). Such a call outside a `try`, or one whose handler raises or refuses,
  is a gate that admits a token of any audience: it keeps the finding, as any call that reads a
  claim and compares no audience does.
"""

from __future__ import annotations

from typing import List, Optional, Set

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall, result_uses, skip_await
from nhilint.analysis.syntax import bound_name
from nhilint.flow import module_flow
from nhilint.flow.function import FunctionFlow
from nhilint.flow.module import ModuleFlow, Target, bind_arguments
from nhilint.verification.audience_claims import AUDIENCE_FIELDS

# how many names the result is followed through in a caller (`jwt`, then `claims`)
_NAMES = 4


def audience_checked_by_callers(jc: JwtCall) -> bool:
    """The decode's function returns what it verified, and every caller that reads it compares
    its audience (above)."""
    return _checked_by_callers(jc, AUDIENCE_FIELDS, "audience-checked")


def kind_checked_by_callers(jc: JwtCall) -> bool:
    """The decode's function returns what it verified, and every caller that reads it compares
    a kind claim of it (`if payload.get("type") != token_type: raise`): the kinds one secret
    signs are told apart there, as in the function of the decode."""
    from nhilint.flow.mints import KIND_CLAIMS  # asked on the way to a finding only

    return _checked_by_callers(jc, frozenset(KIND_CLAIMS), "kind-checked")


def _checked_by_callers(jc: JwtCall, fields: "frozenset[str]", question: str) -> bool:
    """The decode's function returns what it verified, and every caller that reads it compares
    one of `fields` of it."""
    function = jc.facts.node
    if not isinstance(function, cst.FunctionDef) or not result_uses(jc.context, jc.call, jc.facts).returned:
        return False
    module = module_flow(jc.context)

    def checks(caller: FunctionFlow, call: cst.Call) -> Optional[bool]:
        return _checks_fields(caller, call, module, fields)

    answers = [checks(caller, call) for caller, call in module.callers(function) if caller.scope is not function]
    if False in answers:
        return False
    # asked on the way to a finding only: the other modules are read then
    from nhilint.flow.callers_elsewhere import answers_elsewhere

    answers.extend(answers_elsewhere(module.flow(function), question, checks))
    return True in answers and False not in answers


def _checks_fields(caller: FunctionFlow, call: cst.Call, decoding: ModuleFlow,
                   fields: "frozenset[str]") -> Optional[bool]:
    """True: the caller compares one of `fields` of the result (its audience, its kind); None:
    it reads nothing of it and turns no one away on it; False otherwise."""
    names = _result_names(caller, call)
    if not names:
        return None if _reads_nothing(caller, call) else False
    facts = caller.facts
    for name in sorted(names):
        for load in facts.loads.get(name, ()):
            if any(_compared(caller, load, claim) for claim in sorted(fields)):
                return True
            if _handed_to_checker(caller, load, decoding, fields):
                return True
    return False


def _result_names(caller: FunctionFlow, call: cst.Call) -> Set[str]:
    """The names the call's result is bound to, and those bound from them in turn
    (`claims = json.loads(jwt.claims)`)."""
    facts = caller.facts
    node, parent = skip_await(call, facts)
    first = bound_name(parent, node)
    if first is None:
        return set()
    names = {first}
    pending = [first]
    while pending and len(names) < _NAMES:
        name = pending.pop(0)
        for load in facts.loads.get(name, ()):
            statement = _statement(caller, load)
            bound = bound_name(statement) if statement is not None else None
            if bound is not None and bound not in names and (
                    _carries(caller, load, statement) or _sub_mapping(caller, load, statement)):
                names.add(bound)
                pending.append(bound)
    return names


def _carries(flow: FunctionFlow, load: cst.CSTNode, statement: Optional[cst.CSTNode]) -> bool:
    """The value the statement binds is the result as a whole, converted: `json.loads(jwt.claims)`,
    `dict(claims)`, `await verified`, not one claim read of it (`sub = claims["sub"]`,
    `claims.get("sub")`) nor something computed from a claim."""
    value = getattr(statement, "value", None)
    child, parent = load, flow.facts.parent_of(load)
    while child is not value:
        if parent is None or isinstance(parent, cst.Subscript):
            return False
        if isinstance(parent, cst.Attribute) and (parent.value is not child or parent.attr.value == "get"):
            return False
        if not isinstance(parent, (cst.Attribute, cst.Arg, cst.Call, cst.Await)):
            return False
        child, parent = parent, flow.facts.parent_of(parent)
    return True


def _sub_mapping(flow: FunctionFlow, load: cst.CSTNode, statement: Optional[cst.CSTNode]) -> bool:
    """`data = claims.get("data") or {}`, `data = claims["data"]`: a mapping inside the result
    (an App Store notification's `data`, which names the app in its `bundleId`); what it holds is
    still judged by the field compared of it."""
    value = getattr(statement, "value", None)
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or) and isinstance(value.right, cst.Dict):
        value = value.left
    read = flow.facts.parent_of(load)
    if isinstance(read, cst.Attribute) and read.attr.value == "get":
        read = flow.facts.parent_of(read)
        return isinstance(read, cst.Call) and read is value and len(read.args) >= 1 \
            and isinstance(read.args[0].value, cst.SimpleString)
    return isinstance(read, cst.Subscript) and read is value and len(read.slice) == 1 \
        and isinstance(read.slice[0].slice, cst.Index) and isinstance(read.slice[0].slice.value, cst.SimpleString)


def _statement(flow: FunctionFlow, node: cst.CSTNode) -> Optional[cst.CSTNode]:
    """The small statement holding `node` (`claims = json.loads(jwt.claims)`)."""
    current: Optional[cst.CSTNode] = flow.facts.parent_of(node)
    while current is not None and not isinstance(current, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
        current = flow.facts.parent_of(current)
    return current


def _compared(flow: FunctionFlow, load: cst.CSTNode, claim: str) -> bool:
    # imported with the question (claims_validation compares a claim of a parameter by hand)
    from nhilint.verification.claims_validation import compared_claim

    return compared_claim(flow, load, claim)


def _handed_to_checker(caller: FunctionFlow, load: cst.CSTNode, decoding: ModuleFlow,
                       fields: "frozenset[str]") -> bool:
    """`verify_claims(claims, ...)`: the load is an argument of a function that compares an
    audience field of the parameter it binds; a function of the caller's module, or of the
    module of the decode (the caller imports it)."""
    facts = caller.facts
    arg = facts.parent_of(load)
    call = facts.parent_of(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call):
        return False
    target = caller.module.resolve(caller, call)
    module = caller.module
    if target is None and decoding is not caller.module:
        target = _function_named(decoding, caller.context.qualified_name(call.func, facts))
        module = decoding
    if target is None:
        return False
    from nhilint.verification.claims_validation import validates_param

    bound = bind_arguments(target[0], call.args, skip_self=target[1] is not None)
    param = next((p for p, value in bound.items() if value is load), None)
    return param is not None and any(validates_param(module.flow(target[0]), param, claim, False)
                                     for claim in sorted(fields))


def _function_named(module: ModuleFlow, qualified: Optional[str]) -> Optional[Target]:
    """The function or method of `module` a qualified name names (`pkg.auth.Auth.verify_claims`)."""
    context = module.context
    prefix = f"{context.module_name}."
    if not qualified or not context.module_name or not qualified.startswith(prefix):
        return None
    parts = qualified[len(prefix):].split(".")
    if len(parts) == 1 and parts[0] in context.module_functions:
        return context.module_functions[parts[0]], None
    if len(parts) == 2 and parts[0] in context.module_classes:
        cls = context.module_classes[parts[0]]
        for method in module.methods(cls):
            if method.name.value == parts[1]:
                return method, cls
    return None


def _reads_nothing(caller: FunctionFlow, call: cst.Call) -> bool:
    """The result thrown away or only serialized back, in a `try` none of whose handlers turns
    the request away."""
    facts = caller.facts
    node, parent = skip_await(call, facts)
    if isinstance(parent, cst.Attribute) and parent.attr.value == "serialize":
        outer = facts.parent_of(parent)
        if not isinstance(outer, cst.Call) or outer.func is not parent or outer.args:
            return False
        held = facts.parent_of(outer)
        stored = isinstance(held, cst.Assign) and held.value is outer and all(
            isinstance(target.target, (cst.Subscript, cst.Attribute)) for target in held.targets)
        if not stored and not isinstance(held, cst.Expr):
            return False  # bound to a name, handed on: read later
    elif not isinstance(parent, cst.Expr):
        return False
    tries = _enclosing_tries(caller, call)
    if not tries:
        return False  # its exception turns the request away
    from nhilint.verification.callers_verify import refuses

    return not any(refuses(handler.body) for handler in tries[0].handlers)


def _enclosing_tries(flow: FunctionFlow, node: cst.CSTNode) -> List[cst.Try]:
    """The `try` statements whose body holds `node`, innermost first."""
    found: List[cst.Try] = []
    child, current = node, flow.facts.parent_of(node)
    while current is not None and current is not flow.scope:
        if isinstance(current, cst.Try) and child is current.body:
            found.append(current)
        child, current = current, flow.facts.parent_of(current)
    return found
