"""Whether a store write keeps a verification verdict: claims, a value computed from them, a
verifier's answer, or anything kept under the token a function verifies (`cache.set(token,
True)`); claims kept under a key made of something else (a user id) are the user's data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, FrozenSet

import libcst as cst

from nhilint.analysis.names import is_token_name
from nhilint.flow.labels import CLAIMS, INBOUND, INBOUND_HEADERS, NAMED, RAW_TOKEN, Label, param_names
from nhilint.walk import nodes_of

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow
    from nhilint.flow.module import ModuleFlow
    from nhilint.flow.stores import StoreWrite


def verdict_write(module: ModuleFlow, write: StoreWrite) -> bool:
    """Whether a write keeps a verification verdict: the stored value comes from a
    verification (claims, a value computed from them, a verifier's answer), or a function that
    verifies a token stores something under a key made from that token (`cache.set(token, True)`).

    Claims kept under a key the function makes from something else than the token (a user id,
    an e-mail: `redis.set(f"claims:{email}", ...)`) are the user's data, not a verdict: a later
    request must present a token, and have it verified, to find them."""
    claims = [label for label in write.labels if label.kind == CLAIMS]
    if claims:
        return not _keyed_apart_from_token(module, write) and not _own_credential(module, write, claims)
    if write.function is None or write.key is None or write.store.decorator:
        return False
    return _keyed_by_verified_param(module.flow(write.function), write)


def _own_credential(module: ModuleFlow, write: StoreWrite, claims: "list[Label]") -> bool:
    """Every verdict the writer keeps comes from a verification, in the writer, of a token this
    code fetched for its own credentials (FireCloud's client reading its user's e-mail from the
    id_token of google-auth's default credentials): no one else's token is judged, and nothing
    is admitted on it."""
    if write.function is None or write.elsewhere is not None:
        return False
    # imported when a verdict is kept for good, which few files do
    from nhilint.verification.fetched_token import verifies_fetched

    flow = module.flow(write.function)
    return all(isinstance(label.origin, cst.Call) and verifies_fetched(flow, label.origin) for label in claims)


def _keyed_by_verified_param(flow: FunctionFlow, write: StoreWrite) -> bool:
    """The writer's key is made of a parameter the writer hands to a verifier as the token."""
    return bool(set(param_names(write.key_inputs)) & flow.verified_params())


def _keyed_apart_from_token(module: ModuleFlow, write: StoreWrite) -> bool:
    """A write of the function itself under a key in which no token is (its labels hold no raw
    or inbound token, nor a value named for one, and no parameter it verifies reaches it)."""
    if (write.key is None or write.function is None or write.store.decorator
            or write.frame is not None or write.elsewhere is not None):
        return False  # keyed by the arguments, or written for a caller: its key is not in sight
    flow = module.flow(write.function)
    if any(label.kind in _TOKEN_IN_KEY for label in flow.labels(write.key)):
        return False
    if _keyed_by_verified_param(flow, write):
        return False
    # `"verify:" + hmac_digest(secret, access_token)`: a digest hides the token's labels, not
    # its name; in doubt the key is the token's, as before this test
    handed = flow.verified_params() | flow.verified_locals()
    return not any(name in handed or is_token_name(name) for name in _names_in(flow, write.key))


def _names_in(flow: FunctionFlow, expr: cst.CSTNode, depth: int = 3) -> FrozenSet[str]:
    """The names an expression is made of, through the local names it reads (`cache_key =
    "verify:" + digest(token)` then `cache.set(cache_key, ...)`), a few assignments deep."""
    names = set()
    for node in nodes_of(expr, cst.Name):
        names.add(node.value)
        if depth > 0 and flow.facts.is_local(node.value):
            for binding in flow.reaching(node.value, node):
                if binding.value is not None:
                    names |= _names_in(flow, binding.value, depth - 1)
    return frozenset(names)


# what makes a cache key the token's: the raw token a verifier is given, the incoming
# credential, a value named for a token (derived or not: a hash of the token is its key too)
_TOKEN_IN_KEY = frozenset({RAW_TOKEN, INBOUND, INBOUND_HEADERS, NAMED})
