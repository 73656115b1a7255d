from flask import Blueprint
from flask_caching import Cache

auth_bp = Blueprint("auth", __name__)
# Google's signing certificates, by key id.
cache = Cache(config={"CACHE_TYPE": "SimpleCache"})

from . import views  # noqa: E402,F401
