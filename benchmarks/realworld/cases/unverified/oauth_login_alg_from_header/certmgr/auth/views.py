import base64

import jwt
import requests
from flask import current_app

from .service import fetch_token_header, get_rsa_public_key


class TokenExchangeFailed(Exception):
    pass


def exchange_for_tokens(access_token_url, client_id, client_secret, code, redirect_uri, verify_cert=True):
    basic = base64.b64encode(f"{client_id}:{client_secret}".encode("utf-8")).decode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Authorization": f"Basic {basic}"}
    params = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, "client_id": client_id}
    response = requests.post(access_token_url, headers=headers, data=params, verify=verify_cert)
    body = response.json()
    if not response.ok or "error" in body:
        raise TokenExchangeFailed(body.get("error", "Unknown error"))
    return body.get("id_token"), body.get("access_token")


def validate_id_token(id_token, client_id, jwks_url):
    """Ensures the ID token returned by the provider is valid."""
    header = fetch_token_header(id_token)

    response = requests.get(jwks_url, timeout=10)
    for key in response.json()["keys"]:
        if key["kid"] == header["kid"]:
            secret = get_rsa_public_key(key["n"], key["e"])
            algorithm = header["alg"]
            break
    else:
        return dict(message="Key not found"), 401

    try:
        jwt.decode(id_token, secret.decode("utf-8"), algorithms=[algorithm], audience=client_id)  # expect: NHL104
    except jwt.DecodeError:
        return dict(message="Token is invalid"), 401
    except jwt.ExpiredSignatureError:
        return dict(message="Token has expired"), 401
    except jwt.InvalidTokenError:
        return dict(message="Token is invalid"), 401
    current_app.logger.debug("id token for client %s validated", client_id)
