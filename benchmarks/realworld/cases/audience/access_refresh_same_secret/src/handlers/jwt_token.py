from datetime import datetime, timedelta, timezone

from jose import JWTError, jwt
from pydantic import BaseModel

from src.conf import settings


class TokenPayload(BaseModel):
    user_id: int
    exp: int
    type: str
    refresh_id: int | None = None


def _now():
    return datetime.now(timezone.utc)


def create_access_token(data: dict, expire=None) -> str:
    if expire is None:
        expire = _now() + timedelta(minutes=settings.JWT_ACCESS_TOKEN_EXPIRE_MINUTES)
    claims = {**data, "exp": expire, "type": "access"}
    return jwt.encode(claims, settings.JWT_SECRET_KEY, algorithm=settings.JWT_ALGORITHM)


def create_refresh_token(data: dict, expire=None) -> str:
    if expire is None:
        expire = _now() + timedelta(days=settings.JWT_REFRESH_TOKEN_EXPIRE_DAYS)
    claims = {**data, "exp": expire, "type": "refresh"}
    return jwt.encode(claims, settings.JWT_SECRET_KEY, algorithm=settings.JWT_ALGORITHM)


def decode_token(token: str) -> TokenPayload | None:
    try:
        payload = jwt.decode(token, settings.JWT_SECRET_KEY, algorithms=[settings.JWT_ALGORITHM])  # expect: NHL101
    except JWTError:
        return None
    return TokenPayload(**payload)
