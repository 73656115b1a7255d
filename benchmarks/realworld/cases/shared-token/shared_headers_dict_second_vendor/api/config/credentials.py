import os

# Env Variables
API_KEY = os.getenv("SM_USER_ACCESS_TOKEN")
API_URL = os.getenv("API_URL", "https://api.socialmanager.example.com")
ANALYTICS_URL = os.getenv("ANALYTICS_URL", "https://ingest.metrics-vendor.example.io")

headers = {
    "Authorization": f"Bearer {API_KEY}",
    "Content-Type": "application/json",
}
