import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
AUTH_USER_MODEL = "account.CustomUser"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ("rest_framework_simplejwt.authentication.JWTAuthentication",),
}

SIMPLE_JWT = {
    "ALGORITHM": "HS256",
}
