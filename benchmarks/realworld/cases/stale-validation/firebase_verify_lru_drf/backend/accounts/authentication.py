from django.contrib.auth import get_user_model
from firebase_admin import auth as firebase_auth
from rest_framework import authentication, exceptions

from .firebase import verify_token


class FirebaseAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode()
        if not header.startswith(self.keyword + " "):
            return None
        id_token = header[len(self.keyword) + 1 :]
        try:
            uid = verify_token(id_token)
        except (ValueError, firebase_auth.InvalidIdTokenError, firebase_auth.ExpiredIdTokenError):
            raise exceptions.AuthenticationFailed("Invalid Firebase token")
        user, _ = get_user_model().objects.get_or_create(username=uid)
        return user, None
