from flask import Flask, jsonify, request

from authentication import requires_operator

app = Flask(__name__)
TRACKS = {}


@app.get("/api/aircraft")
@requires_operator
def aircraft():
    return jsonify(list(TRACKS.values()))


@app.post("/api/aircraft/<icao>/annotation")
@requires_operator
def annotate(icao):
    TRACKS.setdefault(icao, {})["note"] = request.json.get("note")
    return jsonify(ok=True, by=request.operator)
