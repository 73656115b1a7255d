from fastapi import Response

from chatui.config import config

_COOKIE_NAME = "access_token"


def set_auth_cookie(response: Response, token: str) -> None:
    response.set_cookie(
        key=_COOKIE_NAME,
        value=token,
        httponly=True,
        secure=True,
        samesite="lax",
        max_age=config.project.user_session_timeout,
    )
