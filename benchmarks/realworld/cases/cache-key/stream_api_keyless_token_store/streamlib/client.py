"""Helix API client authenticated with an app access token."""
import requests

from .auth.token_store import MemoryTokenStore, default_store

ID_URL = "https://id.streamsite.example.tv/oauth2/token"
HELIX_URL = "https://api.streamsite.example.tv/helix"


class StreamClient:
    def __init__(self, client_id: str, client_secret: str, store: MemoryTokenStore = default_store):
        self.client_id = client_id
        self.client_secret = client_secret
        self._store = store

    def _refresh_app_token(self) -> str:
        resp = requests.post(
            ID_URL,
            data={
                "client_id": self.client_id,
                "client_secret": self.client_secret,
                "grant_type": "client_credentials",
            },
            timeout=10,
        )
        resp.raise_for_status()
        body = resp.json()
        self._store.save(body["access_token"], body["expires_in"])  # expect: NHL201
        return body["access_token"]

    def app_token(self) -> str:
        return self._store.load() or self._refresh_app_token()

    def get_streams(self, user_logins: list) -> list:
        resp = requests.get(
            f"{HELIX_URL}/streams",
            headers={"Client-Id": self.client_id, "Authorization": f"Bearer {self.app_token()}"},
            params=[("user_login", login) for login in user_logins],
            timeout=10,
        )
        resp.raise_for_status()
        return resp.json()["data"]
