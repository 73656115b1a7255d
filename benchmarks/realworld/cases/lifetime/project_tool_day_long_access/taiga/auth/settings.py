from datetime import timedelta

from django.conf import settings

USER_SETTINGS = getattr(settings, "SIMPLE_JWT", None)

DEFAULTS = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    "ROTATE_REFRESH_TOKENS": False,
    "ALGORITHM": "HS256",
    "SIGNING_KEY": settings.SECRET_KEY,
    "AUTH_HEADER_TYPES": ("Bearer",),
    "USER_ID_CLAIM": "user_id",
    "TOKEN_TYPE_CLAIM": "token_type",
}


class APISettings:
    def __init__(self, user_settings, defaults):
        self._user = user_settings or {}
        self._defaults = defaults

    def __getattr__(self, name):
        if name not in self._defaults:
            raise AttributeError(name)
        return self._user.get(name, self._defaults[name])


api_settings = APISettings(USER_SETTINGS, DEFAULTS)
