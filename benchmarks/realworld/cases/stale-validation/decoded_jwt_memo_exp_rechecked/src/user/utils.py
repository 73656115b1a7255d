import time

import jwt

from src.settings import settings

# Decoded payloads by token; a hit is only used while the token is unexpired.
_decoded: dict[str, dict] = {}


def decode_jwt(token: str) -> dict | None:
    cached = _decoded.get(token)
    if cached is not None:
        if cached["exp"] >= time.time():
            return cached
        _decoded.pop(token, None)
        return None
    try:
        payload = jwt.decode(token, settings.JWT_SECRET, algorithms=[settings.JWT_ALGORITHM])
    except jwt.PyJWTError:
        return None
    _decoded[token] = payload
    return payload
