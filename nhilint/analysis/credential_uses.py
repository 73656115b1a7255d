"""Where a credential goes, as the service it is given to (NHL302): an API client's constructor
(its class, or the host it is pointed at), an HTTP request (its host, from the `Authorization`
header or another credential header, or `auth=`), a client class whose body binds it, a
headers dict another module of the project builds around it, and a helper of the module that
sends what it is handed. Signing and encryption keys are no API credentials.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator, List, Optional, Tuple

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.credentials import Credential, credential_of, string_literal
from nhilint.analysis.http import http_call, keyword_arg, service_host, string_prefix
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.services import Service, class_words
from nhilint.analysis.names import is_credential_header, is_token_name
from nhilint.flow import module_flow
from nhilint.flow.labels import token_labels
from nhilint.flow.summary import OUTBOUND
from nhilint.project import remote
from nhilint.project.index import MAX_MENTIONING
from nhilint.walk import nodes_of

if TYPE_CHECKING:
    from nhilint.context import FileContext
    from nhilint.analysis.scope import ScopeFacts
    from nhilint.project.facts import CredentialUseExport

    # a credential given to a service: the service, how to name it, the expression holding it
    Use = Tuple[Service, str, cst.BaseExpression]

# Classes whose instances talk to one service with the credential they are given
# (`cohere.Client` as much as `SlackClient`).
_CLIENT_CLASS = compiled_on_first_use(r"^(?:[A-Z]\w*)?(Client|Api|API|Sdk|SDK|Service|Connection|Connector|Bot)$")
# An imported class given `token=` / `api_key=` is an SDK's client too (`digitalocean.Manager`,
# `CloudFlare.CloudFlare`), unless its name says it only holds data or settings.
_DATA_CLASS = compiled_on_first_use(
    r"(Config|Configuration|Settings|Options|Params|Parameters|Credentials?|Auth|Token|Key|Secret|"
    r"Request|Response|Model|Schema|Form|Serializer|Payload|Body|Data|Info|Error|Exception)$"
)
# Keywords through which a client takes an auth object or a (user, secret) pair.
_AUTH_KEYWORDS = frozenset({"auth", "basic_auth", "http_auth", "token_auth"})
KNOWN_CLIENTS = frozenset({
    "github.Github", "gitlab.Gitlab", "openai.OpenAI", "openai.AsyncOpenAI", "anthropic.Anthropic",
    "anthropic.AsyncAnthropic", "jira.JIRA", "atlassian.Jira", "atlassian.Confluence", "atlassian.Bitbucket",
    "hvac.Client", "stripe.StripeClient", "redis.Redis", "redis.StrictRedis", "pymongo.MongoClient",
    "boto3.client", "boto3.resource", "boto3.Session", "boto3.session.Session", "telegram.Bot",
    "dropbox.Dropbox", "httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession",
})
_KNOWN_CLIENT_LEAVES = frozenset(name.rsplit(".", 1)[-1] for name in KNOWN_CLIENTS)
# Clients configured with a base URL: the host tells the service, not the class.
_BASE_URL_CLIENTS = frozenset({"httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession"})
# OAuth protocol sessions, generic over providers: the provider is the host of the URLs the
# session is used with (`session.fetch_request_token("https://api.twitter.com/oauth/...")`), so
# an app's consumer secret given to one and to the provider's SDK (`twitter.Api`) is one app of
# one service; where the code shows no URL, the session is left alone (as a request to a host
# the code does not show).
_OAUTH_SESSIONS = frozenset({
    "requests_oauthlib.OAuth1Session", "requests_oauthlib.OAuth2Session",
    "authlib.integrations.requests_client.OAuth1Session", "authlib.integrations.requests_client.OAuth2Session",
    "authlib.integrations.httpx_client.OAuth1Client", "authlib.integrations.httpx_client.OAuth2Client",
    "authlib.integrations.httpx_client.AsyncOAuth1Client", "authlib.integrations.httpx_client.AsyncOAuth2Client",
})
# Keywords through which an SDK is pointed at another host than its vendor's; an identity
# provider's client (msal) is pointed at its `authority`, where the token requests go too.
_BASE_URL_KEYWORDS = frozenset({"base_url", "api_base", "endpoint", "base_uri", "host_url", "api_url", "authority"})
# Keys that sign or encrypt are not API credentials: one key for several primitives is another matter.
_SIGNING_KEY = compiled_on_first_use(r"(^|_)(secret_key|signing_key|private_key|encryption_key|salt|fernet_key)$", re.I)
_BASE_WORDS = frozenset({"base", "abstract", "generic", "default", "common", "shared"})


class CredentialUse:
    """A credential given to a client or sent to a host, as other modules can match it.
    A plain class: never compared, hashed or copied, and a dataclass costs about 3 M
    instructions to create at every start (benchmarks/README.md, speed20)."""

    __slots__ = ("key", "shown", "service", "service_shown", "node", "function", "statement")

    def __init__(self, key: str, shown: str, service: Service, service_shown: str, node: cst.CSTNode,
                 function: Optional[cst.FunctionDef], statement: Optional[cst.CSTNode]) -> None:
        self.key = key  # module-qualified identity (nhilint.project.build.qualify_key)
        self.shown = shown
        self.service = service
        self.service_shown = service_shown
        self.node = node  # the constructor or request (or the helper's request)
        self.function = function  # the function holding `node`
        self.statement = statement


def api_credential(context: "FileContext", expr: cst.BaseExpression) -> Optional[Credential]:
    """The credential `expr` holds, unless it is none or a signing or encryption key."""
    credential = credential_of(context, expr, context.facts())
    if credential is not None and not _is_api_credential(expr, credential):
        return None
    return credential


def http_use(context: "FileContext", node: cst.Call) -> Optional["Use"]:
    """An HTTP request sending a credential: the host it goes to."""
    request = http_call(context, node)
    if request is None:
        return None
    facts = context.facts()
    host = service_host(string_prefix(context, request.url, facts)[0])
    expr = _sent_credential(context, request.keyword("headers"), request.keyword("auth"))
    if host is None or expr is None:
        return None
    return ("host", host[1]), f"`{host[0]}`", expr


def client_use(context: "FileContext", node: cst.Call) -> Optional["Use"]:
    """An API client constructed with a credential: its class, or the host it is pointed at."""
    leaf = leaf_name(node)
    client_like = bool(leaf) and (_CLIENT_CLASS.match(leaf) is not None or leaf in _KNOWN_CLIENT_LEAVES)
    if not client_like and not _sdk_class_with_credential(node, leaf):
        return None  # the cheap test first: scope facts only for client-like calls
    if not any(a.keyword is not None or not a.star for a in node.args):
        return None
    facts = context.facts()
    resolved = context.qualified_name(node.func, facts)
    qualname = resolved or dotted_name(node.func)
    if qualname is None:
        return None
    if qualname not in KNOWN_CLIENTS and (
            (resolved or "").startswith(".") or _own_package(context, node, resolved or "")):
        # the project's own client classes (`from .deployments.client import DeploymentsClient`,
        # a facade's sub-clients of the one API): which service each speaks to, the code does not
        # say; another package's SDK does
        return None
    if not (qualname in KNOWN_CLIENTS or _CLIENT_CLASS.match(leaf)):
        # not a client by its name: an SDK class by the credential it takes, if imported from
        # another package (the project's own `Identity(token=...)`, a pydantic record of a
        # resolved user, is no SDK)
        imported = resolved is not None and not resolved.startswith(("builtins.", "."))
        if client_like or not imported or _own_package(context, node, resolved):  # type: ignore[arg-type]
            return None
    if qualname in _BASE_URL_CLIENTS:
        base = keyword_arg(node, "base_url")
        host = service_host(string_prefix(context, base, facts)[0])
        expr = _sent_credential(context, keyword_arg(node, "headers"), keyword_arg(node, "auth"))
        return (("host", host[1]), f"`{host[0]}`", expr) if host and expr is not None else None
    # an SDK pointed at another provider (`OpenAI(base_url="https://api.deepseek.com")`)
    # talks to that provider
    other = next((a.value for a in node.args if a.keyword is not None and a.keyword.value in _BASE_URL_KEYWORDS), None)
    host = service_host(string_prefix(context, other, facts)[0]) if other is not None else _default_address(context, node, qualname)
    if host is None and qualname in _OAUTH_SESSIONS:
        host = _session_host(context, node, facts)
        if host is None:
            return None  # a provider the code does not show, as a request to an unknown host
    if host is not None:
        return _keyword_use(context, node, ("host", host[1]), f"`{qualname}` at `{host[0]}`", client_like)
    service = ("class", _service_class(context, qualname, facts))
    return _keyword_use(context, node, service, f"`{qualname}`", client_like) or _positional_use(
        context, node, service, qualname, client_like
    )


def _default_host(context: "FileContext", qualname: str) -> Optional[Tuple[str, str]]:
    """The host a client class of this module talks to by default: its `__init__`'s address
    parameter's default (`def __init__(self, api_key, base_url="https://api.vendor.com/v1")`),
    for a call that passes none."""
    cls = context.module_classes.get(qualname) if "." not in qualname else None
    init = next((s for s in cls.body.body if isinstance(s, cst.FunctionDef) and s.name.value == "__init__"),
                None) if cls is not None and isinstance(cls.body, cst.IndentedBlock) else None
    if init is None:
        return None
    params = init.params
    default = next((p.default for p in (*params.params, *params.kwonly_params)
                    if p.name.value in _BASE_URL_KEYWORDS and p.default is not None), None)
    return service_host(string_literal(default)) if default is not None else None


def _default_address(context: "FileContext", node: cst.Call, qualname: str) -> Optional[Tuple[str, str]]:
    """_default_host for a call that passes no address: no keyword for it (the caller checks),
    and no more positional arguments than the key before it (`Api(key)`, not `Api(key, url)`)."""
    return _default_host(context, qualname) if len([a for a in node.args if a.keyword is None]) <= 1 else None


def _session_host(context: "FileContext", node: cst.Call, facts: "ScopeFacts") -> Optional[Tuple[str, str]]:
    """The one host an OAuth session bound to a local is used with in its function
    (`oauth = OAuth1Session(...)`, then `oauth.fetch_request_token(REQUEST_TOKEN_URL)`): the URLs
    handed first to its methods; None where they show none, or more than one domain."""
    assign = facts.parent_of(node)
    if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name)):
        return None
    session = assign.targets[0].target.value
    hosts = set()
    for call in facts.own_calls:
        func = call.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == session and call.args:
            host = service_host(string_prefix(context, call.args[0].value, facts)[0])
            if host is not None:
                hosts.add(host)
    return min(hosts) if len({domain for _, domain in hosts}) == 1 else None


def _service_class(context: "FileContext", qualname: str, facts: "ScopeFacts") -> str:
    """The client class whose service a constructed client talks to: a subclass of a client of
    one service (`class EnhancedTradeClient(TradeClient)`, here or in another module of the
    project) is one more client of it, up to three levels; not a generic base (`BaseClient`,
    `HttpClient`), which names no service, so two clients built on one stay two services."""
    for _ in range(3):
        bases = _class_bases(context, qualname, facts)
        base = next((b for b in bases if _names_a_service(b)), None)
        if base is None:
            # `class MockClient(Client)` with `from imednet.core.client import Client`: an SDK's
            # own core client, generic by name, is a client of the SDK's service; an HTTP
            # library's (`httpx.Client`) names none
            return next((b for b in bases if "." not in qualname and _sdk_class(context, b)), qualname)
        qualname = base
    return qualname


# packages whose client classes are transports, not a service's SDK
_TRANSPORT_PACKAGES = frozenset({
    "requests", "httpx", "aiohttp", "urllib3", "urllib", "http", "httplib2", "pycurl", "tornado", "grpc", "zeep",
    "suds", "xmlrpc", "websocket", "websockets", "socketio", "paho", "asyncio", "socket", "ssl", "abc", "typing",
    "builtins", "requests_oauthlib", "authlib", "oauthlib", "pydantic", "dataclasses",
})


def _sdk_class(context: "FileContext", qualname: str) -> bool:
    """A class imported from another package, not an HTTP library (`imednet.core.client.Client`
    in an example script): the project's own base classes (`myapp.base.Client` under two
    clients of two services) stay generic."""
    if "." not in qualname or qualname.startswith("."):
        return False
    package = qualname.split(".", 1)[0]
    return package not in _TRANSPORT_PACKAGES and package != (context.module_name or "").split(".", 1)[0]


def _class_bases(context: "FileContext", qualname: str, facts: "ScopeFacts") -> Tuple[str, ...]:
    """The bases of a class of this module (by its bare name) or of another module of the project."""
    local = context.module_classes.get(qualname) if "." not in qualname else None
    if local is not None:
        return tuple(context.qualified_name(b.value, facts) or dotted_name(b.value) or "" for b in local.bases)
    exported = remote.cls(context, qualname) if context.project is not None and "." in qualname else None
    if exported is None:
        return ()
    # a base of the other module's own is named bare there (`class LocksClient(BaseLockClient)`)
    module = qualname.rsplit(".", 1)[0]
    return tuple(base if "." in base else f"{module}.{base}" for base in exported.bases)


def _names_a_service(qualname: str) -> bool:
    """`TradeClient`, `pkg.client.TradeClient`: a client class named for a service (not
    `BaseClient`, `HttpClient`, `object`)."""
    leaf = qualname.rsplit(".", 1)[-1]
    return bool(_CLIENT_CLASS.match(leaf)) and bool(set(class_words(leaf)) - _BASE_WORDS)


def client_class_holding(context: "FileContext", target: cst.BaseExpression) -> Optional[str]:
    """The client class (`…Service`, `…Client`) whose body binds the credential named `target`
    (`class PaymentService(ServiceConnection): api_key = ...`); None elsewhere, and for a base
    class (`BaseService`, `ServiceConnection`), which names no service of its own."""
    stack = context.statement_stack
    owner = stack[-2] if len(stack) == 2 else None
    if not isinstance(owner, cst.ClassDef) or not isinstance(target, cst.Name) or not is_token_name(target.value):
        return None
    name = owner.name.value
    if _CLIENT_CLASS.match(name) is None or not set(class_words(name)) - _BASE_WORDS:
        return None
    return name


def imported_headers_use(context: "FileContext", node: cst.Call) -> Optional[Tuple[Service, str, Credential]]:
    """`requests.get(url, headers=headers)` with `headers` a dict another module of the
    project builds around a credential (`from app.config import headers`): the host, and the
    credential that module's dict holds."""
    if context.project is None:
        return None
    request = http_call(context, node)
    headers = request.keyword("headers") if request is not None else None
    facts = context.facts()
    if not isinstance(headers, (cst.Name, cst.Attribute)) or context.bound_expression(headers, facts) is not None:
        return None
    found = remote.constant(context, headers, facts)
    host = service_host(string_prefix(context, request.url, facts)[0]) if request is not None else None
    if found is None or not found.credential_headers or host is None:
        return None
    _, key, shown = found.credential_headers[0]
    if _SIGNING_KEY.search(key.rsplit(".", 1)[-1].rsplit(":", 1)[-1]):
        return None
    return ("host", host[1]), f"`{host[0]}`", Credential(key, shown)


