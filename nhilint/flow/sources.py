"""Sources: the expressions whose value the catalogue names, and what kind of value that is.

A token source call (`app.acquire_token_for_client(...)`, a token endpoint's JSON), a
verifier (`jwt.decode`, introspection, firebase-admin), a minter (`jwt.encode`), the
incoming request's credential, an environment variable or setting named as a credential, a
logger factory, an HTTP client. Everything here is recognised from the catalogue and the call's
own shape; what flows from there is the business of nhilint.flow.function.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, FrozenSet, Optional, Set

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.jwt_calls import jwt_call
from nhilint.analysis.names import (
    ANTI_FORGERY_WORDS,
    class_name,
    is_credential_header,
    is_token_name,
    names_plain_secret,
    names_plain_token,
)
from nhilint.catalogue.caches import CACHE_OBJECTS
from nhilint.catalogue.http import CREDENTIAL_HEADERS, HTTP_CLIENT_CLASSES, REQUEST_NAMES, REQUEST_TYPES, WEB_FRAMEWORKS
from nhilint.catalogue.jwt import CLAIMS_REGISTRY, DECODE, ENCODE, JWCRYPTO_TOKEN, MINT_WITH_LIFETIME, UNVERIFIED as UNVERIFIED_ROLE
from nhilint.catalogue.loggers import LOGGER_FACTORIES, LOGGER_OBJECTS
from nhilint.catalogue.tokens import (
    AUTHENTICATION_BASES,
    AUTHENTICATION_METHODS,
    INTROSPECTION_METHODS,
    NOT_TOKEN_SOURCES,
    OTHER_TOKEN_DOMAINS,
    SECRET_SCANNER_WORDS,
    SECRET_STORE,
    SECRET_STORE_READS,
    TOKEN_FIELDS,
    TOKEN_GETTER_PATTERN,
    TOKEN_MINTER_PATTERN,
    TOKEN_SOURCE_METHODS,
    VERIFIER_METHODS,
    VERIFIERS,
    VERIFYING_ENDPOINT_WORDS,
)
from nhilint.flow.labels import (
    CACHE,
    CREDENTIAL,
    CLAIMS,
    FETCHED,
    HTTP_CLIENT,
    INBOUND,
    INBOUND_HEADERS,
    LOGGER,
    MINTED,
    NAMED,
    NONE,
    UNVERIFIED,
    Label,
    Labels,
)

if TYPE_CHECKING:
    from nhilint.context import FileContext
    from nhilint.flow.function import FunctionFlow

TOKEN_GETTER = compiled_on_first_use(TOKEN_GETTER_PATTERN, re.I)
TOKEN_MINTER = compiled_on_first_use(TOKEN_MINTER_PATTERN, re.I)
_VERB = compiled_on_first_use(r"^(fetch|get|acquire|request|refresh|obtain|issue|new|mint|generate|create|make|sign)_?", re.I)
_META_HEADERS = frozenset("http_" + h.replace("-", "_") for h in CREDENTIAL_HEADERS)
_FASTAPI_PARAMS = frozenset({"Header", "Depends", "Security"})
_CREDENTIAL_TYPES = frozenset({"HTTPAuthorizationCredentials", "HTTPBasicCredentials"})
_VERIFYING_ROLES = frozenset({DECODE, CLAIMS_REGISTRY, JWCRYPTO_TOKEN})


def call_source(flow: "FunctionFlow", call: cst.Call) -> Optional[Labels]:
    """The labels of a call the catalogue knows as a source, or None for any other call."""
    context = flow.context
    leaf = leaf_name(call)
    jc = jwt_call(context, call, flow.facts)
    if jc is not None:
        role = jc.api.role
        if role in (ENCODE, MINT_WITH_LIFETIME):
            return frozenset({Label(MINTED, call)})
        if role == UNVERIFIED_ROLE or (role in _VERIFYING_ROLES and jc.unverified_reason is not None):
            return frozenset({Label(UNVERIFIED, call)})
        if role in _VERIFYING_ROLES:
            return frozenset({Label(CLAIMS, call)})
        return None
    if is_token_source_call(flow, call):
        inputs = flow.call_inputs(call)
        # a token endpoint's JSON: what reached the request chose the token; a token source's
        # own arguments (the scope of `get_token(scope)`) choose it
        selectors = inputs if leaf_name(call) == "json" else flow.argument_inputs(call)
        options = flow.passed_on_options()
        if options is not None:
            selectors = selectors - {f"param:{options}"}  # `post(url, data=..., **kwargs)`: transport options
        return frozenset({Label(FETCHED, call, inputs=inputs, selectors=selectors)})
    qualname = context.qualified_name(call.func, flow.facts) if _worth_resolving(leaf) else None
    if qualname in VERIFIERS or leaf in INTROSPECTION_METHODS:
        return frozenset({Label(CLAIMS, call)})
    if leaf in VERIFIER_METHODS and _library_method(flow, call):
        return frozenset({Label(CLAIMS, call)})
    if leaf in AUTHENTICATION_METHODS and authentication_class(flow) and _library_method(flow, call):
        return frozenset({Label(CLAIMS, call)})  # `super().authenticate(request)` in a DRF authentication class
    if qualname in LOGGER_FACTORIES:
        return frozenset({Label(LOGGER, call)})
    if qualname in HTTP_CLIENT_CLASSES or _client_subclass(context, call.func):
        return frozenset({Label(HTTP_CLIENT, call)})
    if qualname in CACHE_OBJECTS:
        return frozenset({Label(CACHE, call, detail=CACHE_OBJECTS[qualname])})
    if leaf in SECRET_STORE_READS and _secret_store_read(call, leaf):
        return frozenset({Label(CREDENTIAL, call, detail=SECRET_STORE)})
    if leaf == "get_authorization_header" and len(call.args) == 1 and call.args[0].keyword is None:
        # Django REST framework's `get_authorization_header(request)`; not an SDK's own
        # `authorization.get_authorization_header()`, the header it sends (checkout-sdk), nor a
        # signer's `OAuth.get_authorization_header(uri=..., method=...)` (mastercard-oauth1-signer)
        return frozenset({Label(INBOUND, call)})
    if leaf in ("post", "get") and call.args and verifying_endpoint(flow, call.args[0].value):
        return frozenset({Label(CLAIMS, call)})  # RFC 7662 introspection, userinfo
    return None


def _secret_store_read(call: cst.Call, leaf: str) -> bool:
    """A secret store's read (nhilint.catalogue.tokens.SECRET_STORE_READS) on a client object:
    boto3's `get_secret_value` names its `SecretId` (pydantic's `SecretStr.get_secret_value()`
    takes nothing: the value it wraps, followed as such)."""
    if not isinstance(call.func, cst.Attribute):
        return False
    if leaf == "get_secret_value":
        return any(arg.keyword is not None and arg.keyword.value == "SecretId" for arg in call.args) \
            or any(arg.star == "**" for arg in call.args)
    return True


def _client_subclass(context: "FileContext", func: cst.BaseExpression) -> bool:
    """`RetryingSession(...)`, a class of this module deriving from an HTTP client class
    (`class RetryingSession(aiohttp.ClientSession)`): a client as its base is."""
    cls = context.module_classes.get(func.value) if isinstance(func, cst.Name) else None
    for _ in range(3):
        if cls is None:
            return False
        bases = [base.value for base in cls.bases if base.keyword is None]
        if any(context.qualified_name(base) in HTTP_CLIENT_CLASSES for base in bases):
            return True
        cls = next((context.module_classes.get(base.value) for base in bases if isinstance(base, cst.Name)), None)
    return False


def _worth_resolving(leaf: str) -> bool:
    return bool(leaf) and (
        leaf.startswith(("verify", "validate", "get", "auth")) or leaf in _OBJECT_FACTORIES
    )


_OBJECT_FACTORIES = frozenset({
    "Session", "session", "Client", "AsyncClient", "ClientSession", "PoolManager", "LoggerAdapter",
    *(name.rsplit(".", 1)[-1] for name in CACHE_OBJECTS),
})


def authentication_class(flow: "FunctionFlow") -> bool:
    """Whether the function is a method of a framework authentication class (Django REST
    framework's `BaseAuthentication`, a Django auth backend, a FastAPI `HTTPBearer`...)."""
    owner = flow.owner
    if owner is None:
        return False
    for cls in flow.module.lineage(owner):
        for base in cls.bases:
            if (dotted_name(base.value) or "").rsplit(".", 1)[-1] in AUTHENTICATION_BASES:
                return True
    return False


def _library_method(flow: "FunctionFlow", call: cst.Call) -> bool:
    """`super().authenticate_credentials(key)`, `auth.verify_id_token(t)`: a method the module
    does not define itself (its own are followed through their summaries)."""
    return flow.module.resolve(flow, call) is None


# a getter of an anti-forgery token (names.ANTI_FORGERY_WORDS): `get_csrf_token()`, MediaWiki's
# `get_edit_token()`, Rails' authenticity token; `edit` only before `token` (`edit_page()` is no getter)
_ANTI_FORGERY = compiled_on_first_use(
    "|".join(word for word in ANTI_FORGERY_WORDS if word != "edit") + r"|edit_?token", re.I)


def is_token_source_call(flow: "FunctionFlow", call: cst.Call) -> bool:
    """A call that obtains an access token: msal, azure-identity, OAuth clients, a token
    endpoint's JSON with a token field read from it, the project's own token sources."""
    context = flow.context
    leaf = leaf_name(call)
    if _ANTI_FORGERY.search(leaf):
        return False
    sources = context.catalogue.token_sources
    if sources and context.qualified_name(call.func, flow.facts) in sources:
        return True
    if leaf in TOKEN_SOURCE_METHODS:
        # the module's own `get_token()` is followed through its summary (it may return a
        # model object looked up by the token), and so is another module's of the project
        # (`config.get_token()` returning what an environment variable or the keyring holds); a
        # library's is a token source by its name
        return context.qualified_name(call.func, flow.facts) not in NOT_TOKEN_SOURCES and _library_method(flow, call) \
            and flow.module.remote(flow, call) is None
    if leaf == "json":  # requests.post(token_url).json()["access_token"]
        from nhilint.analysis.jwt_calls import result_uses

        return bool(result_uses(context, call, flow.facts).keys_read & TOKEN_FIELDS)
    return False


# getters named for a token and nothing more (in a module of another kind of token, its own)
_PLAIN_GETTERS = frozenset({"get_token", "read_token", "next_token"})


def other_token_domain(context: "FileContext") -> bool:
    """The module's text says its tokens are something else (catalogue OTHER_TOKEN_DOMAINS):
    asked once per file."""
    return context.memo("other-token-domain", lambda: context.mentions(*OTHER_TOKEN_DOMAINS))


def secret_scanner(context: "FileContext") -> bool:
    """The module's text says it is a secret scanner's (catalogue SECRET_SCANNER_WORDS)."""
    return context.memo("secret-scanner", lambda: context.mentions(*SECRET_SCANNER_WORDS))


def without_other_domain(flow: "FunctionFlow", tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Token labels less what a plain name alone says (`token`, `tokens`) in a module whose
    text says its tokens are something else (a WebDAV lock's, a lexer's words, a CAPTCHA's
    answer): `access_token`, `api_key` still name credentials. So `secret`, `secrets` in a
    secret scanner's module: the scan's findings (`secret.secret_value` still names one)."""
    if not any(label.kind == NAMED for label in tokens):
        return tokens
    if other_token_domain(flow.context):
        tokens = frozenset(label for label in tokens if not (label.kind == NAMED and names_plain_token(label.detail)))
    if secret_scanner(flow.context):
        tokens = frozenset(label for label in tokens if not (label.kind == NAMED and names_plain_secret(label.detail)))
    return tokens


def named_getter(flow: "FunctionFlow", call: cst.Call) -> Optional[str]:
    """A call the module cannot follow, named as a token getter (`get_access_token()`:
    FETCHED) or minter (`new_api_token()`: MINTED); None for any other."""
    leaf = leaf_name(call)
    if _ANTI_FORGERY.search(leaf):
        return None
    noun = _VERB.sub("", leaf.lstrip("_"))
    if (leaf.lstrip("_") in _PLAIN_GETTERS or names_plain_token(noun)) and other_token_domain(flow.context):
        # a lexer's `get_token()`, a lock manager's, an OTP server's `get_one_token(serial=...)`
        # (a device): no credential there
        return None
    getter, minter = TOKEN_GETTER.search(leaf), TOKEN_MINTER.search(leaf)
    kind = FETCHED if getter else MINTED if minter else None
    if kind is None or flow.context.qualified_name(call.func, flow.facts) in NOT_TOKEN_SOURCES:
        return None
    # what it gets must be a credential: `get_next_token()` is a pagination cursor
    if noun and not is_token_name(noun) and noun.lower() not in ("token", "jwt"):
        return None
    return kind


def verifying_endpoint(flow: "FunctionFlow", url: cst.BaseExpression) -> bool:
    """A URL that is, or is named as, an endpoint answering whether a token is valid
    (`INTROSPECTION_URL`, f"{issuer}/userinfo")."""
    from nhilint.analysis.http import string_prefix

    text = (string_prefix(flow.context, url, flow.facts)[0] or "").lower()
    if any(word in text for word in VERIFYING_ENDPOINT_WORDS):
        return True
    if isinstance(url, cst.Name):
        if url.value in flow.context.module_classes or class_name(url.value):
            return False  # `storage.get(TokenInfo, key)`: a class (CapWords), the type of what is kept
        bound = flow.context.bound_expression(url, flow.facts)
        url = bound if bound is not None else url
    written = flow.context.module.code_for_node(url).lower()
    return any(word.strip("/") in written for word in VERIFYING_ENDPOINT_WORDS)


def logger_object(flow: "FunctionFlow", expr: cst.BaseExpression) -> bool:
    """`logging` itself, loguru's `logger`: objects that are loggers by their import."""
    if not isinstance(expr, (cst.Name, cst.Attribute)):
        return False
    return flow.context.qualified_name(expr, flow.facts) in LOGGER_OBJECTS


# -- the incoming request -------------------------------------------------------------------------


def handles_requests(flow: "FunctionFlow") -> bool:
    """Whether the module imports a web framework: only there is `request` an incoming one."""
    def compute() -> bool:
        imported = flow.context.imports.values()
        return any(name == f or name.startswith(f + ".") for name in imported for f in WEB_FRAMEWORKS)

    return flow.context.memo("handles-requests", compute)


def is_request(flow: "FunctionFlow", expr: cst.BaseExpression) -> bool:
    """The incoming request: `request` in a module that imports a web framework, a parameter
    typed as a framework request, Flask's `request` proxy."""
    dotted = dotted_name(expr)
    if dotted is None:
        return False
    head = dotted.split(".", 1)[0]
    if dotted in flow.request_params():
        return True
    if dotted in REQUEST_NAMES and handles_requests(flow):
        return head not in flow.facts.bindings or dotted == "self.request"  # not a local `request = Request(...)`
    return flow.context.qualified_name(expr, flow.facts) == "flask.request"


def request_params(flow: "FunctionFlow", function: cst.FunctionDef) -> FrozenSet[str]:
    """Parameters typed as a web framework's request (not an HTTP client's, `httpx.Request`)."""
    found = set()
    for param in function.params.params:
        if _annotation_leaf(param) not in REQUEST_TYPES or param.annotation is None:
            continue
        annotation = param.annotation.annotation
        target = annotation.value if isinstance(annotation, cst.Subscript) else annotation
        qualname = flow.context.qualified_name(target, None) if isinstance(target, (cst.Name, cst.Attribute)) else None
        # a web framework's request type; any other `Request` (httpx's, a vendored client's
        # `httpx2.Request`, requests') is an outbound request being built
        if qualname is not None and not any(qualname == f or qualname.startswith(f + ".") for f in WEB_FRAMEWORKS):
            continue
        if isinstance(target, cst.Name) and target.value in flow.context.module_classes:
            continue  # the module's own `HttpRequest` dataclass, which its transport sends
        found.add(param.name.value)
    return frozenset(found)


def inbound_header_key(key: cst.BaseExpression) -> Optional[bool]:
    """For a header read by name: True for a credential header, False for another, None when
    the name is not known."""
    text = header_name(key)
    if text is None:
        return None
    return credential_header_name(text)


def credential_header_name(text: str) -> bool:
    return is_credential_header(text) or text.lower() in _META_HEADERS


def header_name(key: cst.BaseExpression) -> Optional[str]:
    """The header a mapping key names: a string literal, or aiohttp's `hdrs.AUTHORIZATION`
    (also spelled `aiohttp.hdrs.AUTHORIZATION`). Django's `HTTP_AUTHORIZATION` gives
    `AUTHORIZATION`."""
    text = string_literal(key)
    if text is None:
        owner, _, constant = (dotted_name(key) or "").rpartition(".")
        if owner.rsplit(".", 1)[-1] != "hdrs":
            return None
        text = constant.replace("_", "-")
    if text.upper().startswith("HTTP_"):
        text = text[len("HTTP_"):].replace("_", "-")
    return text


def _annotation_leaf(param: cst.Param) -> str:
    if param.annotation is None:
        return ""
    annotation = param.annotation.annotation
    if isinstance(annotation, cst.Subscript):  # Optional[Request], Annotated[str, Header()]
        annotation = annotation.value
    dotted = dotted_name(annotation) if isinstance(annotation, (cst.Name, cst.Attribute)) else None
    return dotted.rsplit(".", 1)[-1] if dotted else ""


def inbound_params(function: cst.FunctionDef) -> Set[str]:
    """FastAPI parameters that hold the caller's credential: `authorization: str = Header()`,
    `token: str = Depends(oauth2_scheme)`, `credentials: HTTPAuthorizationCredentials = Security(bearer)`."""
    found = set()
    for param in (*function.params.params, *function.params.kwonly_params):
        if _annotation_leaf(param) in _CREDENTIAL_TYPES:
            found.add(param.name.value)
            continue
        default = _fastapi_marker(param)
        if default is not None:
            alias = next((string_literal(a.value) for a in default.args if a.keyword and a.keyword.value == "alias"), None)
            header = (alias or param.name.value).lower().replace("_", "-")
            if is_credential_header(header) or (leaf_name(default) != "Header" and is_token_name(param.name.value)):
                found.add(param.name.value)
    return found


def _fastapi_marker(param: cst.Param) -> Optional[cst.Call]:
    """`Header()` / `Depends(...)` / `Security(...)` of a FastAPI parameter: its default, or
    the metadata of `Annotated[str, Header()]`."""
    candidates = [param.default] if param.default is not None else []
    annotation = param.annotation.annotation if param.annotation is not None else None
    if isinstance(annotation, cst.Subscript) and (dotted_name(annotation.value) or "").endswith("Annotated"):
        candidates += [element.slice.value for element in annotation.slice[1:] if isinstance(element.slice, cst.Index)]
    return next((c for c in candidates if isinstance(c, cst.Call) and leaf_name(c) in _FASTAPI_PARAMS), None)


def request_part(flow: "FunctionFlow", expr: cst.Attribute) -> Optional[Labels]:
    """`request.headers` / `request.META` (all the headers), `request.authorization` (the
    credential), Django's `request.session.session_key` (the session cookie's value: whoever
    holds it is logged in), or None for another attribute."""
    if expr.attr.value == "session_key" and isinstance(expr.value, cst.Attribute) \
            and expr.value.attr.value == "session" and is_request(flow, expr.value.value):
        return frozenset({Label(INBOUND, expr)})
    if not is_request(flow, expr.value):
        return None
    attr = expr.attr.value
    if attr in ("headers", "META"):
        return frozenset({Label(INBOUND_HEADERS, expr)})
    if attr == "authorization":
        return frozenset({Label(INBOUND, expr)})
    return NONE


# declared types that hold no credential: counts, flags, times, and the tokens of Python's own
# lexer (`token: TokenInfo` of the tokenize module: a word of source text)
NON_NUMERIC_ANNOTATIONS = frozenset({"int", "float", "bool", "datetime", "timedelta", "date", "Decimal", "TokenInfo"})


def numeric_annotation(param: cst.Param) -> bool:
    """`estimated_tokens: int`, `with_refresh_token: Optional[bool]`: a count or a flag,
    whatever it is called; `token: TokenInfo`, a lexer's token."""
    return declared_type(param) in NON_NUMERIC_ANNOTATIONS


def flag_default(param: cst.Param) -> bool:
    """`decode_token=True`, `refresh_token=False`: by its default, a flag (whether to decode
    the token, whether to ask for a refresh token), whatever it is called."""
    return isinstance(param.default, cst.Name) and param.default.value in ("True", "False")


def header_name_default(param: cst.Param) -> bool:
    """`auth_header="Authorization"`, `header="X-Api-Key"`: by its default, the parameter names
    the header a credential goes in, not the credential."""
    text = string_literal(param.default) if param.default is not None else None
    return text is not None and credential_header_name(text)


# The wrappers that declare the type they hold, as its first subscript.
_TYPE_WRAPPERS = frozenset({"Optional", "Annotated"})


def declared_type(param: cst.Param) -> str:
    """The last name of the type a parameter is declared with, out of its wrapper:
    `HTTPAuthorizationCredentials` of `Optional[...]`, `Annotated[..., Depends(scheme)]` and
    `... | None`; '' without one. (`_annotation_leaf` keeps the wrapper's own name.)"""
    return annotation_type(param.annotation)


def annotation_type(declared: Optional[cst.Annotation]) -> str:
    """The last name of the type an annotation declares, out of its wrapper (as declared_type)."""
    annotation = declared.annotation if declared is not None else None
    if isinstance(annotation, cst.Subscript) and (dotted_name(annotation.value) or "").rsplit(".", 1)[-1] in _TYPE_WRAPPERS:
        first = annotation.slice[0].slice if annotation.slice else None
        annotation = first.value if isinstance(first, cst.Index) else None
    elif isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
        if dotted_name(annotation.right) == "None":  # `bool | None`
            annotation = annotation.left
    dotted = dotted_name(annotation) if isinstance(annotation, (cst.Name, cst.Attribute)) else None
    return dotted.rsplit(".", 1)[-1] if dotted else ""


# The name of a token endpoint's URL (`self.token_url`, `TOKEN_ENDPOINT`, `access_token_url`),
# whole: `revoke_token_url` and `token_url_template` are not one.
_TOKEN_ENDPOINT_NAME = compiled_on_first_use(r"^_*(access_|oauth2?_)?token_(url|uri|endpoint)$", re.I)


def sends_token_request(flow: "FunctionFlow", call: cst.Call) -> bool:
    """A call given an OAuth token request's body: a dict with a `grant_type` entry (RFC 6749
    §4.1.3, §4.4.2, §6); or sent to the token endpoint, its URL named for it
    (`self.httpfetch(self.token_url, method="POST", body=urlencode(params))`, the body built by
    another method)."""
    for arg in call.args:
        if arg.keyword is None or arg.keyword.value == "url":  # `session.request("POST", self.token_url)`
            url = arg.value
            named = url.value if isinstance(url, cst.Name) else url.attr.value if isinstance(url, cst.Attribute) else ""
            if named and _TOKEN_ENDPOINT_NAME.search(named):
                return True
    return sends_grant(flow, call)


def token_request_part(flow: "FunctionFlow", value: cst.BaseExpression) -> bool:
    """Whether a value handed to a request helper makes its request a token request: a body
    with a `grant_type` entry, a URL named for the token endpoint (`self.token_url`), or one
    whose path ends in `/token` (`f"{HOST}/oauth2/token"`, also through a constant)."""
    from nhilint.analysis.values import DictValue

    shape = type(value)  # exact type tests: cheaper than an isinstance of a libcst class
    named = value.value if shape is cst.Name else value.attr.value if shape is cst.Attribute else ""  # type: ignore[attr-defined]
    # the substring test first: compiling the pattern costs more than most files' calls
    if "token_" in named.lower() and _TOKEN_ENDPOINT_NAME.search(named):
        return True
    if shape not in _REQUEST_PART_SHAPES and not (shape is cst.Call and leaf_name(value) == "urlencode"):  # type: ignore[arg-type]
        return False  # a call's result, a subscript, a comprehension: no URL or grant we can read
    if named and not any(word in named.lower() for word in _REQUEST_PART_WORDS):
        return False  # `options`, `key`, `self.algorithm`: not evaluated, most calls hand these
    evaluated = flow.context.evaluator.value(_form_encoded(flow, value), flow.facts)
    if isinstance(evaluated, DictValue):
        return evaluated.has("grant_type") is True
    if isinstance(evaluated, str):
        return evaluated.split("?", 1)[0].rstrip("/").lower().endswith("/token")
    return False


# what names a URL or body handed to a request helper: `AUTH_URL`, `self.token_uri`, `grant`,
# `data`, `payload`, `form`, `login_params`, `credentials`
_REQUEST_PART_WORDS = ("url", "uri", "endpoint", "token", "auth", "grant", "data", "body", "payload", "form", "param", "cred", "login")
_REQUEST_PART_SHAPES = frozenset({
    cst.Name, cst.Attribute, cst.Dict, cst.SimpleString, cst.FormattedString, cst.ConcatenatedString, cst.BinaryOperation,
})


def sends_grant(flow: "FunctionFlow", call: cst.Call) -> bool:
    """A call given an OAuth grant: a body with a `grant_type` entry, whose answer (RFC 6749
    §5.1) holds the access token. A token endpoint known only by its URL's name may answer
    otherwise (Keystone's v3 tokens come in a header; the body is their metadata)."""
    from nhilint.analysis.values import DictValue

    for arg in call.args:
        value = flow.context.evaluator.value(_form_encoded(flow, arg.value), flow.facts)
        if isinstance(value, DictValue) and value.has("grant_type") is True:
            return True
    return False


def _form_encoded(flow: "FunctionFlow", body: cst.BaseExpression) -> cst.BaseExpression:
    """The dict a form body is encoded from (`urlencode({"grant_type": ...})`, also through a
    local name bound to it); the body itself otherwise."""
    if isinstance(body, cst.Name):
        body = flow.context.bound_expression(body, flow.facts) or body
    if isinstance(body, cst.Call) and leaf_name(body) == "urlencode" and body.args and body.args[0].keyword is None:
        return body.args[0].value
    return body
