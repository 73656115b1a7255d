"""The API catalogue, part two: caches and token sources, as data.

Defaults checked against cachetools 6, async-lru 2 and aiocache 0.12: `ttl_cache` keeps entries
600 s when no ttl is given; `alru_cache` and `aiocache.cached` keep them forever.

Which decorators and cache classes memoize, and where their time-to-live is given; which calls
fetch an access token; which introspect one. Rules ask these tables, never spell the libraries.
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

# Calls whose name says they obtain an access token (msal, azure-identity, authlib,
# requests-oauthlib, google-auth). Matched on the method name: the client object is usually
# built far away, but these names are specific enough.
TOKEN_SOURCE_METHODS = frozenset({
    "acquire_token_for_client", "acquire_token_silent", "acquire_token_silent_with_error",
    "acquire_token_on_behalf_of", "acquire_token_by_username_password",
    "acquire_token_by_refresh_token", "acquire_token_by_authorization_code",
    "acquire_token_interactive", "acquire_token_for_managed_identity",
    "get_token", "get_token_info", "fetch_token", "fetch_access_token", "refresh_token",
    "fetch_id_token", "get_access_token",
})
# Qualified names that share a method name above but fetch nothing of the kind.
NOT_TOKEN_SOURCES = frozenset({"django.middleware.csrf.get_token"})
# Response fields that carry a fetched token: `requests.post(...).json()["access_token"]`.
TOKEN_FIELDS = frozenset({"access_token", "id_token", "token", "accessToken"})
# Calls that ask an authorization server whether a token is valid (RFC 7662).
INTROSPECTION_METHODS = frozenset({"introspect_token", "introspect", "token_introspection"})


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


# -- HTTP clients and loggers (used by the transport rules) -----------------------------------

# Module-level request functions, by qualified name -> index of the URL argument.
HTTP_FUNCTIONS: Mapping[str, int] = {
    **{f"requests.{verb}": 0 for verb in ("get", "post", "put", "patch", "delete", "head", "options")},
    "requests.request": 1,
    **{f"httpx.{verb}": 0 for verb in ("get", "post", "put", "patch", "delete", "head", "options", "stream")},
    "httpx.request": 1,
    "urllib.request.urlopen": 0,
    "urllib.request.Request": 0,
}
# Methods of session / client objects built elsewhere (requests.Session, httpx.Client,
# aiohttp.ClientSession, urllib3.PoolManager): recognised by name plus an HTTP keyword.
HTTP_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request", "stream"})
HTTP_KEYWORDS = frozenset({"headers", "params", "verify", "json", "data", "timeout", "auth", "cookies", "ssl"})
# Header names that carry a credential.
CREDENTIAL_HEADERS = frozenset({
    "authorization", "proxy-authorization", "x-api-key", "api-key", "apikey", "x-auth-token",
    "x-access-token", "private-token", "x-goog-api-key", "ocp-apim-subscription-key",
})
LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"})
