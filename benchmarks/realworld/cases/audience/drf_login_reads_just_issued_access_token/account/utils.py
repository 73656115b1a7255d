import jwt
from django.conf import settings


def jwt_decode_handler(token):
    return jwt.decode(
        token,
        settings.SECRET_KEY,
        audience=settings.SIMPLE_JWT.get("AUDIENCE"),
        issuer=settings.SIMPLE_JWT.get("ISSUER"),
        algorithms=[settings.SIMPLE_JWT.get("ALGORITHM")],
    )
