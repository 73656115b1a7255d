import datetime
import json
import logging

import requests
from django.core.cache import cache

from . import PLUGIN_ID

logger = logging.getLogger(__name__)

JWKS_KEY = "oauth_jwks"
JWKS_CACHE_TIME = 60 * 60  # 1 hour


def fetch_jwks(jwks_url):
    response = requests.get(jwks_url, allow_redirects=False, timeout=10)
    response.raise_for_status()
    keys = response.json().get("keys", [])
    cache.set(JWKS_KEY, keys, JWKS_CACHE_TIME)
    return keys


def get_user_info(user_info_url, access_token):
    try:
        response = requests.get(
            user_info_url,
            headers={"Authorization": f"Bearer {access_token}"},
            allow_redirects=False,
            timeout=10,
        )
        response.raise_for_status()
        return response.json()
    except (requests.exceptions.RequestException, json.JSONDecodeError) as exc:
        logger.warning("Fetching OIDC user info failed: %s", exc)
        return None


def get_user_info_from_cache_or_fetch(user_info_url, access_token, exp_time):
    """Userinfo for a token whose `exp` is known from its introspection / decode."""
    cache_key = f"{PLUGIN_ID}.{access_token}"
    user_info = cache.get(cache_key)
    if user_info:
        return user_info

    user_info = get_user_info(user_info_url, access_token)
    now_ts = int(datetime.datetime.now(tz=datetime.timezone.utc).timestamp())
    remaining = exp_time - now_ts
    if user_info and remaining > 0:
        # Never keep the answer longer than the token itself lives.
        cache.set(cache_key, user_info, remaining)
    return user_info
