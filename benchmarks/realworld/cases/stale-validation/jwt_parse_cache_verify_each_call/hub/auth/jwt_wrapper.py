"""JWT helpers that cache the parsing of tokens, never the verification.

The same access token arrives on every websocket message, so splitting it and
JSON-decoding its segments is memoised; the signature and the claims (exp, nbf,
iat, aud, iss) are still checked on every call.
"""
from __future__ import annotations

import json
from datetime import timedelta
from functools import lru_cache
from typing import Any

from jwt import DecodeError, PyJWS, PyJWT

TOKEN_PARSE_CACHE_SIZE = 16

_VERIFY_KEYS = ("signature", "exp", "nbf", "iat", "aud", "iss")
_VERIFY_OPTIONS: dict[str, Any] = {f"verify_{key}": True for key in _VERIFY_KEYS} | {"require": []}


class _PyJWSWithLoadCache(PyJWS):
    @lru_cache(maxsize=TOKEN_PARSE_CACHE_SIZE)
    def _load(self, jwt: str | bytes) -> tuple[bytes, bytes, dict, bytes]:
        """Split and base64-decode the segments (no key involved)."""
        return super()._load(jwt)


_jws = _PyJWSWithLoadCache()


@lru_cache(maxsize=TOKEN_PARSE_CACHE_SIZE)
def _parse_payload_json(json_payload: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(json_payload)
    except ValueError as err:
        raise DecodeError(f"Invalid payload string: {err}") from err
    if not isinstance(payload, dict):
        raise DecodeError("Invalid payload string: must be a json object")
    return payload


class _PyJWTWithVerify(PyJWT):
    def verify_and_decode(
        self,
        jwt: str,
        key: str,
        algorithms: list[str],
        issuer: str | None = None,
        leeway: float | timedelta = 0,
    ) -> dict[str, Any]:
        # decode_complete verifies the signature against `key` on every call.
        signed = _jws.decode_complete(jwt=jwt, key=key, algorithms=algorithms, options=_VERIFY_OPTIONS)
        payload = _parse_payload_json(signed["payload"])
        self._validate_claims(payload=payload, options=_VERIFY_OPTIONS, issuer=issuer, leeway=leeway)
        return payload


verify_and_decode = _PyJWTWithVerify().verify_and_decode
