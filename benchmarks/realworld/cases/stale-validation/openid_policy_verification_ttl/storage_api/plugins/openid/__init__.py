import hashlib
import hmac
import logging

import requests
from pyramid import authentication as base_auth
from pyramid.interfaces import IAuthenticationPolicy
from zope.interface import implementer

from .utils import fetch_openid_config

logger = logging.getLogger(__name__)


def hmac_digest(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


@implementer(IAuthenticationPolicy)
class OpenIDConnectPolicy(base_auth.CallbackAuthenticationPolicy):
    def __init__(self, issuer, client_id, realm="Realm", **kwargs):
        self.realm = realm
        self.issuer = issuer
        self.client_id = client_id
        self.header_type = kwargs.get("header_type", "Bearer")
        self.userid_field = kwargs.get("userid_field", "sub")
        # How long a profile fetched with a given token is trusted.
        self.verification_ttl = int(kwargs.get("verification_ttl_seconds", 86400))
        self.oid_config = fetch_openid_config(issuer)

    def unauthenticated_userid(self, request):
        settings = request.registry.settings
        authorization = request.headers.get("Authorization", "")
        try:
            authmeth, access_token = authorization.split(" ", 1)
        except ValueError:
            return None
        if authmeth.lower() != self.header_type.lower():
            return None

        cache_key = "openid:verify:" + hmac_digest(
            settings["userid_hmac_secret"], f"{self.issuer}:{self.client_id}:{access_token}"
        )
        payload = request.registry.cache.get(cache_key)
        if payload is None:
            payload = self._verify_token(access_token)
            if payload is None:
                return None
        # Save for next time, and refresh the TTL on every hit.
        request.registry.cache.set(cache_key, payload, ttl=self.verification_ttl)  # expect: NHL204
        request.bound_data["user_profile"] = payload
        return payload.get(self.userid_field)

    def _verify_token(self, access_token):
        uri = self.oid_config["userinfo_endpoint"]
        try:
            resp = requests.get(uri, headers={"Authorization": "Bearer " + access_token}, timeout=10)
            resp.raise_for_status()
            return resp.json()
        except (requests.exceptions.HTTPError, ValueError, KeyError) as exc:
            logger.debug("Unable to fetch user profile from %s (%s)", uri, exc)
            return None

    def forget(self, request):
        return [("WWW-Authenticate", '%s realm="%s"' % (self.header_type, self.realm))]
