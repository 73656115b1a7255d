"""Management API helpers (user lookups for the admin pages)."""
import requests
from cachetools import TTLCache, cached

from .common import IDP_CLIENT_ID, IDP_CLIENT_SECRET, IDP_DOMAIN

# Management tokens are issued for 24 h; ten minutes of reuse is plenty.
cache = TTLCache(maxsize=100, ttl=600)


@cached(cache)
def get_management_token() -> str:
    response = requests.post(
        f"https://{IDP_DOMAIN}/oauth/token",
        json={
            "client_id": IDP_CLIENT_ID,
            "client_secret": IDP_CLIENT_SECRET,
            "audience": f"https://{IDP_DOMAIN}/api/v2/",
            "grant_type": "client_credentials",
        },
        timeout=5,
    ).json()
    return response["access_token"]


def get_user(user_id: str) -> dict:
    response = requests.get(
        f"https://{IDP_DOMAIN}/api/v2/users/{user_id}",
        headers={"Authorization": f"Bearer {get_management_token()}"},
        timeout=5,
    )
    response.raise_for_status()
    return response.json()
