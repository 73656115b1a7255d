import logging
from datetime import datetime, timedelta, timezone

import jwt
import requests
from fastapi import HTTPException, Request

from app_configs import CONTROL_PLANE_URL, DATA_PLANE_SECRET, EXPECTED_API_KEY, JWT_ALGORITHM

logger = logging.getLogger(__name__)


def data_plane_token() -> str:
    """Token this data plane sends to the control plane's API."""
    if not DATA_PLANE_SECRET:
        raise ValueError("DATA_PLANE_SECRET is not set")
    now = datetime.now(tz=timezone.utc)
    claims = {"iss": "data_plane", "iat": now, "exp": now + timedelta(minutes=5), "scope": "api_access"}
    return jwt.encode(claims, DATA_PLANE_SECRET, algorithm=JWT_ALGORITHM)


def report_usage(tenant_id: str, seats: int) -> None:
    requests.post(
        f"{CONTROL_PLANE_URL}/usage",
        json={"tenant_id": tenant_id, "seats": seats},
        headers={"Authorization": f"Bearer {data_plane_token()}"},
        timeout=10,
    )


async def control_plane_dependency(request: Request) -> None:
    """Guard on the routes the control plane calls (tenant creation)."""
    if request.headers.get("X-API-KEY") != EXPECTED_API_KEY:
        logger.warning("Invalid API key")
        raise HTTPException(status_code=401, detail="Invalid API key")

    header = request.headers.get("Authorization")
    if not header or not header.startswith("Bearer "):
        raise HTTPException(status_code=401, detail="Invalid authorization header")

    token = header.split(" ")[1]
    try:
        claims = jwt.decode(token, DATA_PLANE_SECRET, algorithms=[JWT_ALGORITHM])  # expect: NHL101
    except jwt.ExpiredSignatureError:
        raise HTTPException(status_code=401, detail="Token has expired")
    except jwt.InvalidTokenError:
        raise HTTPException(status_code=401, detail="Invalid token")
    if claims.get("scope") != "tenant:create":
        raise HTTPException(status_code=403, detail="Insufficient permissions")
