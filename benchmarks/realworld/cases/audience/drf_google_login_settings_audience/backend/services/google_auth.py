import time

from django.conf import settings
from google.auth.transport import requests
from google.oauth2 import id_token


def verify_google_credential(credential):
    """Profile fields of a Google Sign-In credential issued to this app, else None."""
    try:
        client_id = settings.GOOGLE_CLIENT_ID
        info = id_token.verify_oauth2_token(credential, requests.Request(), client_id)
        if info["aud"] != client_id:
            raise ValueError("credential was issued to another client")
        if info["exp"] < time.time():
            raise ValueError("credential expired")
        return {
            "email": info.get("email"),
            "name": info.get("name"),
            "picture": info.get("picture"),
            "sub": info.get("sub"),
        }
    except ValueError:
        return None
