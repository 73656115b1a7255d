from flask import request

from notify_client.authentication import decode_jwt_token, get_token_issuer
from notify_client.services import api_secrets_for_service


class AuthError(Exception):
    pass


def requires_auth():
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise AuthError("Unauthorized: authentication bearer scheme must be used")
    token = header[len("Bearer "):]
    service_id = get_token_issuer(token)
    for secret in api_secrets_for_service(service_id):
        try:
            if decode_jwt_token(token, secret):
                return service_id
        except Exception:
            continue
    raise AuthError("Invalid token: API key not found")
