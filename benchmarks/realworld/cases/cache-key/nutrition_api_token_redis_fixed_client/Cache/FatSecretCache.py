import logging

from Auth.FatSecretAuth import FatSecretAuth
from Config.Redis import RedisClient

log = logging.getLogger(__name__)
TOKEN_KEY = "fatsecret_token"
# The provider's tokens live a day; an hour in the cache stays well inside that.
TOKEN_TTL_SECONDS = 3600


def get_cached_fatsecret_token():
    connection = RedisClient().connect()
    try:
        cached = connection.get(TOKEN_KEY)
        if cached:
            return cached.decode("utf-8")
        token = FatSecretAuth().fetch_access_token()
        if not token:
            log.error("could not fetch a nutrition API token")
            return None
        connection.setex(TOKEN_KEY, TOKEN_TTL_SECONDS, token)
        return token
    finally:
        connection.close()
