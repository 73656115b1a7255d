from flask_jwt_extended import JWTManager

from app.cache import cache

jwt = JWTManager()


@jwt.token_in_blocklist_loader
def check_if_token_is_revoked(jwt_header, jwt_payload):
    """A token whose user logged out is refused even before it expires."""
    return cache.get(jwt_payload["jti"]) is not None
