"""Helpers for the fleet map provider used by the vehicle views."""
import requests
from django.conf import settings

TOKEN_ENDPOINT = "https://outpost.maps-provider.example.com/api/security/oauth/token"
DEVICES_ENDPOINT = "https://intouch.maps-provider.example.com/iot/api/devices"

access_token = None


def get_access_token():
    global access_token
    if access_token is None:
        refresh_access_token()
    return access_token


def refresh_access_token():
    global access_token
    response = requests.post(
        TOKEN_ENDPOINT,
        data={
            "grant_type": "client_credentials",
            "client_id": settings.MAPS_CLIENT_ID,
            "client_secret": settings.MAPS_CLIENT_SECRET,
        },
        headers={"User-Agent": "fleet-backend"},
        timeout=15,
    )
    if response.status_code != 200:
        raise RuntimeError("could not obtain a map provider token")
    access_token = response.json().get("access_token")  # expect: NHL202
    return access_token


def get_device_list():
    headers = {"Authorization": f"Bearer {get_access_token()}"}
    return requests.get(DEVICES_ENDPOINT, headers=headers, timeout=15)


def get_device_positions(device_ids):
    headers = {"Authorization": f"Bearer {get_access_token()}"}
    return requests.post(
        f"{DEVICES_ENDPOINT}/positions",
        headers=headers,
        json={"deviceIds": list(device_ids)},
        timeout=15,
    )
