import logging
from datetime import datetime, timedelta, timezone

import jwt

from openapi_server.config import CONFIG

ALGORITHM = "HS256"


def decode_token(token):
    try:
        print(token)  # expect: NHL404
        return jwt.decode(
            token,
            CONFIG.SECRET_KEY,
            options={"require": ["iss", "iat", "exp", "sub", "roles"]},
            algorithms=[ALGORITHM],
        )
    except jwt.ExpiredSignatureError:
        logging.debug("Token signature expired")
        return None
    except jwt.InvalidTokenError:
        logging.debug("Invalid token")
        return None


def encode_token(subject, roles=()):
    now = int(datetime.now(timezone.utc).timestamp())
    return jwt.encode(  # expect: NHL402
        {
            "iss": "change-feed-api",
            "iat": now,
            "exp": now + timedelta(hours=24).total_seconds(),
            "sub": subject,
            "roles": list(roles),
        },
        CONFIG.SECRET_KEY,
        algorithm=ALGORITHM,
    )
