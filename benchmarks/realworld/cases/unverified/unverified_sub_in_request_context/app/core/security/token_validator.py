from calendar import timegm
from datetime import datetime

from fastapi import Depends
from jose import jwk, jwt
from jose.exceptions import ExpiredSignatureError
from jose.utils import base64url_decode

from app.core.clients import jwks_client
from app.core.configs.security_config import security_config
from app.core.exceptions import InvalidTokenException, UnauthorizedException
from app.core.security.schemes import oauth2_scheme

_config = security_config()


async def token_claims(token: str = Depends(oauth2_scheme)):
    """Dependency of protected routes: signature checked by hand, then exp and aud."""
    if not token:
        raise UnauthorizedException("No token provided")
    await _verify_signature(token)
    claims = jwt.get_unverified_claims(token)
    _check_expiry(claims["exp"])
    _check_audience(claims["aud"])
    return claims


async def _verify_signature(token: str):
    kid = jwt.get_unverified_header(token).get("kid")
    key = None
    for candidate in await jwks_client.keys():
        if candidate["kid"] == kid:
            key = jwk.construct(candidate)
            break
    if key is None:
        raise InvalidTokenException("Key not found in JWKs")
    message, signature = token.rsplit(".", 1)
    if not key.verify(message.encode("utf-8"), base64url_decode(signature.encode("utf-8"))):
        raise InvalidTokenException("Invalid token signature")


def _check_expiry(exp: int):
    if exp < timegm(datetime.utcnow().utctimetuple()):
        raise ExpiredSignatureError("Signature expired")


def _check_audience(aud: str):
    if aud != _config.audience:
        raise UnauthorizedException("Invalid audience")
