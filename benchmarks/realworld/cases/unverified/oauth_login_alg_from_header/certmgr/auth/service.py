import binascii
import json

import jwt
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers
from flask import current_app


def get_rsa_public_key(n, e):
    """PEM public key from the modulus and exponent of a JWKS entry."""
    n = int(binascii.hexlify(jwt.utils.base64url_decode(bytes(n, "utf-8"))), 16)
    e = int(binascii.hexlify(jwt.utils.base64url_decode(bytes(e, "utf-8"))), 16)
    public_key = RSAPublicNumbers(e, n).public_key(default_backend())
    return public_key.public_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PublicFormat.SubjectPublicKeyInfo,
    )


def fetch_token_header(token):
    """The JOSE header of a token, parsed by hand."""
    token = token.encode("utf-8")
    try:
        signing_input, _signature = token.rsplit(b".", 1)
        header_segment, _payload = signing_input.split(b".", 1)
    except ValueError:
        raise jwt.DecodeError("Not enough segments")
    try:
        return json.loads(jwt.utils.base64url_decode(header_segment).decode("utf-8"))
    except TypeError as exc:
        current_app.logger.exception(exc)
        raise jwt.DecodeError("Invalid header padding")
