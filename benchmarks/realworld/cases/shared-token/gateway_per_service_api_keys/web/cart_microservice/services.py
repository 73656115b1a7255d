from django.conf import settings

from src.connection import MicroServiceConnect


class CartService(MicroServiceConnect):
    api_key = settings.CART_API_KEY
    service = settings.CART_API_URL
