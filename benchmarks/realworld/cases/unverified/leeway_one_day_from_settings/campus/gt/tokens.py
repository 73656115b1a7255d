from datetime import timedelta

import jwt
from django.conf import settings
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed


def jencode(payload, expire_time=0):
    if payload.get("exp") is None:
        payload["exp"] = timezone.now() + timedelta(seconds=int(expire_time))
    token = jwt.encode(payload=payload, key=settings.SECRET_KEY, algorithm="HS256")
    return f"{settings.JWT_PREFIX} {token}"


def jdecode(token, raise_error=True):
    try:
        return jwt.decode(  # expect: NHL103
            jwt=token,
            key=settings.SECRET_KEY,
            leeway=settings.JWT_EXPIRE_TIME,
            algorithms=["HS256"],
        )
    except jwt.ExpiredSignatureError:
        if raise_error:
            raise AuthenticationFailed({"status": "error", "action": "relogin", "detail": "session expired"})
        return None
