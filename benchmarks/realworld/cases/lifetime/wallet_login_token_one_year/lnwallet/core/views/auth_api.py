from time import time

from fastapi.responses import JSONResponse

from lnwallet.helpers import create_access_token
from lnwallet.settings import settings


def auth_success_response(username: str | None = None, user_id: str | None = None, email: str | None = None):
    access_token = create_access_token(
        data={"sub": username or "", "usr": user_id, "email": email, "auth_time": int(time())}
    )
    max_age = settings.auth_token_expire_minutes * 60
    response = JSONResponse({"access_token": access_token, "token_type": "bearer"})
    response.set_cookie("cookie_access_token", access_token, httponly=True, max_age=max_age)
    response.set_cookie("is_lnwallet_user_authorized", "true", max_age=max_age)
    return response
