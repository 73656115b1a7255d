import json
import logging

import jwt
import requests

logger = logging.getLogger("jwt_auth")

FILE_SCHEME_PREFIX = "file://"
_key_cache = {}


def _keys_from_file(url):
    with open(url[len(FILE_SCHEME_PREFIX):]) as key_file:
        return [key_file.read()]


def _keys_from_net(url):
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    data = response.json()
    if "keys" in data:
        return [jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(entry)) for entry in data["keys"]]
    return data


def public_keys(url):
    if url not in _key_cache:
        _key_cache[url] = _keys_from_file(url) if url.startswith(FILE_SCHEME_PREFIX) else _keys_from_net(url)
    return _key_cache[url]


def verify_jwt_token(jwt_token, expected_issuer, expected_audience, algorithms, public_certs_url):
    keys = public_keys(public_certs_url)
    key_id = jwt.get_unverified_header(jwt_token).get("kid", "")
    if key_id and isinstance(keys, dict):
        keys = [keys.get(key_id)]

    payload, valid = None, False
    for key in keys:
        try:
            payload = jwt.decode(jwt_token, key=key, audience=expected_audience, algorithms=algorithms)  # expect: NHL104
            if payload["iss"] != expected_issuer:
                raise jwt.InvalidIssuerError(payload["iss"])
            valid = True
            break
        except Exception as exc:
            logger.info("JWT rejected: %s", exc)
    return payload, valid
