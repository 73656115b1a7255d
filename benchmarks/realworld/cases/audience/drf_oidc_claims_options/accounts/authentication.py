import time

import requests
from authlib.jose import JsonWebKey, jwt
from authlib.jose.errors import BadSignatureError, DecodeError, ExpiredTokenError, JoseError
from authlib.oidc.core.claims import IDToken
from django.contrib.auth import get_user_model
from django.utils.encoding import smart_str
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from .oidc_settings import JWT_AUTH_HEADER_PREFIX, OIDC_CLAIMS_OPTIONS, OIDC_ENDPOINT


class StaffIDToken(IDToken):
    def validate_exp(self, now, leeway):
        super().validate_exp(now, leeway)
        if now > self["exp"]:
            raise AuthenticationFailed("Invalid Authorization header. JWT has expired.")


class OIDCTokenAuthentication(BaseAuthentication):
    www_authenticate_realm = "api"

    def _discovery(self):
        url = OIDC_ENDPOINT.rstrip("/") + "/.well-known/openid-configuration"
        return requests.get(url, timeout=10).json()

    def _key_set(self):
        response = requests.get(self._discovery()["jwks_uri"], timeout=10)
        response.raise_for_status()
        return JsonWebKey.import_key_set(response.json())

    def authenticate(self, request):
        raw = self._raw_token(request)
        if raw is None:
            return None
        id_token = self._decode(raw)
        self._check_claims(id_token)
        user = get_user_model().objects.get_by_natural_key(id_token.get("sub"))
        return user, id_token

    def _raw_token(self, request):
        parts = get_authorization_header(request).split()
        if not parts or smart_str(parts[0].lower()) != JWT_AUTH_HEADER_PREFIX.lower():
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("Invalid Authorization header.")
        return parts[1]

    def _decode(self, raw):
        try:
            return jwt.decode(  # expect: NHL101
                raw.decode("ascii"),
                self._key_set(),
                claims_cls=StaffIDToken,
                claims_options=OIDC_CLAIMS_OPTIONS,
            )
        except (BadSignatureError, DecodeError):
            raise AuthenticationFailed("Invalid Authorization header. JWT Signature verification failed.")

    def _check_claims(self, id_token):
        try:
            id_token.validate(now=int(time.time()), leeway=30)
        except ExpiredTokenError:
            raise AuthenticationFailed("Invalid Authorization header. JWT has expired.")
        except JoseError as exc:
            raise AuthenticationFailed(str(exc))

    def authenticate_header(self, request):
        return f'JWT realm="{self.www_authenticate_realm}"'
