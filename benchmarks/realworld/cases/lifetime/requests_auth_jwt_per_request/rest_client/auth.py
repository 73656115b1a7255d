import datetime

import jwt
from requests.auth import AuthBase


class JwtAuth(AuthBase):
    """Signs a fresh short-lived JWT for every outgoing request (legacy service-to-service auth)."""

    def __init__(self, username, full_name, email, signing_key, issuer=None, expires_in=30, tracking_context=None):
        self.issuer = issuer
        self.expires_in = expires_in
        self.username = username
        self.email = email
        self.full_name = full_name
        self.signing_key = signing_key
        self.tracking_context = tracking_context

    def __call__(self, r):
        now = datetime.datetime.utcnow()
        data = {"username": self.username, "full_name": self.full_name, "email": self.email, "iat": now}
        if self.issuer:
            data["iss"] = self.issuer
        if self.expires_in:
            data["exp"] = now + datetime.timedelta(seconds=self.expires_in)
        if self.tracking_context is not None:
            data["tracking_context"] = self.tracking_context
        r.headers["Authorization"] = "JWT {jwt}".format(jwt=jwt.encode(data, self.signing_key, algorithm="HS256"))
        return r


class SuppliedJwtAuth(AuthBase):
    """Attaches a JWT obtained elsewhere."""

    def __init__(self, token):
        self.token = token

    def __call__(self, r):
        r.headers["Authorization"] = f"JWT {self.token}"
        return r
