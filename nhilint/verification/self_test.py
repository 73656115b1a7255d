"""A token minted only to be decoded again in the same function: a self-test of the key setup.

`probe = jwt.encode({"probe": 1}, secret)` then `assert jwt.decode(probe, secret) == {...}`
checks at start-up that the secret signs and verifies; the token goes nowhere else (not
returned, stored, sent or logged), so it has no lifetime to bound (NHL401) and no claims that
decide anything (NHL105). A minted token that is also returned, or kept, is a token like any
other.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall, jwt_call, skip_await, token_arg
from nhilint.analysis.syntax import bound_name
from nhilint.catalogue.jwt import DECODE, ENCODE


def minted_for_a_self_test(jc: JwtCall) -> bool:
    """The minted token is bound to a name whose every read is the token of a decode of the
    same function."""
    facts = jc.facts
    node, parent = skip_await(jc.call, facts)
    name = bound_name(parent, node)
    if name is None:
        return False
    loads = facts.loads_after(name, facts.order_of(parent))
    return bool(loads) and all(_decoded(jc, load) for load in loads)


def decodes_a_self_test(jc: JwtCall) -> bool:
    """The decoded token is a name the same function bound to a mint made for a self-test."""
    token = token_arg(jc)
    if not isinstance(token, cst.Name) or not jc.facts.is_local(token.value):
        return False
    minted = jc.context.bound_expression(token, jc.facts)
    mint = jwt_call(jc.context, minted, jc.facts) if isinstance(minted, cst.Call) else None
    return mint is not None and mint.api.role == ENCODE and minted_for_a_self_test(mint)


def _decoded(jc: JwtCall, load: cst.Name) -> bool:
    arg = jc.facts.parent_of(load)
    call: Optional[cst.CSTNode] = jc.facts.parent_of(arg) if isinstance(arg, cst.Arg) else None
    if not isinstance(call, cst.Call):
        return False
    decode = jwt_call(jc.context, call, jc.facts)
    return decode is not None and decode.api.role == DECODE and token_arg(decode) is load
