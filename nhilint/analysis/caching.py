"""Cache sites and what cached functions do: fetch a token, or verify one.

Shared by the NHL2xx rules. A cache site is a memoizing decorator with how long it keeps an
entry; the function questions walk one function's calls (its scope facts) and are memoised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

import libcst as cst

from nhilint.analysis.http import argument
from nhilint.analysis.imports import leaf_name
from nhilint.analysis.jwt_calls import jwt_call, result_uses
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.values import UNKNOWN
from nhilint.catalogue.caches import CacheApi, FROM_CACHE_ARGUMENT, NEVER_EXPIRES, TTL, TTL_STORES
from nhilint.catalogue.tokens import INTROSPECTION_METHODS, NOT_TOKEN_SOURCES, TOKEN_FIELDS, TOKEN_SOURCE_METHODS
from nhilint.catalogue.jwt import VERIFYING_ROLES
from nhilint.context import FileContext


@dataclass(frozen=True)
class CacheSite:
    node: cst.CSTNode
    api: CacheApi
    ttl: Any  # None: never expires; seconds; UNKNOWN

    @property
    def never_expires(self) -> bool:
        return self.ttl is None


def _ttl(context: FileContext, api: CacheApi, call: Optional[cst.Call], facts: Optional[ScopeFacts]) -> Any:
    """How long `api` (configured by `call`, if called) keeps an entry."""
    if api.expiry == NEVER_EXPIRES:
        return None
    if call is not None and any(a.star for a in call.args):
        return UNKNOWN
    if api.expiry == FROM_CACHE_ARGUMENT:
        cache = argument(call, api.cache_keyword, api.cache_position) if call is not None else None
        if isinstance(cache, cst.Name) and not (facts and facts.is_local(cache.value)):
            cache = context.module_constants.get(cache.value)  # `CACHE = TTLCache(...)` at module level
        if is_plain_dict(cache):
            return None  # `@cached(cache={})`: a plain dict keeps every entry for good
        if not isinstance(cache, cst.Call):
            return UNKNOWN
        cache_api = context.catalogue.caches.cache_class(context.qualified_name(cache.func, facts))
        return UNKNOWN if cache_api is None else _ttl(context, cache_api, cache, facts)
    value = argument(call, api.ttl_keyword, api.ttl_position) if call is not None else None
    if value is None:
        return api.ttl_default if api.expiry == TTL else UNKNOWN
    seconds = context.evaluator.value(value, facts)
    return None if api.zero_means_never and seconds == 0 else seconds


def is_plain_dict(expr: Optional[cst.BaseExpression]) -> bool:
    """`{...}`, `dict(...)`, `OrderedDict(...)`: a mapping that keeps what is put in it."""
    if isinstance(expr, cst.Dict):
        return True
    return isinstance(expr, cst.Call) and isinstance(expr.func, cst.Name) and expr.func.value in ("dict", "OrderedDict")


def cache_decorator(context: FileContext, decorator: cst.Decorator) -> Optional[CacheSite]:
    """The memoizing decorator `@lru_cache`, `@cached(TTLCache(...))`..., or None."""
    expr = decorator.decorator
    call = expr if isinstance(expr, cst.Call) else None
    target = call.func if call is not None else expr
    api = context.catalogue.caches.decorator(context.qualified_name(target))
    if api is None:
        return None
    return CacheSite(decorator, api, _ttl(context, api, call, None))


def unbounded_cache(context: FileContext, function: cst.FunctionDef) -> Optional["tuple[cst.Decorator, str]"]:
    """The first decorator caching `function` with no expiry, and how it is written (`lru_cache()`)."""
    for decorator in function.decorators:
        site = cache_decorator(context, decorator)
        if site is not None and site.never_expires:
            return decorator, context.module.code_for_node(decorator.decorator).strip()
    return None


# -- what a function does ---------------------------------------------------------------------

# `_fetch_access_token`, `getToken`, `acquire_token_async`: a getter whose name ends in "token";
# `generate_app_jwt`, `create_access_token`: a minter of a JWT or an access token (not
# `generate_token(48)`, which makes random strings for states and nonces)
_TOKEN_GETTER = re.compile(  # from the name's start: `validate_request_token` is no getter
    r"^_*((fetch|get|acquire|request|refresh|obtain|issue|new|mint)_?\w*token(_async)?"
    r"|(generate|create|make|sign)_?\w*(jwt|access_token)(_async)?)$",
    re.I,
)


def is_token_source_call(context: FileContext, call: cst.Call, facts: ScopeFacts) -> bool:
    """A call that obtains an access token: msal, azure-identity, OAuth clients, a token endpoint."""
    leaf = leaf_name(call)
    if "csrf" in leaf.lower():
        return False
    if context.catalogue.token_sources and context.qualified_name(call.func, facts) in context.catalogue.token_sources:
        return True
    if leaf in TOKEN_SOURCE_METHODS:
        return context.qualified_name(call.func, facts) not in NOT_TOKEN_SOURCES
    if leaf == "json":  # requests.post(token_url).json()["access_token"]
        return bool(result_uses(context, call, facts).keys_read & TOKEN_FIELDS)
    return False


def is_token_expression(context: FileContext, expr: cst.BaseExpression, facts: ScopeFacts) -> bool:
    """An expression whose value is an access token fetched somewhere."""
    if isinstance(expr, cst.Await):
        return is_token_expression(context, expr.expression, facts)
    if isinstance(expr, cst.Call):
        if is_token_source_call(context, expr, facts):
            return True
        leaf = leaf_name(expr)
        if not _TOKEN_GETTER.search(leaf) or "csrf" in leaf.lower():
            return False
        return context.qualified_name(expr.func, facts) not in NOT_TOKEN_SOURCES
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        key = context.evaluator.value(index.value, facts) if isinstance(index, cst.Index) else None
        return key in TOKEN_FIELDS
    if isinstance(expr, cst.Attribute) and expr.attr.value in ("token", "access_token"):
        if isinstance(expr.value, cst.Call):  # credential.get_token(scope).token
            return is_token_source_call(context, expr.value, facts)
        # credentials.token after credentials.refresh(...)
        return any(leaf_name(c) == "refresh" for c in facts.calls)
    return False


def fetches_token(context: FileContext, function: cst.FunctionDef) -> Optional[cst.CSTNode]:
    """Where `function` obtains an access token (a token-source call, or a returned token)."""

    def find() -> Optional[cst.CSTNode]:
        facts = context.facts(function)
        for call in facts.calls:
            if is_token_source_call(context, call, facts):
                return call
        for value in facts.returns:
            if is_token_expression(context, value, facts):
                return value
        return None

    return context.memo(("fetches-token", id(function)), find)


def _may_verify(context: FileContext, function: cst.FunctionDef) -> bool:
    """The cheap test before scope facts, from the callees the engine recorded: a known JWT
    or introspection method, a bare name bound to a JWT API or imported inside a function (an
    alias), a function of this module, or an HTTP call in a file that mentions introspection.
    True when not known yet."""
    callees = context.callees(function)
    if callees is None:
        return True
    known = context.catalogue.leaf_names
    methods = _module_methods(context)
    for callee in callees:
        leaf = callee.lstrip(".")
        if leaf in known or leaf in INTROSPECTION_METHODS:
            return True
        if callee == leaf and (_may_alias_jwt(context, leaf) or leaf in context.module_functions):
            return True
        if callee in methods:
            return True
    return bool(callees & {".get", ".post", "get", "post"}) and context.mentions("introspect")


def _module_methods(context: FileContext) -> "frozenset[str]":
    """`.name` of every method of the module's top-level classes (a class defined twice
    included): callees that may run one of them."""
    def compute() -> "frozenset[str]":
        return frozenset(
            f".{statement.name.value}"
            for cls in context.module.body if isinstance(cls, cst.ClassDef)
            for statement in cls.body.body
            if isinstance(statement, cst.FunctionDef)
        )

    return context.memo("module-methods", compute)


def _may_alias_jwt(context: FileContext, name: str) -> bool:
    if name in context.module_constants:
        return True  # `verify = jwt.decode`
    if name in context.imports:
        return context.catalogue.jwt_api(context.imports[name]) is not None
    return name in context.imported_names  # imported inside a function: not resolved here


# `verify_cached -> _verify -> _decode -> jwt.decode`: how many helper calls deep we look
_MAX_HELPER_DEPTH = 3


def verifies_token(context: FileContext, function: cst.FunctionDef) -> Optional[cst.Call]:
    """The call through which `function` decodes, verifies or introspects a token, if it does:
    itself, or through a helper of this module (`return _verify(token)`). Asked when the visit
    leaves `function`, so the class around it is the one its `self.helper()` calls run in."""
    return _verifies_token(context, function, context.enclosing_class(), _MAX_HELPER_DEPTH)


def _verifies_token(
    context: FileContext, function: cst.FunctionDef, owner: Optional[cst.ClassDef], depth: int
) -> Optional[cst.Call]:
    # by depth too: a helper judged at the end of the chain looked no further
    return context.memo(("verifies-token", id(function), depth), lambda: _verifying_call(context, function, owner, depth))


def _verifying_call(
    context: FileContext, function: cst.FunctionDef, owner: Optional[cst.ClassDef], depth: int
) -> Optional[cst.Call]:
    if not _may_verify(context, function):
        return None
    facts = context.facts(function)
    helpers = []
    for call in facts.calls:
        jc = jwt_call(context, call, facts)
        # an unverified decode is parsing: caching it is fine when claims are checked per call
        if jc is not None and jc.api.role in VERIFYING_ROLES and jc.unverified_reason is None:
            return call
        if leaf_name(call) in INTROSPECTION_METHODS:
            return call
        if leaf_name(call) in ("post", "get") and any(_names_introspection(context, a.value, facts) for a in call.args[:1]):
            return call
        helper = context.local_function(call, facts, owner) if depth > 0 else None
        if helper is not None and helper[0] is not function:
            helpers.append((call, helper))
    for call, (helper, helper_owner) in helpers:
        if _verifies_token(context, helper, helper_owner, depth - 1) is not None:
            return call
    return None


def _names_introspection(context: FileContext, url: cst.BaseExpression, facts: ScopeFacts) -> bool:
    """A URL that is, or is named as, an introspection endpoint (`INTROSPECTION_URL`)."""
    if "introspect" in str(context.evaluator.value(url, facts)):
        return True
    return isinstance(url, (cst.Name, cst.Attribute)) and "introspect" in context.module.code_for_node(url).lower()


_EXPIRY_CHECK = re.compile(
    r"\bexp\b|expir|\bvalid\b|\.valid\b|ttl|time\(\)|monotonic|utcnow|now\(|stale|refresh_at|deadline",
    re.I,
)


def compares_expiry(context: FileContext, function: cst.FunctionDef) -> bool:
    """Whether the function looks at an expiry before reuse (`expires_at`, `credentials.valid`)."""
    body = context.module.code_for_node(function.body)
    return bool(_EXPIRY_CHECK.search(body))


def store_ttl(context: FileContext, call: cst.Call, facts: ScopeFacts) -> Any:
    """The TTL in seconds of a cache write (`cache.set(k, v, timeout=600)`), UNKNOWN when it is
    computed, or None when the call is not a cache write with a TTL."""
    store = TTL_STORES.get(leaf_name(call))
    if store is None or not isinstance(call.func, cst.Attribute):
        return None
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in store.ttl_keywords:
            return _scaled(context.evaluator.value(arg.value, facts), store.ttl_keywords[arg.keyword.value])
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if store.ttl_position is not None and store.ttl_position < len(positional):
        value = context.evaluator.value(positional[store.ttl_position].value, facts)
        return _scaled(value, store.position_unit)
    return None


def _scaled(value: Any, unit: float) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return UNKNOWN
    return float(value) * unit


def module_ttl_cache(context: FileContext, name: str) -> Any:
    """The TTL of a module-level cache object (`CACHE = TTLCache(maxsize=..., ttl=3600)`)."""
    value = context.module_constants.get(name)
    if not isinstance(value, cst.Call):
        return None
    api = context.catalogue.caches.cache_class(context.qualified_name(value.func))
    if api is None or api.expiry != TTL:
        return None
    return _ttl(context, api, value, None)


_EXP_RECHECK = re.compile(r"""\[\s*["']exp["']\s*\]|\.get\(\s*["']exp["']|\bexp\b\s*[<>]|[<>]=?\s*\w*\bexp\b|expires_at|expired""")


def rechecks_exp(context: FileContext, function: cst.FunctionDef) -> bool:
    """Whether the function reads the token's `exp` (re-checking a cached verdict on every hit)."""
    return bool(_EXP_RECHECK.search(context.module.code_for_node(function.body)))
