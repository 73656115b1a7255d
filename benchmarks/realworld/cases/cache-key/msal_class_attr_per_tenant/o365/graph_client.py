import requests

from .auth.auth_helper import AuthHelper

GRAPH = "https://graph.microsoft.com/v1.0"


class GraphClient:
    def __init__(self, club: dict):
        self.auth = AuthHelper(club["tenant_id"], club["client_id"], club["client_secret"])
        self.group_id = club["group_id"]

    def upcoming_events(self) -> list:
        resp = requests.get(
            f"{GRAPH}/groups/{self.group_id}/events",
            headers={"Authorization": f"Bearer {self.auth.acquire_token()}"},
            timeout=20,
        )
        resp.raise_for_status()
        return resp.json()["value"]
