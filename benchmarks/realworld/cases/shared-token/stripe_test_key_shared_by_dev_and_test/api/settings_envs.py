import os


class DevelopmentConfig:
    STRIPE_LIVE_MODE = False
    # Stripe's test mode: a sandbox key, shared on purpose by dev and CI.
    STRIPE_SECRET_KEY = os.environ.get("STRIPE_TEST_SECRET_KEY")
    STRIPE_PUBLIC_KEY = os.environ.get("STRIPE_TEST_PUBLIC_KEY")


class TestConfig:
    STRIPE_LIVE_MODE = False
    STRIPE_SECRET_KEY = os.environ.get("STRIPE_TEST_SECRET_KEY")
    STRIPE_PUBLIC_KEY = os.environ.get("STRIPE_TEST_PUBLIC_KEY")


class ProductionConfig:
    STRIPE_LIVE_MODE = True
    STRIPE_SECRET_KEY = os.environ.get("STRIPE_LIVE_SECRET_KEY")
    STRIPE_PUBLIC_KEY = os.environ.get("STRIPE_LIVE_PUBLIC_KEY")


configs = {"development": DevelopmentConfig, "test": TestConfig, "production": ProductionConfig}
