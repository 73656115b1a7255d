from app.utils.mongodb_utils import get_client_settings
from app.utils.redis_utils import cache_client_settings, get_cached_client_settings


def settings_for(client_id):
    """The notification settings of an already authenticated client, cached an hour."""
    cached = get_cached_client_settings(client_id)
    if cached:
        return cached
    settings_json = get_client_settings(client_id)
    cache_client_settings(client_id, settings_json)
    return settings_json
