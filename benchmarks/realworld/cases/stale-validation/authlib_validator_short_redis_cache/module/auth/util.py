def generate_token_cache_key(token_string):
    """Cache key for the stored token row of an access token."""
    return f"user_auth:token:{token_string}"
