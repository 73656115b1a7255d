import os

API_KEY_HEADER = os.environ.get("API_KEY_HEADER", "X-Service-Key")

PRODUCTS_API_KEY = os.environ.get("PRODUCTS_API_KEY")
PRODUCTS_API_URL = os.environ.get("PRODUCTS_API_URL", "https://products.shop.example.com")

CART_API_KEY = os.environ.get("CART_API_KEY")
CART_API_URL = os.environ.get("CART_API_URL", "https://cart.shop.example.com")

PAYMENT_API_KEY = os.environ.get("PAYMENT_API_KEY")
PAYMENT_API_URL = os.environ.get("PAYMENT_API_URL", "https://payments.shop.example.com")
