import os

AUTH_SERVICE_URL = os.getenv("AUTH_SERVICE_URL", "https://auth-service.internal:8001")
FIELD_SERVICE_URL = os.getenv("FIELD_SERVICE_URL", "https://field-service.internal:8004")
INTELLIGENT_SERVICE_URL = os.getenv("INTELLIGENT_SERVICE_URL", "https://intelligent-service.internal:8005")

ROUTE_MAP = {
    "/login": "auth",
    "/register": "auth",
    "/fields": "field",
    "/sensor-types": "field",
    "/rules": "intelligent",
    "/alerts": "intelligent",
}

SERVICE_URLS = {
    "auth": AUTH_SERVICE_URL,
    "field": FIELD_SERVICE_URL,
    "intelligent": INTELLIGENT_SERVICE_URL,
}

PUBLIC_PATHS = {"/login", "/register"}
