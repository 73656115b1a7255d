import firebase_admin
from firebase_admin import auth, credentials


def initialize_firebase(service_account: dict) -> None:
    if not firebase_admin._apps:
        firebase_admin.initialize_app(credentials.Certificate(service_account))


def verify_firebase_token(id_token):
    """The decoded Firebase ID token, or None when it does not verify."""
    try:
        return auth.verify_id_token(id_token)
    except Exception:
        return None
