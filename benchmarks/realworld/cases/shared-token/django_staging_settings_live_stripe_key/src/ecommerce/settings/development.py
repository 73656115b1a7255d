from .base import *  # noqa: F401,F403
from decouple import config

DEBUG = True
ALLOWED_HOSTS = ["*"]

STRIPE_PUBLIC_KEY = config("STRIPE_TEST_PUBLIC_KEY")
STRIPE_SECRET_KEY = config("STRIPE_TEST_SECRET_KEY")
