import json
import os

import requests
from flask import current_app as app
from flask import jsonify, request
from flask_jwt_extended import create_access_token
from jose import ExpiredSignatureError, JWTError, jwt
from werkzeug.exceptions import Forbidden, HTTPException, InternalServerError, UnprocessableEntity

from evals_api.auth import auth_bp, cache
from evals_api.models import Student, db


def google_certs():
    config = requests.get("https://accounts.google.com/.well-known/openid-configuration", timeout=10)
    if config.status_code != 200:
        raise HTTPException("failed to get Google openid config")
    certs = requests.get(config.json()["jwks_uri"], timeout=10)
    if certs.status_code != 200:
        raise HTTPException("failed to get Google JWKs")
    return certs.json()


def refresh_key_cache(store):
    for key in google_certs()["keys"]:
        store.set(key["kid"], key)


@auth_bp.route("/auth", methods=["POST"])
def auth():
    id_token = request.get_json()["id_token"]
    try:
        headers = jwt.get_unverified_header(id_token)
    except JWTError as exc:
        raise UnprocessableEntity(f"invalid id_token: invalid format: {exc}")

    key = cache.get(headers["kid"])
    if not key:
        try:
            refresh_key_cache(cache)
        except HTTPException as exc:
            raise InternalServerError(f"failed to get certificates from Google: {exc}")
        key = cache.get(headers["kid"])
    if not key:
        raise UnprocessableEntity("invalid id_token: unable to get matching key from Google")

    decode_options = {"verify_at_hash": False}
    if app.debug:
        decode_options["verify_exp"] = False
        decode_options["verify_aud"] = False

    try:
        data = jwt.decode(  # expect: NHL101, NHL103, NHL104
            id_token,
            json.dumps(key),
            audience=os.environ["GOOGLE_CLIENT_ID"],
            issuer=("https://accounts.google.com", "accounts.google.com"),
            options=decode_options,
        )
    except ExpiredSignatureError:
        raise UnprocessableEntity("invalid id_token: expired")
    except JWTError as exc:
        raise UnprocessableEntity(f"invalid id_token: {exc}")

    if data.get("hd") not in ("university.edu", "alumni.university.edu"):
        raise Forbidden("invalid id_token: incorrect or missing hd")

    student = Student.query.filter_by(email=data["email"]).one_or_none()
    if student is None:
        student = Student(email=data["email"], first_name=data["given_name"], last_name=data["family_name"])
        db.session.add(student)
    db.session.commit()
    return jsonify({"status": "ok", "jwt": create_access_token(identity=student.to_dict())})
