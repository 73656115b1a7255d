import jwt
from flask import current_app

from .config import PUBLIC_KEY_SETTING


def _decode_session(token, key, algorithms):
    return jwt.decode(token, key, algorithms=algorithms)  # expect: NHL101


def read_session_token(token):
    # The authenticator signs one session for every frontend with its RSA key.
    key = current_app.config.get(PUBLIC_KEY_SETTING)
    return _decode_session(token, key, algorithms=["RS256"])
