from datetime import timedelta

from flask import Blueprint, jsonify, request
from flask_jwt_extended import create_access_token, current_user, jwt_required
from werkzeug.exceptions import Unauthorized

from evals_api.models import APIKey, db

auth_bp = Blueprint("auth", __name__)


@auth_bp.route("/auth/refresh")
@jwt_required()
def refresh():
    if current_user.suspended():
        return jsonify({"status": "suspended", "until": current_user.suspended_until.isoformat()}), 401
    db.session.commit()
    return jsonify({"jwt": create_access_token(identity=current_user.to_dict())})


@auth_bp.route("/auth/api", methods=["POST"])
def auth_api():
    key = APIKey.query.filter(APIKey.key == request.get_json()["api_key"]).one_or_none()
    if key is None:
        raise Unauthorized("invalid api key")
    token = create_access_token(identity=key.identity(), expires_delta=timedelta(hours=24))  # expect: NHL402
    return jsonify({"jwt": token})
