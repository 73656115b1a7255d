import logging

import jwt
import requests
from pyramid import authentication as base_auth
from pyramid.interfaces import IAuthenticationPolicy
from zope.interface import implementer

logger = logging.getLogger(__name__)


def fetch_openid_config(issuer):
    response = requests.get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=10)
    response.raise_for_status()
    return response.json()


@implementer(IAuthenticationPolicy)
class OpenIDConnectPolicy(base_auth.CallbackAuthenticationPolicy):
    def __init__(self, issuer, client_id, realm="Realm", **settings):
        self.realm = realm
        self.issuer = issuer
        self.client_id = client_id
        self.audience = settings.get("audience", "")
        self.header_type = settings.get("header_type", "Bearer")
        self.userid_field = settings.get("userid_field", "sub")
        self.oid_config = fetch_openid_config(issuer)
        self._jwks_client = None

    def unauthenticated_userid(self, request):
        authorization = request.headers.get("Authorization", "")
        try:
            method, access_token = authorization.split(" ", 1)
        except ValueError:
            return None
        if method.lower() != self.header_type.lower():
            return None

        profile = self._verify_token(access_token)
        if profile is None:
            return None
        request.bound_data["user_profile"] = profile
        return profile.get(self.userid_field)

    def _verify_token(self, access_token):
        # JWT access tokens are checked locally only when an audience is configured;
        # every token (JWT or opaque) is then sent to the provider's userinfo endpoint.
        if self.audience != "" and self._decode_jwt(access_token) is None:
            return None
        try:
            response = requests.get(
                self.oid_config["userinfo_endpoint"],
                headers={"Authorization": "Bearer " + access_token},
                timeout=10,
            )
            response.raise_for_status()
            return response.json()
        except (requests.exceptions.HTTPError, ValueError) as exc:
            logger.debug("Unable to fetch user profile (%s)", exc)
            return None

    def _signing_keys(self):
        if self._jwks_client is None:
            self._jwks_client = jwt.PyJWKClient(self.oid_config["jwks_uri"])
        return self._jwks_client

    def _decode_jwt(self, access_token):
        try:
            signing_key = self._signing_keys().get_signing_key_from_jwt(access_token)
            return jwt.decode(
                access_token,
                signing_key.key,
                algorithms=["RS256"],
                issuer=self.issuer,
                audience=self.audience if self.audience != "" else None,
            )
        except jwt.PyJWTError as exc:
            logger.debug("Invalid JWT access token from %s (%s)", self.issuer, exc)
            return None
