from __future__ import annotations

from typing import Any, ClassVar, Dict, List, Mapping, Optional, Set, Tuple

import libcst as cst

from nhilint.analysis.credential_uses import (
    CredentialUse,
    api_credential,
    client_class_holding,
    client_use,
    first_project_use,
    helper_uses,
    http_use,
    imported_headers_use,
)
from nhilint.analysis.credentials import Credential
from nhilint.analysis.imports import dotted_name
from nhilint.analysis.names import class_name
from nhilint.analysis.services import Service, same_service
from nhilint.context import FileContext
from nhilint.project import remote
from nhilint.project.build import qualify_key
from nhilint.rule import CHECK_TESTS, Rule


class TokenSharedAcrossClients(Rule):
    """
    ## What it does
    Finds one credential (the same variable, settings attribute, env var, or equal literals;
    not literals that are placeholders, shorter than 8 characters, or references: the name of
    a field a token is read from, `"oauth_token"`, a path, an env var's name; nor a mapping of
    settings handed whole, `config`, `settings`, `options`, to a helper that gives one of its
    entries to each service) given to two or
    more different API clients, or sent in the `Authorization` header (or
    another credential header, or `auth=`) of HTTP calls to different hosts, in one file.

    Clients are classes named like clients (`…Client`, `cohere.Client`, `…Api`, `…Service`,
    `…Bot`…), known SDKs (`github.Github`, `gitlab.Gitlab`, `openai.OpenAI`, `hvac.Client`,
    `boto3.client`…), an imported class given a credential keyword (`digitalocean.Manager(token=…)`;
    not a settings or data class such as `…Config` or `…Credentials`, nor a class of the
    project's own package, imported relatively or from the package the module is in:
    `Identity(token=access_token)`, a record of the resolved user; nor the project's own
    client classes, `from .deployments.client import DeploymentsClient`, a facade's
    sub-clients of its one API: which service each speaks to, the code does not say), and
    `httpx.Client(base_url=…)`. A client's credential is a credential keyword, its first
    argument, or what it gets through `auth=` / `basic_auth=` (`Auth.Token(token)`, a
    `(user, secret)` pair). A credential bound in the body of a client class counts as given
    to it (`class PaymentService(ServiceConnection): api_key = settings.INTERNAL_API_KEY`, the
    base class sending `self.api_key`): each such class is a client of the service it is named
    after, and a base class whose name says no service (`ServiceConnection`, `BaseService`) is
    none; a class bound there (`_token_container = TokenContainer`, bitpay's resource clients:
    the type, a default standing for an annotation) is no credential. A headers dict another module of the project builds around a credential
    (`headers = {"Authorization": f"Bearer {API_KEY}"}` in `config.py`, sent by a service
    module) is that credential sent. The same class twice, packages naming one service (`slack_sdk` and
    `slack_bolt`; `octokit` and PyGithub), two hosts of one domain, two domains of one vendor
    (one's name begins the other's, four letters at least: `wyze.com` and `wyzecam.com`,
    `amazon.com` and `amazonaws.com`; the same name under another top-level domain), or a class
    named after the host's domain (`GithubClient` and `api.github.com`; an SDK whose package's
    first word, five letters at least, begins the domain's name, `scrapegraph_py.Client` and
    `api.scrapegraphai.com`; a client class of the module, by the address its `__init__`
    defaults to, `def __init__(self, api_key, base_url="https://api.scrapegraphai.com/v1")`,
    when the call passes none) is one service, and so
    is a subclass of a client named for a service (`class EnhancedTradeClient(TradeClient)`,
    here or in another module of the project, up to three levels) with that client; a generic
    base (`BaseClient`, `HttpClient`) names no service, so two clients built on one stay two;
    but a class of this module derived from another package's core client (`class
    MockClient(Client)` with `from vendorsdk.core.client import Client`, in an example script)
    is a client of that package's service (not an HTTP library's, `httpx.Client`).
    Signing and encryption keys (`SECRET_KEY`, `signing_key`) are not API credentials. Calls
    whose host is not known from the code are left alone, among them a host the code fills a
    part of in (`f"https://api.{target}.{tld}/..."`), and so are requests to a server on this
    machine (`http://localhost:8001/v1`, `127.0.0.1`, `host.docker.internal`): a developer's
    local copy of the API, a proxy or a sidecar in front of it; any service may answer there,
    and the key does not leave the machine.

    The second use is reported, at the client constructor or request; the message names the
    first client. Across modules, the uses are looked for in the modules of the project that
    name the credential (its setting, constant or env var); a name that more than 64 other
    modules hold (a framework's `SECRET_KEY`, in a folder of many projects) is not followed
    through all of them: each would be read and summarised, and the check would take minutes. One SDK class pointed at another provider (`OpenAI(api_key=KEY,
    base_url="https://api.deepseek.com")` beside `OpenAI(api_key=KEY)`) is another service. An
    OAuth session, generic over providers (requests-oauthlib's `OAuth1Session` /
    `OAuth2Session`, authlib's), is a client of the host of the URLs its function uses it with
    (`oauth.fetch_request_token("https://api.twitter.com/oauth/request_token")`: a Twitter
    app's consumer secret there and in `twitter.Api` is one app of one service); one whose URLs
    the code does not show is left alone, as a request to an unknown host.

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
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
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
        use = http_use(self.context, node) or client_use(self.context, node)
        if use is not None:
            service, shown, expr = use
            here = self.context.scope if isinstance(self.context.scope, cst.FunctionDef) else None
            self._given(expr, service, shown, node, None, here)  # reported at the constructor or request
            return
        imported = imported_headers_use(self.context, node)
        if imported is not None:
            service, shown, credential = imported
            here = self.context.scope if isinstance(self.context.scope, cst.FunctionDef) else None
            self._given(None, service, shown, node, None, here, credential)
            return
        # `push_to_github(token)` after `fetch_from_gitlab(token)`: one credential handed to
        # helpers of the module that send it to different hosts; reported at the second host's
        # request, in its helper
        for given in helper_uses(self.context, node):
            self._given(*given)

    def _given(self, expr: Optional[cst.BaseExpression], service: Service, shown: str, anchor: cst.CSTNode,
               statement: Optional[cst.CSTNode], function: Optional[cst.FunctionDef],
               credential: Optional[Credential] = None) -> None:
        """`credential`: one another module's headers dict holds (`expr` is None then)."""
        if credential is None and expr is not None:
            credential = api_credential(self.context, expr)
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

    # `class PaymentService(ServiceConnection): api_key = settings.INTERNAL_API_KEY`: each client
    # class is a client of its own service, whose methods (often a shared base class's) send
    # `self.api_key`; one credential in two of them is one credential for two services
    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1:
            self._class_credential(node.targets[0].target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._class_credential(node.target, node.value)

    def _class_credential(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        name = client_class_holding(self.context, target)
        if name is not None and not self._class_reference(value):
            # by its name, not its module: `PaymentService` and `ProductsService` of one package are
            # two services (a dotted name would compare packages, as for SDKs)
            self._given(value, ("class", name), f"`{name}`", value, None, None)

    def _class_reference(self, value: cst.BaseExpression) -> bool:
        """`_token_container = TokenContainer`: the class body binds a class (of the module, or
        imported, named in CapWords), a default standing for an annotation, not a credential."""
        named = dotted_name(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
        leaf = named.rsplit(".", 1)[-1] if named else ""
        return class_name(leaf) and (leaf in self.context.module_classes or named.split(".", 1)[0] in self.context.imports)

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
            first = first_project_use(self.context, key)
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
