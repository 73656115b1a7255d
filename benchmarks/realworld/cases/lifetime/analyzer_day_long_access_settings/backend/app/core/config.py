from typing import List

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", case_sensitive=False)

    app_name: str = "Response Analyzer API"
    jwt_secret_key: str = Field(alias="JWT_SECRET_KEY")
    jwt_algorithm: str = "HS256"
    # One day: users stay signed in without a refresh flow.
    jwt_expire_minutes: int = 60 * 24

    uploads_dir: str = "storage/uploads"
    cors_origins: List[str] = ["*"]


settings = Settings()
