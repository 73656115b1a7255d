from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from app.core.config import settings

ALGORITHM = "HS256"


def create_access_token(subject: str | Any, expires_delta: timedelta) -> str:
    expire = datetime.now(UTC) + expires_delta
    claims = {"exp": expire, "sub": str(subject)}
    return jwt.encode(claims, settings.SECRET_KEY, algorithm=ALGORITHM)
