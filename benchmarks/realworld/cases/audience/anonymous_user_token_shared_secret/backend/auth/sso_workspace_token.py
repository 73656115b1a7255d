"""Short-lived pin of the workspace chosen on the shared SSO login page."""

from datetime import datetime, timedelta, timezone

import jwt

from backend.configs.app_configs import USER_AUTH_SECRET

WORKSPACE_TOKEN_AUDIENCE = "backend:sso-login-workspace"
WORKSPACE_TOKEN_LIFETIME = timedelta(minutes=10)


def issue_workspace_token(tenant_id: str) -> str:
    now = datetime.now(timezone.utc)
    claims = {"tenant_id": tenant_id, "aud": WORKSPACE_TOKEN_AUDIENCE, "exp": now + WORKSPACE_TOKEN_LIFETIME}
    return jwt.encode(claims, USER_AUTH_SECRET, algorithm="HS256")


def read_workspace_token(token: str) -> str:
    claims = jwt.decode(token, USER_AUTH_SECRET, algorithms=["HS256"], audience=WORKSPACE_TOKEN_AUDIENCE)
    return claims["tenant_id"]
