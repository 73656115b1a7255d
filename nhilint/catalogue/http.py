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
# Constructors of HTTP clients; their `headers=` / `auth=` go with every request they send.
HTTP_CLIENT_CLASSES = frozenset({
    "requests.Session", "requests.session", "requests.sessions.Session", "httpx.Client", "httpx.AsyncClient",
    "aiohttp.ClientSession", "urllib3.PoolManager", "urllib3.HTTPSConnectionPool",
})
# httpx's transports, whose own `verify=` decides for the client they are handed to (NHL405)
HTTPX_TRANSPORTS = frozenset({"httpx.HTTPTransport", "httpx.AsyncHTTPTransport"})
# Web frameworks: a module that imports one of these handles incoming requests, so its
# `request` is inbound; elsewhere a `request` is as often an outbound one being built.
WEB_FRAMEWORKS = frozenset({
    "flask", "django", "rest_framework", "fastapi", "starlette", "aiohttp.web", "tornado", "falcon",
    "sanic", "quart", "pyramid", "bottle", "litestar", "werkzeug", "ninja", "connexion", "chalice",
})
# Names an incoming request goes by in a handler, and its types.
REQUEST_NAMES = frozenset({"request", "req", "self.request", "flask.request"})
REQUEST_TYPES = frozenset({"Request", "HttpRequest", "WSGIRequest", "ASGIRequest", "BaseRequest", "HTTPConnection"})
# Attributes only an incoming request has (Django, DRF, Flask, Starlette): an outbound
# `requests.Request` / `httpx.Request` has none of them.
INCOMING_REQUEST_ONLY = frozenset({
    "session", "user", "META", "COOKIES", "GET", "POST", "FILES", "query_params",
    "build_absolute_uri", "get_host", "is_secure", "get_full_path", "remote_addr", "client",
})
# Providers whose API takes the credential only in the query string (as documented when this
# list was written): a token in their URLs is their design, not the caller's choice. NHL403
# reports it at low confidence and says so; the option `allow-hosts` silences a host.
QUERY_ONLY_HOSTS = frozenset({
    "graph.facebook.com", "graph.instagram.com", "api.instagram.com", "api.weibo.com", "api.weixin.qq.com",
    "api.stackexchange.com", "api.steampowered.com", "disqus.com", "api.foursquare.com",
    "www.googleapis.com", "customsearch.googleapis.com", "api.mojeek.com", "api.serpstack.com",
    "openapi.baidu.com", "api.untappd.com", "api-ssl.bitly.com", "api.gumroad.com", "api.ok.ru",
    "api.draugiem.lv", "api.telegram.org", "api.openweathermap.org", "maps.googleapis.com",
    "api.odnoklassniki.ru", "graph.qq.com", "serpapi.com",
    # Firebase Authentication's REST API takes the project's Web API key as `?key=` only, and
    # the Realtime Database's takes a user's ID token as `?auth=` only
    "identitytoolkit.googleapis.com", "securetoken.googleapis.com", "firebaseio.com",
    # retired APIs whose documentation took the token as a query parameter only (code that still
    # calls them cannot move it; the call itself is the thing to remove)
    "apis.daum.net", "api.edmodo.com",
    # VK's API and OAuth endpoint take the token and the app's secret as request parameters (a
    # GET's query, or a POST's form), never in a header: its access_token endpoint is a GET
    "api.vk.com", "oauth.vk.com",
    # Mapbox's web service APIs take the access token as `?access_token=` (their documented way;
    # no Authorization header); NCBI's E-utilities take `api_key` as a request parameter
    "api.mapbox.com", "eutils.ncbi.nlm.nih.gov",
})
# URLs of an identity provider's endpoints about the caller's own token (validating it with its
# issuer, exchanging it): sending the caller's token there is what the token is for.
# (`/auth/me`, `/whoami`: an auth service's answer of whom the token belongs to, userinfo by
# another name; not a resource API's `/me`, Microsoft Graph's, which serves the token's holder)
IDENTITY_PROVIDER_PATTERN = (
    r"user_?info|introspect|token_?info|token_endpoint|/token\b|/oauth2?/|openid|\.well-known|/auth/me\b|/whoami\b"
)

# Class attributes library authentication classes set, read as `self.<name>` in a subclass's
# methods (checked against django-ninja 1.7: `HttpBearer.header = "Authorization"`, as
# HttpBasicAuth's): a header read under `self.header` there is the Authorization header.
LIBRARY_CLASS_CONSTANTS = {
    "ninja.security.http.HttpBearer": {"header": "Authorization"},
    "ninja.security.HttpBearer": {"header": "Authorization"},
    "ninja.security.http.HttpBasicAuth": {"header": "Authorization"},
    "ninja.security.HttpBasicAuth": {"header": "Authorization"},
}
