import jwt
from jwt import PyJWKClient


def token_is_valid(tenant_id, audience, token):
    """Tokens from the organisation's Entra ID tenant, for this API's audience."""
    jwks_client = PyJWKClient(f"https://login.microsoftonline.com/{tenant_id}/discovery/v2.0/keys")
    signing_key = jwks_client.get_signing_key_from_jwt(token)
    return jwt.decode(
        token,
        signing_key.key,
        algorithms=["RS256"],
        audience=audience,
        issuer=f"https://login.microsoftonline.com/{tenant_id}/v2.0",
    )