def helper_uses(context: "FileContext", node: cst.Call) -> Iterator[
        Tuple[cst.BaseExpression, Service, str, cst.CSTNode, Optional[cst.CSTNode], Optional[cst.FunctionDef]]]:
    """`push_to_github(token)`: what a call hands helpers of the module that send it to a
    host, as (the argument, the host's service, its name, the helper's request, its statement,
    the function holding it)."""
    module = module_flow(context)
    if not module.may_run_helper(node):
        return  # the cheap test first: most calls stop here
    facts = context.facts()
    if not any(credential_of(context, arg.value, facts) is not None for arg in node.args if not arg.star):
        return  # no credential handed over: where the helper sends its arguments does not matter
    flow = module.flow(context.scope)
    helper = module.helper_sinks(flow, node)
    if helper is None:
        return
    bound, param_sinks = helper
    here = flow.scope if isinstance(flow.scope, cst.FunctionDef) else None
    for name, sinks in param_sinks.items():
        if name not in bound:
            continue
        for sink in sinks:
            host = service_host(f"https://{sink.host}/") if sink.kind == OUTBOUND and sink.host else None
            if host is not None:
                yield (bound[name], ("host", host[1]), f"`{host[0]}` (in {sink.holder}())",
                       sink.node, module.statement_of(sink.node, sink.function or here), sink.function or here)


