"""Service-to-service OAuth client for the course platform's backend services."""
import datetime

import requests
from edx_django_utils.cache import TieredCache

# Treat tokens as expired a little early so they are valid while in flight.
EXPIRY_MARGIN_SECONDS = 5
REQUEST_TIMEOUT = (3.05, 5)


def _token_url(base_url: str) -> str:
    stripped = base_url.rstrip("/")
    if stripped.endswith("/access_token"):
        return stripped
    if stripped.endswith("/oauth2"):
        return stripped + "/access_token"
    return stripped + "/oauth2/access_token"


def request_access_token(url, client_id, client_secret, token_type="jwt", grant_type="client_credentials"):
    now = datetime.datetime.utcnow()
    resp = requests.post(
        _token_url(url),
        data={
            "grant_type": grant_type,
            "client_id": client_id,
            "client_secret": client_secret,
            "token_type": token_type,
        },
        timeout=REQUEST_TIMEOUT,
    )
    resp.raise_for_status()
    body = resp.json()
    return body["access_token"], now + datetime.timedelta(seconds=body["expires_in"])


def get_cached_access_token(url, client_id, client_secret, token_type="jwt", grant_type="client_credentials"):
    token_url = _token_url(url)
    cache_key = f"lms_client.access_token.{token_type}.{grant_type}.{client_id}.{token_url}"
    cached = TieredCache.get_cached_response(cache_key)
    if cached.is_found:
        _, expires_at = cached.value
        if datetime.datetime.utcnow() < expires_at - datetime.timedelta(seconds=EXPIRY_MARGIN_SECONDS):
            return cached.value

    token_and_expiry = request_access_token(token_url, client_id, client_secret, token_type, grant_type)
    _, expires_at = token_and_expiry
    ttl = int((expires_at - datetime.datetime.utcnow()).total_seconds()) - EXPIRY_MARGIN_SECONDS
    TieredCache.set_all_tiers(cache_key, token_and_expiry, ttl)
    return token_and_expiry


class OAuthAPIClient(requests.Session):
    def __init__(self, base_url, client_id, client_secret, **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url
        self.client_id = client_id
        self.client_secret = client_secret

    def request(self, method, url, **kwargs):
        token, _ = get_cached_access_token(self.base_url, self.client_id, self.client_secret)
        self.headers["Authorization"] = f"JWT {token}"
        return super().request(method, url, **kwargs)
