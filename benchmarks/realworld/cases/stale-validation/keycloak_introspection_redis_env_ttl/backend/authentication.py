import hashlib
import json
import os
from functools import wraps

import redis
import requests
from dotenv import load_dotenv
from flask import jsonify, request

load_dotenv()

KEYCLOAK_URL = os.getenv("KEYCLOAK_URL", "").rstrip("/")
KEYCLOAK_REALM = os.getenv("KEYCLOAK_REALM")
KEYCLOAK_CLIENT_ID = os.getenv("KEYCLOAK_CLIENT_ID")
KEYCLOAK_CLIENT_SECRET = os.getenv("KEYCLOAK_CLIENT_SECRET")
INTROSPECTION_CACHE_SECONDS = int(os.getenv("INTROSPECTION_CACHE_SECONDS", "300"))

cache = redis.Redis.from_url(os.getenv("REDIS_URL", "redis://localhost:6379/0"), decode_responses=True)


def validate_token(token):
    return requests.post(
        f"{KEYCLOAK_URL}/realms/{KEYCLOAK_REALM}/protocol/openid-connect/token/introspect",
        data={"client_id": KEYCLOAK_CLIENT_ID, "client_secret": KEYCLOAK_CLIENT_SECRET, "token": token},
        timeout=5,
    ).json()


def cached_validate_token(token):
    key = "introspect:" + hashlib.sha256(token.encode()).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        return json.loads(hit)
    result = validate_token(token)
    cache.setex(key, INTROSPECTION_CACHE_SECONDS, json.dumps(result))  # expect: NHL204
    return result


def requires_operator(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return jsonify(error="missing token"), 401
        info = cached_validate_token(header[7:])
        if not info.get("active"):
            return jsonify(error="inactive token"), 401
        request.operator = info.get("preferred_username")
        return view(*args, **kwargs)

    return wrapper
