import os

import jwt
from jwt import PyJWKClient

JWKS_URL = os.getenv("AUTH0_JWK_URL", "")


def decode_token(raw_token):
    jwks_client = PyJWKClient(JWKS_URL)
    signing_key = jwks_client.get_signing_key_from_jwt(raw_token)
    return jwt.decode(
        raw_token,
        signing_key.key,
        algorithms=["RS256"],
        audience=os.getenv("AUTH0_CLIENT_ID", ""),
    )
