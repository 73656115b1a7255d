import logging

from authlib.jose import JsonWebToken

logger = logging.getLogger(__name__)

# How long each generated client secret is valid for.
CLIENT_SECRET_VALIDITY_SECONDS = 3600
# How long before a secret expires we replace it.
CLIENT_SECRET_MIN_VALIDITY_SECONDS = 600


class JwtClientSecret:
    """A client_secret that is a JWT signed with our key, regenerated before it expires (RFC 7523)."""

    def __init__(self, key, oauth_client_id: str, oauth_issuer: str, clock):
        self._key = key
        self._oauth_client_id = oauth_client_id
        self._oauth_issuer = oauth_issuer
        self._clock = clock
        self._cached_secret = b""
        self._cached_secret_replacement_time = 0

    def __str__(self) -> str:
        return self._get_secret().decode("ascii")

    def __bytes__(self) -> bytes:
        return self._get_secret()

    def _get_secret(self) -> bytes:
        now = self._clock.time()
        if now < self._cached_secret_replacement_time:
            return self._cached_secret

        issued_at = int(now)
        expires_at = issued_at + CLIENT_SECRET_VALIDITY_SECONDS
        header = dict(self._key.jwt_header)
        payload = {
            "sub": self._oauth_client_id,
            "aud": self._oauth_issuer,
            "iat": issued_at,
            "exp": expires_at,
            **self._key.jwt_payload,
        }
        logger.info("Generating new client secret JWT for %s (expires %s)", self._oauth_issuer, expires_at)
        jwt = JsonWebToken(header["alg"])
        self._cached_secret = jwt.encode(header, payload, self._key.key)
        self._cached_secret_replacement_time = expires_at - CLIENT_SECRET_MIN_VALIDITY_SECONDS
        return self._cached_secret
