from datetime import timedelta

INSTALLED_APPS = [
    "django.contrib.auth",
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
]

# The mobile app keeps its refresh token; the allauth headless flow uses the same lifetime.
HEADLESS_JWT_ALGORITHM = "RS256"

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=120),  # expect: NHL402
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "ALGORITHM": "RS256",
}
