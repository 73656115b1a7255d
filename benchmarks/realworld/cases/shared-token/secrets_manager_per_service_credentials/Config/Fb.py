import os

import firebase_admin
from firebase_admin import credentials

from Config.SecretManager import get_secret

FIREBASE_SECRET = os.getenv("FIREBASE_SECRET")
REGION_NAME = os.getenv("AWS_REGION", "us-east-1")


def initialize_firebase() -> None:
    account = get_secret(FIREBASE_SECRET, REGION_NAME)
    cred = credentials.Certificate({
        "type": "service_account",
        "project_id": account["Project-Id"],
        "private_key_id": account["Project-Key-Id"],
        "private_key": account["Private-Key"].replace("\\n", "\n"),
        "client_email": account["Client-Email"],
        "client_id": account["Client-Id"],
        "token_uri": account["Token-Uri"],
    })
    if not firebase_admin._apps:
        firebase_admin.initialize_app(cred)
