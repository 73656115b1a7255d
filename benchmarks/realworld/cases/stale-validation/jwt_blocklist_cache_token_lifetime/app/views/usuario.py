from flask import Blueprint, jsonify
from flask_jwt_extended import get_jwt, jwt_required

from app.cache import cache

usuario_bp = Blueprint("usuario", __name__)


@usuario_bp.route("/logout", methods=["POST"])
@jwt_required()
def cerrar_sesion():
    """Invalidate the token the user authenticated with."""
    jti = get_jwt()["jti"]
    cache.set(jti, jti)
    return jsonify({"message": "Sesión cerrada"})
