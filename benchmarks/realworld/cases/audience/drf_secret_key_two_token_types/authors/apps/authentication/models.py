from datetime import datetime, timedelta

import jwt
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models


class User(AbstractBaseUser, PermissionsMixin):
    username = models.CharField(db_index=True, max_length=255, unique=True)
    email = models.EmailField(db_index=True, unique=True)
    is_active = models.BooleanField(default=True)

    USERNAME_FIELD = "email"

    @property
    def token(self):
        return self._issue_token()

    def _issue_token(self):
        expires = datetime.now() + timedelta(days=30)
        return jwt.encode(  # expect: NHL402
            {"id": self.pk, "exp": int(expires.timestamp())},
            settings.SECRET_KEY,
            algorithm="HS256",
        )
