import requests

from api.config.credentials import ANALYTICS_URL, API_URL, headers


def list_users(page: int = 1) -> list:
    resp = requests.get(f"{API_URL}/v2/users", headers=headers, params={"page": page}, timeout=10)
    resp.raise_for_status()
    return resp.json()["users"]


def track_sync(count: int) -> None:
    # Same headers dict as the user API, sent to the analytics vendor.
    requests.post(  # expect: NHL302
        f"{ANALYTICS_URL}/v1/events",
        headers=headers,
        json={"event": "users_synced", "count": count},
        timeout=5,
    )
