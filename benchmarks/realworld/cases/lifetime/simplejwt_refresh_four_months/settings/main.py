import environ

from .settings_global import *  # noqa: F403
from .settings_global import SIMPLE_JWT

env = environ.Env()

JWT_PRIVATE_KEY = env.str("JWT_PRIVATE_KEY")
JWT_PUBLIC_KEY = env.str("JWT_PUBLIC_KEY")

# Hours, not days: the variable keeps the unit of the original setting.
REFRESH_TOKEN_LIFETIME_HOURS = env.int("REFRESH_TOKEN_LIFETIME", 24 * 30 * 4)
SIMPLE_JWT["ACCESS_TOKEN_LIFETIME"] = timedelta(minutes=env.int("ACCESS_TOKEN_LIFETIME", 15))  # noqa: F405
SIMPLE_JWT["REFRESH_TOKEN_LIFETIME"] = timedelta(hours=REFRESH_TOKEN_LIFETIME_HOURS)  # expect: NHL402
SIMPLE_JWT["SIGNING_KEY"] = JWT_PRIVATE_KEY
SIMPLE_JWT["VERIFYING_KEY"] = JWT_PUBLIC_KEY
