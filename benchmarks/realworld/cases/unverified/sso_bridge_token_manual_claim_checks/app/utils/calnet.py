from math import floor
from time import time

from fastapi import Depends, HTTPException, status
from fastapi.security.http import HTTPAuthorizationCredentials, HTTPBearer
from jose import JWTError, jwt

from utils.config import get_settings

settings = get_settings()
JWT_AUDIENCE = "members_api_campus_sso"

campus_jwt_scheme = HTTPBearer(scheme_name="campus_jwt")


def create_campus_jwt(uid) -> str:
    now = floor(time())
    claims = {"aud": JWT_AUDIENCE, "sub": str(uid), "iat": now, "exp": now + 30 * 60}
    return jwt.encode(claims, settings.calnet_jwt_secret, algorithm="HS256")


def decode_campus_jwt(token: str) -> dict:
    # Signature only; the claims are checked by verify_campus_jwt below.
    return jwt.decode(
        token,
        settings.calnet_jwt_secret,
        algorithms="HS256",
        options={
            "verify_signature": True,
            "verify_aud": False,
            "verify_iat": False,
            "verify_exp": False,
            "verify_sub": False,
        },
    )


def verify_campus_jwt(payload: dict) -> bool:
    try:
        if str(payload["aud"]) != JWT_AUDIENCE:
            return False
        if float(payload["iat"]) > time():
            return False
        if float(payload["exp"]) < time():
            return False
        if not int(payload["sub"]):
            return False
    except (KeyError, TypeError, ValueError):
        return False
    return True


def get_campus_uid(credentials: HTTPAuthorizationCredentials = Depends(campus_jwt_scheme)) -> int:
    try:
        payload = decode_campus_jwt(credentials.credentials)
    except JWTError:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "malformed jwt")
    if not verify_campus_jwt(payload):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "malformed jwt")
    return int(payload["sub"])
