import os

API_KEY_HEADER = os.environ.get("API_KEY_HEADER", "X-Service-Key")
# One key for every backend the gateway talks to.
INTERNAL_API_KEY = os.environ.get("INTERNAL_API_KEY")

PAYMENT_API_URL = os.environ.get("PAYMENT_API_URL", "https://payments.shop.example.com")
PRODUCTS_API_URL = os.environ.get("PRODUCTS_API_URL", "https://catalog.shop.example.com")
