from flask import Blueprint
from flask_caching import Cache

auth_bp = Blueprint("auth", __name__)
cache = Cache(config={"CACHE_TYPE": "SimpleCache"})
