from functools import lru_cache

import firebase_admin
from django.conf import settings
from firebase_admin import auth, credentials

if not firebase_admin._apps:
    firebase_admin.initialize_app(credentials.Certificate(settings.FIREBASE_KEY_FILE))


@lru_cache(maxsize=2048)  # expect: NHL203
def verify_token(id_token: str) -> str:
    """Firebase uid for a client ID token (memoised: the app sends one per request)."""
    decoded = auth.verify_id_token(id_token)
    return decoded["uid"]
