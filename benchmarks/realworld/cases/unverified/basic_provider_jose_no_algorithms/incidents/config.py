import logging

from starlette.config import Config
from starlette.datastructures import Secret

log = logging.getLogger(__name__)
config = Config(".env")

AUTHENTICATION_PROVIDER_SLUG = config("AUTHENTICATION_PROVIDER_SLUG", default="provider-basic")

JWT_SECRET = config("JWT_SECRET", cast=Secret, default=None)
JWT_ALG = config("JWT_ALG", default="HS256")
JWT_EXP = config("JWT_EXP", cast=int, default=86400)

if AUTHENTICATION_PROVIDER_SLUG == "provider-basic" and not JWT_SECRET:
    log.warning("No JWT secret specified, this is required if you are using basic authentication.")
