from pydantic_settings import BaseSettings, SettingsConfigDict


class JWTSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JWT_", env_file=".env")

    SECRET_KEY: str
    ALGORITHM: str = "HS256"
    # Seconds a login lasts: the token's exp and the server-side session entry.
    SESSION_TTL: int = 7200
    SESSION_MAX: int = 1000


jwt_settings = JWTSettings()
