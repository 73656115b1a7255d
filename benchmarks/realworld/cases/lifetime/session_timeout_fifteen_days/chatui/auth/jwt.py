import os
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

import jwt as pyjwt

from chatui.config import config
from chatui.user import User


def get_jwt_secret() -> Optional[str]:
    return os.environ.get("CHATUI_AUTH_SECRET")


def create_jwt(user: User) -> str:
    claims: dict[str, Any] = user.to_dict()
    now = datetime.now(timezone.utc)
    claims.update({"exp": now + timedelta(seconds=config.project.user_session_timeout), "iat": now})
    secret = get_jwt_secret()
    assert secret
    return pyjwt.encode(claims, secret, algorithm="HS256")  # expect: NHL402


def decode_jwt(token: str) -> User:
    secret = get_jwt_secret()
    assert secret
    claims = pyjwt.decode(token, secret, algorithms=["HS256"], options={"verify_signature": True})
    del claims["exp"]
    return User(**claims)
