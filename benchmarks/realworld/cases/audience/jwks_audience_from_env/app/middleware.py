from starlette.requests import HTTPConnection
from starlette_context.plugins import Plugin

from app.general import deps
from app.general.authentication import decode_token


class UserPlugin(Plugin):
    key = "user"

    async def process_request(self, request: HTTPConnection):
        token = deps.token_from_cookie(request) or deps.token_from_header(request)
        if not token:
            return None
        try:
            return decode_token(token)
        except Exception:
            return None
