from datetime import datetime, timedelta, timezone

import jwt

from lnwallet.settings import settings


def create_access_token(data: dict, token_expire_minutes: int | None = None) -> str:
    minutes = token_expire_minutes or settings.auth_token_expire_minutes
    claims = {k: v for k, v in data.items() if v is not None}
    claims["exp"] = datetime.now(timezone.utc) + timedelta(minutes=minutes)
    return jwt.encode(claims, settings.auth_secret_key, "HS256")
