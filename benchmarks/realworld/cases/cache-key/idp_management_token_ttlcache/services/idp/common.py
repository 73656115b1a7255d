import os

IDP_DOMAIN = os.getenv("IDP_DOMAIN", "")
IDP_CLIENT_ID = os.getenv("IDP_CLIENT_ID", "")
IDP_CLIENT_SECRET = os.getenv("IDP_CLIENT_SECRET", "")
