import requests
from django.conf import settings
from django.core.cache import cache

from svcclient.storage import DjangoCacheStorage
from svcclient.token_manager import Authenticator, TokenManager

token_manager = TokenManager(
    settings={
        "api_ids": {"inventory": settings.INVENTORY_API_ID, "billing": settings.BILLING_API_ID},
        "client_id": settings.SERVICE_CLIENT_ID,
        "client_secret": settings.SERVICE_CLIENT_SECRET,
        "domain": settings.IDP_DOMAIN,
    },
    storage=DjangoCacheStorage(cache),
)


def reserve_stock(sku: str, quantity: int) -> dict:
    resp = requests.post(
        f"{settings.INVENTORY_URL}/reservations",
        json={"sku": sku, "quantity": quantity},
        auth=Authenticator("inventory", token_manager),
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()
