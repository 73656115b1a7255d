from flask import Flask, abort, jsonify, request

from oauth import verify_token

app = Flask(__name__)


def current_user_id():
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        abort(401)
    try:
        return verify_token(header[7:])
    except ValueError:
        abort(401)


@app.get("/api/sites")
def list_sites():
    owner = current_user_id()
    return jsonify(owner=owner, sites=[])
