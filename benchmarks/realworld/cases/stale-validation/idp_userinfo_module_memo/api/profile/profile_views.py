from flask import Blueprint, g

from api.security.guards import login_required

bp = Blueprint("api-profile", __name__, url_prefix="/api/profile")


@bp.route("/")
@login_required
def profile():
    return {"email": g.user.get("email"), "name": g.user.get("name")}
