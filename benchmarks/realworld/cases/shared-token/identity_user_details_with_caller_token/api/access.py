import logging
import os

import requests

from utils import get_headers

logger = logging.getLogger(__name__)


class AccessClient:
    """Asks the platform's identity API who the caller is, presenting the caller's own token."""

    def __init__(self, dev_mode: bool = False):
        self.dev = dev_mode
        if not dev_mode:
            self.identity_api_url = os.environ["IDENTITY_API_URL"]

    def get_user_details(self, headers) -> dict:
        if self.dev:
            return {"username": "Test User1", "user_id": "1234-5678-99ab-cdef"}
        response = requests.get(f"{self.identity_api_url}/api/v1/user-details", headers=get_headers(headers),
                                timeout=10)
        response.raise_for_status()
        content = response.json()["content"]
        return {"username": content["displayName"], "user_id": content["username"]}
