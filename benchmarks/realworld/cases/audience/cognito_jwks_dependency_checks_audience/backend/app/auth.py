import os

import requests
from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from jose import JWTError, jwt

security = HTTPBearer()

REGION = os.environ.get("COGNITO_REGION", "ap-southeast-1")
USER_POOL_ID = os.environ["COGNITO_USER_POOL_ID"]
CLIENT_ID = os.environ["COGNITO_APP_CLIENT_ID"]
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{USER_POOL_ID}"

# The pool's signing keys, fetched once at start-up.
jwks = requests.get(f"{ISSUER}/.well-known/jwks.json", timeout=10).json()


def get_current_user(credentials: HTTPAuthorizationCredentials = Depends(security)) -> dict:
    token = credentials.credentials
    try:
        kid = jwt.get_unverified_header(token)["kid"]
        key = next((k for k in jwks["keys"] if k["kid"] == kid), None)
        if key is None:
            raise JWTError("no matching key")
        return jwt.decode(token, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)
    except (JWTError, KeyError):
        raise HTTPException(status_code=401, detail="Invalid token")
