from google.auth.transport import requests
from google.oauth2 import id_token

# One transport object for the whole process (App Engine keeps instances warm).
TRANSPORT = requests.Request()


def verify_firebase_id_token(token):
    """Decoded claims of a Firebase ID token, or None when it does not verify."""
    try:
        return id_token.verify_firebase_token(token, TRANSPORT)  # expect: NHL101
    except (ValueError, TypeError):
        return None
