import os

GOOGLE_CLIENT_ID = os.environ["GOOGLE_CLIENT_ID"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
}
