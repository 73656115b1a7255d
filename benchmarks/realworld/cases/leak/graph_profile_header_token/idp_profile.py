"""Directory profile of a user who just signed in, for the admin page."""

import logging
from typing import Any

import httpx

logger = logging.getLogger(__name__)

_MS_GRAPH_ME_URL = "https://graph.microsoft.com/v1.0/me"
_MS_GRAPH_SELECT_FIELDS = "displayName,jobTitle,department,country,usageLocation"


async def fetch_userinfo(userinfo_endpoint: str, access_token: str) -> dict[str, Any] | None:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(userinfo_endpoint, headers={"Authorization": f"Bearer {access_token}"})
    if response.status_code >= 400:
        logger.warning("claims capture: userinfo endpoint returned %s", response.status_code)
        return None
    data = response.json()
    return data if isinstance(data, dict) else None


async def fetch_graph_profile(access_token: str) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(
            _MS_GRAPH_ME_URL,
            params={"$select": _MS_GRAPH_SELECT_FIELDS},
            headers={"Authorization": f"Bearer {access_token}"},
        )
    if response.status_code >= 400:
        logger.warning("claims capture: Graph /me returned %s", response.status_code)
        return {"error": f"Graph /me returned HTTP {response.status_code}; the token may lack User.Read."}
    data = response.json()
    data.pop("@odata.context", None)
    return data
