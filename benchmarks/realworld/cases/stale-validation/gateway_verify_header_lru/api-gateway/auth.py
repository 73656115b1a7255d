import os
from functools import lru_cache

import jwt
from fastapi import HTTPException

PUBLIC_KEY = os.getenv("JWT_PUBLIC_KEY", "").replace("\\n", "\n")
AUDIENCE = os.getenv("JWT_AUDIENCE", "greenfield-api")
ALGORITHM = "RS256"


@lru_cache(maxsize=1024)  # expect: NHL203
def verify_jwt_token(auth_header: str) -> bool:
    """Check the Authorization header of a request; True when the token is valid."""
    if not auth_header:
        raise HTTPException(status_code=401, detail="Missing Authorization header.")
    try:
        token_type, token = auth_header.split()
        if token_type.lower() != "bearer":
            raise HTTPException(status_code=401, detail="Unsupported token type.")
        jwt.decode(token, PUBLIC_KEY, algorithms=[ALGORITHM], audience=AUDIENCE)
    except jwt.ExpiredSignatureError:
        raise HTTPException(status_code=401, detail="Access token expired.")
    except (jwt.InvalidTokenError, ValueError):
        raise HTTPException(status_code=401, detail="Invalid access token.")
    return True
