"""Research API credentials: the client token lives 7200 s, the cache a bit less."""
import os
from logging import getLogger

import requests
from cachetools.func import ttl_cache

logger = getLogger(__name__)

TOKEN_ENDPOINT = "https://open.videoplatform.example.com/v2/oauth/token/"
TOKEN_LIFETIME_SECONDS = 7200


def request_client_token(client_key, client_secret):
    resp = requests.post(
        TOKEN_ENDPOINT,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        data={
            "client_key": client_key,
            "client_secret": client_secret,
            "grant_type": "client_credentials",
        },
        timeout=20,
    )
    if resp.status_code != 200:
        raise RuntimeError(f"token request failed: HTTP {resp.status_code}")
    payload = resp.json()
    return {"access_token": payload["access_token"], "expires_in": payload["expires_in"]}


# Refresh one minute before the platform's two-hour expiry.
@ttl_cache(maxsize=1, ttl=TOKEN_LIFETIME_SECONDS - 60)
def cached_client_token() -> str:
    logger.info("requesting a new research API token")
    data = request_client_token(
        os.environ["VIDEO_RESEARCH_CLIENT_KEY"],
        os.environ["VIDEO_RESEARCH_CLIENT_SECRET"],
    )
    return data["access_token"]
