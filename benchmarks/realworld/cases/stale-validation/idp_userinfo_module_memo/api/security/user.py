import os

from auth0.authentication import Users

auth0_domain = os.environ["AUTH0_DOMAIN"]

TOKEN_CACHE = {}


# Who is calling: the IdP's userinfo answer for the bearer token.
def user_from_token(token):
    cached_user = TOKEN_CACHE.get(token)
    if cached_user:
        return cached_user
    myuser = Users(auth0_domain).userinfo(token)
    TOKEN_CACHE[token] = myuser  # expect: NHL203
    return myuser
