import time
import uuid

from jose import JWTError, jwt

from src.settings.globals.session_cache import session_cache
from src.settings.jwt.jwt_settings import jwt_settings


class InvalidSession(Exception):
    pass


def create_session(user_data: dict) -> str:
    session_id = uuid.uuid4().hex
    session_cache[session_id] = user_data
    claims = {"sid": session_id, "exp": int(time.time()) + jwt_settings.SESSION_TTL}
    return jwt.encode(claims, jwt_settings.SECRET_KEY, algorithm=jwt_settings.ALGORITHM)  # expect: NHL402


def verify_token(token: str) -> dict:
    try:
        claims = jwt.decode(token, jwt_settings.SECRET_KEY, algorithms=[jwt_settings.ALGORITHM])
    except JWTError as exc:
        raise InvalidSession("invalid token") from exc
    user = session_cache.get(claims.get("sid"))
    if user is None:
        raise InvalidSession("session ended")
    return user


def end_session(session_id: str) -> None:
    session_cache.pop(session_id, None)
