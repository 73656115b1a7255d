from authlib.integrations.sqla_oauth2 import OAuth2TokenMixin
from sqlalchemy import Column, ForeignKey, Integer, event

from flask_frame.extension.database import db
from flask_frame.extension.redis import redis_client

from .util import generate_token_cache_key


class OAuth2Token(db.Model, OAuth2TokenMixin):
    __tablename__ = "oauth2_token"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("user.id", ondelete="CASCADE"))


@event.listens_for(OAuth2Token, "after_delete")
@event.listens_for(OAuth2Token, "after_update")
def drop_cached_token(mapper, connection, target):
    # Revocation or deletion evicts the cached row at once.
    if redis_client and target.access_token:
        redis_client.delete(generate_token_cache_key(target.access_token))
