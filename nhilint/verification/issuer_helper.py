"""Whether an unverified peek only picks the issuer or key: the claims handed on to a helper
of the module that reads nothing of them but `iss` / `kid`.

`get_token_issuer(key)` decodes the token without the signature and returns
`verify_token_issuer(decoded)`, which checks `decoded.get("iss")` against the allowed hosts:
the issuer picks the realm whose server then verifies the same token. A helper that reads a
role as well, or claims handed to any other call, decide something on unverified claims.
"""

from __future__ import annotations

from typing import Callable

import libcst as cst

from nhilint.analysis.imports import leaf_name
from nhilint.analysis.jwt_calls import JwtCall, skip_await, truth_test
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.syntax import bound_name
from nhilint.analysis.values import field_read
from nhilint.flow import module_flow
from nhilint.flow.function import FunctionFlow
from nhilint.flow.module import bind_arguments

_ISSUER_CLAIMS = ("iss", "kid")


def issuer_helper_only(jc: JwtCall, named_for_issuer: Callable[[str], object]) -> bool:
    """The decode's claims, bound to a name, are only handed to functions of the module named
    for the issuer or key (`verify_token_issuer(decoded)`) that read nothing of them but `iss` /
    `kid` (a truth test of the claims is no read); the helper's answer is handed on."""
    module = module_flow(jc.context)
    flow = module.flow(jc.facts.node)
    node, parent = skip_await(jc.call, jc.facts)
    name = bound_name(parent, node)
    if name is None:
        return False
    helpers = 0
    for load in jc.facts.loads_after(name, jc.facts.order_of(parent)):
        if _tested(jc.facts, load):
            continue
        arg = jc.facts.parent_of(load)
        call = jc.facts.parent_of(arg) if isinstance(arg, cst.Arg) else None
        target = module.resolve(flow, call) if isinstance(call, cst.Call) else None
        if target is None or not named_for_issuer(target[0].name.value) or not handed_on(jc.facts, call):
            return False
        bound = bind_arguments(target[0], call.args, skip_self=target[1] is not None)
        param = next((p for p, value in bound.items() if value is load), None)
        if param is None or not _reads_only_issuer(module.flow(target[0]), param):
            return False
        helpers += 1
    return helpers > 0


def handed_on(facts: ScopeFacts, read: cst.CSTNode) -> bool:
    """The value is returned or passed on, directly or through the one name bound to it."""
    parent = facts.parent_of(read)
    if isinstance(parent, (cst.Return, cst.Arg)):
        return True
    name = bound_name(parent, read)
    if name is None:
        return False
    loads = facts.loads_after(name, facts.order_of(read))
    return bool(loads) and all(isinstance(facts.parent_of(load), (cst.Return, cst.Arg)) for load in loads)


def _tested(facts: ScopeFacts, load: cst.CSTNode) -> bool:
    """`if not isinstance(decoded, dict):` / `if not decoded:`: whether the decode gave anything."""
    parent = facts.parent_of(load)
    if isinstance(parent, cst.Arg):
        call = facts.parent_of(parent)
        if isinstance(call, cst.Call) and leaf_name(call) == "isinstance":
            return truth_test(call, facts.parent_of(call), facts)
    return truth_test(load, parent, facts)


def _reads_only_issuer(flow: FunctionFlow, param: str) -> bool:
    """Every read of the parameter is `param.get("iss")` / `param["iss"]` (or `kid`)."""
    facts = flow.facts
    loads = facts.loads.get(param, ())
    if not loads or facts.bindings.get(param):
        return False
    for load in loads:
        read = facts.parent_of(load)
        if isinstance(read, cst.Attribute) and read.attr.value == "get":
            read = facts.parent_of(read)  # `param.get("iss")`: the call is the read
        key = field_read(flow.context, read, facts) if isinstance(read, (cst.Subscript, cst.Call)) else None
        if key not in _ISSUER_CLAIMS:
            return False
    return True
