from flask import Blueprint, request

from app.services import wallet as wallet_service

bp = Blueprint("wallet", __name__, url_prefix="/api/wallet")


@bp.route("/transfer", methods=["POST"])
def transfer():
    actor = request.environ["actor"]
    body = request.get_json()
    tx = wallet_service.transfer(sender=actor.id, recipient=body["to"], amount=body["amount"])
    return {"code": 0, "response": tx.id}
