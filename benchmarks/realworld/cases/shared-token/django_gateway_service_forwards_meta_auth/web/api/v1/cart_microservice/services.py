from urllib.parse import urljoin

import requests
from django.conf import settings


class CartService:
    """Thin wrapper around the cart microservice's REST API."""

    service = settings.CART_API_URL

    def __init__(self, request, url: str):
        self.request = request
        self.url = urljoin(self.service, url)

    def _headers(self) -> dict:
        return {
            "Content-Type": "application/json",
            # The customer's own credential, so the cart service knows who it is.
            "Authorization": self.request.META.get("HTTP_AUTHORIZATION", ""),
            "Accept-Language": self.request.META.get("HTTP_ACCEPT_LANGUAGE", "en"),
        }

    def service_response(self, method: str = "get", data: dict | None = None):
        return requests.request(
            method,
            self.url,
            json=data,
            headers=self._headers(),  # expect: NHL304
            timeout=10,
        )
