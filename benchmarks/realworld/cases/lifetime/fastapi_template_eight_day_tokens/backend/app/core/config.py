from pydantic import EmailStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file="../.env", env_ignore_empty=True, extra="ignore")

    API_V1_STR: str = "/api/v1"
    SECRET_KEY: str
    # 60 minutes * 24 hours * 8 days = 8 days
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60 * 24 * 8  # expect: NHL402
    FRONTEND_HOST: str = "http://localhost:5173"
    PROJECT_NAME: str

    SMTP_HOST: str | None = None
    EMAILS_FROM_EMAIL: EmailStr | None = None
    EMAIL_RESET_TOKEN_EXPIRE_HOURS: int = 48


settings = Settings()  # type: ignore
