from cachetools import TTLCache

from src.settings.jwt.jwt_settings import jwt_settings

# Server-side session data by session id, dropped when the session's token expires.
session_cache = TTLCache(maxsize=jwt_settings.SESSION_MAX, ttl=jwt_settings.SESSION_TTL)
