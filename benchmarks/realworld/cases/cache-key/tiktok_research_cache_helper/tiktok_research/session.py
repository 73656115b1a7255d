"""Shared token for the collection scripts (one process runs for days)."""
import os
from functools import cache

from .get_access_token import get_access_token


@cache  # expect: NHL202
def access_token() -> str:
    data = get_access_token(
        client_key=os.environ["VIDEO_RESEARCH_CLIENT_KEY"],
        client_secret=os.environ["VIDEO_RESEARCH_CLIENT_SECRET"],
    )
    return data["access_token"]


def research_headers() -> dict:
    return {
        "Authorization": f"Bearer {access_token()}",
        "Content-Type": "application/json",
    }
