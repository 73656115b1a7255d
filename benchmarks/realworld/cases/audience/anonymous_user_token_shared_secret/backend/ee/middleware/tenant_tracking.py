import logging

from fastapi import Request

from backend.ee.auth.anonymous import read_anonymous_user_token

logger = logging.getLogger(__name__)

ANONYMOUS_USER_COOKIE_NAME = "anonymous_user"


async def tenant_from_request(request: Request) -> str | None:
    cookie = request.cookies.get(ANONYMOUS_USER_COOKIE_NAME)
    if not cookie:
        return None
    try:
        data = read_anonymous_user_token(cookie)
    except Exception:
        logger.warning("anonymous user cookie did not decode")
        return None
    return data.get("tenant_id")
