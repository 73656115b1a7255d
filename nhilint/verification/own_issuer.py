"""Whose token a JWT verifier without an audience check accepts (NHL101, issue 15): a token
this project mints, of one kind, with the secret it verifies with has one audience (itself);
a secret shared with another issuer, a key that signs several kinds of token with no claim to
tell them apart, or tokens that carry an `aud` the check switches off, say why the audience
matters. Read from the key's identity (nhilint.flow.mints), the mints of this module and of
the project (nhilint.project.remote), and the claims the result is compared with."""

from __future__ import annotations

import re
from typing import List, Optional

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall, algorithm_families, result_uses
from nhilint.context import FileContext, RelatedPlace
from nhilint.flow import module_flow
from nhilint.flow.mints import KIND_CLAIMS, key_identity, mint_sites, own_to_module
from nhilint.patterns import compiled_on_first_use
from nhilint.project.remote import minted_elsewhere
from nhilint.verification.class_constants import algorithms_value
from nhilint.verification.issuer_itself import signing_half
from nhilint.verification.callers_audience import kind_checked_by_callers
from nhilint.verification.kind_markers import marker_refused

CARRIES_AUD = (
    "the tokens carry an audience (otherwise there is nothing to switch off), so their issuer "
    "signs for several, and a token issued for another service is accepted"
)
# a key named as a shared secret (HMAC) rather than a public key, certificate or JWKS
_SECRET_NAME = compiled_on_first_use(r"secret|hmac|signing_key|jwt_key|SECRET_KEY", re.I)


def own_token_reason(jc: JwtCall, related: List[RelatedPlace], switched_off: bool) -> Optional[str]:
    """None for a token this project mints, of one kind, with the HMAC secret it verifies
    with (one audience: itself), or an HMAC secret whose issuer is not in sight and whose
    audience check is not switched off (the code cannot tell); else why the audience
    matters ("" for the general reason).
    Minting in other modules of the project counts (a `tokens.py` that issues what
    `auth.py` verifies); where the finding owes to one, `related` gets its place."""
    key = jc.args.get("key")
    if not isinstance(key, cst.BaseExpression):
        return ""
    flow = module_flow(jc.context).flow(jc.facts.node)
    half = signing_half(flow, key)
    if half is not None:
        identities = half.identities  # the verifier may hold the signing key: is it the issuer?
    else:
        identity = key_identity(flow, key)
        identities = (identity,) if identity is not None else ()
    sites = [site for site in mint_sites(module_flow(jc.context)) if site.key in identities]
    # a local (a parameter: a key the caller hands in) or an attribute of the instance is no
    # other module's to sign with
    elsewhere = [
        mint for identity in identities if not own_to_module(identity)
        for mint in minted_elsewhere(jc.context, identity)
    ]
    if half is None and not (sites or elsewhere):
        # Nothing in sight signs with this very key, so the algorithm (or failing that the
        # key's name) says what it is. Where the project signs with the key it verifies
        # with, it holds the signing key and is the issuer whatever the algorithm, and the
        # algorithm may well come from configuration (`algorithms=self.allowed_algorithms`).
        families = algorithm_families(algorithms_value(jc))
        if "public-key" in families:
            return ""  # asymmetric keys, JWKS: one issuer, many audiences
        if not families and not _SECRET_NAME.search(jc.context.module.code_for_node(key)):
            return ""
    if half is not None and not (sites or elsewhere):
        # the private key in hand: the issuer itself, whose own endpoints accept the tokens it
        # issued to any client; a public half whose private half signs nothing in sight: a
        # public key as any
        return None if half.held else ""
    if not (sites or elsewhere):
        # No issuer in sight: it may be this service (elsewhere, or a per-client secret
        # handed in; or the holder of the private key, itself) or another holder of the
        # secret, and the code cannot tell which. Only a switched-off check tells: the
        # tokens carry an `aud` (PyJWT and python-jose reject one when no audience is
        # expected), so their issuer names audiences.
        return CARRIES_AUD if switched_off else None
    kinds = sorted({site.kind for site in sites} | {mint.kind for mint in elsewhere})
    noun = "secret" if half is None else "key"
    related.extend((mint.place.path, mint.place.line, f"{mint.kind} tokens are signed with this {noun} here")
                   for mint in elsewhere[:1])
    uses = result_uses(jc.context, jc.call, jc.facts)
    checked = uses.keys_read & set(KIND_CLAIMS)
    accepted = _compared_kinds(jc.context, jc, checked)
    if accepted and not accepted & set(kinds):
        return (f"its {noun} is shared with another issuer: this code signs {', '.join(kinds)} tokens with it "
                f"but accepts {', '.join(sorted(accepted))} ones")
    if len(kinds) > 1 and not checked and not marker_refused(jc) and not kind_checked_by_callers(jc):
        return (f"the same {noun} signs {', '.join(kinds)} tokens in this project, and no claim tells them apart, so one "
                f"kind is accepted as another")
    return None


def _compared_kinds(context: FileContext, jc: JwtCall, checked: "set[str]") -> "set[str]":
    """The literal values a kind claim of the result is compared with (`claims.get("scope") !=
    "tenant:create"`, `payload["type"] == "access"`)."""
    found: set = set()
    if not checked:
        return found
    facts = jc.facts
    for key, node in result_uses(context, jc.call, facts).key_reads:
        if key not in checked:
            continue
        parent = facts.parent_of(node)
        if isinstance(parent, cst.ComparisonTarget):
            parent = facts.parent_of(parent)
        if isinstance(parent, cst.Comparison):
            for part in (parent.left, *(c.comparator for c in parent.comparisons)):
                value = context.evaluator.value(part, facts)
                if isinstance(value, str) and part is not node:
                    found.add(value)
    return found
