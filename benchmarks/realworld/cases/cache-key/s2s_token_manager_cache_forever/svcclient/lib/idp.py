import requests


def get_access_token(audience: str, client_id: str, client_secret: str, domain: str) -> str:
    resp = requests.post(
        f"https://{domain}/oauth/token",
        json={
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
            "audience": audience,
        },
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()["access_token"]
