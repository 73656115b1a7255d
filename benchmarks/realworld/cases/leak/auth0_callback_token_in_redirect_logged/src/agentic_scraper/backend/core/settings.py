from functools import lru_cache

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    frontend_domain: str = "https://app.example.com"
    auth0_domain: str
    auth0_client_id: str
    auth0_client_secret: str
    auth0_redirect_uri: str


@lru_cache
def get_settings() -> Settings:
    return Settings()
