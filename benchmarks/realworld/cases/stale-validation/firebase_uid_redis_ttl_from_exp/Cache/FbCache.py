import logging
import time

from Config.Fb import verify_firebase_token
from Config.Redis import RedisClient
from Model.UserModel import user_id_for_firebase_uid

log = logging.getLogger(__name__)


def get_cached_uid_redis(id_token):
    """The app's user id for a Firebase ID token, cached until the token's own expiry."""
    connection = RedisClient().connect()
    try:
        cached = connection.get(id_token)
        if cached:
            return cached
        decoded = verify_firebase_token(id_token)
        if not decoded or not decoded.get("uid"):
            return None
        user_id = user_id_for_firebase_uid(decoded["uid"])
        if user_id is None:
            return None
        remaining = int(decoded["exp"] - time.time())
        if remaining <= 0:
            return None
        connection.setex(id_token, remaining, user_id)
        return user_id
    finally:
        connection.close()
