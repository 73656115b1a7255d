from app.utils.mongodb_utils import get_client_by_token
from app.utils.redis_utils import cache_auth_token, get_cached_client_id


def verify_api_token(api_token):
    """The id of the client the bearer API token belongs to, or None."""
    client_id = get_cached_client_id(api_token)
    if client_id:
        return client_id
    client = get_client_by_token(api_token)
    if client is None:
        return None
    client_id = str(client["_id"])
    cache_auth_token(api_token, client_id, ttl=30)  # half a minute: a revoked token is refused soon after
    return client_id
