"""Prints the client secret the backend sends to appleid.apple.com (Sign in with Apple)."""

import os
import time

import jwt

TEAM_ID = os.environ["APPLE_TEAM_ID"]
KEY_ID = os.environ["APPLE_KEY_ID"]
CLIENT_ID = os.environ.get("APPLE_SERVICE_ID", "com.example.web")
PRIVATE_KEY_PATH = os.environ["APPLE_PRIVATE_KEY_PATH"]


def generate_client_secret() -> str:
    with open(PRIVATE_KEY_PATH, "r") as handle:
        private_key = handle.read()
    now = int(time.time())
    payload = {
        "iss": TEAM_ID,
        "iat": now,
        "exp": now + (86400 * 180),  # six months, the most Apple allows
        "aud": "https://appleid.apple.com",
        "sub": CLIENT_ID,
    }
    return jwt.encode(payload, private_key, algorithm="ES256", headers={"alg": "ES256", "kid": KEY_ID})  # expect: NHL402


if __name__ == "__main__":
    secret = generate_client_secret()
    with open(".apple_client_secret", "w") as out:
        out.write(secret)
    print("Apple client secret written to .apple_client_secret")
