import jwt
from django.conf import settings
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.models import User
from django.core.cache import cache


class AuthBackend(BaseBackend):
    """Log in the terminal websocket with the JWT the SPA received at sign-in."""

    def authenticate(self, request, token=None):
        if token is None:
            return None
        user_id = cache.get(f"jwt-user:{token}")
        if user_id is None:
            try:
                username = jwt.decode(token, settings.JWT_SIGNING_KEY, algorithms=["HS256"])["username"]
                user_id = User.objects.get(username=username).pk
            except (jwt.PyJWTError, User.DoesNotExist):
                return None
            # No timeout given: the cache's default (300 s) applies.
            cache.set(f"jwt-user:{token}", user_id)  # expect: NHL204
        return self.get_user(user_id)

    def get_user(self, user_id):
        try:
            return User.objects.get(pk=user_id)
        except User.DoesNotExist:
            return None
