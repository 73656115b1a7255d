import requests
from django.contrib.auth import get_user_model
from django.utils.encoding import smart_str
from django.utils.translation import gettext as _
from requests.exceptions import HTTPError
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from .settings import api_settings
from .util import cache


def get_user_by_id(request, userinfo):
    User = get_user_model()
    try:
        return User.objects.get_by_natural_key(userinfo.get("sub"))
    except User.DoesNotExist:
        raise AuthenticationFailed(_("Invalid Authorization header. User not found."))


class BaseOidcAuthentication(BaseAuthentication):
    @property
    @cache(ttl=api_settings.OIDC_CONFIG_EXPIRATION_TIME)
    def oidc_config(self):
        url = api_settings.OIDC_ENDPOINT.rstrip("/") + "/.well-known/openid-configuration"
        return requests.get(url, timeout=10).json()


class BearerTokenAuthentication(BaseOidcAuthentication):
    www_authenticate_realm = "api"

    def authenticate(self, request):
        bearer_token = self.get_bearer_token(request)
        if bearer_token is None:
            return None
        try:
            userinfo = self.get_userinfo(bearer_token)
        except HTTPError:
            raise AuthenticationFailed(_("Invalid Authorization header. Unable to verify bearer token"))
        user = api_settings.OIDC_RESOLVE_USER_FUNCTION(request, userinfo)
        return user, userinfo

    def get_bearer_token(self, request):
        auth = get_authorization_header(request).split()
        if not auth or smart_str(auth[0].lower()) != api_settings.BEARER_AUTH_HEADER_PREFIX.lower():
            return None
        if len(auth) != 2:
            raise AuthenticationFailed(_("Invalid Authorization header."))
        return auth[1]

    @cache(ttl=api_settings.OIDC_BEARER_TOKEN_EXPIRATION_TIME)  # expect: NHL204
    def get_userinfo(self, token):
        endpoint = self.oidc_config.get("userinfo_endpoint", api_settings.USERINFO_ENDPOINT)
        response = requests.get(
            endpoint,
            headers={"Authorization": "Bearer {0}".format(token.decode("ascii"))},
            timeout=10,
        )
        response.raise_for_status()
        return response.json()

    def authenticate_header(self, request):
        return 'Bearer realm="{0}"'.format(self.www_authenticate_realm)
