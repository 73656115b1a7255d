import json
import os


class Config:
    # Every deployment gets its own values for these from its own environment.
    ADMIN_CLIENT_ID = "notify-admin"
    INTERNAL_CLIENT_API_KEYS = json.loads(os.environ.get("INTERNAL_CLIENT_API_KEYS", "{}"))
    ZENDESK_API_KEY = os.environ.get("ZENDESK_API_KEY")
    SMS_PROVIDER_API_KEY = os.getenv("SMS_PROVIDER_API_KEY")
    NOTIFY_ENVIRONMENT = os.environ.get("NOTIFY_ENVIRONMENT", "development")
    DEBUG = False


class Development(Config):
    DEBUG = True
    NOTIFY_ENVIRONMENT = "development"
    INTERNAL_CLIENT_API_KEYS = {Config.ADMIN_CLIENT_ID: [os.environ.get("DEV_ADMIN_CLIENT_SECRET", "")]}


class Staging(Config):
    NOTIFY_ENVIRONMENT = "staging"


class Production(Config):
    NOTIFY_ENVIRONMENT = "production"


configs = {
    "development": Development,
    "staging": Staging,
    "production": Production,
}
