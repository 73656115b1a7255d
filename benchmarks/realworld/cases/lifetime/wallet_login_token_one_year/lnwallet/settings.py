from uuid import uuid4

from pydantic import Field
from pydantic_settings import BaseSettings


class AuthSettings(BaseSettings):
    auth_token_expire_minutes: int = Field(default=525600, gt=0)  # expect: NHL402
    auth_allowed_methods: list[str] = Field(default=["user-id-only", "username-password"])


class SecuritySettings(BaseSettings):
    auth_secret_key: str = Field(default="")

    def check_auth_secret_key(self, path: str = "data/.super_user") -> None:
        if self.auth_secret_key:
            return
        self.auth_secret_key = uuid4().hex


class Settings(AuthSettings, SecuritySettings):
    pass


settings = Settings()
settings.check_auth_secret_key()
