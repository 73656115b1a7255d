import os

BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Django's own key: sessions, CSRF, password-reset links... and the API's JWTs below.
SECRET_KEY = os.environ.get("SECRET_KEY")
DEBUG = os.environ.get("DEBUG", "") == "1"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ("authors.apps.authentication.backends.BearerTokenAuthentication",),
}
