from datetime import datetime, timedelta

import jwt
from flask import current_app


def create_token(user, aid=None, ttl=None):
    """A JWT for a user session, or for an API key when `aid` (the key id) is given."""
    expiration_delta = timedelta(days=1)
    custom_expiry = current_app.config.get("CERTMGR_TOKEN_EXPIRATION")
    if custom_expiry:
        if isinstance(custom_expiry, str) and custom_expiry.endswith("m"):
            expiration_delta = timedelta(minutes=int(custom_expiry.rstrip("m")))
        elif isinstance(custom_expiry, str) and custom_expiry.endswith("h"):
            expiration_delta = timedelta(hours=int(custom_expiry.rstrip("h")))
        else:
            expiration_delta = timedelta(days=int(custom_expiry))
    payload = {"iat": datetime.utcnow(), "exp": datetime.utcnow() + expiration_delta}

    payload["sub"] = str(user if isinstance(user, int) else user.id)
    if aid is not None:
        payload["aid"] = aid
    # Custom TTLs only for API keys; -1 means "valid until revoked".
    if ttl is not None and aid is not None:
        if ttl == -1:
            del payload["exp"]
        else:
            payload["exp"] = datetime.utcnow() + timedelta(days=ttl)

    secrets = current_app.config.get("CERTMGR_TOKEN_SECRETS", [current_app.config["CERTMGR_TOKEN_SECRET"]])
    algorithm = current_app.config.get("CERTMGR_TOKEN_ALGORITHMS", ["HS256"])[0]
    return jwt.encode(payload, secrets[0], algorithm=algorithm)  # expect: NHL401, NHL402
