from datetime import datetime, timezone
from uuid import uuid4

from .backends import token_backend
from .settings import api_settings


class Token:
    token_type = None
    lifetime = None

    def __init__(self):
        now = datetime.now(timezone.utc)
        self.payload = {api_settings.TOKEN_TYPE_CLAIM: self.token_type, "jti": uuid4().hex}
        self.payload["exp"] = int((now + self.lifetime).timestamp())

    def __str__(self):
        return token_backend.encode(self.payload)


class AccessToken(Token):
    token_type = "access"
    lifetime = api_settings.ACCESS_TOKEN_LIFETIME


class RefreshToken(Token):
    token_type = "refresh"
    lifetime = api_settings.REFRESH_TOKEN_LIFETIME

    @property
    def access_token(self):
        access = AccessToken()
        access.payload["user_id"] = self.payload.get("user_id")
        return access
