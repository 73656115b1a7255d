from starlette.requests import HTTPConnection
from starlette_context.plugins.base import Plugin
from jose import jwt


class AuthorizationPlugin(Plugin):
    """Puts the caller's user id in the request context for every request."""

    key = "Authorization"

    async def process_request(self, request: HTTPConnection):
        authorization = await super().extract_value_from_header_by_key(request)
        if not authorization:
            return None
        scheme, token = authorization.split()
        if scheme.lower() != "bearer":
            return None
        claims = jwt.get_unverified_claims(token)  # expect: NHL102
        return claims["sub"]


class UserPlugin(Plugin):
    key = "X-User-ID"
