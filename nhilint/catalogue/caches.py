"""Caches: which decorators and cache classes memoize, where their time-to-live is given, and
which cache writes take one.

Defaults checked against cachetools 6, async-lru 2 and aiocache 0.12: `ttl_cache` keeps entries
600 s when no ttl is given; `alru_cache` and `aiocache.cached` keep them forever.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

# How long a cache keeps an entry
NEVER_EXPIRES = "never"  # lru_cache, cache, cached_property, LRUCache: until evicted by size
TTL = "ttl"  # a time-to-live argument
FROM_CACHE_ARGUMENT = "cache-argument"  # cachetools.cached(cache): as the cache object says
UNKNOWN_EXPIRY = "unknown"  # configured elsewhere (flask-caching's default timeout)


@dataclass(frozen=True)
class CacheApi:
    qualname: str
    expiry: str
    ttl_keyword: Optional[str] = None
    ttl_position: Optional[int] = None
    cache_position: Optional[int] = None  # cachetools.cached(cache, ...)
    cache_keyword: Optional[str] = None
    ttl_default: Optional[float] = None  # when the TTL is not given; None: never expires
    zero_means_never: bool = False  # flask-caching: timeout=0 keeps the entry forever


_DECORATORS = (
    CacheApi("functools.lru_cache", NEVER_EXPIRES),
    CacheApi("functools.cache", NEVER_EXPIRES),
    CacheApi("functools.cached_property", NEVER_EXPIRES),
    CacheApi("cachetools.cached", FROM_CACHE_ARGUMENT, cache_position=0, cache_keyword="cache"),
    CacheApi("cachetools.func.lru_cache", NEVER_EXPIRES),
    CacheApi("cachetools.func.lfu_cache", NEVER_EXPIRES),
    CacheApi("cachetools.func.rr_cache", NEVER_EXPIRES),
    CacheApi("cachetools.func.fifo_cache", NEVER_EXPIRES),
    CacheApi("cachetools.func.ttl_cache", TTL, ttl_keyword="ttl", ttl_position=1, ttl_default=600.0),
    CacheApi("async_lru.alru_cache", TTL, ttl_keyword="ttl"),  # ttl=None: never expires
    CacheApi("aiocache.cached", TTL, ttl_keyword="ttl", ttl_position=0),
    CacheApi("flask_caching.Cache.cached", UNKNOWN_EXPIRY, ttl_keyword="timeout", ttl_position=0,
             zero_means_never=True),
    CacheApi("flask_caching.Cache.memoize", UNKNOWN_EXPIRY, ttl_keyword="timeout", ttl_position=0,
             zero_means_never=True),
)

_CACHE_CLASSES = (
    CacheApi("cachetools.LRUCache", NEVER_EXPIRES),
    CacheApi("cachetools.LFUCache", NEVER_EXPIRES),
    CacheApi("cachetools.RRCache", NEVER_EXPIRES),
    CacheApi("cachetools.FIFOCache", NEVER_EXPIRES),
    CacheApi("cachetools.Cache", NEVER_EXPIRES),
    CacheApi("cachetools.TTLCache", TTL, ttl_keyword="ttl", ttl_position=1),
    # TLRUCache computes a time-to-use per item: bounded by whatever the function says
    CacheApi("cachetools.TLRUCache", UNKNOWN_EXPIRY),
)

@dataclass(frozen=True)
class TtlStore:
    """A cache write that takes a time-to-live: `cache.set(key, value, timeout=...)`.

    Matched on the method name plus a TTL argument: Django's and flask-caching's `cache`, redis
    clients and aiocache are built far from where they are used, but `set(..., ex=)` and
    `setex(name, time, value)` are specific enough.
    """

    method: str
    ttl_keywords: Mapping[str, float]  # keyword -> seconds per unit
    ttl_position: Optional[int] = None
    position_unit: float = 1.0


TTL_STORES: Mapping[str, TtlStore] = {
    store.method: store
    for store in (
        # redis `set(name, value, ex=None, px=None)`; Django / flask-caching `set(key, value, timeout)`;
        # aiocache `set(key, value, ttl=)`: the third positional argument is seconds in all of them
        TtlStore("set", {"ex": 1.0, "px": 0.001, "timeout": 1.0, "ttl": 1.0}, ttl_position=2),
        TtlStore("setex", {"time": 1.0}, ttl_position=1),
        TtlStore("psetex", {"time_ms": 0.001}, ttl_position=1, position_unit=0.001),
        TtlStore("add", {"timeout": 1.0}, ttl_position=2),  # Django's cache.add
    )
}


@dataclass(frozen=True)
class CacheCatalogue:
    decorators: Mapping[str, CacheApi]
    classes: Mapping[str, CacheApi]

    def decorator(self, qualname: Optional[str]) -> Optional[CacheApi]:
        return self.decorators.get(qualname or "")

    def cache_class(self, qualname: Optional[str]) -> Optional[CacheApi]:
        return self.classes.get(qualname or "")


CACHES = CacheCatalogue(
    decorators={api.qualname: api for api in _DECORATORS},
    classes={api.qualname: api for api in _CACHE_CLASSES},
)
