import os

DEBUG = os.environ.get("DEBUG") == "1"
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.supabase_jwt.SupabaseJWTMiddleware",
]

# The Supabase project's JWT secret: it signs user sessions and the public anon and service-role keys.
SUPABASE_JWT_SECRET = os.environ["SUPABASE_JWT_SECRET"]
