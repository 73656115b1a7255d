"""Minimal reference tokens issued by the proxy in front of an upstream identity provider."""

import logging
import time
from typing import Any

from authlib.jose import JsonWebToken
from authlib.jose.errors import JoseError

logger = logging.getLogger(__name__)


class JWTIssuer:
    def __init__(self, issuer: str, audience: str, signing_key: bytes):
        self.issuer = issuer
        self.audience = audience
        self._signing_key = signing_key
        self._jwt = JsonWebToken(["HS256"])

    def issue_access_token(self, client_id: str, scopes: list[str], jti: str, expires_in: int = 3600) -> str:
        now = int(time.time())
        header = {"alg": "HS256", "typ": "JWT"}
        payload: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "client_id": client_id,
            "scope": " ".join(scopes),
            "exp": now + expires_in,
            "iat": now,
            "jti": jti,
        }
        token = self._jwt.encode(header, payload, self._signing_key).decode("utf-8")
        logger.debug("issued access token for client=%s jti=%s", client_id, jti[:8])
        return token

    def verify_token(self, token: str) -> dict[str, Any]:
        """Signature, expiry, issuer and audience, checked here rather than by claims.validate()."""
        payload = self._jwt.decode(token, self._signing_key)
        exp = payload.get("exp")
        if not exp or exp < time.time():
            raise JoseError("Token has expired")
        if payload.get("iss") != self.issuer:
            raise JoseError("Invalid token issuer")
        if payload.get("aud") != self.audience:
            raise JoseError("Invalid token audience")
        return payload
