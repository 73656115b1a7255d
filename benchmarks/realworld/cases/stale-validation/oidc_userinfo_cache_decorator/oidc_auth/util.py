import functools

from django.core.cache import caches

from .settings import api_settings


class cache:
    """Memoize a method's return value in the Django cache for `ttl` seconds."""

    def __init__(self, ttl, cache_version=1):
        self.ttl = ttl
        self.cache_version = cache_version

    def __call__(self, fn):
        @functools.wraps(fn)
        def wrapped(this, *args):
            backend = caches[api_settings.OIDC_CACHE_NAME]
            key = api_settings.OIDC_CACHE_PREFIX + ".".join([fn.__name__, *map(str, args)])
            value = backend.get(key, version=self.cache_version)
            if not value:
                value = fn(this, *args)
                backend.set(key, value, timeout=self.ttl, version=self.cache_version)
            return value

        return wrapped
