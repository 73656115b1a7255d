import os
from enum import StrEnum
from typing import NamedTuple


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class AppConfig(NamedTuple):
    ENVIRONMENT: str
    SECRET_KEY: str
    DEBUG: bool = False


def get_config(environment) -> AppConfig:
    if environment not in Environment:
        raise EnvironmentError(f"Unknown environment type {environment} in APP_ENVIRONMENT env var")
    environment = environment.upper()
    return AppConfig(
        ENVIRONMENT=environment,
        SECRET_KEY=os.environ[f"SECRET_KEY_{environment}"],
        DEBUG=environment != "PRODUCTION",
    )


CONFIG = get_config(os.getenv("APP_ENVIRONMENT", "development"))
