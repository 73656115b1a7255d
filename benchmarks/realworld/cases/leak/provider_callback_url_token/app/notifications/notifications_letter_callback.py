import uuid

from flask import Blueprint, current_app, request
from itsdangerous import BadSignature

from app import signing
from app.celery.process_letter_callback import process_letter_callback_data
from app.errors import InvalidRequest

letter_callback_blueprint = Blueprint("notifications_letter_callback", __name__)


@letter_callback_blueprint.route("/notifications/letter/status", methods=["POST"])
def process_letter_callback():
    token = request.args.get("token", "")
    notification_id = parse_token(token)
    data = request.get_json(force=True)
    if notification_id != data["data"]["jobId"]:
        current_app.logger.error("Notification ID in token does not match json: %s - %s", notification_id, data["data"]["jobId"])
        raise InvalidRequest("Notification ID in letter callback data does not match ID in token", 400)
    process_letter_callback_data.apply_async(kwargs={"notification_id": uuid.UUID(notification_id), "status": data["data"]["status"]})
    return {}, 204


def parse_token(token):
    try:
        return signing.decode(token)
    except BadSignature:
        # The value failed the signature check: it authorizes nothing.
        current_app.logger.info("Letter callback with invalid token of %s received", token, extra={"token": token})
        raise InvalidRequest("A valid token must be provided in the query string", 403) from None
