import os
from binascii import hexlify

from dynaconf import Dynaconf, Validator

settings = Dynaconf(settings_file=os.path.join(os.environ.get("BAZARR_CONFIG_DIR", "/config"), "config.yaml"))

settings.validators.register(
    Validator("auth.apikey", must_exist=True, default=hexlify(os.urandom(16)).decode(), is_type_of=str),
    Validator("sonarr.ip", must_exist=True, default="127.0.0.1", is_type_of=str),
    Validator("sonarr.port", must_exist=True, default=8989, is_type_of=int),
    Validator("sonarr.base_url", must_exist=True, default="/", is_type_of=str),
    Validator("sonarr.ssl", must_exist=True, default=False, is_type_of=bool),
    Validator("sonarr.http_timeout", must_exist=True, default=60, is_type_of=int),
    Validator("sonarr.apikey", must_exist=True, default="", is_type_of=str),
)
settings.validators.validate()
