class JWTConfig:
    """The `jwt_config` section of the server configuration."""

    section = "jwt"

    def read_config(self, config: dict) -> None:
        jwt_config = config.get("jwt_config", None)
        if jwt_config and jwt_config.get("enabled", False):
            self.jwt_enabled = True
            self.jwt_secret = jwt_config["secret"]
            self.jwt_algorithm = jwt_config["algorithm"]
            self.jwt_subject_claim = jwt_config.get("subject_claim", "sub")
            self.jwt_issuer = jwt_config.get("issuer")
            self.jwt_audiences = jwt_config.get("audiences")
        else:
            self.jwt_enabled = False
            self.jwt_secret = None
            self.jwt_algorithm = None
            self.jwt_subject_claim = None
            self.jwt_issuer = None
            self.jwt_audiences = None