def first_project_use(context: "FileContext", key: str) -> Optional["CredentialUseExport"]:
    """The project's first use (by path, then line) of the credential `key`, among the other
    modules that may use it; None for a literal or a local, which are not looked for elsewhere."""
    word = _search_word(key)
    if word is None:
        return None
    others = remote.elsewhere(context, word, limit=MAX_MENTIONING)
    if others is None:
        return None  # a name in too many modules to be one service's credential (a framework setting)
    return min((other for export in others for other in export.credential_uses if other.key == key),
               key=lambda other: (other.place.path, other.place.line), default=None)


def _keyword_use(context: "FileContext", node: cst.Call, service: Service, shown: str, client_like: bool) -> Optional["Use"]:
    for arg in node.args:
        if arg.keyword is not None and is_token_name(arg.keyword.value):
            return service, shown, arg.value
        if arg.keyword is not None and arg.keyword.value in _AUTH_KEYWORDS and client_like:
            sent = _sent_credential(context, None, arg.value)
            if sent is not None:
                return service, shown, sent
    return None


def _positional_use(context: "FileContext", node: cst.Call, service: Service, qualname: str,
                    client_like: bool) -> Optional["Use"]:
    if not client_like:
        return None
    positional = [a for a in node.args if a.keyword is None and not a.star]
    if positional and token_labels(module_flow(context).flow(context.scope).labels(positional[0].value)):
        return service, f"`{qualname}`", positional[0].value
    return None


