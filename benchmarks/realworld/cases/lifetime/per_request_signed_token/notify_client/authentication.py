import calendar
import time

import jwt

from notify_client.errors import TokenDecodeError, TokenExpiredError

__algorithm__ = "HS256"
__type__ = "JWT"
__bound__ = 30


def create_jwt_token(secret, client_id):
    """A token for one request: iss names the client, iat is checked within 30 s by the API."""
    assert secret, "Missing secret key"
    assert client_id, "Missing client id"
    headers = {"typ": __type__, "alg": __algorithm__}
    claims = {"iss": client_id, "iat": epoch_seconds()}
    return jwt.encode(payload=claims, key=secret, headers=headers)


def get_token_issuer(token):
    """The issuer names the client whose secret verifies the token; nothing else is read."""
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.DecodeError:
        raise TokenDecodeError("Invalid token")
    if "iss" not in unverified:
        raise TokenDecodeError("Missing iss field in token")
    return unverified["iss"]


def decode_jwt_token(token, secret):
    try:
        decoded = jwt.decode(token, key=secret.encode(), algorithms=[__algorithm__], leeway=__bound__)
    except jwt.DecodeError:
        raise TokenDecodeError("Invalid token")
    if "iss" not in decoded or "iat" not in decoded:
        raise TokenDecodeError("Missing iss or iat field in token")
    if epoch_seconds() > int(decoded["iat"]) + __bound__:
        raise TokenExpiredError("Token has expired", decoded)
    return True


def epoch_seconds():
    return calendar.timegm(time.gmtime())
