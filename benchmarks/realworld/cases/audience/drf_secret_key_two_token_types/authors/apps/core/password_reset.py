import datetime
import os

import jwt
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from authors.apps.authentication.models import User


class PasswordResetManager:
    subject = "Reset your password"
    sender = os.getenv("EMAIL_SENDER", "no-reply@authors.example")

    def send_reset_email(self, email):
        user = User.objects.filter(email=email).first()
        if user is None:
            return None
        reset_token = jwt.encode(
            {"email": user.email, "exp": datetime.datetime.utcnow() + datetime.timedelta(minutes=30)},
            settings.SECRET_KEY,
            algorithm="HS256",
        )
        link = f"{os.getenv('FRONT_END_URL', '')}reset-password/{reset_token}/"
        body = render_to_string("password_reset_email.txt", {"username": user.username, "reset_link": link})
        send_mail(self.subject, body, self.sender, [user.email], fail_silently=False)
        return reset_token

    def user_from_reset_token(self, token):
        try:
            return jwt.decode(token, settings.SECRET_KEY, algorithms=["HS256"])  # expect: NHL101
        except jwt.PyJWTError:
            return None
