from datetime import datetime, timedelta, timezone
from pathlib import Path

import jwt

from recipes.core.settings import get_app_settings

ALGORITHM = "HS256"


def create_access_token(data: dict, expires_delta: timedelta | None = None) -> str:
    settings = get_app_settings()
    claims = data.copy()
    expires_delta = expires_delta or timedelta(hours=settings.TOKEN_TIME)
    claims["exp"] = datetime.now(timezone.utc) + expires_delta
    return jwt.encode(claims, settings.SECRET, algorithm=ALGORITHM)  # expect: NHL402


def create_file_token(file_path: Path) -> str:
    # Download links for exported files reuse the login token machinery.
    return create_access_token({"file": str(file_path)}, expires_delta=timedelta(minutes=30))
