from flask import Flask, request

from app_auth import label_issue

app = Flask(__name__)


@app.post("/webhook")
def on_event():
    event = request.get_json(force=True)
    if request.headers.get("X-GitHub-Event") == "issues" and event.get("action") == "opened":
        label_issue(
            installation_id=event["installation"]["id"],
            repo=event["repository"]["full_name"],
            number=event["issue"]["number"],
            labels=["needs-triage"],
        )
    return "", 204
