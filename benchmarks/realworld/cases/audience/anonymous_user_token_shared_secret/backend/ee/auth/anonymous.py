from datetime import datetime, timezone

import jwt

from backend.configs.app_configs import USER_AUTH_SECRET


def issue_anonymous_user_token(tenant_id: str) -> str:
    claims = {
        "tenant_id": tenant_id,
        # Anonymous access links are meant to keep working.
        "iat": datetime.now(timezone.utc),
    }
    return jwt.encode(claims, USER_AUTH_SECRET, algorithm="HS256")  # expect: NHL401


def read_anonymous_user_token(token: str) -> dict:
    return jwt.decode(token, USER_AUTH_SECRET, algorithms=["HS256"])  # expect: NHL101
