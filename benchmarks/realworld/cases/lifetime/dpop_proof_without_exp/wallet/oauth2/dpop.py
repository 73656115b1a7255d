"""DPoP proofs (RFC 9449): one signed proof per HTTP request, bound to the access token."""

import base64
import hashlib
import time
import uuid

import jwt


class DPoPIssuer:
    def __init__(self, htu: str, token: str, private_key, public_jwk: dict):
        self.htu = htu
        self.token = token
        self.private_key = private_key
        self.public_jwk = public_jwk

    @property
    def proof(self) -> str:
        # A proof carries jti + iat and no exp: the server accepts it only within its own
        # iat window and remembers the jti, as RFC 9449 section 4.2 specifies.
        claims = {
            "jti": str(uuid.uuid4()),
            "htm": "GET",
            "htu": self.htu,
            "iat": int(time.time()),
            "ath": base64.urlsafe_b64encode(hashlib.sha256(self.token.encode()).digest()).rstrip(b"=").decode(),
        }
        return jwt.encode(
            claims,
            self.private_key,
            algorithm="ES256",
            headers={"typ": "dpop+jwt", "jwk": self.public_jwk},
        )
