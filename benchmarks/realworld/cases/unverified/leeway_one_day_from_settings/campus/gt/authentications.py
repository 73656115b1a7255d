from django.conf import settings
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import SAFE_METHODS

from gt.tokens import jdecode
from gt_user.models import User


class CampusAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION")
        if not header:
            return None
        parts = str(header).split(maxsplit=1)
        if parts[0] != settings.JWT_PREFIX or len(parts) != 2:
            raise AuthenticationFailed({"status": "error", "action": "relogin", "detail": "bad token"})
        claims = jdecode(parts[1], raise_error=request.method not in SAFE_METHODS)
        if not claims:
            return None
        user = User.objects.filter(id=claims["id"]).first()
        if user is None or not user.is_active:
            return None
        return user, parts[1]
