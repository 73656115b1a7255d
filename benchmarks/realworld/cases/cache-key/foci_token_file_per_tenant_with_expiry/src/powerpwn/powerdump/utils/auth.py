import logging
import time
from typing import NamedTuple, Optional

import jwt
import msal

from .const import API_HUB_SCOPE, AZURE_CLI_APP_ID, GRAPH_API_SCOPE, POWER_APPS_SCOPE
from .token_cache import CachedToken, put_tokens, try_fetch_token

logger = logging.getLogger("powerpwn")

REFRESH_TOKEN_KEY = "cli_refresh_token"
# One cache entry per tenant and scope, each with the expiry the token endpoint gave.
TOKEN_KEY_BY_SCOPE = {API_HUB_SCOPE: "apihub_access_token", POWER_APPS_SCOPE: "powerapps_access_token"}
REFRESH_TOKEN_DAYS = 90


def _key(tenant: str, scope: str) -> str:
    return f"{tenant}:{TOKEN_KEY_BY_SCOPE[scope]}"


class Auth(NamedTuple):
    token: str
    tenant: str
    scope: str


def _cli_app(tenant: Optional[str]) -> msal.PublicClientApplication:
    if tenant:
        return msal.PublicClientApplication(AZURE_CLI_APP_ID, authority=f"https://login.microsoftonline.com/{tenant}")
    return msal.PublicClientApplication(AZURE_CLI_APP_ID)


def _tenant_of(access_token: str) -> str:
    # Reads the tenant id out of the token this tool was just given; nothing is authorised on it.
    return jwt.decode(access_token, options={"verify_signature": False}).get("tid")


def acquire_token(scope: str, tenant: Optional[str] = None) -> Auth:
    """Device-code sign-in for Graph, then the family refresh token exchanged for `scope`."""
    app = _cli_app(tenant)
    flow = app.initiate_device_flow(scopes=[GRAPH_API_SCOPE])
    print(flow["message"])
    graph = app.acquire_token_by_device_flow(flow)
    refresh_token = graph.get("refresh_token")

    result = app.acquire_token_by_refresh_token(refresh_token, scopes=[scope])
    if "access_token" not in result:
        raise RuntimeError(f"could not get a token for scope={scope}, tenant={tenant}")
    bearer = f"{result['token_type']} {result['access_token']}"
    tenant_id = tenant or _tenant_of(result["access_token"])

    now = time.time()
    put_tokens([
        CachedToken(f"{tenant_id}:{REFRESH_TOKEN_KEY}", refresh_token, now + REFRESH_TOKEN_DAYS * 86400),
        CachedToken(_key(tenant_id, scope), bearer, now + result["expires_in"]),
    ])
    logger.info("token for %s cached", scope)
    return Auth(bearer, tenant_id, scope)


def cached_or_new_token(scope: str, tenant: str) -> Auth:
    bearer = try_fetch_token(_key(tenant, scope))
    if bearer:
        return Auth(bearer, tenant, scope)
    return acquire_token(scope, tenant)
