import os

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)

APP_SERVICE_URL = os.environ.get("APP_SERVICE_URL", "https://app.internal.example.com")


@app.route("/api_gateway", methods=["GET"])
def api_gateway():
    # The client's token is handed on to the application service as-is.
    client_token = request.headers.get("Authorization")
    if not client_token:
        return jsonify({"message": "Unauthorized"}), 401
    response = requests.get(
        f"{APP_SERVICE_URL}/app_endpoint",
        headers={"Authorization": client_token},  # expect: NHL304
        timeout=10,
    )
    return jsonify(response.json()), response.status_code


if __name__ == "__main__":
    app.run(port=5001)
