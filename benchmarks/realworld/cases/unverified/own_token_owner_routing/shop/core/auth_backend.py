import jwt

from .jwt import JWT_ACCESS_TYPE, JWT_THIRDPARTY_ACCESS_TYPE, is_shop_token, jwt_decode
from .plugins import get_plugins_manager
from .users import user_by_email


def get_token_from_request(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    prefix, _, token = header.partition(" ")
    return token if prefix.lower() in ("bearer", "jwt") else None


class PluginBackend:
    """Tokens the shop did not mint go to the authentication plugins, which verify them."""

    def authenticate(self, request=None, **kwargs):
        if request is None:
            return None
        return get_plugins_manager().authenticate_user(request)


def load_user_from_request(request):
    token = get_token_from_request(request)
    if not token or not is_shop_token(token):
        return None
    payload = jwt_decode(token)
    if payload.get("type") not in (JWT_ACCESS_TYPE, JWT_THIRDPARTY_ACCESS_TYPE):
        raise jwt.InvalidTokenError("Invalid token. Create new one by using tokenCreate mutation.")
    user = user_by_email(payload["email"])
    if not user or user.jwt_token_key != payload.get("token"):
        raise jwt.InvalidTokenError("Invalid token. Create new one by using tokenCreate mutation.")
    return user
