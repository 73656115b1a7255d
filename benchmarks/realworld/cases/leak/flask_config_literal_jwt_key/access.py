from flask import jsonify, request
from flask_jwt_extended import create_access_token, get_jwt_identity, jwt_required

from config import ADMIN_NAME, app
from models import Session, User


@app.route("/api/v1/login", methods=["POST"])
def login():
    body = request.get_json()
    session = Session()
    user = session.query(User).filter_by(username=body.get("username")).first()
    if user is None or not user.check_password(body.get("password", "")):
        return jsonify({"msg": "Bad username or password"}), 401
    return jsonify(access_token=create_access_token(identity=user.username))


@app.route("/api/v1/admin/songs", methods=["DELETE"])
@jwt_required()
def purge_songs():
    if get_jwt_identity() != ADMIN_NAME:
        return jsonify({"msg": "Admins only"}), 403
    return jsonify({"deleted": True})
