import os

from firebase_admin import credentials, initialize_app
from flask import Flask, jsonify, request

from lib.firebase_auth import require_firebase_user
from modules.bookings import request_booking, update_booking_request

app = Flask(__name__)
app.config["MAIL_PASSWORD"] = os.environ.get("MAIL_APP_PASSWORD")

initialize_app(credentials.Certificate(os.environ["FIREBASE_SERVICE_ACCOUNT_FILE"]))


@app.route("/bookings", methods=["POST"])
def new_booking():
    user = require_firebase_user()
    data = request.json
    result = request_booking(data.get("tutorId"), user["uid"], data.get("start_time"))
    return jsonify(result), result.get("status_code", 500)


@app.route("/bookings/<string:booking_id>", methods=["PUT"])
def change_booking(booking_id):
    require_firebase_user()
    data = request.json
    result = update_booking_request(booking_id, data.get("tutorId"), data.get("bookingTime"), data.get("status"))
    return jsonify(result), result.get("status_code", 500)
