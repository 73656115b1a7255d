import requests
from requests.auth import HTTPBasicAuth

from Config.SecretManager import get_secret


class FatSecretAuth:
    def __init__(self, region_name: str = "us-east-1"):
        # The nutrition API's own client credentials, in their own secret.
        self.credentials = get_secret("Fat-Secret/Credentials", region_name)

    def fetch_access_token(self):
        creds = self.credentials
        response = requests.post(
            creds["Access-Token-URL"],
            auth=HTTPBasicAuth(creds["Client-ID"], creds["Client-Secret"]),
            data={"grant_type": "client_credentials", "scope": creds["Scope"]},
            timeout=10,
        )
        response.raise_for_status()
        return response.json().get("access_token")
