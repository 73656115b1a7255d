"""Caches: which decorators and cache classes memoize, where their time-to-live is given, and
which cache writes take one.

Defaults checked against cachetools 6, async-lru 2 and aiocache 0.12: `ttl_cache` keeps entries
600 s when no ttl is given; `alru_cache` and `aiocache.cached` keep them forever.
"""

from __future__ import annotations

from typing import Mapping, Optional

# How long a cache keeps an entry
NEVER_EXPIRES = "never"  # lru_cache, cache, cached_property, LRUCache: until evicted by size
TTL = "ttl"  # a time-to-live argument
FROM_CACHE_ARGUMENT = "cache-argument"  # cachetools.cached(cache): as the cache object says
UNKNOWN_EXPIRY = "unknown"  # computed or configured where we cannot see


class CacheApi:
    """A memoizing decorator or cache class. A plain class, not a dataclass: the catalogue is
    built at every start, and a dataclass costs its generated methods there (SPEC §9)."""

    __slots__ = ("qualname", "expiry", "ttl_keyword", "ttl_position", "cache_position", "cache_keyword",
                 "ttl_default", "zero_means_never", "default_configurable")

    def __init__(self, qualname: str, expiry: str, ttl_keyword: Optional[str] = None,
                 ttl_position: Optional[int] = None, cache_position: Optional[int] = None,
                 cache_keyword: Optional[str] = None, ttl_default: Optional[float] = None,
                 zero_means_never: bool = False, default_configurable: bool = False) -> None:
        self.qualname = qualname
        self.expiry = expiry
        self.ttl_keyword = ttl_keyword
        self.ttl_position = ttl_position
        self.cache_position = cache_position  # cachetools.cached(cache, ...)
        self.cache_keyword = cache_keyword
        self.ttl_default = ttl_default  # when the TTL is not given; None: never expires
        self.zero_means_never = zero_means_never  # flask-caching: timeout=0 keeps the entry forever
        # the default TTL comes from settings the module may not show (flask-caching's
        # CACHE_DEFAULT_TIMEOUT, 300 s unless set)
        self.default_configurable = default_configurable

    def renamed(self, qualname: str) -> "CacheApi":
        """The same cache API under another name (a project's own decorator, by configuration)."""
        return CacheApi(qualname, self.expiry, self.ttl_keyword, self.ttl_position, self.cache_position,
                        self.cache_keyword, self.ttl_default, self.zero_means_never, self.default_configurable)


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
    # Flask-Caching 2.5: CACHE_DEFAULT_TIMEOUT is 300 s unless configured; timeout=0 keeps for good
    CacheApi("flask_caching.Cache.cached", TTL, ttl_keyword="timeout", ttl_position=0, ttl_default=300.0,
             zero_means_never=True, default_configurable=True),
    CacheApi("flask_caching.Cache.memoize", TTL, ttl_keyword="timeout", ttl_position=0, ttl_default=300.0,
             zero_means_never=True, default_configurable=True),
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

class TtlStore:
    """A cache write that takes a time-to-live: `cache.set(key, value, timeout=...)`.

    Matched on the method name plus a TTL argument: Django's and flask-caching's `cache`, redis
    clients and aiocache are built far from where they are used, but `set(..., ex=)` and
    `setex(name, time, value)` are specific enough.
    """

    __slots__ = ("method", "ttl_keywords", "ttl_position", "position_unit")

    def __init__(self, method: str, ttl_keywords: Mapping[str, float], ttl_position: Optional[int] = None,
                 position_unit: float = 1.0) -> None:
        self.method = method
        self.ttl_keywords = ttl_keywords  # keyword -> seconds per unit
        self.ttl_position = ttl_position
        self.position_unit = position_unit


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


class CacheCatalogue:
    __slots__ = ("decorators", "classes")

    def __init__(self, decorators: Mapping[str, CacheApi], classes: Mapping[str, CacheApi]) -> None:
        self.decorators = decorators
        self.classes = classes

    def decorator(self, qualname: Optional[str]) -> Optional[CacheApi]:
        return self.decorators.get(qualname or "")

    def cache_class(self, qualname: Optional[str]) -> Optional[CacheApi]:
        return self.classes.get(qualname or "")


