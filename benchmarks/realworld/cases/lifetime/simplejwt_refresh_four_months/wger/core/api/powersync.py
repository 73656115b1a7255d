import json
import time
from base64 import urlsafe_b64decode
from functools import lru_cache

import jwt
from django.conf import settings
from jwt.algorithms import RSAAlgorithm


@lru_cache(maxsize=1)
def _private_jwk():
    return json.loads(urlsafe_b64decode(settings.JWT_PRIVATE_KEY))


@lru_cache(maxsize=1)
def _private_key():
    return RSAAlgorithm.from_jwk(json.dumps(_private_jwk()))


def create_sync_token(user_id):
    """Short token for the sync service, which checks aud and exp itself."""
    jwk = _private_jwk()
    now = int(time.time())
    return jwt.encode(
        {"sub": str(user_id), "iat": now, "aud": "powersync", "exp": now + 600},
        _private_key(),
        algorithm=jwk["alg"],
        headers={"kid": jwk["kid"]},
    )
