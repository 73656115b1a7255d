"""Lambda that checks a Cognito ID token by hand: key by kid, signature, then exp and aud."""

import json
import os
import time
import urllib.request

from jose import jwk, jwt
from jose.utils import base64url_decode

REGION = os.environ["AWS_REGION"]
USER_POOL_ID = os.environ["USER_POOL_ID"]
APP_CLIENT_ID = os.environ["APP_CLIENT_ID"]
KEYS_URL = f"https://cognito-idp.{REGION}.amazonaws.com/{USER_POOL_ID}/.well-known/jwks.json"

# Downloaded once per cold start, not on every invocation.
with urllib.request.urlopen(KEYS_URL) as response:
    KEYS = json.loads(response.read().decode("utf-8"))["keys"]


def lambda_handler(event, context):
    token = event["token"]
    kid = jwt.get_unverified_headers(token)["kid"]
    matching = [key for key in KEYS if key["kid"] == kid]
    if not matching:
        print("Public key not found in jwks.json")
        return False

    public_key = jwk.construct(matching[0])
    message, encoded_signature = str(token).rsplit(".", 1)
    if not public_key.verify(message.encode("utf8"), base64url_decode(encoded_signature.encode("utf-8"))):
        print("Signature verification failed")
        return False

    # The signature checked out: the claims can now be read.
    claims = jwt.get_unverified_claims(token)
    if time.time() > claims["exp"]:
        print("Token is expired")
        return False
    if claims["aud"] != APP_CLIENT_ID:
        print("Token was not issued for this audience")
        return False
    return claims
