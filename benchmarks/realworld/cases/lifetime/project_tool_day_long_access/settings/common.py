import os
from datetime import timedelta

SECRET_KEY = os.environ["TAIGA_SECRET_KEY"]
AUTH_USER_MODEL = "users.User"

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(hours=24),  # expect: NHL402
    "REFRESH_TOKEN_LIFETIME": timedelta(days=8),
}

FLUSH_REFRESHED_TOKENS_PERIODICITY = 3 * 24 * 3600  # seconds
