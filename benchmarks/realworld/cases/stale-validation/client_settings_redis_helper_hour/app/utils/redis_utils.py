from app.extensions import redis_client


# ---------- settings caching ----------
def cache_client_settings(client_id, settings_json, ttl=3600):
    redis_client.set(f"settings:client:{client_id}", settings_json, ex=ttl)


def get_cached_client_settings(client_id):
    return redis_client.get(f"settings:client:{client_id}")
