import os

from cachetools import TTLCache, cached
from google.auth.transport import requests
from google.oauth2 import id_token

CLIENT_ID = os.environ["GOOGLE_CLIENT_ID"]
GOOGLE_ISSUERS = ("accounts.google.com", "https://accounts.google.com")


# The editor calls the API several times a second with the same ID token.
@cached(cache=TTLCache(maxsize=4096, ttl=60 * 60))  # expect: NHL204
def verify_token(token):
    idinfo = id_token.verify_oauth2_token(token, requests.Request(), CLIENT_ID)
    if idinfo["iss"] not in GOOGLE_ISSUERS:
        raise ValueError("Wrong issuer.")
    return idinfo["sub"]
