from django.conf import settings

from gateway.connection import ServiceConnection


class PaymentService(ServiceConnection):
    api_key = settings.INTERNAL_API_KEY  # expect: NHL302
    service = settings.PAYMENT_API_URL


def create_checkout(order_id: int, amount_cents: int) -> dict:
    resp = PaymentService("/api/v1/checkout/").request("post", json={"order": order_id, "amount": amount_cents})
    resp.raise_for_status()
    return resp.json()
