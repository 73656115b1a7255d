"""The tokens a module mints, by the key that signs them, and what kind each is.

A JWT this service mints and verifies with a secret only it holds has one audience: itself.
The audience check matters where one key signs tokens for several audiences: an identity
provider's keys, asymmetric keys and JWKS, ID tokens, and a secret that signs several kinds of
token (access and password-reset tokens) or is shared with another issuer. To tell these apart
the rules ask which tokens the code signs with the key a verification uses.

The kind of a minted token is its type claim (`type`, `token_type`, `typ`, `scope`, `purpose`,
`kind`) when the payload shows it, else what the minting function's name says
(`create_refresh_token` -> `refresh`). A minting function that mints through another one
(`create_file_token()` calling `create_access_token(...)`) signs its own kind with that key.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, List, Optional

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.credentials import credential_of
from nhilint.analysis.imports import dotted_name
from nhilint.analysis.jwt_calls import jwt_call
from nhilint.analysis.values import DictValue
from nhilint.catalogue.jwt import ENCODE

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow
    from nhilint.flow.module import ModuleFlow

# Claims that say what kind of token it is.
KIND_CLAIMS = ("type", "token_type", "typ", "scope", "purpose", "kind", "use", "token_use")
_NAME_NOISE = compiled_on_first_use(
    r"(^|_)(create|generate|make|issue|new|get|build|encode|sign|mint|token|tokens|jwt|jwts|for|a|the|_)(?=_|$)"
)


class MintSite:
    """A call that mints a token, in the function holding it.
    A plain class: never compared, hashed or copied, and a dataclass costs about 3 M
    instructions to create at every start (benchmarks/README.md, speed20)."""

    __slots__ = ("call", "function", "key", "kind", "key_name")

    def __init__(self, call: cst.Call, function: Optional[cst.FunctionDef], key: str, kind: str,
                 key_name: str = "") -> None:
        self.call = call
        self.function = function
        self.key = key  # the signing key's identity (nhilint.analysis.credentials)
        self.kind = kind  # "access", "refresh", "password-reset", or "token" when nothing says
        # the module-level name the key is given as (`JWT_KEY`), "" for anything else: another
        # module importing the name knows the key by it (nhilint.project.build)
        self.key_name = key_name


def key_identity(flow: "FunctionFlow", expr: Optional[cst.BaseExpression], depth: int = 0) -> Optional[str]:
    """The identity of a signing key (`settings.SECRET_KEY`, env var `JWT_SECRET`, a literal),
    also through a local name and a helper of the module that returns it (`secret =
    get_jwt_secret()` in both the minting and the verifying function)."""
    if expr is None or depth > 3:
        return None
    if isinstance(expr, cst.Name) and flow.facts.is_local(expr.value) and expr.value not in flow.facts.params:
        values = [b.value for b in flow.reaching(expr.value, expr) if b.value is not None]
        if len(values) == 1:
            return key_identity(flow, values[0], depth + 1)
    if isinstance(expr, cst.Name) and flow.owner is None and not flow.facts.is_local(expr.value):
        # (a method's free names are the module's; a function nested in a method has no owner)
        kept = _kept_constructor_parameter(flow, expr.value)
        if kept is not None:
            return kept
    if isinstance(expr, cst.Call):
        target = flow.module.resolve(flow, expr)
        if target is not None:
            helper = flow.module.flow(target[0])
            returned = {key_identity(helper, value, depth + 1) for value in helper.facts.returns}
            if len(returned) == 1 and None not in returned:
                return returned.pop()
            return f"call:{target[0].name.value}"
    if isinstance(expr, cst.BinaryOperation):
        # `self.secret + self.secret[::-1]`, `SECRET + "-refresh"`: a key derived from a secret
        # is another key (a token signed with one does not verify with the other); the same
        # derivation, written alike, is the same key
        owner = flow.owner.name.value if flow.owner is not None else ""
        return f"derived:{owner}:{flow.context.module.code_for_node(expr)}"
    if isinstance(expr, cst.Attribute) and flow.owner is not None:
        # `self.key` is the key of the class the function belongs to. credential_of names it by
        # the class the visit is in, which is another class when the mint sites of the module
        # are gathered from elsewhere, and would make `self.key` of two classes one key.
        dotted = dotted_name(expr)
        if dotted is not None and dotted.startswith(("self.", "cls.")):
            return f"attr:{flow.owner.name.value}.{dotted}"
        # `str(JWT_SECRET)`, `secret.encode()`: the same key (nhilint.analysis.credentials)
    found = credential_of(flow.context, expr, flow.facts)
    return found.key if found is not None else None


def _kept_constructor_parameter(flow: "FunctionFlow", name: str) -> Optional[str]:
    """`key` read by a function defined in `__init__(self, key)`, which keeps it as `self.key =
    key`: the instance's key, as `self.key` is in the class's methods (a verifier made a
    closure of the constructor, its mints in a method)."""
    scope = flow.scope
    for cls in flow.module.classes():
        for method in flow.module.methods(cls):
            if method.name.value != "__init__" or not any(statement is scope for statement in method.body.body):
                continue
            params = method.params
            if name not in {param.name.value for param in (*params.posonly_params, *params.params, *params.kwonly_params)}:
                return None
            for line in method.body.body:
                for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
                    if isinstance(small, cst.Assign) and isinstance(small.value, cst.Name) and small.value.value == name:
                        for target in small.targets:
                            dotted = dotted_name(target.target)
                            if dotted is not None and dotted.startswith("self.") and dotted.count(".") == 1:
                                return f"attr:{cls.name.value}.{dotted}"
            return None
    return None


def own_to_module(identity: str) -> bool:
    """A key no other module signs with as such: a local (`local:`: a parameter, a key the
    caller hands in) or an attribute of the instance (`attr:Class.self.key`: a class of the same
    name elsewhere is another class)."""
    if identity.startswith("local:"):
        return True
    parts = identity.split(".", 2)
    return identity.startswith("attr:") and len(parts) == 3 and parts[1] in ("self", "cls")


def mint_sites(module: "ModuleFlow") -> List[MintSite]:
    """Every `jwt.encode(...)` (PyJWT, jose, authlib, joserfc) of the module with a known key."""

    def compute() -> List[MintSite]:
        if b"encode" not in module.context.lowered:
            return []
        sites: List[MintSite] = []
        for scope in [module.context.module, *module.every_function()]:
            flow = module.flow(scope)
            for call in flow.facts.own_calls:
                jc = jwt_call(module.context, call, flow.facts)
                if jc is None or jc.api.role != ENCODE:
                    continue
                given = jc.args.get("key")
                key = key_identity(flow, given if isinstance(given, cst.BaseExpression) else None)
                if key is None:
                    continue
                function = scope if isinstance(scope, cst.FunctionDef) else None
                name = given.value if isinstance(given, cst.Name) and not flow.facts.is_local(given.value) else ""
                sites.append(MintSite(call, function, key, _kind(jc.value(jc.api.payload), function), name))
        through = _through_helpers(module, sites)
        return [site for site in sites if not _generic_helper(module, site, through)] + through

    return module.context.memo("flow-mint-sites", compute)


def _through_helpers(module: "ModuleFlow", sites: List[MintSite]) -> List[MintSite]:
    """Tokens minted through another minting function of the module: `create_file_token()`
    returning `create_access_token({"file": path})` signs file tokens with the helper's key. A
    caller counts when its name says it mints a token (a minting verb first, `token` or `jwt`
    in it); `login()` calling the helper mints the helper's own kind."""
    found: List[MintSite] = []
    # a function that signs tokens itself and calls another minter besides (`create_token()`
    # signing the access token and calling `create_refresh_token()` for the pair) gets the
    # helper's kind from the helper, not one of its own
    signing = {id(site.function) for site in sites if site.function is not None}
    for site in sites:
        if site.function is None:
            continue
        for caller, call in module.callers(site.function):
            scope = caller.scope
            if isinstance(scope, cst.FunctionDef) and scope is not site.function and _mints_by_name(scope) \
                    and id(scope) not in signing:
                found.append(MintSite(call, scope, site.key, _kind(None, scope), site.key_name))
    return found


