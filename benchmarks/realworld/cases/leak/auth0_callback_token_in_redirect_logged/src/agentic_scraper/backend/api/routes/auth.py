"""Auth0 callback: exchange the code, then send the browser back to the frontend."""

import logging
import time

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from agentic_scraper.backend.config.messages import (
    MSG_DEBUG_AUTH_CALLBACK_CODE_RECEIVED,
    MSG_DEBUG_AUTH_REDIRECT_URL,
    MSG_DEBUG_AUTH_TOKEN_RECEIVED,
    MSG_ERROR_AUTH_RESPONSE_MISSING_TOKEN,
    MSG_ERROR_AUTH_TOKEN_EXCHANGE_FAILED,
    MSG_EXCEPTION_AUTH_CALLBACK_FAILURE,
    MSG_INFO_AUTH_CALLBACK_DURATION,
    MSG_WARNING_AUTH_CALLBACK_MISSING_CODE,
)
from agentic_scraper.backend.core.settings import get_settings

router = APIRouter(prefix="/auth", tags=["Auth"])
settings = get_settings()
logger = logging.getLogger(__name__)
TOKEN_TIMEOUT_SECONDS = 10.0


def _redirect_with_error(error_code: str) -> RedirectResponse:
    return RedirectResponse(f"{settings.frontend_domain}/?error={error_code}")


@router.get("/callback")
async def auth_callback(request: Request) -> RedirectResponse:
    start = time.perf_counter()
    code = request.query_params.get("code")
    if not code:
        logger.warning(MSG_WARNING_AUTH_CALLBACK_MISSING_CODE)
        return _redirect_with_error("missing_code")
    logger.debug(MSG_DEBUG_AUTH_CALLBACK_CODE_RECEIVED.format(code=code))

    form = {
        "grant_type": "authorization_code",
        "client_id": settings.auth0_client_id,
        "client_secret": settings.auth0_client_secret,
        "code": code,
        "redirect_uri": settings.auth0_redirect_uri,
    }
    try:
        async with httpx.AsyncClient(timeout=TOKEN_TIMEOUT_SECONDS) as client:
            res = await client.post(f"https://{settings.auth0_domain}/oauth/token", data=form)
        if res.status_code != 200:
            logger.error(MSG_ERROR_AUTH_TOKEN_EXCHANGE_FAILED.format(status=res.status_code, body=res.text))
            return _redirect_with_error("token_exchange_failed")
        token = res.json().get("access_token")
        if not token:
            logger.error(MSG_ERROR_AUTH_RESPONSE_MISSING_TOKEN)
            return _redirect_with_error("missing_token")

        logger.debug(MSG_DEBUG_AUTH_TOKEN_RECEIVED.format(token_preview=str(token)[:10]))
        redirect_url = f"{settings.frontend_domain}/?token={token}"  # expect: NHL403
        logger.debug(MSG_DEBUG_AUTH_REDIRECT_URL.format(redirect_url=redirect_url))  # expect: NHL404
        return RedirectResponse(redirect_url)
    except Exception:
        logger.exception(MSG_EXCEPTION_AUTH_CALLBACK_FAILURE)
        return _redirect_with_error("token_exchange_failed")
    finally:
        logger.info(MSG_INFO_AUTH_CALLBACK_DURATION.format(duration=time.perf_counter() - start))
