from redis import Redis

PAYPAL_TOKEN_KEY = "PAYPAL_AUTH_TOKEN"


def get_paypal_auth_token(redis_client: Redis):
    return redis_client.get(PAYPAL_TOKEN_KEY)


def set_paypal_auth_token(redis_client: Redis, auth_token: str, expires_in: int) -> None:
    # The key disappears when PayPal says the token does.
    redis_client.set(PAYPAL_TOKEN_KEY, auth_token, ex=expires_in)
