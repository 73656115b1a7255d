import json

from app.extensions import mongo_database


def get_client_settings(client_id):
    """The notification settings a client registered (channels, quiet hours)."""
    document = mongo_database.client_settings.find_one({"client_id": client_id})
    return json.dumps(document.get("settings", {}) if document else {})
