from django.conf import settings

from gateway.connection import ServiceConnection


class ProductsService(ServiceConnection):
    api_key = settings.INTERNAL_API_KEY
    service = settings.PRODUCTS_API_URL


def get_product(product_id: int) -> dict:
    resp = ProductsService(f"/api/v1/products/{product_id}/").request("get")
    resp.raise_for_status()
    return resp.json()
