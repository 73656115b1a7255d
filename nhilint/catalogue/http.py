"""HTTP clients: request functions, client methods, and the headers that carry a credential."""

from __future__ import annotations

from typing import Mapping

# Module-level request functions, by qualified name -> index of the URL argument.
HTTP_FUNCTIONS: Mapping[str, int] = {
    **{f"requests.{verb}": 0 for verb in ("get", "post", "put", "patch", "delete", "head", "options")},
    "requests.request": 1,
    **{f"httpx.{verb}": 0 for verb in ("get", "post", "put", "patch", "delete", "head", "options", "stream")},
    "httpx.request": 1,
    "urllib.request.urlopen": 0,
    "urllib.request.Request": 0,
}
# Methods of session / client objects built elsewhere (requests.Session, httpx.Client,
# aiohttp.ClientSession, urllib3.PoolManager): recognised by name plus an HTTP keyword.
HTTP_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request", "stream"})
HTTP_KEYWORDS = frozenset({"headers", "params", "verify", "json", "data", "timeout", "auth", "cookies", "ssl"})
# Header names that carry a credential.
CREDENTIAL_HEADERS = frozenset({
    "authorization", "proxy-authorization", "x-api-key", "api-key", "apikey", "x-auth-token",
    "x-access-token", "private-token", "x-goog-api-key", "ocp-apim-subscription-key",
})
