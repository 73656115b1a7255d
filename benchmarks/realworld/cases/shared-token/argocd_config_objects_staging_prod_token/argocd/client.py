import requests

from .config import CLUSTERS


def sync_application(cluster: str, app_name: str) -> dict:
    cfg = CLUSTERS[cluster]
    resp = requests.post(
        f"{cfg.server_url}/api/v1/applications/{app_name}/sync",
        headers={"Authorization": f"Bearer {cfg.authentication_token}"},
        json={"prune": False},
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json()
