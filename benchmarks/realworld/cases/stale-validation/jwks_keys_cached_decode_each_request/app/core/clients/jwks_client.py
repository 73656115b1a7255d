import httpx
from aiocache import cached

from app.core.configs.security_config import security_config

_config = security_config()


# Signing keys change rarely; a day of reuse only delays key rotation.
@cached(ttl=_config.jwks_cache_seconds, key="jwks")
async def keys() -> list:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(_config.jwks_url)
    response.raise_for_status()
    return response.json()["keys"]
