import base64
import json
import logging
import time

from authlib.oauth2 import rfc6749, rfc6750
from joserfc import jwt
from joserfc.errors import BadSignatureError, DecodeError, InvalidTokenError, JoseError
from joserfc.jwk import RSAKey

from opendata.exceptions import InvalidToken
from opendata.keys import KeyType, load_all_public_keys, load_key

log = logging.getLogger(__name__)

ALLOWED_JWT_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"]


def decode_unverified_header(token: str) -> dict:
    header = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))


class BearerTokenValidator(rfc6750.BearerTokenValidator):
    """Accepts tokens signed by this server's key or by any key downloaded from the shared JWKS."""

    def __init__(self, context):
        super().__init__()
        self._context = context
        self._default_public_key: RSAKey = load_key(context, KeyType.public)
        self._all_public_keys: list[RSAKey] = load_all_public_keys(context)

    def decode_token(self, token_string: str) -> dict:
        if not token_string:
            raise InvalidToken("Token string is required")
        try:
            header = decode_unverified_header(token_string)
            kid = header.get("kid")
            if kid:
                for key in self._all_public_keys:
                    if key.kid and str(key.kid) == str(kid):
                        return jwt.decode(token_string, key, algorithms=ALLOWED_JWT_ALGORITHMS).claims  # expect: NHL105
            for key in self._all_public_keys:
                if key.get("use") != "enc" and key.get("alg") == header["alg"]:
                    try:
                        return jwt.decode(token_string, key, algorithms=ALLOWED_JWT_ALGORITHMS).claims  # expect: NHL105
                    except BadSignatureError:
                        continue
        except (JoseError, DecodeError, InvalidTokenError) as exc:
            raise InvalidToken(error=str(exc))
        raise InvalidToken("No public key found for token")

    def authenticate_token(self, token_string: str):
        return Token(token_string, self)


class Token(rfc6749.TokenMixin):
    def __init__(self, token_string, validator: BearerTokenValidator):
        self._token = validator.decode_token(token_string)
        self.expires_in = self._token["exp"] - self._token["iat"]
        self.client_id = self._token.get("aud", "")

    def get_scope(self) -> str:
        return self._token.get("scope", "")

    def get_expires_in(self) -> int:
        return self.expires_in

    def is_revoked(self) -> bool:
        return False

    def is_expired(self) -> bool:
        return time.time() > self._token["exp"]
