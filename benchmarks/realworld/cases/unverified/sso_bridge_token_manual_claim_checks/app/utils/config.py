import os
from functools import lru_cache

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    debug: bool = False
    calnet_jwt_secret: str = os.environ.get("CALNET_JWT_SECRET", "")


@lru_cache
def get_settings() -> Settings:
    return Settings()
