"""Client for the kitchen-partner ordering API (client-credentials grant)."""
import logging

import requests

log = logging.getLogger(__name__)

PARTNER_BASE = "https://partners.kitchenhub.example.com/v1"


class PartnerAPIClient:
    def __init__(self, client_id: str, client_secret: str, timeout: float = 10.0):
        self.client_id = client_id
        self.client_secret = client_secret
        self.timeout = timeout
        self.token_url = f"{PARTNER_BASE}/auth/token"
        self.access_token = None

    def authenticate(self) -> str:
        # The token is fetched once per client object and then reused for as
        # long as the worker process lives.
        if self.access_token is None:
            resp = requests.post(
                self.token_url,
                data={
                    "grant_type": "client_credentials",
                    "client_id": self.client_id,
                    "client_secret": self.client_secret,
                },
                timeout=self.timeout,
            )
            resp.raise_for_status()
            self.access_token = resp.json()["access_token"]  # expect: NHL202
        return self.access_token

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.authenticate()}", "Accept": "application/json"}

    def list_orders(self, store_id: str, status: str = "NEW") -> list:
        resp = requests.get(
            f"{PARTNER_BASE}/stores/{store_id}/orders",
            headers=self._headers(),
            params={"status": status},
            timeout=self.timeout,
        )
        resp.raise_for_status()
        return resp.json().get("orders", [])

    def accept_order(self, store_id: str, order_id: str) -> None:
        resp = requests.post(
            f"{PARTNER_BASE}/stores/{store_id}/orders/{order_id}/accept",
            headers=self._headers(),
            timeout=self.timeout,
        )
        resp.raise_for_status()
        log.info("accepted order %s for store %s", order_id, store_id)
