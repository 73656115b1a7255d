import os

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
app.config.from_object(f"config.{os.environ.get('APP_CONFIG', 'ProductionConfig')}")


@app.post("/reply")
def reply():
    resp = requests.post(
        "https://llm.provider.example.com/v1/chat",
        headers={"Authorization": f"Bearer {app.config['LLM_API_KEY']}"},
        json={"messages": request.json["messages"]},
        timeout=60,
    )
    return jsonify(resp.json())
