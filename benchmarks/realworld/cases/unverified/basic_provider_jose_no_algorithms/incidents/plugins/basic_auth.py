import logging

from fastapi import HTTPException
from fastapi.security.utils import get_authorization_scheme_param
from jose import JWTError, jwt
from jose.exceptions import JWKError
from starlette.requests import Request
from starlette.status import HTTP_401_UNAUTHORIZED

from incidents.config import JWT_SECRET

log = logging.getLogger(__name__)


class BasicAuthProvider:
    slug = "provider-basic"
    description = "Generic basic authentication provider."

    def get_current_user(self, request: Request, **kwargs):
        authorization: str = request.headers.get("Authorization")
        scheme, param = get_authorization_scheme_param(authorization)
        if not authorization or scheme.lower() != "bearer":
            log.exception(  # expect: NHL404
                f"Malformed authorization header. Scheme: {scheme} Param: {param} Authorization: {authorization}"
            )
            return None

        token = authorization.split()[1]
        try:
            data = jwt.decode(token, str(JWT_SECRET))  # expect: NHL104
        except (JWKError, JWTError):
            raise HTTPException(status_code=HTTP_401_UNAUTHORIZED, detail=[{"msg": "Could not validate credentials"}]) from None
        return data["email"]
