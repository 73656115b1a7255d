"""Whether a decode's audience check is off unless a setting is configured.

`options={"verify_aud": self.audience is not None}` with `audience=None` as the constructor's
default (fastapi-oidc-jwks): PyJWT rejects a token that carries `aud` when no audience is
given, so a verifier that keeps the check on only once an audience is set accepts every
audience by default, which is what most deployments run (nhilint.flow.defaults). Not in a class
that mints tokens too, adding `aud` under the same setting (simplejwt's `TokenBackend`): its own
tokens carry an audience exactly when it checks one.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name
from nhilint.analysis.jwt_calls import JwtCall
from nhilint.analysis.syntax import presence_subject
from nhilint.flow import module_flow
from nhilint.flow.defaults import none_by_default
from nhilint.flow.mints import mint_sites


def audience_off_by_default(jc: JwtCall) -> Optional[str]:
    """The setting (`self.audience`) whose absence switches the audience check off, when that
    setting is None unless configured; None otherwise."""
    options = jc.args.get(jc.api.options) if jc.api.options else None
    if not isinstance(options, cst.Dict):
        return None
    entry = next((element.value for element in options.elements
                  if isinstance(element, cst.DictElement) and string_literal(element.key) == "verify_aud"), None)
    setting = presence_subject(entry)  # `X is not None`, `bool(X)`, `X`: its presence switches the check on
    if setting is None:
        return None
    module = module_flow(jc.context)
    flow = module.flow(jc.facts.node)
    if flow.owner is not None and any(
            site.function is not None and module.owner_of(site.function) is flow.owner for site in mint_sites(module)):
        return None  # the class mints its tokens too: mint and check follow the one setting
    if not none_by_default(module, flow, setting):
        return None
    return dotted_name(setting) or "the setting"
