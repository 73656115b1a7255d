from app.extensions import mongo_database


def get_client_by_token(api_token):
    """The registered client that owns this API token (None once the token is revoked)."""
    return mongo_database.clients.find_one({"api_token": api_token, "revoked": {"$ne": True}})
