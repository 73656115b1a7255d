import os

API_TOKEN = os.environ.get("API_TOKEN")

ENVIRONMENTS = {
    "dev": {"api_url": "https://dev.api.shopfront.example.com", "api_token": API_TOKEN},
    "prod": {"api_url": "https://api.shopfront.example.com", "api_token": API_TOKEN},  # expect: NHL303
}


class BaseConfig:
    env = os.environ.get("ENVS", "dev")
    API_URL = ENVIRONMENTS[env]["api_url"]
    API_TOKEN = ENVIRONMENTS[env]["api_token"]
