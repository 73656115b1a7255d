import jwt
from jwt import InvalidAlgorithmError, InvalidTokenError


class TokenBackendError(Exception):
    pass


class TokenBackend:
    def __init__(self, algorithm, signing_key=None, verifying_key=None, audience=None, issuer=None):
        self.algorithm = algorithm
        self.signing_key = signing_key
        self.audience = audience
        self.issuer = issuer
        self.verifying_key = signing_key if algorithm.startswith("HS") else verifying_key

    def encode(self, payload):
        claims = payload.copy()
        if self.audience is not None:
            claims["aud"] = self.audience
        if self.issuer is not None:
            claims["iss"] = self.issuer
        return jwt.encode(claims, self.signing_key, algorithm=self.algorithm)

    def decode(self, token, verify=True):
        try:
            return jwt.decode(
                token,
                self.verifying_key,
                algorithms=[self.algorithm],
                audience=self.audience,
                issuer=self.issuer,
                options={"verify_aud": self.audience is not None, "verify_signature": verify},
            )
        except InvalidAlgorithmError as exc:
            raise TokenBackendError("Invalid algorithm specified") from exc
        except InvalidTokenError as exc:
            raise TokenBackendError("Token is invalid or expired") from exc
