from .jwt_wrapper import verify_and_decode

ISSUER = "hub-local"


def validate_access_token(token: str, refresh_token_id: str, jwt_key: str) -> dict | None:
    """Claims of an access token signed with its refresh token's own key."""
    try:
        claims = verify_and_decode(token, jwt_key, algorithms=["HS256"], issuer=ISSUER)
    except Exception:
        return None
    if claims.get("iss") != ISSUER or claims.get("sub") != refresh_token_id:
        return None
    return claims
