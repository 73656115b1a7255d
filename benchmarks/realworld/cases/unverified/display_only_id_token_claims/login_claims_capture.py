"""Keeps a snapshot of what the identity provider said about a user at login, for the admin page."""

import json
import logging
from datetime import datetime, timezone
from typing import Any

import httpx
import jwt

from .redis_pool import get_async_redis

logger = logging.getLogger(__name__)

_CLAIMS_TTL_SECONDS = 30 * 24 * 3600


def _decode_id_token_claims(raw_id_token: str) -> dict[str, Any]:
    # Display only: the token came straight from the provider's token endpoint over TLS,
    # and nothing is authorized from these claims.
    return jwt.decode(
        raw_id_token,
        options={"verify_signature": False, "verify_aud": False, "verify_exp": False},
    )


async def _fetch_userinfo(userinfo_endpoint: str, access_token: str) -> dict[str, Any] | None:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(userinfo_endpoint, headers={"Authorization": f"Bearer {access_token}"})
    if response.status_code >= 400:
        logger.warning("claims capture: userinfo returned %s", response.status_code)
        return None
    data = response.json()
    return data if isinstance(data, dict) else None


async def capture_login_claims(oauth_client: Any, email: str, token: dict[str, Any]) -> None:
    snapshot: dict[str, Any] = {
        "provider": getattr(oauth_client, "name", "unknown"),
        "captured_at": datetime.now(timezone.utc).isoformat(),
    }
    if token.get("id_token"):
        snapshot["id_token_claims"] = _decode_id_token_claims(token["id_token"])
    userinfo_endpoint = getattr(oauth_client, "userinfo_endpoint", None)
    if userinfo_endpoint:
        snapshot["userinfo"] = await _fetch_userinfo(userinfo_endpoint, token["access_token"])

    redis = await get_async_redis()
    await redis.set(f"idp_claims:{email}", json.dumps(snapshot, default=str), ex=_CLAIMS_TTL_SECONDS)
