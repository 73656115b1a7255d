import os
from functools import lru_cache

from pydantic_settings import BaseSettings


class SecurityConfig(BaseSettings):
    jwks_url: str = os.getenv("SECURITY_JWKS_URL", "https://id.example.com/.well-known/jwks.json")
    audience: str = os.getenv("SECURITY_AUDIENCE", "fastapi-template")
    issuer: str = os.getenv("SECURITY_ISSUER", "https://id.example.com/")
    jwks_cache_seconds: int = int(os.getenv("SECURITY_JWKS_CACHE_SECONDS", "86400"))


@lru_cache
def security_config() -> SecurityConfig:
    return SecurityConfig()
