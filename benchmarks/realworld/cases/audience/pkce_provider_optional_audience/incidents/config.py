"""Settings read once from the environment (starlette's Config, as the service does)."""

from starlette.config import Config

config = Config(".env")

AUTH_PROVIDER_SLUG = config("AUTH_PROVIDER_SLUG", default="provider-pkce")
PKCE_JWKS_URL = config("AUTH_PROVIDER_PKCE_JWKS_URL", default=None)
# Optional: some identity providers put the client id in `aud`, others a custom value.
JWT_AUDIENCE = config("JWT_AUDIENCE", default=None)
JWT_EMAIL_CLAIM = config("JWT_EMAIL_CLAIM", default=None)
PKCE_SKIP_AT_HASH = config("PKCE_SKIP_AT_HASH", cast=bool, default=False)
