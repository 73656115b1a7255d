import logging

from werkzeug.exceptions import Unauthorized

from dashboards.authentication import jwt_auth
from dashboards.models import User
from dashboards.settings.organization import settings as org_settings

logger = logging.getLogger(__name__)


def jwt_token_load_user_from_request(request):
    if not org_settings["auth_jwt_login_enabled"]:
        return None
    if org_settings["auth_jwt_auth_cookie_name"]:
        token = request.cookies.get(org_settings["auth_jwt_auth_cookie_name"])
    elif org_settings["auth_jwt_auth_header_name"]:
        token = request.headers.get(org_settings["auth_jwt_auth_header_name"])
    else:
        return None
    if not token:
        return None

    payload, valid = jwt_auth.verify_jwt_token(
        token,
        expected_issuer=org_settings["auth_jwt_auth_issuer"],
        expected_audience=org_settings["auth_jwt_auth_audience"],
        algorithms=org_settings["auth_jwt_auth_algorithms"],
        public_certs_url=org_settings["auth_jwt_auth_public_certs_url"],
    )
    if not valid:
        raise Unauthorized("Invalid JWT token")
    if "email" not in payload:
        logger.info("No email field in token, refusing to login")
        return None
    return User.get_by_email(payload["email"])