def _own_package(context: "FileContext", node: cst.Call, resolved: str) -> bool:
    """Whether the class called comes from the project's own package: imported relatively
    (`from .base import Identity`), or from the package the module is in."""
    own = context.module_name.split(".", 1)[0]
    if own and "." in context.module_name and resolved.split(".", 1)[0] == own:
        return True
    if not isinstance(node.func, cst.Name):
        return False
    name = node.func.value
    # also an import inside a function (`from .hcloud_adapter import HCloudZonesClient` in the
    # branch that builds that backend's client)
    return any(
        small.relative and not isinstance(small.names, cst.ImportStar) and any(
            (alias.asname.name.value if alias.asname is not None and isinstance(alias.asname.name, cst.Name)
             else dotted_name(alias.name)) == name for alias in small.names)
        for small in _relative_imports(context))


def _relative_imports(context: "FileContext") -> List[cst.ImportFrom]:
    return context.memo("credential-uses:relative-imports", lambda: [
        node for node in nodes_of(context.module, cst.ImportFrom) if node.relative])


def _sdk_class_with_credential(node: cst.Call, leaf: str) -> bool:
    """`Manager(token=...)`: a class (CapWords) given a credential keyword."""
    if not leaf[:1].isupper() or _DATA_CLASS.search(leaf):
        return False
    return any(a.keyword is not None and is_token_name(a.keyword.value) for a in node.args)


