from datetime import timedelta

from django.conf import settings

USER_SETTINGS = getattr(settings, "SIMPLE_JWT", {})

DEFAULTS = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    "ALGORITHM": "HS256",
    "SIGNING_KEY": settings.SECRET_KEY,
    "VERIFYING_KEY": None,
    "AUDIENCE": None,
    "ISSUER": None,
    "TOKEN_TYPE_CLAIM": "token_type",
}


class TokenSettings:
    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(name)
        return USER_SETTINGS.get(name, DEFAULTS[name])


api_settings = TokenSettings()
