import logging
import secrets

from fastapi import HTTPException, status

from recipes.core.config import get_app_settings
from recipes.core.security import hash_password
from recipes.repos import get_repositories
from recipes.services.email import EmailService

logger = logging.getLogger("password_reset")


def url_safe_token() -> str:
    return secrets.token_urlsafe(24)


class PasswordResetService:
    def __init__(self, session):
        self.db = get_repositories(session)
        self.settings = get_app_settings()

    def generate_reset_token(self, email: str):
        user = self.db.users.get_one(email, "email", any_case=True)
        if user is None:
            # Do not tell the client whether the address exists.
            logger.error(f"failed to create password reset for {email=}: user doesn't exist")
            return None
        return self.db.tokens_pw_reset.create({"user_id": user.id, "token": url_safe_token()})

    def send_reset_email(self, email: str, accept_language: str | None = None):
        token_entry = self.generate_reset_token(email)
        if token_entry is None:
            return None
        # One-time link for the account holder's mailbox.
        reset_url = f"{self.settings.BASE_URL}/reset-password/?token={token_entry.token}"
        try:
            EmailService(locale=accept_language).send_forgot_password(email, reset_url)
        except Exception as exc:
            logger.error(f"failed to send reset email: {exc}")
            raise HTTPException(status.HTTP_500_INTERNAL_SERVER_ERROR, "Failed to send reset email") from exc

    def reset_password(self, token: str, new_password: str):
        token_entry = self.db.tokens_pw_reset.get_one(token, "token")
        if token_entry is None:
            logger.error("failed to reset password: invalid token")
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "Invalid token")
        self.db.users.update_password(token_entry.user_id, hash_password(new_password))
        self.db.tokens_pw_reset.delete(token_entry.token)
