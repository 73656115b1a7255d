"""OIDC settings of the API, kept next to the authentication classes."""

import os

OIDC_ENDPOINT = os.environ.get("OIDC_ENDPOINT", "https://login.example-idp.net/realms/staff")
OIDC_JWKS_TTL = 24 * 60 * 60
OIDC_LEEWAY = 600
JWT_AUTH_HEADER_PREFIX = "JWT"

# `aud` is required to be present, but no value is given, so any audience passes.
OIDC_CLAIMS_OPTIONS = {
    "iss": {"essential": True, "values": [OIDC_ENDPOINT]},
    "aud": {"essential": True},
}
