import os
import uuid

from authlib.jose import jwt

from src.domain_model.token.TokenData import TokenData
from src.resource.logging.logger import logger


class TokenService:
    @staticmethod
    def claimsFromToken(token: str) -> dict:
        """Claims of a token minted by the identity service (shared secret across the services)."""
        logger.debug(f"[{TokenService.claimsFromToken.__qualname__}] Received token: {token}")  # expect: NHL404
        key = os.getenv("CAFM_JWT_SECRET", "secret")  # expect: NHL301
        claims = jwt.decode(token, key)  # expect: NHL101
        claims.validate()
        return claims

    @staticmethod
    def generateToken(payload: dict) -> str:
        header = {"alg": "HS256"}
        key = os.getenv("CAFM_JWT_SECRET", "secret")  # expect: NHL301
        payload["_token_gen_num"] = str(uuid.uuid1())
        return jwt.encode(header, payload, key).decode("utf-8")

    @staticmethod
    def tokenDataFromToken(token: str) -> TokenData:
        logger.debug(f"[{TokenService.tokenDataFromToken.__qualname__}] Received token: {token}")  # expect: NHL404
        data = TokenService.claimsFromToken(token=token)
        return TokenData(id=data["id"], email=data["email"], roles=data["roles"], token=token)

    @staticmethod
    def isSuperAdmin(tokenData: TokenData) -> bool:
        return any(role["name"] == "super_admin" for role in tokenData.roles())
