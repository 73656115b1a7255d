from utils.auth import token_required
from utils.cache import cache, init_cache

__all__ = ["token_required", "cache", "init_cache"]
