import os

import requests
from cachetools import LRUCache, cached
from flask import Flask, make_response, request
from flask_cors import CORS
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from model import Leaderboard

KEYCLOAK = os.environ.get("KEYCLOAK_URL", "http://localhost:8080")
REALM = os.environ.get("KEYCLOAK_REALM", "myrealm")
CLIENT_ID = os.environ.get("KEYCLOAK_CLIENT_ID", "backend")
CLIENT_SECRET = os.environ["KEYCLOAK_CLIENT_SECRET"]

app = Flask(__name__)
CORS(app)
engine = create_engine(os.environ["DATABASE_URL"])


def _introspect(token):
    return requests.post(
        f"{KEYCLOAK}/realms/{REALM}/protocol/openid-connect/token/introspect",
        data={"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "token": token},
        timeout=5,
    ).json()


# Every score submission and leaderboard load carries the player's token.
@cached(cache=LRUCache(maxsize=1024))  # expect: NHL203
def active_claims(token):
    response = _introspect(token)
    if not response.get("active"):
        return None
    return {"sub": response["sub"], "name": response.get("name", "")}


@app.route("/submit_score", methods=["POST"])
def submit_score():
    data = request.json
    claims = active_claims(data["token"])
    if claims is None:
        return make_response({"message": "This token is not active"}, 401)
    with Session(engine) as session:
        previous = session.scalar(select(Leaderboard).where(Leaderboard.user_id == claims["sub"]))
        if previous is None:
            session.add(Leaderboard(claims["sub"], claims["name"], data["score"]))
        elif previous.best_score < data["score"]:
            previous.best_score = data["score"]
        session.commit()
    return make_response({"message": "Score was added successfully"}, 200)
