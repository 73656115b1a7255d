"""Zoho CRM access for the donor sync (one Zoho org per regional chapter)."""
from functools import partial

import requests
from django.conf import settings
from django.core.cache import cache

# Zoho access tokens live one hour; keep them a little less.
ZOHO_TOKEN_TIMEOUT = 55 * 60


def get_zoho_cache_key() -> str:
    return "zoho_token"


def _refresh_access_token(chapter: str) -> str:
    org = settings.ZOHO_ORGS[chapter]
    resp = requests.post(
        f"{org['accounts_url']}/oauth/v2/token",
        data={
            "grant_type": "refresh_token",
            "client_id": org["client_id"],
            "client_secret": org["client_secret"],
            "refresh_token": org["refresh_token"],
        },
        timeout=15,
    )
    resp.raise_for_status()
    return resp.json()["access_token"]


def get_access_token(chapter: str) -> str:
    return cache.get_or_set(  # expect: NHL201
        get_zoho_cache_key(),
        partial(_refresh_access_token, chapter),
        timeout=ZOHO_TOKEN_TIMEOUT,
    )


def search_contacts(chapter: str, email: str) -> list:
    org = settings.ZOHO_ORGS[chapter]
    resp = requests.get(
        f"{org['api_domain']}/crm/v5/Contacts/search",
        headers={"Authorization": f"Zoho-oauthtoken {get_access_token(chapter)}"},
        params={"email": email},
        timeout=15,
    )
    if resp.status_code == 204:
        return []
    resp.raise_for_status()
    return resp.json().get("data", [])
