import base64
import json
import logging

import requests
from fastapi import HTTPException
from fastapi.security.utils import get_authorization_scheme_param
from jose import JWTError, jwt
from starlette.requests import Request
from starlette.status import HTTP_401_UNAUTHORIZED

from .config import JWT_AUDIENCE, JWT_EMAIL_CLAIM, PKCE_JWKS_URL, PKCE_SKIP_AT_HASH

log = logging.getLogger(__name__)


class AuthenticationProvider:
    slug = "base"

    def current_user_email(self, request: Request) -> str:
        raise NotImplementedError


class PKCEAuthenticationProvider(AuthenticationProvider):
    slug = "provider-pkce"

    def _unauthorized(self) -> HTTPException:
        return HTTPException(status_code=HTTP_401_UNAUTHORIZED, detail=[{"msg": "Could not validate credentials"}])

    def _signing_key(self, token: str) -> dict:
        # The header is read by hand only to find the key id.
        header = json.loads(base64.b64decode(token.split(".")[0] + "========").decode("utf-8"))
        published = requests.get(PKCE_JWKS_URL, timeout=10).json()["keys"]
        for candidate in published:
            if candidate["kid"] == header["kid"]:
                return candidate
        raise self._unauthorized()

    def current_user_email(self, request: Request) -> str:
        authorization = request.headers.get("Authorization", request.headers.get("authorization"))
        scheme, _ = get_authorization_scheme_param(authorization)
        if not authorization or scheme.lower() != "bearer":
            raise self._unauthorized()

        token = authorization.split()[1]
        key = self._signing_key(token)

        try:
            options = {}
            if PKCE_SKIP_AT_HASH:
                options = {"verify_at_hash": False}
            if JWT_AUDIENCE:
                claims = jwt.decode(token, key, audience=JWT_AUDIENCE, options=options)  # expect: NHL104
            else:
                claims = jwt.decode(token, key, options=options)  # expect: NHL101, NHL104
        except JWTError as err:
            log.debug("could not decode the bearer token: %s", err)
            raise self._unauthorized() from err

        return claims[JWT_EMAIL_CLAIM] if JWT_EMAIL_CLAIM else claims["email"]
