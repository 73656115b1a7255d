import codecs
import pickle

from authlib.integrations.flask_oauth2 import ResourceProtector
from authlib.oauth2.rfc6750 import BearerTokenValidator

from flask_frame.extension.redis import redis_client

from ..model import OAuth2Token
from ..util import generate_token_cache_key

# Seconds a token row is reused before the database is asked again.
TOKEN_ROW_CACHE_SECONDS = 10


class CachedBearerTokenValidator(BearerTokenValidator):
    def authenticate_token(self, token_string):
        key = generate_token_cache_key(token_string)
        token = None
        if redis_client:
            raw = redis_client.get(key)
            if raw:
                token = pickle.loads(codecs.decode(raw.encode(), "base64"))
        if token is None:
            token = OAuth2Token.query.filter_by(access_token=token_string).first()
            if token is not None and redis_client:
                redis_client.set(
                    key,
                    codecs.encode(pickle.dumps(token), "base64").decode(),
                    ex=TOKEN_ROW_CACHE_SECONDS,
                )
        # BearerTokenValidator.validate_token still checks expiry, revocation
        # and scope on every request, cached row or not.
        return token


require_oauth = ResourceProtector()
require_oauth.register_token_validator(CachedBearerTokenValidator())
