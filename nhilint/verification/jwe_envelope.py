"""jwcrypto's `JWT(jwt=raw, key=...)` used to decrypt the JWE envelope of a nested token.

An encrypted ID token (OpenID Connect Core §10.2) is a JWE whose plaintext is a signed JWT:
`JWT(jwt=raw, key=encryption_key).claims` is that signed token, as a compact string, and a
second `JWT(jwt=inner, key=jwks, ...)` verifies it. The envelope is no verification: anyone
holding the client's public encryption key can build one, and its plaintext is not a JSON
claims set, so jwcrypto cannot check claims on it (`check_claims` on the envelope raises
JWTInvalidClaimFormat: checked with jwcrypto 1.6, tests/test_library_semantics.py). The audience
is the nested verification's business, and that call is judged on its own.

A `JWT(...)` is taken for an envelope when its `.claims` is the token another `JWT(jwt=...)` of
the same function verifies, directly or through a local name (`inner = outer.claims`).
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall, jwt_call, token_arg
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.syntax import bound_name
from nhilint.catalogue.jwt import JWCRYPTO_TOKEN
from nhilint.context import FileContext


def decryption_envelope(jc: JwtCall) -> bool:
    """`jc`'s `.claims` is the token a later `JWT(jwt=...)` of its function verifies."""
    if jc.api.role != JWCRYPTO_TOKEN:
        return False
    facts = jc.facts
    for claims in _claims_reads(facts, jc.call):
        for holder in _held_as(facts, claims):
            arg = facts.parent_of(holder)
            call = facts.parent_of(arg) if isinstance(arg, cst.Arg) else None
            if not isinstance(call, cst.Call) or call is jc.call:
                continue
            inner = jwt_call(jc.context, call, facts)
            if inner is not None and inner.api.role == JWCRYPTO_TOKEN and token_arg(inner) is holder:
                return True
    return False


def envelope_token(context: FileContext, facts: ScopeFacts, expr: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """When `expr` is the `.claims` of a jwcrypto `JWT(jwt=raw, ...)` (`outer.claims`,
    `JWT(...).claims`), the token that envelope was given (`raw`); else None."""
    if not (isinstance(expr, cst.Attribute) and expr.attr.value == "claims"):
        return None
    owner: Optional[cst.BaseExpression] = expr.value
    if isinstance(owner, cst.Name):
        binding = facts.binding_before(owner.value, facts.order_of(owner))
        owner = binding.value if binding is not None else None
    if not isinstance(owner, cst.Call):
        return None
    outer = jwt_call(context, owner, facts)
    if outer is None or outer.api.role != JWCRYPTO_TOKEN:
        return None
    return token_arg(outer)


def _claims_reads(facts: ScopeFacts, call: cst.Call) -> List[cst.Attribute]:
    """The `.claims` reads of the object `call` builds: `JWT(...).claims`, or `outer.claims`
    after `outer = JWT(...)`."""
    parent = facts.parent_of(call)
    if isinstance(parent, cst.Attribute) and parent.value is call:
        return [parent] if parent.attr.value == "claims" else []
    found: List[cst.Attribute] = []
    for load in _assigned_loads(facts, call):
        attribute = facts.parent_of(load)
        if isinstance(attribute, cst.Attribute) and attribute.value is load and attribute.attr.value == "claims":
            found.append(attribute)
    return found


def _held_as(facts: ScopeFacts, node: cst.BaseExpression) -> List[cst.BaseExpression]:
    """`node` itself and, when it is assigned to a name, the later reads of that name."""
    return [node, *_assigned_loads(facts, node)]


def _assigned_loads(facts: ScopeFacts, node: cst.BaseExpression) -> List[cst.BaseExpression]:
    parent = facts.parent_of(node)
    name = bound_name(parent, node)
    return list(facts.loads_after(name, facts.order_of(parent))) if name is not None else []
