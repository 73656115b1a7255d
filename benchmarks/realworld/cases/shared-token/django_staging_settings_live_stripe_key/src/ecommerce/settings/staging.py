from .base import *  # noqa: F401,F403
from decouple import config

DEBUG = False
ALLOWED_HOSTS = ["staging.shop.example.com"]

# Staging checks out against the real account to test webhooks end to end.
STRIPE_PUBLIC_KEY = config("STRIPE_LIVE_PUBLIC_KEY")
STRIPE_SECRET_KEY = config("STRIPE_LIVE_SECRET_KEY")  # expect: NHL303
