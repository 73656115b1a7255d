"""Client-credentials token for the video platform's Research API."""
import requests

TOKEN_ENDPOINT = "https://open.videoplatform.example.com/v2/oauth/token/"


def get_access_token(client_key: str, client_secret: str) -> dict:
    """Ask the platform for a client token; it is valid for two hours."""
    resp = requests.post(
        TOKEN_ENDPOINT,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        data={
            "client_key": client_key,
            "client_secret": client_secret,
            "grant_type": "client_credentials",
        },
        timeout=20,
    )
    if resp.status_code != 200:
        raise RuntimeError(f"token request failed with HTTP {resp.status_code}")
    body = resp.json()
    return {
        "access_token": body["access_token"],
        "expires_in": body["expires_in"],
        "token_type": body["token_type"],
    }