def _sent_credential(
    context: "FileContext", headers: Optional[cst.BaseExpression], auth: Optional[cst.BaseExpression]
) -> Optional[cst.BaseExpression]:
    """The credential in a headers dict (credential header names) or an `auth=` value."""
    facts = context.facts()
    if isinstance(headers, cst.Name):
        headers = context.bound_expression(headers, facts)
    if isinstance(headers, cst.Dict):
        for element in headers.elements:
            if isinstance(element, cst.DictElement):
                key = string_literal(element.key)
                if key is not None and is_credential_header(key):
                    return element.value
    if isinstance(auth, cst.Tuple) and len(auth.elements) == 2:
        return auth.elements[1].value
    if isinstance(auth, cst.Call):
        positional = [a.value for a in auth.args if a.keyword is None and not a.star]
        return positional[-1] if positional else None
    return auth if isinstance(auth, (cst.Name, cst.Attribute)) else None


def _is_api_credential(expr: cst.BaseExpression, credential: Credential) -> bool:
    named = dotted_name(expr) if isinstance(expr, (cst.Name, cst.Attribute)) else None
    if named is not None and _SIGNING_KEY.search(named.rsplit(".", 1)[-1]):
        return False
    return not _SIGNING_KEY.search(credential.key.rsplit(".", 1)[-1].rsplit(":", 1)[-1])


def _search_word(key: str) -> Optional[str]:
    """The word (lower case) every module using the credential `key` must hold: the name of the
    module constant, setting or env var. Literals and locals are not looked for elsewhere."""
    kind, _, rest = key.partition(":")
    if kind == "module":
        return rest.rsplit(".", 1)[-1].lower() or None
    if kind in ("setting", "env"):
        return rest.lower() or None
    return None
