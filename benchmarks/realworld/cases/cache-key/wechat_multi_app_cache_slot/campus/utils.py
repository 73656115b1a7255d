from django.core.cache import cache

from .scheduled import refresh_access_token


def get_access_token(app_name: str) -> str:
    """Token for the named mini-program; the views pass it to the WeChat APIs."""
    token = cache.get("access_token")
    if token is None:
        refresh_access_token(app_name)
        token = cache.get("access_token")
    return token
