from __future__ import annotations

import re
from typing import Any, ClassVar, Dict, List, Mapping, Optional, Set, Tuple

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.credentials import Credential, credential_of, string_literal
from nhilint.analysis.http import http_call, keyword_arg, string_prefix, url_host
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.services import Service, class_words, same_service
from nhilint.analysis.names import is_credential_header, is_token_name
from nhilint.context import FileContext
from nhilint.flow import module_flow
from nhilint.flow.labels import token_labels
from nhilint.flow.summary import OUTBOUND
from nhilint.project import remote
from nhilint.project.build import qualify_key
from nhilint.project.index import MAX_MENTIONING
from nhilint.rule import CHECK_TESTS, Rule

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


class TokenSharedAcrossClients(Rule):
    """
    ## What it does
    Finds one credential (the same variable, settings attribute, env var, or equal literals;
    not literals that are placeholders, shorter than 8 characters, or references: the name of
    a field a token is read from, `"oauth_token"`, a path, an env var's name) given to two or
    more different API clients, or sent in the `Authorization` header (or
    another credential header, or `auth=`) of HTTP calls to different hosts, in one file.

    Clients are classes named like clients (`…Client`, `cohere.Client`, `…Api`, `…Service`,
    `…Bot`…), known SDKs (`github.Github`, `gitlab.Gitlab`, `openai.OpenAI`, `hvac.Client`,
    `boto3.client`…), an imported class given a credential keyword (`digitalocean.Manager(token=…)`;
    not a settings or data class such as `…Config` or `…Credentials`), and
    `httpx.Client(base_url=…)`. A client's credential is a credential keyword, its first
    argument, or what it gets through `auth=` / `basic_auth=` (`Auth.Token(token)`, a
    `(user, secret)` pair). A credential bound in the body of a client class counts as given
    to it (`class PaymentService(ServiceConnection): api_key = settings.INTERNAL_API_KEY`, the
    base class sending `self.api_key`): each such class is a client of the service it is named
    after, and a base class whose name says no service (`ServiceConnection`, `BaseService`) is
    none. A headers dict another module of the project builds around a credential
    (`headers = {"Authorization": f"Bearer {API_KEY}"}` in `config.py`, sent by a service
    module) is that credential sent. The same class twice, packages naming one service (`slack_sdk` and
    `slack_bolt`; `octokit` and PyGithub), two hosts of one domain, or a class named after the
    host's domain (`GithubClient` and `api.github.com`) is one service.
    Signing and encryption keys (`SECRET_KEY`, `signing_key`) are not API credentials. Calls
    whose host is not known from the code are left alone.

    The second use is reported, at the client constructor or request; the message names the
    first client. Across modules, the uses are looked for in the modules of the project that
    name the credential (its setting, constant or env var); a name that more than 64 other
    modules hold (a framework's `SECRET_KEY`, in a folder of many projects) is not followed
    through all of them: each would be read and summarised, and the check would take minutes. One SDK class pointed at another provider (`OpenAI(api_key=KEY,
    base_url="https://api.deepseek.com")` beside `OpenAI(api_key=KEY)`) is another service.

    ## Why is this bad?
    A credential shared by several clients has the union of their permissions: a leak in any
    one of them exposes all the services, rotation has to be coordinated across all of them, and
    the audit logs of each service cannot tell the workloads apart (OWASP NHI-02; NHI9:2025 NHI
    Reuse; CWE-653, CWE-522).

    ## Example
    ```python
    import os

    import requests

    TOKEN = os.environ["SERVICE_TOKEN"]

    def sync():
        issues = requests.get("https://api.tracker.example.com/issues",
                              headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5)
        requests.post("https://hooks.chat.example.org/notify",
                      headers={"Authorization": f"Bearer {TOKEN}"}, json=issues.json(), timeout=5)
    ```

    ## Use instead
    ```python
    import os

    import requests

    TRACKER_TOKEN = os.environ["TRACKER_TOKEN"]
    CHAT_TOKEN = os.environ["CHAT_TOKEN"]

    def sync():
        issues = requests.get("https://api.tracker.example.com/issues",
                              headers={"Authorization": f"Bearer {TRACKER_TOKEN}"}, timeout=5)
        requests.post("https://hooks.chat.example.org/notify",
                      headers={"Authorization": f"Bearer {CHAT_TOKEN}"}, json=issues.json(), timeout=5)
    ```

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory, a pytest plugin
      module defining fixtures). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [OWASP Non-Human Identities Top 10 2025: NHI9 NHI Reuse](https://owasp.org/www-project-non-human-identities-top-10/2025/9-nhi-reuse/)
    - [OWASP Secrets Management Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html)
    - CWE-653, CWE-522
    """

    code = "NHL302"
    name = "token-shared-across-clients"
    family: ClassVar[str] = "token-sharing"
    summary = "One credential is given to clients of different services"
    severity = "medium"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI9:2025",)
    cwe = (653, 522)
    options = {"check-tests": CHECK_TESTS}
    # credential names (keywords, headers: `api-key` as in `X-Api-Key`) and the auth keywords
    words = (
        "token", "bearer", "jwt", "api_key", "apikey", "api-key", "subscription-key", "secret", "credential",
        "password", "passwd", "authorization", "auth=", "auth =",
    )

    def __init__(self, context: FileContext, options: Mapping[str, Any]) -> None:
        super().__init__(context, options)
        # credential identity -> the first service it was given to, and how to name it
        self._first: Dict[str, Tuple[Service, str, cst.CSTNode]] = {}
        self._reported: Set[int] = set()
        # every use of the module, for the other modules of the project (nhilint.project.build)
        self.uses: List[CredentialUse] = []
        # set when the module is read for its export: record the uses, report nothing
        self.collect_only = False

    def visit_Call(self, node: cst.Call) -> None:
        use = self._http_use(node) or self._client_use(node)
        if use is not None:
            service, shown, expr = use
            here = self.context.scope if isinstance(self.context.scope, cst.FunctionDef) else None
            self._given(expr, service, shown, node, None, here)  # reported at the constructor or request
            return
        if not self._imported_headers_use(node):
            self._through_helper(node)

    def _given(self, expr: Optional[cst.BaseExpression], service: Service, shown: str, anchor: cst.CSTNode,
               statement: Optional[cst.CSTNode], function: Optional[cst.FunctionDef],
               credential: Optional[Credential] = None) -> None:
        """`credential`: one another module's headers dict holds (`expr` is None then)."""
        if credential is None and expr is not None:
            credential = credential_of(self.context, expr, self.context.facts())
            if credential is not None and not self._is_api_credential(expr, credential):
                return
        if credential is None:
            return
        held = statement if statement is not None else (self.context.statement_stack[-1] if self.context.statement_stack else None)
        key = qualify_key(self.context, credential.key)  # `API_KEY` imported is its module's
        self.uses.append(CredentialUse(key, credential.shown, service, shown, anchor, function, held))
        first = self._first.get(key)
        if first is None:
            self._first[key] = (service, shown, anchor)
        elif self.collect_only:
            return
        elif not same_service(first[0], service) and id(anchor) not in self._reported:
            self._reported.add(id(anchor))
            self.report(
                anchor,
                f"{credential.shown} is given to {shown} and also to {first[1]}: "
                "give each client its own credential",
                statement=statement,
                related=[(None, first[2], f"{credential.shown} is first given to {first[1]} here")],
            )

    # `class PaymentService(ServiceConnection): api_key = settings.INTERNAL_API_KEY`
    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1:
            self._class_credential(node.targets[0].target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._class_credential(node.target, node.value)

    def _class_credential(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        """A credential bound in the body of a client class (`…Service`, `…Client`): each such
        class is a client of its own service, whose methods (often a shared base class's) send
        `self.api_key`; one credential in two of them is one credential for two services."""
        stack = self.context.statement_stack
        owner = stack[-2] if len(stack) == 2 else None
        if not isinstance(owner, cst.ClassDef) or not isinstance(target, cst.Name) or not is_token_name(target.value):
            return
        name = owner.name.value
        # a base class (`BaseService`, `ServiceConnection`) names no service of its own
        if _CLIENT_CLASS.match(name) is None or not set(class_words(name)) - _BASE_WORDS:
            return
        # by its name, not its module: `PaymentService` and `ProductsService` of one package are
        # two services (a dotted name would compare packages, as for SDKs)
        self._given(value, ("class", name), f"`{name}`", value, None, None)

    def _through_helper(self, node: cst.Call) -> None:
        """`push_to_github(token)` after `fetch_from_gitlab(token)`: one credential handed to
        helpers of the module that send it to different hosts; reported at the second host's
        request, in its helper."""
        module = module_flow(self.context)
        if not module.may_run_helper(node):
            return  # the cheap test first: most calls stop here
        facts = self.context.facts()
        if not any(credential_of(self.context, arg.value, facts) is not None for arg in node.args if not arg.star):
            return  # no credential handed over: where the helper sends its arguments does not matter
        flow = self.flow()
        helper = module.helper_sinks(flow, node)
        if helper is None:
            return
        bound, param_sinks = helper
        here = flow.scope if isinstance(flow.scope, cst.FunctionDef) else None
        for name, sinks in param_sinks.items():
            if name not in bound:
                continue
            for sink in sinks:
                host = url_host(f"https://{sink.host}/") if sink.kind == OUTBOUND and sink.host else None
                if host is not None:
                    self._given(bound[name], ("host", host[1]), f"`{host[0]}` (in {sink.holder}())",
                                sink.node, module.statement_of(sink.node, sink.function or here), sink.function or here)

    # -- the other modules of the project ---------------------------------------------------
    def leave_Module(self, original_node: cst.Module) -> None:
        """`settings.BOT_TOKEN` given to GitHub in one module and to Slack in another: the
        project's first use (by path, then line) is the reference, as the first use of a file is
        within it; each use of this module for another service than that one is reported here.
        When the first use is in this module, the other modules report theirs."""
        if self.collect_only or self.context.project is None or not self.uses:
            return
        here = remote.own_path(self.context)
        for key in dict.fromkeys(use.key for use in self.uses):
            word = _search_word(key)
            if word is None:
                continue
            others = remote.elsewhere(self.context, word, limit=MAX_MENTIONING)
            if others is None:
                continue  # a name in too many modules to be one service's credential (a framework setting)
            first = min((other for export in others
                         for other in export.credential_uses if other.key == key),
                        key=lambda other: (other.place.path, other.place.line), default=None)
            if first is None or first.place.path > here:
                continue
            where = remote.shown_path(self.context, first.place.path)
            for use in self.uses:
                if use.key != key or same_service(first.service, use.service) or id(use.node) in self._reported:
                    continue
                self._reported.add(id(use.node))
                self.report(
                    use.node,
                    f"{use.shown} is given to {use.service_shown} and also to {first.service_shown} "
                    f"(in {where}:{first.place.line}): give each client its own credential",
                    statement=use.statement,
                    related=[(first.place.path, first.place.line,
                              f"{first.shown} is first given to {first.service_shown} here")],
                )

    def _imported_headers_use(self, node: cst.Call) -> bool:
        """`requests.get(url, headers=headers)` with `headers` a dict another module of the
        project builds around a credential (`from app.config import headers`)."""
        if self.context.project is None:
            return False
        request = http_call(self.context, node)
        headers = request.keyword("headers") if request is not None else None
        facts = self.context.facts()
        if not isinstance(headers, (cst.Name, cst.Attribute)) or self.context.bound_expression(headers, facts) is not None:
            return False
        found = remote.constant(self.context, headers, facts)
        host = url_host(string_prefix(self.context, request.url, facts)[0]) if request is not None else None
        if found is None or not found.credential_headers or host is None:
            return False
        _, key, shown = found.credential_headers[0]
        if _SIGNING_KEY.search(key.rsplit(".", 1)[-1].rsplit(":", 1)[-1]):
            return False
        here = self.context.scope if isinstance(self.context.scope, cst.FunctionDef) else None
        self._given(None, ("host", host[1]), f"`{host[0]}`", node, None, here, Credential(key, shown))
        return True

    # -- where a credential goes ------------------------------------------------------------
    def _http_use(self, node: cst.Call) -> Optional[Tuple[Service, str, cst.BaseExpression]]:
        request = http_call(self.context, node)
        if request is None:
            return None
        facts = self.context.facts()
        host = url_host(string_prefix(self.context, request.url, facts)[0])
        expr = self._sent_credential(request.keyword("headers"), request.keyword("auth"))
        if host is None or expr is None:
            return None
        return ("host", host[1]), f"`{host[0]}`", expr

    def _client_use(self, node: cst.Call) -> Optional[Tuple[Service, str, cst.BaseExpression]]:
        leaf = leaf_name(node)
        client_like = bool(leaf) and (_CLIENT_CLASS.match(leaf) is not None or leaf in _KNOWN_CLIENT_LEAVES)
        if not client_like and not self._sdk_class_with_credential(node, leaf):
            return None  # the cheap test first: scope facts only for client-like calls
        if not any(a.keyword is not None or not a.star for a in node.args):
            return None
        facts = self.context.facts()
        resolved = self.context.qualified_name(node.func, facts)
        qualname = resolved or dotted_name(node.func)
        if qualname is None:
            return None
        if not (qualname in KNOWN_CLIENTS or _CLIENT_CLASS.match(leaf)):
            # not a client by its name: an SDK class by the credential it takes, if imported
            imported = resolved is not None and not resolved.startswith(("builtins.", "."))
            if client_like or not imported:
                return None
        if qualname in _BASE_URL_CLIENTS:
            base = keyword_arg(node, "base_url")
            host = url_host(string_prefix(self.context, base, facts)[0])
            expr = self._sent_credential(keyword_arg(node, "headers"), keyword_arg(node, "auth"))
            return (("host", host[1]), f"`{host[0]}`", expr) if host and expr is not None else None
        # an SDK pointed at another provider (`OpenAI(base_url="https://api.deepseek.com")`)
        # talks to that provider
        other = next((a.value for a in node.args if a.keyword is not None and a.keyword.value in _BASE_URL_KEYWORDS), None)
        host = url_host(string_prefix(self.context, other, facts)[0]) if other is not None else None
        if host is not None:
            return self._keyword_use(node, ("host", host[1]), f"`{qualname}` at `{host[0]}`", client_like)
        return self._keyword_use(node, ("class", qualname), f"`{qualname}`", client_like) or self._positional_use(
            node, qualname, client_like
        )

    def _keyword_use(self, node: cst.Call, service: Service, shown: str, client_like: bool) -> Optional[Tuple[Service, str, cst.BaseExpression]]:
        for arg in node.args:
            if arg.keyword is not None and is_token_name(arg.keyword.value):
                return service, shown, arg.value
            if arg.keyword is not None and arg.keyword.value in _AUTH_KEYWORDS and client_like:
                sent = self._sent_credential(None, arg.value)
                if sent is not None:
                    return service, shown, sent
        return None

    def _positional_use(self, node: cst.Call, qualname: str, client_like: bool) -> Optional[Tuple[Service, str, cst.BaseExpression]]:
        if not client_like:
            return None
        positional = [a for a in node.args if a.keyword is None and not a.star]
        if positional and token_labels(self.flow().labels(positional[0].value)):
            return ("class", qualname), f"`{qualname}`", positional[0].value
        return None


    @staticmethod
    def _sdk_class_with_credential(node: cst.Call, leaf: str) -> bool:
        """`Manager(token=...)`: a class (CapWords) given a credential keyword."""
        if not leaf[:1].isupper() or _DATA_CLASS.search(leaf):
            return False
        return any(a.keyword is not None and is_token_name(a.keyword.value) for a in node.args)

    def _sent_credential(
        self, headers: Optional[cst.BaseExpression], auth: Optional[cst.BaseExpression]
    ) -> Optional[cst.BaseExpression]:
        """The credential in a headers dict (credential header names) or an `auth=` value."""
        facts = self.context.facts()
        if isinstance(headers, cst.Name):
            headers = self.context.bound_expression(headers, facts)
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

    def _is_api_credential(self, expr: cst.BaseExpression, credential: Credential) -> bool:
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

