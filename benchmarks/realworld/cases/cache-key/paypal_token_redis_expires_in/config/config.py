import os

from dotenv import load_dotenv

load_dotenv()

app_config = {
    "PAYPAL_WEBHOOK_ID": os.environ.get("PAYPAL_WEBHOOK_ID"),
    "PAYPAL_REST_API_CLIENT_ID": os.environ.get("PAYPAL_REST_API_CLIENT_ID"),
    "PAYPAL_REST_API_CLIENT_SECRET": os.environ.get("PAYPAL_REST_API_CLIENT_SECRET"),
    "PAYPAL_REST_API_URL": os.environ.get("PAYPAL_REST_API_URL", "https://api-m.sandbox.paypal.com"),
    "PAYPAL_REST_API_TIMEOUT": int(os.environ.get("PAYPAL_REST_API_TIMEOUT", "10")),
    "REDIS_HOST": os.environ.get("REDIS_HOST", "localhost"),
    "REDIS_PORT": int(os.environ.get("REDIS_PORT", "6379")),
    "REDIS_DB_NUM": int(os.environ.get("REDIS_DB_NUM", "0")),
    "REDIS_PASSWORD": os.environ.get("REDIS_PASSWORD"),
}