def _generic_helper(module: "ModuleFlow", site: MintSite, through: List[MintSite]) -> bool:
    """`encode_token(payload)`, a helper named for no kind of token (its kind is the bare
    word), every call of which (one at least) is in a minting function of the module that
    gives the kind (`create_code_token()`): it signs no kind of its own (drf-jwt-2fa's one
    kind, code tokens, was counted twice)."""
    if site.function is None or site.kind != "token":
        return False
    callers = module.callers(site.function)
    named = {id(other.function) for other in through}
    return bool(callers) and all(id(caller.scope) in named for caller, _ in callers)


_MINTING_VERBS = frozenset({"create", "generate", "make", "issue", "mint", "sign", "build", "new", "encode"})


def _mints_by_name(function: cst.FunctionDef) -> bool:
    words = function.name.value.lower().strip("_").split("_")
    return words[0] in _MINTING_VERBS and any(word in ("token", "jwt") for word in words[1:])


def _kind(payload: object, function: Optional[cst.FunctionDef]) -> str:
    if isinstance(payload, DictValue):
        for claim in KIND_CLAIMS:
            value = payload.get(claim)
            if isinstance(value, str) and value:
                return value
    if function is not None:
        words = _NAME_NOISE.sub("_", function.name.value.lower()).strip("_")
        words = re.sub(r"_+", "-", words)
        if words:
            return words
    return "token"
