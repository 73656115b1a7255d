import json
import time

import jwt
import requests

API_BASE_URI = "https://api.zoom.us/v2"


def generate_jwt(key, secret):
    """App JWT for the conference API: issued by our API key, valid for one hour."""
    header = {"alg": "HS256", "typ": "JWT"}
    payload = {"iss": key, "exp": int(time.time() + 3600)}
    return jwt.encode(payload, secret, algorithm="HS256", headers=header)


class ZoomClient:
    def __init__(self, api_key, api_secret, timeout=15):
        self.api_key = api_key
        self.api_secret = api_secret
        self.timeout = timeout

    @property
    def headers(self):
        return {
            "Authorization": f"Bearer {generate_jwt(self.api_key, self.api_secret)}",
            "Content-Type": "application/json",
        }

    def get(self, path, params=None):
        return requests.get(f"{API_BASE_URI}/{path}", params=params, headers=self.headers, timeout=self.timeout)

    def post(self, path, data):
        return requests.post(f"{API_BASE_URI}/{path}", data=json.dumps(data), headers=self.headers, timeout=self.timeout)
