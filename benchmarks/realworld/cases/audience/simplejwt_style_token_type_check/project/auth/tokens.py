from datetime import datetime, timezone
from uuid import uuid4

from .backends import TokenBackend, TokenBackendError
from .settings import api_settings

token_backend = TokenBackend(
    api_settings.ALGORITHM, api_settings.SIGNING_KEY, api_settings.VERIFYING_KEY,
    api_settings.AUDIENCE, api_settings.ISSUER,
)


class TokenError(Exception):
    pass


class Token:
    token_type = None
    lifetime = None

    def __init__(self, token=None, verify=True):
        self.current_time = datetime.now(timezone.utc)
        if token is not None:
            try:
                self.payload = token_backend.decode(token, verify=verify)
            except TokenBackendError:
                raise TokenError("Token is invalid or expired")
            if verify:
                self.verify_token_type()
        else:
            self.payload = {api_settings.TOKEN_TYPE_CLAIM: self.token_type, "jti": uuid4().hex}
            self.payload["exp"] = int((self.current_time + self.lifetime).timestamp())

    def verify_token_type(self):
        # Each kind of token carries its type: a refresh token is never taken for an access token.
        if self.payload.get(api_settings.TOKEN_TYPE_CLAIM) != self.token_type:
            raise TokenError("Token has wrong type")

    def __str__(self):
        return token_backend.encode(self.payload)


class AccessToken(Token):
    token_type = "access"
    lifetime = api_settings.ACCESS_TOKEN_LIFETIME


class RefreshToken(Token):
    token_type = "refresh"
    lifetime = api_settings.REFRESH_TOKEN_LIFETIME
