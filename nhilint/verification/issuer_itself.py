"""Whether the code that verifies a token is its issuer: it holds the signing key, or keeps a
record of every token it issued.

An audience check keeps a token issued for another service out. A verifier that holds the key
the tokens are signed with is their issuer, whatever the algorithm: an OpenID provider checking
an `id_token_hint` with `private_key.public_key()`, a service minting with `config.signing_key`
and verifying with `config.verifying_key` of the same configuration. Its tokens are then judged
as a secret it owns is (nhilint.flow.mints: how many kinds the key signs). A verifier that
looks the token up by its `jti` in its own store (`IDToken.objects.get(jti=claims["jti"])`)
accepts only tokens it issued and recorded, and the record says whom each was for.
"""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall, result_uses
from nhilint.flow.function import FunctionFlow
from nhilint.flow.mints import key_identity

# The names the two halves of one key pair go by on one object.
_SIGNING_HALF = {
    "verifying_key": ("signing_key",),
    "verify_key": ("signing_key", "sign_key"),
    "public_key": ("private_key",),
}
# Lookups that require the record to exist (an allow-list), unlike `.filter(...).exists()`,
# which a deny-list of revoked tokens kept by a resource server uses as well.
_RECORD_LOOKUPS = frozenset({"get", "get_or_none", "aget"})


class SigningHalf:
    """The signing half of a key pair, as far as the code names it.
    A plain class: never compared, hashed or copied, and a dataclass costs about 3 M
    instructions to create at every start (benchmarks/README.md, speed20)."""

    __slots__ = ("identities", "held")

    def __init__(self, identities: Tuple[str, ...], held: bool) -> None:
        self.identities = identities  # what the signing key may be known as (nhilint.flow.mints)
        self.held = held  # True: the code surely holds it (`private_key.public_key()`)


def signing_half(flow: FunctionFlow, key: cst.BaseExpression) -> Optional[SigningHalf]:
    """The signing half of the key pair `key` is the public half of, where the code shows it:
    `private_key.public_key()` (cryptography), or `owner.verifying_key` whose `owner` has a
    `signing_key` too. None otherwise."""
    if (
        isinstance(key, cst.Call) and isinstance(key.func, cst.Attribute) and key.func.attr.value == "public_key"
        and not key.args
    ):
        identity = key_identity(flow, key.func.value)
        return SigningHalf((identity,) if identity is not None else (), held=True)
    identity = key_identity(flow, key)
    if identity is None or not identity.startswith("attr:"):
        return None
    owner, _, attribute = identity.rpartition(".")
    others = _SIGNING_HALF.get(attribute)
    return SigningHalf(tuple(f"{owner}.{other}" for other in others), held=False) if others else None


def looked_up_by_jti(jc: JwtCall) -> bool:
    """`Model.objects.get(jti=claims["jti"])` on the verified claims: the issuer's own record."""
    facts = jc.facts
    for key, node in result_uses(jc.context, jc.call, facts).key_reads:
        if key != "jti":
            continue
        arg = facts.parent_of(node)
        call = facts.parent_of(arg) if isinstance(arg, cst.Arg) else None
        if (
            isinstance(arg, cst.Arg) and arg.keyword is not None and arg.keyword.value == "jti"
            and isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
            and call.func.attr.value in _RECORD_LOOKUPS
        ):
            return True
    return False
