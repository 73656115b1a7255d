import os
from functools import lru_cache

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    JENA_PROTOCOL: str = os.getenv("JENA_PROTOCOL", "https")
    JENA_URL: str = os.getenv("JENA_URL", "jena.internal")
    JENA_PORT: int = int(os.getenv("JENA_PORT", "3030"))
    DATASET: str = os.getenv("DATASET", "knowledge")
    ONTO_DATASET: str = os.getenv("ONTO_DATASET", "ontology")


@lru_cache
def get_settings() -> Settings:
    return Settings()
