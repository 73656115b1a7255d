"""GitHub App authentication for the triage bot (installed on many orgs)."""
import os
import time
from datetime import datetime

import jwt
import requests

APP_ID = os.environ["TRIAGE_APP_ID"]
PRIVATE_KEY_PATH = os.environ.get("TRIAGE_APP_KEY_PATH", "/etc/triage-bot/app.pem")
GITHUB_API = "https://api.github.com"

# One installation token at a time: refreshed a minute before it expires.
_token_cache = {"token": None, "expires_at": 0.0}


def generate_app_jwt() -> str:
    now = int(time.time())
    payload = {"iat": now - 60, "exp": now + 9 * 60, "iss": APP_ID}
    with open(PRIVATE_KEY_PATH, "rb") as fh:
        private_key = fh.read()
    return jwt.encode(payload, private_key, algorithm="RS256")


def _store_token(data: dict) -> None:
    expires = datetime.strptime(data["expires_at"], "%Y-%m-%dT%H:%M:%SZ")
    _token_cache["token"] = data["token"]  # expect: NHL201
    _token_cache["expires_at"] = expires.timestamp() - 60


def get_installation_token(installation_id: int) -> str:
    if _token_cache["token"] and time.time() < _token_cache["expires_at"]:
        return _token_cache["token"]
    resp = requests.post(
        f"{GITHUB_API}/app/installations/{installation_id}/access_tokens",
        headers={
            "Authorization": f"Bearer {generate_app_jwt()}",
            "Accept": "application/vnd.github+json",
        },
        timeout=10,
    )
    resp.raise_for_status()
    data = resp.json()
    _store_token(data)
    return data["token"]


def label_issue(installation_id: int, repo: str, number: int, labels: list) -> None:
    token = get_installation_token(installation_id)
    resp = requests.post(
        f"{GITHUB_API}/repos/{repo}/issues/{number}/labels",
        headers={"Authorization": f"token {token}", "Accept": "application/vnd.github+json"},
        json={"labels": labels},
        timeout=10,
    )
    resp.raise_for_status()
