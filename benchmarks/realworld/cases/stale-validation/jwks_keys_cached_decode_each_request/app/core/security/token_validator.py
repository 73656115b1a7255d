from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from jose import JWTError, jwt

from app.core.clients import jwks_client
from app.core.configs.security_config import security_config

_config = security_config()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token", auto_error=False)


async def _key_for(token: str) -> dict:
    kid = jwt.get_unverified_header(token).get("kid")
    for key in await jwks_client.keys():
        if key["kid"] == kid:
            return key
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Key not found in JWKs")


async def token_claims(token: str = Depends(oauth2_scheme)) -> dict:
    if not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "No token provided")
    try:
        return jwt.decode(
            token,
            await _key_for(token),
            algorithms=["RS256"],
            audience=_config.audience,
            issuer=_config.issuer,
        )
    except JWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(exc))
