"""Access token for the bookkeeping API, refreshed from a long-lived refresh token."""
import os
import time

import requests
from dotenv import load_dotenv

load_dotenv()

CLIENT_ID = os.getenv("BOOKS_CLIENT_ID")
CLIENT_SECRET = os.getenv("BOOKS_CLIENT_SECRET")
REFRESH_TOKEN = os.getenv("BOOKS_REFRESH_TOKEN")
TOKEN_URL = "https://accounts.books.example.com/oauth/v2/token"

# In-memory token plus the moment it stops being valid.
_cached = {"access_token": None, "expires_at": 0.0}


def _refresh_access_token() -> str:
    resp = requests.post(
        TOKEN_URL,
        data={
            "refresh_token": REFRESH_TOKEN,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "grant_type": "refresh_token",
        },
        timeout=15,
    )
    resp.raise_for_status()
    data = resp.json()
    _cached["access_token"] = data["access_token"]
    _cached["expires_at"] = time.time() + data.get("expires_in", 3600) - 60
    return data["access_token"]


def get_access_token() -> str:
    if not _cached["access_token"] or time.time() > _cached["expires_at"]:
        return _refresh_access_token()
    return _cached["access_token"]


def list_invoices(organization_id: str) -> list:
    resp = requests.get(
        "https://www.books.example.com/api/v3/invoices",
        headers={"Authorization": f"Zoho-oauthtoken {get_access_token()}"},
        params={"organization_id": organization_id},
        timeout=15,
    )
    resp.raise_for_status()
    return resp.json().get("invoices", [])
