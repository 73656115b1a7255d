"""
Public employment service partner API ("ESD").
Each API product is granted through its own OAuth scope.
"""
import collections
import datetime
import logging

import httpx
from django.conf import settings

logger = logging.getLogger(__name__)

Token = collections.namedtuple("Token", ["expiration", "value"])

TOKENS_CACHE = {}


def get_access_token(scope):
    cached = TOKENS_CACHE.get(scope)
    if cached is not None and datetime.datetime.now() < cached.expiration:
        logger.debug("reusing ESD token for scope %s until %s", scope, cached.expiration)
        return cached.value

    response = httpx.post(
        f"{settings.API_ESD['AUTH_BASE_URL']}/connexion/oauth2/access_token",
        params={"realm": "/partenaire"},
        data={
            "grant_type": "client_credentials",
            "client_id": settings.API_ESD["KEY"],
            "client_secret": settings.API_ESD["SECRET"],
            "scope": f"application_{settings.API_ESD['KEY']} {scope}",
        },
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    response.raise_for_status()
    body = response.json()

    value = f"{body['token_type']} {body['access_token']}"
    expiration = datetime.datetime.now() + datetime.timedelta(seconds=body["expires_in"])
    TOKENS_CACHE[scope] = Token(value=value, expiration=expiration)
    return value
