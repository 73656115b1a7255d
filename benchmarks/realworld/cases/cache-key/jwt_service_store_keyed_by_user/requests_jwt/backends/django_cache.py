from django.core.cache import cache

from .base import BaseBackend


class DjangoCacheBackend(BaseBackend):
    def get_jwt(self):
        return cache.get(self.key)

    def set_jwt(self, token):
        # The default cache timeout (5 minutes) is far below the JWT's lifetime.
        cache.set(self.key, token)
