import json

from flask import Flask, render_template

from lib.service_account import get_access_token

app = Flask(__name__)


@app.route("/server-side-authorization")
def server_side_authorization():
    # The page's embed API script receives a short-lived token.
    return render_template("server-side-authorization.html", token=json.dumps(get_access_token()))
