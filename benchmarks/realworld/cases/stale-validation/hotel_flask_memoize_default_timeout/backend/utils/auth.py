import uuid
from functools import wraps

import jwt
from flask import g, jsonify, request

from config import Config
from database import Session
from models import User
from utils.cache import cache


@cache.memoize()  # expect: NHL204
def user_id_from_token(token):
    data = jwt.decode(token, Config.JWT_SECRET_KEY, algorithms=["HS256"])
    return str(uuid.UUID(data["user_id"]))


def token_required(f):
    @wraps(f)
    def decorated(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        parts = header.split()
        if len(parts) != 2 or parts[0].lower() != "bearer":
            return jsonify({"message": "Invalid token header format"}), 401
        try:
            user_id = user_id_from_token(parts[1])
        except jwt.ExpiredSignatureError:
            return jsonify({"message": "Token has expired"}), 401
        except (jwt.InvalidTokenError, KeyError, ValueError):
            return jsonify({"message": "Token is invalid"}), 401

        session = Session()
        g.current_user = session.get(User, uuid.UUID(user_id))
        session.close()
        if g.current_user is None:
            return jsonify({"message": "User not found"}), 401
        return f(*args, **kwargs)

    return decorated