CACHES = CacheCatalogue(
    decorators={api.qualname: api for api in _DECORATORS},
    classes={api.qualname: api for api in _CACHE_CLASSES},
)


# -- cache objects: where a value is written with `set(...)` and kept ------------------------------

# Backends, by how long `set(key, value)` keeps an entry when no time-to-live is passed.
# Checked: Django 5.2 (`CACHES[...]["TIMEOUT"]`, default 300 s; `timeout=None` keeps it for
# good), Flask-Caching 2.5 (`CACHE_DEFAULT_TIMEOUT`, default 300 s; `timeout=0` for good),
# redis-py 8 (`set` without `ex`/`px` keeps the key for good), aiocache 0.12 (`ttl=None`).
DJANGO = "django"
FLASK_CACHING = "flask-caching"
REDIS = "redis"
AIOCACHE = "aiocache"
MEMORY = "memory"  # a dict-like cache object of the process (cachetools' caches, a dict)


class Backend:
    __slots__ = ("kind", "default_ttl", "configurable")

    def __init__(self, kind: str, default_ttl: Optional[float], configurable: bool) -> None:
        self.kind = kind
        self.default_ttl = default_ttl  # None: kept for good
        self.configurable = configurable  # the default comes from settings the module may not show


BACKENDS: Mapping[str, Backend] = {
    DJANGO: Backend(DJANGO, 300.0, True),
    FLASK_CACHING: Backend(FLASK_CACHING, 300.0, True),
    REDIS: Backend(REDIS, None, False),
    AIOCACHE: Backend(AIOCACHE, None, False),
    MEMORY: Backend(MEMORY, None, False),
}
# Qualified names of cache objects and of the calls that make one.
CACHE_OBJECTS: Mapping[str, str] = {
    "django.core.cache.cache": DJANGO,
    "django.core.cache.caches": DJANGO,  # caches["default"]
    "flask_caching.Cache": FLASK_CACHING,
    "redis.Redis": REDIS, "redis.StrictRedis": REDIS, "redis.from_url": REDIS, "redis.Redis.from_url": REDIS,
    "redis.asyncio.Redis": REDIS, "redis.asyncio.from_url": REDIS, "aioredis.from_url": REDIS,
    "django_redis.get_redis_connection": REDIS,
    "aiocache.Cache": AIOCACHE, "aiocache.SimpleMemoryCache": AIOCACHE, "aiocache.RedisCache": AIOCACHE,
}
# Receivers named like a cache when the module does not show what they are (`self.cache`,
# `redis_client`, `token_store`): a write to one keeps the value, for a time we cannot tell.
CACHE_NAME_PATTERN = r"(^|_)(cache|caches|redis|rds|memcache|memcached|kv|store|storage)($|_)"
# Writes by method name -> (position of the key, position of the value); None: no key.
CACHE_WRITES: Mapping[str, "tuple[Optional[int], int]"] = {
    "set": (0, 1), "add": (0, 1), "setex": (0, 2), "psetex": (0, 2), "set_many": (None, 0),
    "get_or_set": (0, 1), "hset": (1, 2), "setdefault": (0, 1), "put": (0, 1), "save": (0, 1),
}
# A dict saved to a file keeps what is put in it for good, across processes and runs (a token
# file cache: `stored[key] = token; json.dump(stored, handle)`): the calls that save their first
# argument to a file, and those that serialize it for a `write()` / `write_text()` of a file.
FILE_DUMPS = frozenset({"json.dump", "pickle.dump", "yaml.dump", "yaml.safe_dump", "toml.dump", "tomli_w.dump", "marshal.dump"})
FILE_SERIALIZERS = frozenset({"json.dumps", "pickle.dumps", "yaml.dump", "yaml.safe_dump", "toml.dumps", "tomli_w.dumps"})
FILE_WRITES = frozenset({"write", "write_text", "write_bytes"})
# Decorators of a cache object the module does not show (`from .extensions import cache`,
# `@cache.memoize()`): Flask-Caching's by their method names.
CACHE_OBJECT_DECORATORS = {"memoize": "flask_caching.Cache.memoize", "cached": "flask_caching.Cache.cached"}
# Reads: the lookup that serves a kept value.
CACHE_READS = frozenset({"get", "hget", "get_many", "mget", "exists", "has_key", "__contains__", "load"})
