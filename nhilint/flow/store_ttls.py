"""How long a store keeps an entry: the time-to-live a cache decorator, a cache class or a cache
write is given, in seconds (None: kept for good; UNKNOWN: not in sight).

The time-to-live is read as written (`ttl_cache(ttl=300)`, `TTLCache(maxsize, ttl)`, `set(key,
value, ex=60)`, `setex(name, time, value)`), through module constants, `timedelta`, env-var
defaults and `self.ttl` set in the class; a plain dict keeps what it is given for good.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.http import argument
from nhilint.analysis.imports import leaf_name
from nhilint.analysis.values import UNKNOWN
from nhilint.catalogue.caches import FROM_CACHE_ARGUMENT, NEVER_EXPIRES, TTL, TTL_STORES

if TYPE_CHECKING:
    from nhilint.catalogue.caches import CacheApi
    from nhilint.flow.function import FunctionFlow
    from nhilint.flow.module import ModuleFlow


_MUTABLE_CONTAINERS = ("dict", "OrderedDict", "defaultdict", "WeakValueDictionary")


def written_ttl(call: cst.Call, method: str, positional: List[cst.BaseExpression]) -> Optional[Tuple[cst.BaseExpression, float]]:
    """The time-to-live a cache write is given, as written, and the seconds in one unit of it:
    `set(key, value, ex=60)`, `setex(name, time, value)`, Django's `get_or_set(key, default,
    timeout)`; None when the write gives none (`positional`: its positional arguments)."""
    store = TTL_STORES.get(method)
    if store is not None:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in store.ttl_keywords:
                return arg.value, store.ttl_keywords[arg.keyword.value]
        if store.ttl_position is not None and store.ttl_position < len(positional) and method != "setdefault":
            return positional[store.ttl_position], store.position_unit
    if method == "get_or_set":
        timeout = argument(call, "timeout", 2)
        if timeout is not None:
            return timeout, 1.0
    return None


def ttl_of_api(flow: FunctionFlow, api: CacheApi, call: Optional[cst.Call]) -> Any:
    """How long a cache decorator or cache class (configured by `call`) keeps an entry."""
    context = flow.context
    if api.expiry == NEVER_EXPIRES:
        return None
    if call is not None and any(a.star for a in call.args):
        return UNKNOWN
    if api.expiry == FROM_CACHE_ARGUMENT:
        cache = argument(call, api.cache_keyword, api.cache_position) if call is not None else None
        if isinstance(cache, cst.Name) and (isinstance(flow.scope, cst.Module) or not flow.facts.is_local(cache.value)):
            cache = context.module_constants.get(cache.value)  # `CACHE = TTLCache(...)` at module level
        if is_plain_dict(cache):
            return None  # `@cached(cache={})`: a plain dict keeps every entry for good
        if not isinstance(cache, cst.Call):
            return UNKNOWN
        cache_api = context.catalogue.caches.cache_class(context.qualified_name(cache.func, flow.facts))
        return UNKNOWN if cache_api is None else ttl_of_api(flow, cache_api, cache)
    value = argument(call, api.ttl_keyword, api.ttl_position) if call is not None else None
    if value is None:
        return api.ttl_default if api.expiry == TTL else UNKNOWN
    seconds = ttl_value(flow, value)
    return None if api.zero_means_never and seconds == 0 else seconds


def ttl_value(flow: FunctionFlow, expr: cst.BaseExpression) -> Any:
    """Seconds of a TTL expression: literals, constants, `timedelta`, env-var defaults, and
    `self.ttl` set in the class (`self.ttl = ttl` with a parameter default)."""
    if isinstance(expr, cst.Attribute) and flow.is_self(expr.value) and flow.owner is not None:
        values = set()
        for method, value in flow.module.attribute_writes(flow.owner, expr.attr.value):
            writer = flow.module.flow(method) if method is not None else flow.module.module_flow()
            values.add(ttl_value(writer, value))
        if len(values) == 1:
            return values.pop()
        return UNKNOWN
    # at module level (`CACHE = TTLCache(ttl=settings.TTL)`, a decorator's argument) the
    # module's own view: its scope facts count an imported name as a local with no value
    facts = None if isinstance(flow.scope, cst.Module) else flow.facts
    value = flow.context.evaluator.value(expr, facts)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return UNKNOWN if value is not None else None
    return float(value)


def is_plain_dict(expr: Optional[cst.BaseExpression]) -> bool:
    """`{...}`, `dict(...)`, `OrderedDict(...)`: a mapping that keeps what is put in it."""
    if isinstance(expr, cst.Dict):
        return True
    return isinstance(expr, cst.Call) and leaf_name(expr) in _MUTABLE_CONTAINERS


def container_ttl(module: ModuleFlow, value: Optional[cst.BaseExpression]) -> Tuple[bool, Any]:
    """Whether a module-level or class-level value is a container that keeps what it is given,
    and for how long: a dict (for good), a cachetools cache (its TTL)."""
    if value is None:
        return False, None
    if is_plain_dict(value):
        return True, None
    if isinstance(value, cst.Call):
        flow = module.module_flow()
        api = module.context.catalogue.caches.cache_class(module.context.qualified_name(value.func, flow.facts))
        if api is not None:
            return True, ttl_of_api(flow, api, value)
    return False, None


def scaled(value: Any, unit: float) -> Any:
    if value is None or value is UNKNOWN:
        return value
    return float(value) * unit
