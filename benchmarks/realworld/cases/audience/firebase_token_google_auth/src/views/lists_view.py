from flask import Blueprint, abort, g, jsonify, request
from flask_httpauth import HTTPTokenAuth

from src.utilities import user_utilities

auth = HTTPTokenAuth("Bearer")
lists_bp = Blueprint("lists", __name__)


@auth.verify_token
def verify_token(token):
    user = user_utilities.get_current_user(token)
    if not user:
        return False
    g.current_user = user["user"]
    g.current_user_id = user["user_id"]
    return True


@lists_bp.route("/lists", methods=["GET"])
@auth.login_required
def get_lists():
    user_id = request.args.get("userId")
    if user_id != g.current_user_id:
        abort(401, "Unauthorized Access")
    if not user_utilities.is_user_in_datastore(user_id):
        user_utilities.add_user_to_datastore(user_id)
    return jsonify({"owner": user_id})
