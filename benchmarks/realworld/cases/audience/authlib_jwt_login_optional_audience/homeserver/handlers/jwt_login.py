from authlib.jose import JsonWebToken, JWTClaims
from authlib.jose.errors import BadSignatureError, InvalidClaimError, JoseError

from homeserver.api.errors import Codes, LoginError


class JwtLoginHandler:
    def __init__(self, hs):
        self.hostname = hs.hostname
        self.jwt_secret = hs.config.jwt.jwt_secret
        self.jwt_algorithm = hs.config.jwt.jwt_algorithm
        self.jwt_subject_claim = hs.config.jwt.jwt_subject_claim
        self.jwt_issuer = hs.config.jwt.jwt_issuer
        self.jwt_audiences = hs.config.jwt.jwt_audiences

    def validate_login(self, submission: dict) -> str:
        token = submission.get("token")
        if token is None:
            raise LoginError(403, "Token field for JWT is missing", errcode=Codes.FORBIDDEN)

        jwt = JsonWebToken([self.jwt_algorithm])
        claims_options = {}
        if self.jwt_issuer is not None:
            claims_options["iss"] = {"value": self.jwt_issuer, "essential": True}
        if self.jwt_audiences is not None:
            claims_options["aud"] = {"values": self.jwt_audiences, "essential": True}

        try:
            claims = jwt.decode(token, key=self.jwt_secret, claims_cls=JWTClaims, claims_options=claims_options)
        except BadSignatureError:
            raise LoginError(403, "JWT validation failed: Signature verification failed", errcode=Codes.FORBIDDEN)
        except JoseError as exc:
            raise LoginError(403, f"JWT validation failed: {exc}", errcode=Codes.FORBIDDEN)

        try:
            claims.validate(leeway=120)
            # A token that names an audience is refused unless audiences are configured.
            if claims.get("aud") is not None and not self.jwt_audiences:
                raise InvalidClaimError("aud")
        except JoseError as exc:
            raise LoginError(403, f"JWT validation failed: {exc}", errcode=Codes.FORBIDDEN)

        user = claims.get(self.jwt_subject_claim)
        if user is None:
            raise LoginError(403, "Invalid JWT", errcode=Codes.FORBIDDEN)
        return f"@{user}:{self.hostname}"
