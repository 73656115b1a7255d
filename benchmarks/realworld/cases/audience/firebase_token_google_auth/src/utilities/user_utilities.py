from google.cloud import datastore

from src.utilities import auth_utilities

client = datastore.Client()


def get_current_user(token):
    claims = auth_utilities.verify_firebase_id_token(token)
    if not claims:
        return None
    return {"user": claims.get("email"), "user_id": claims["user_id"]}


def is_user_in_datastore(user_id):
    return client.get(client.key("User", user_id)) is not None


def add_user_to_datastore(user_id):
    entity = datastore.Entity(key=client.key("User", user_id))
    entity.update({"lists": []})
    client.put(entity)
