import jwt
from django.conf import settings
from rest_framework import authentication, exceptions

from .models import User


class BearerTokenAuthentication(authentication.BaseAuthentication):
    prefix = "Bearer"

    def authenticate(self, request):
        request.user = None
        header = authentication.get_authorization_header(request).split()
        if not header:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Provide the Bearer prefix and the token")

        prefix, token = header[0].decode("utf-8"), header[1].decode("utf-8")
        if prefix.lower() != self.prefix.lower():
            raise exceptions.AuthenticationFailed("wrong prefix, please use Bearer")
        return self._credentials(request, token)

    def _credentials(self, request, token):
        try:
            payload = jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])  # expect: NHL101
        except jwt.ExpiredSignatureError:
            raise exceptions.AuthenticationFailed("Token has expired.")
        except jwt.InvalidTokenError:
            raise exceptions.AuthenticationFailed("Error decoding signature.")

        try:
            user = User.objects.get(pk=payload["id"])
        except User.DoesNotExist:
            raise exceptions.AuthenticationFailed("No user matches this token.")
        if not user.is_active:
            raise exceptions.AuthenticationFailed("This user is deactivated.")
        return user, token
