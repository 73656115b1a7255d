from functools import wraps
from http import HTTPStatus

from flask import g, jsonify, request

from .user import user_from_token


def get_bearer_token_from_request():
    header = request.headers.get("Authorization", "")
    parts = header.split()
    if len(parts) != 2 or parts[0].lower() != "bearer":
        return None
    return parts[1]


def login_required(function):
    @wraps(function)
    def decorator(*args, **kwargs):
        token = get_bearer_token_from_request()
        if token is None:
            return jsonify(message="Requires authentication"), HTTPStatus.UNAUTHORIZED
        try:
            g.user = user_from_token(token)
        except Exception:
            return jsonify(message="Invalid token"), HTTPStatus.UNAUTHORIZED
        return function(*args, **kwargs)

    return decorator
