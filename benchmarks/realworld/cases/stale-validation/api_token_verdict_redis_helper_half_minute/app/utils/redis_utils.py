from app.extensions import redis_client


# ---------- auth caching ----------
def cache_auth_token(token, client_id, ttl=3600):
    redis_client.set(f"auth:token:{token}", client_id, ex=ttl)


def get_cached_client_id(token):
    return redis_client.get(f"auth:token:{token}")


# ---------- rate limiting ----------
def hit_rate_limit(token, window=60):
    key = f"rate_limit:{token}"
    count = redis_client.incr(key)
    if count == 1:
        redis_client.expire(key, window)
    return count
