"""Whether an unverified decode sits in a library verifier's hook that the library calls only
after it has verified the token's signature (nhilint.catalogue.jwt.VERIFIED_CLAIMS_HOOKS): a
subclass of fastapi-cloudauth's `JWKsVerifier` overriding `_verify_claims` reads the claims of a
token whose signature `verify_token` checked just before. A method of another name, or of a
class with another base, is judged as any other function."""

from __future__ import annotations

import libcst as cst

from typing import Optional

from nhilint.analysis.jwt_calls import JwtCall, token_arg
from nhilint.catalogue.jwt import VERIFIED_CLAIMS_HOOKS, VERIFIED_HOOK_TOKENS
from nhilint.flow import module_flow


def in_verified_claims_hook(jc: JwtCall) -> bool:
    function = jc.facts.node
    if not isinstance(function, cst.FunctionDef):
        return False
    module = module_flow(jc.context)
    owner = module.owner_of(function)
    if owner is None:
        return False
    name = function.name.value
    for cls in module.lineage(owner):  # the class and its bases in the module
        for base in cls.bases:
            qualified = jc.context.qualified_name(base.value) or ""
            hooks = VERIFIED_CLAIMS_HOOKS.get(qualified)
            if hooks is not None and name in hooks:
                return _the_verified_token(jc, VERIFIED_HOOK_TOKENS.get(qualified))
    return False


def _the_verified_token(jc: JwtCall, param: Optional[str]) -> bool:
    """The hook's token is the one the library verified: any, or the parameter named for it
    (`id_token` of mozilla-django-oidc's `get_userinfo`, not its `access_token`), never rebound."""
    if param is None:
        return True
    token = token_arg(jc)
    return isinstance(token, cst.Name) and token.value == param and param in jc.facts.params \
        and not jc.facts.bindings.get(param)
