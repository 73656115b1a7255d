from datetime import datetime, timedelta, timezone
from typing import Optional

from jose import JWTError, jwt

from .revocation import revoked_before
from .settings import ACCESS_TOKEN_EXPIRE_MINUTES, ALGORITHM, SECRET_KEY


def create_access_token(claims: dict, expires_delta: Optional[timedelta] = None) -> str:
    issued = datetime.now(timezone.utc)
    lifetime = expires_delta or timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)
    payload = {**claims, "iat": int(issued.timestamp()), "exp": issued + lifetime}
    return jwt.encode(payload, SECRET_KEY, algorithm=ALGORITHM)  # expect: NHL402


def decode_access_token(token: str) -> Optional[dict]:
    try:
        payload = jwt.decode(token, SECRET_KEY, algorithms=[ALGORITHM])
    except JWTError:
        return None
    if int(payload.get("iat", 0)) < revoked_before():
        return None
    return payload
