from firebase_admin import auth
from flask import request


def require_firebase_user():
    """Claims of the caller's Firebase ID token; raises ValueError when absent or invalid."""
    header = request.headers.get("Authorization")
    if not header or not header.startswith("Bearer "):
        raise ValueError("Authorization token not found or invalid")
    id_token = header.split("Bearer ")[1]
    try:
        # firebase-admin checks signature, expiry, issuer and that `aud` is this project.
        return auth.verify_id_token(id_token)
    except auth.ExpiredIdTokenError:
        raise ValueError("ID token has expired")
    except auth.InvalidIdTokenError:
        raise ValueError("Invalid ID token")
