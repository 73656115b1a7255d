"""Bearer tokens from the configured OIDC provider, checked against its JWKS."""

import typing
from dataclasses import dataclass, field

import httpx
from authlib.jose import JsonWebKey, JsonWebToken, JWTClaims, KeySet, errors
from starlette.requests import Request

from app.auth.exceptions import Oauth2Error
from app.config.logging import create_logger

logger = create_logger("app.auth.auth_jwks")


@dataclass
class JWKSConfig:
    jwks_uri: str = field(default="")


class JWKSAuthentication:
    def __init__(self, config: JWKSConfig) -> None:
        self.config = config

    async def get_jwks(self) -> KeySet:
        logger.info(f"Fetching JSON Web Key Set from {self.config.jwks_uri}")
        async with httpx.AsyncClient() as client:
            response = await client.get(self.config.jwks_uri)
        return JsonWebKey.import_key_set(response.json())

    async def decode_token(self, token: str) -> JWTClaims:
        jwks = await self.get_jwks()
        algs = [alg for alg in {key.get("alg") for key in jwks.as_dict()["keys"]} if alg is not None]
        if len(algs) != 1:
            raise Oauth2Error("Unable to decode the token with zero or several algorithms")
        try:
            claims = JsonWebToken([algs[0]]).decode(s=token, key=jwks)  # expect: NHL101
            if "client_id" in claims:
                # Cognito access tokens carry client_id instead of aud.
                claims.setdefault("aud", claims["client_id"])
            claims.validate()
        except errors.ExpiredTokenError:
            raise Oauth2Error("Unable to validate an expired token")
        except errors.JoseError:
            raise Oauth2Error("Unable to decode token")
        return claims

    async def authenticate(self, request: Request) -> typing.Dict:
        bearer = request.headers.get("Authorization")
        if not bearer:
            raise Oauth2Error("Auth token not found in the incoming request")
        return await self.decode_token(bearer.replace("Bearer ", ""))
