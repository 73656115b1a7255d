import logging
from typing import List, TypedDict, cast

import requests
from fastapi.security import OAuth2AuthorizationCodeBearer
from jose import jwt

keycloak_url = "https://sso.example.edu/auth/"
realm_name = "members"
client_id = "members-api"

realm_response = requests.get(f"{keycloak_url}realms/{realm_name}", timeout=10)
if not realm_response.ok:
    logging.fatal(realm_response.text)
    raise RuntimeError("Unable to fetch Keycloak realm metadata")

REALM_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\n" + realm_response.json()["public_key"] + "\n-----END PUBLIC KEY-----"

oauth2_scheme = OAuth2AuthorizationCodeBearer(
    authorizationUrl=f"{keycloak_url}realms/{realm_name}/protocol/openid-connect/auth",
    tokenUrl=f"{keycloak_url}realms/{realm_name}/protocol/openid-connect/token",
    scheme_name="keycloak_auth",
)


class RawUserToken(TypedDict):
    exp: int
    iss: str
    aud: List[str]
    azp: str
    preferred_username: str
    email: str
    name: str
    groups: List[str]


class UserToken:
    def __init__(self, raw: RawUserToken) -> None:
        self.username = raw["preferred_username"]
        self.email = raw["email"]
        self.name = raw.get("name", "")
        self.groups = raw.get("groups", [])
        self.raw = raw


def decode_token(token: str) -> UserToken:
    raw = cast(
        RawUserToken,
        jwt.decode(  # expect: NHL101
            token,
            key=REALM_PUBLIC_KEY,
            audience=client_id,
            algorithms=["RS256"],
            options={"verify_aud": False, "require_exp": True},
        ),
    )
    return UserToken(raw)
