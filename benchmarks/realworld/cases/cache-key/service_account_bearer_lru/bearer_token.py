"""Bearer tokens for calling Cloud REST endpoints from the deploy tooling."""
from functools import lru_cache

import requests
from google.auth.transport import requests as google_requests
from google.oauth2 import service_account

CLOUD_PLATFORM = ("https://www.googleapis.com/auth/cloud-platform",)


@lru_cache(maxsize=8)  # expect: NHL202
def bearer_token(key_file: str, scopes: tuple = CLOUD_PLATFORM) -> str:
    credentials = service_account.Credentials.from_service_account_file(key_file, scopes=list(scopes))
    credentials.refresh(google_requests.Request())
    return credentials.token


def list_services(project: str, region: str, key_file: str) -> list:
    resp = requests.get(
        f"https://run.googleapis.com/v2/projects/{project}/locations/{region}/services",
        headers={"Authorization": f"Bearer {bearer_token(key_file)}"},
        timeout=30,
    )
    resp.raise_for_status()
    return resp.json().get("services", [])
