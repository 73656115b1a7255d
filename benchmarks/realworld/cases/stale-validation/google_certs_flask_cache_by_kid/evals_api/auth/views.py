import json
import os

import requests
from flask import jsonify
from flask import request as flask_request
from jose import ExpiredSignatureError, JWTError, jwt
from werkzeug.exceptions import Forbidden, InternalServerError, UnprocessableEntity

from . import auth_bp, cache

ALLOWED_DOMAINS = ("campus.example.edu", "alumni.campus.example.edu")


def get_certs():
    config = requests.get("https://accounts.google.com/.well-known/openid-configuration", timeout=10)
    config.raise_for_status()
    certs = requests.get(config.json()["jwks_uri"], timeout=10)
    certs.raise_for_status()
    return certs.json()


def refresh_key_cache(data_store):
    for key in get_certs()["keys"]:
        data_store.set(key["kid"], key)


def signing_key(id_token):
    kid = jwt.get_unverified_header(id_token)["kid"]
    key = cache.get(kid)
    if key is None:
        try:
            refresh_key_cache(cache)
        except requests.RequestException as exc:
            raise InternalServerError(f"failed to get certificates from Google: {exc}")
        key = cache.get(kid)
    if key is None:
        raise UnprocessableEntity("invalid id_token: unable to get matching key from Google")
    return key


@auth_bp.route("/auth", methods=["POST"])
def auth():
    id_token = flask_request.get_json()["id_token"]
    try:
        data = jwt.decode(
            id_token,
            json.dumps(signing_key(id_token)),
            algorithms=["RS256"],
            audience=os.environ["GOOGLE_CLIENT_ID"],
            issuer=("https://accounts.google.com", "accounts.google.com"),
            options={"verify_at_hash": False},
        )
    except ExpiredSignatureError:
        raise UnprocessableEntity("invalid id_token: expired")
    except JWTError as exc:
        raise UnprocessableEntity(f"invalid id_token: {exc}")
    if data.get("hd") not in ALLOWED_DOMAINS:
        raise Forbidden("invalid id_token: incorrect or missing hd")
    return jsonify({"email": data["email"]})
