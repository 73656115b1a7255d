import time
from functools import lru_cache

from azure.core.credentials import AccessToken
from azure.identity import DefaultAzureCredential

# Last token handed out; reused until five minutes before it expires.
_token: AccessToken | None = None


@lru_cache(maxsize=1)
def credential() -> DefaultAzureCredential:
    return DefaultAzureCredential(process_timeout=10)


def token(service: str) -> str:
    """Bearer for the given resource scope, e.g. https://search.azure.com/.default."""
    global _token
    if _token is not None and _token.expires_on - 300 > time.time():
        return _token.token
    _token = credential().get_token(service)  # expect: NHL201
    return _token.token
