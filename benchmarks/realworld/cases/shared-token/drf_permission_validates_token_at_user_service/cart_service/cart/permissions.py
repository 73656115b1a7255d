import requests
from django.conf import settings
from rest_framework.permissions import BasePermission


class IsAuthenticatedByUserService(BasePermission):
    """Ask the user service (the token issuer) whether the caller's token is valid."""

    def has_permission(self, request, view):
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return False
        token = header.split(" ", 1)[1]
        response = requests.post(
            f"{settings.USER_SERVICE_ADDRESS}/user/auth/validate/",
            data={"token": token},
            timeout=5,
        )
        return response.status_code == 200
