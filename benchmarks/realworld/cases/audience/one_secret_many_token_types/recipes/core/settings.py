from functools import lru_cache

from pydantic_settings import BaseSettings


class AppSettings(BaseSettings):
    BASE_URL: str = "http://localhost:8080"
    API_PORT: int = 9000
    TOKEN_TIME: int = 48
    """lifetime of a login token, in hours"""

    SECRET: str
    SESSION_SECRET: str


@lru_cache
def get_app_settings() -> AppSettings:
    return AppSettings()
