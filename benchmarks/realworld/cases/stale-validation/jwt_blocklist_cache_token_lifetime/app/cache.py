from flask_caching import Cache

from app.configs import JWT_ACCESS_TOKEN_EXPIRES

# A revoked jti only has to be remembered until the token would expire anyway.
cache = Cache(
    config={
        "CACHE_TYPE": "SimpleCache",
        "CACHE_DEFAULT_TIMEOUT": JWT_ACCESS_TOKEN_EXPIRES.total_seconds(),
    }
)
