from .base import *  # noqa: F401,F403
from decouple import config

DEBUG = False
ALLOWED_HOSTS = ["www.shop.example.com"]

STRIPE_PUBLIC_KEY = config("STRIPE_LIVE_PUBLIC_KEY")
STRIPE_SECRET_KEY = config("STRIPE_LIVE_SECRET_KEY")
