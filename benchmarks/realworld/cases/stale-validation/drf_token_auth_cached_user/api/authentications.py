from django.core.cache import cache
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

USER_CACHE_SECONDS = 300


class CachedTokenAuthentication(TokenAuthentication):
    """Token auth that skips the database for a token seen recently."""

    def authenticate(self, request):
        auth = request.headers.get("Authorization")
        if not auth or not auth.startswith("Token "):
            return None

        key = auth.split(" ", 1)[1]
        cached_user = cache.get(f"token_{key}")
        if cached_user is not None:
            return cached_user, key

        result = super().authenticate(request)
        if result is None:
            raise AuthenticationFailed("Invalid token")
        user, token = result
        cache.set(f"token_{key}", user, timeout=USER_CACHE_SECONDS)  # expect: NHL204
        return user, token
