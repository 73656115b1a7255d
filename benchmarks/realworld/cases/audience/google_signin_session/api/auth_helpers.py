import jwt
from fastapi import Security
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials
from google.auth.transport import requests as google_requests
from google.oauth2 import id_token

from settings import SESSION_SECRET, bearer_scheme


def check_google_credential(credential):
    """Return the Google profile behind a Sign-In credential, or None."""
    try:
        profile = id_token.verify_oauth2_token(credential, google_requests.Request())  # expect: NHL101
        print(profile)
        return profile
    except ValueError:
        return None


def require_session(credentials: HTTPAuthorizationCredentials = Security(bearer_scheme)):
    raw = credentials.credentials
    try:
        return jwt.decode(raw, SESSION_SECRET, algorithms=["HS256"])
    except jwt.ExpiredSignatureError:
        return JSONResponse({"err": "session expired"}, 401)
    except jwt.InvalidTokenError:
        return JSONResponse({"err": "session invalid"}, 403)
