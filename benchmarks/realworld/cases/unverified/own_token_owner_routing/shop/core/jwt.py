from typing import Any

import jwt

from .jwt_manager import get_jwt_manager

JWT_ACCESS_TYPE = "access"
JWT_THIRDPARTY_ACCESS_TYPE = "thirdparty"
JWT_OWNER_FIELD = "owner"
JWT_SHOP_OWNER_NAME = "shop"


def jwt_decode(token: str) -> dict[str, Any]:
    # Verified with the shop's own RS256 key (see jwt_manager).
    return get_jwt_manager().decode(token)


def is_shop_token(token: str) -> bool:
    """Was this token minted by the shop itself, rather than by an auth plugin's provider?"""
    try:
        payload = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return False
    owner = payload.get(JWT_OWNER_FIELD)
    return bool(owner) and owner == JWT_SHOP_OWNER_NAME
