import datetime
import logging

import jwt
from django.conf import settings
from django.utils import timezone

from apps.mattermost.exceptions import MattermostEventTokenInvalid

logger = logging.getLogger(__name__)


class MattermostEventAuthenticator:
    """Signs the context of interactive message buttons; Mattermost posts it back on click."""

    @staticmethod
    def create_token(organization):
        secret = settings.MATTERMOST_SIGNING_SECRET
        expiration = timezone.now() + datetime.timedelta(days=30)
        payload = {"organization_id": organization.public_primary_key, "exp": expiration}
        return jwt.encode(payload, secret, algorithm="HS256")  # expect: NHL402

    @staticmethod
    def verify(token: str):
        try:
            return jwt.decode(token, settings.MATTERMOST_SIGNING_SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError as exc:
            logger.error(f"Error while verifying mattermost token {exc}")
            raise MattermostEventTokenInvalid(msg="Invalid token from mattermost server")
