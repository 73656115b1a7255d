from django.conf import settings
from rest_framework.settings import APISettings

USER_SETTINGS = getattr(settings, "OIDC_AUTH", None)

DEFAULTS = {
    "OIDC_ENDPOINT": None,
    "USERINFO_ENDPOINT": None,
    # Time before the discovery document is fetched again
    "OIDC_CONFIG_EXPIRATION_TIME": 24 * 60 * 60,
    # Time before bearer token validity is verified again
    "OIDC_BEARER_TOKEN_EXPIRATION_TIME": 600,
    "OIDC_RESOLVE_USER_FUNCTION": "oidc_auth.authentication.get_user_by_id",
    "BEARER_AUTH_HEADER_PREFIX": "Bearer",
    "OIDC_CACHE_NAME": "default",
    "OIDC_CACHE_PREFIX": "oidc_auth.",
}

IMPORT_STRINGS = ("OIDC_RESOLVE_USER_FUNCTION",)

api_settings = APISettings(USER_SETTINGS, DEFAULTS, IMPORT_STRINGS)
