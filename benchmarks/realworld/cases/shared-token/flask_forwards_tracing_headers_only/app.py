import logging
import os

import requests
from flask import Flask, request

app = Flask(__name__)
log = logging.getLogger(__name__)

BACKEND_URL = os.environ.get("BACKEND_URL", "http://back-service:7000")

# Only the mesh's tracing headers travel downstream; credentials never do.
TRACING_HEADERS = (
    "x-request-id",
    "x-b3-traceid",
    "x-b3-spanid",
    "x-b3-parentspanid",
    "x-b3-sampled",
    "x-b3-flags",
    "x-ot-span-context",
)


def get_forward_headers(incoming):
    headers = {}
    for name in TRACING_HEADERS:
        value = incoming.headers.get(name)
        if value is not None:
            headers[name] = value
    return headers


@app.route("/")
def index():
    headers = get_forward_headers(request)
    resp = requests.get(f"{BACKEND_URL}/", headers=headers, timeout=5)
    log.info("backend answered %s", resp.status_code)
    return resp.content, resp.status_code


if __name__ == "__main__":
    app.run(host="0.0.0.0")
