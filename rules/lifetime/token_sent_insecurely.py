from __future__ import annotations

from typing import ClassVar, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.http import insecure_http_host, keyword_arg, literal_false, on_this_machine, string_prefix
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.credentials import string_literal
from nhilint.catalogue.http import HTTPX_TRANSPORTS
from nhilint.analysis.names import is_credential_header, is_token_name
from nhilint.analysis.syntax import is_none
from nhilint.analysis.tls import unverified_context
from nhilint.analysis.values import option_default
from nhilint.analysis.tls_logins import LOGIN_CALLS, UNVERIFIED_WORDS
from nhilint.analysis.tls_sockets import SOCKET_SENDS
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import HTTP_CLIENT, token_labels
from nhilint.flow.reaching import in_a_branch
from nhilint.flow.sinks import Outbound, auth_values, credential_values, may_send, outbound_request, returned_credential_values
from nhilint.flow.sources import header_name
from nhilint.rule import CHECK_TESTS, Rule


# keyword arguments of SDK clients that switch certificate verification off when False
_VERIFY_OFF = frozenset({"verify", "verify_ssl", "ssl_verify", "verify_certs", "verify_tls", "ssl_verification"})
# calls that serialise a body mapping by hand: the mapping's entries are what is sent
_SERIALISERS = frozenset({"json.dumps", "urllib.parse.urlencode"})
# keywords that give such a client the server's address
_ADDRESS = frozenset({"url", "base_url", "host", "hosts", "endpoint", "server", "server_url", "api_url", "address"})


def _verify_false(node: cst.Call) -> Optional[cst.Arg]:
    """The call's literal `verify=False` keyword, if it has one."""
    return next((arg for arg in node.args if arg.keyword is not None and arg.keyword.value == "verify"
                 and isinstance(arg.value, cst.Name) and arg.value.value == "False"), None)





def _set_once_in_constructor(flow: FunctionFlow, value: Optional[cst.BaseExpression]) -> Optional[bool]:
    """The value of the switch `verify=self.verify_ssl` (or `verify=not self.insecure`) where
    the class sets the attribute once, in `__init__`, to a literal: what every object of the
    class sends with unless its user overwrites the attribute. None where it is anything else."""
    negated = isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Not)
    attribute = value.expression if negated else value  # type: ignore[union-attr]
    if not isinstance(attribute, cst.Attribute) or not flow.is_self(attribute.value) or flow.owner is None:
        return None
    writes = flow.module.attribute_writes(flow.owner, attribute.attr.value)
    if len(writes) != 1 or writes[0][0] is None or writes[0][0].name.value != "__init__":
        return None
    written = writes[0][1]
    if not isinstance(written, cst.Name) or written.value not in ("True", "False"):
        return None
    held = written.value == "True"
    return not held if negated else held

class TokenSentInsecurely(Rule):
    """
    ## What it does
    Finds an HTTP request that carries a bearer token or API key (an `Authorization` or API-key
    header holding a token value, also in the headers a helper of the module returns,
    `headers=self._bearer_token()`, or that the object keeps so built and copies per call,
    `headers=self.request_headers.copy()`; a prepared request sent again,
    `session.send(r.request, verify=False)` after `r.request.headers["Authorization"] = ...`;
    an `auth=` argument, or a session given such a header or
    `auth` earlier in the function (also made with it, `async with
    aiohttp.ClientSession(headers={"Authorization": token}) as session:`, the headers also a
    property of a client of the module, `headers=self.client.default_headers`) or, for a session kept in `self`, in any method of the
    class: `self.session.headers.update({"Authorization": ...})` in `__init__`) and either
    switches certificate verification off (`verify=False`, `ssl=False`; also off by default:
    `verify=self.validate_cert` with `self.validate_cert = os.getenv("VALIDATE_CERT",
    "False").lower() == "true"` in `__init__`, or a module constant so made, `in ("1", "true")`
    too; or an option the constructor reads with that default, `self.ssl_verify =
    optional_args.get("ssl_verify", False)`, or made a flag with no default,
    `bool(kwargs.get("verify"))`, or read so in the sending function itself, `verify =
    details.get("hive_verify", False)` then `verify=verify` (with no default, None, requests
    checks the certificate), or a parameter of `__init__` with that default,
    `def __init__(self, server, token, ssl_verify=False)` then `self.ssl_verify = ssl_verify`,
    or an attribute every method setting it leaves False at the defaults, `self.cert = False`
    in `__init__` and `self.cert = cert` in `connect(self, host, api_token, cert=False)`, or
    one the class sets once, in `__init__`, to a literal (`self.verify_ssl = False`; negated at
    the call, `verify=not self.insecure` of `self.insecure = True`; also a parameter so,
    `def obtain_token(url, user, password, insecure=True)` with `verify=not insecure`):
    every deployment that does not set the variable, the option or the argument runs without the
    check; a literal `verify=False` given with a credential (`auth=`, credential headers, a
    query or body mapping holding one) to a helper of the module that hands its `**kwargs` on to
    the request, `download_file(url, path, verify=False, auth=auth)`, reported at that call; a
    token handed to a helper of the module whose request always has `verify=False` and sends
    what it is handed (`self._post(f"users/_login?password={password}")` with `def _post(self,
    url): return requests.post(self.api_url + url, verify=False)`; or whose request is opened
    with a TLS context that checks no certificate, `urlopen(req, context=ctx)` with
    `ctx.verify_mode = ssl.CERT_NONE` in the helper), reported at the call that
    hands it (a helper whose request carries a credential of its own is reported there); a local set to False under a test that
    holds at the defaults, `if not verify: ctx = False` with `verify` an environment variable
    off by default; not a switch
    on by default, nor one the code cannot read, a parameter, nor a local set to False only
    under a test the code cannot decide at its defaults, `if not get_bool(props,
    "ssl_secure"): ctx = False`: the user's option) or goes to a plain
    `http://` URL on a host that is not loopback (nor a cloud instance metadata service,
    `169.254.169.254`, `metadata.google.internal`: reachable only from the machine itself,
    and spoken to in plain http by design, AWS IMDSv2's session token included; a request whose
    URL is written out to a loopback host, `https://localhost:8443/nifi-api`, is not reported
    with the certificate check off either: no one is between the two ends). A token or API key in the URL itself or in
    its query parameters (`?apikey=...`, `params={"appid": API_KEY}`, `params=dict(APPID=api_key)`;
    also a plain name under a credential's query key however the URL is built, as NHL403 reads
    it: `"http://api.example.net/where?station={}&apikey={}".format(station, key)`, the `%`,
    `+` or f-string form, bound to a name first) goes along too,
    and so does one in the body (`json={"uid": uid, "token": login_jwt}`, a login form's
    `data={"password": password}`: an entry named for a credential, not a literal; also
    serialised by hand, `data=json.dumps(body)`, one mapping down, `{"method": "login",
    "params": {"password": password}}`, and stored in the body's dict before the request,
    `body["accessToken"] = token`; not a CAPTCHA's answer under its form field,
    `{"g-recaptcha-response": token}`: a one-use proof the widget gives anyone who solves it).
    A TLS context that checks no certificate switches the check off too: urllib's
    `urlopen(req, context=ctx)` (the `Request` made in the function: its headers, a header
    added with `add_header`, its URL, its body, also urlencoded), httpx's `verify=ctx`,
    aiohttp's `ssl=ctx`, with `ctx` made by `ssl._create_unverified_context()`, given
    `verify_mode = ssl.CERT_NONE` on every path (under an `if`, `if not cfg.hostname_check:`,
    it is the user's option), or an `ssl.SSLContext()` of a protocol other than
    `PROTOCOL_TLS_CLIENT` (its mode starts at CERT_NONE, checked with CPython 3.11, and loading
    a CA file does not change it), also kept on the client (`self.ssl_context`) when the
    caller hands in none; not a context the caller alone hands in. So does aiohttp's
    `TCPConnector(ssl=False)` (or `verify_ssl=False`) given as the request's `connector=`, or
    to the `aiohttp.ClientSession` the function makes and sends the request through (also
    the module's own subclass of it, `class RetryingSession(aiohttp.ClientSession)`), or to
    the session the object keeps where the class writes it once (`self.session =
    aiohttp.ClientSession(connector=..., auth=aiohttp.BasicAuth(user, password))` in
    `__init__`, then `self.session.get(url)`; the credential given there goes along), or to
    the one session the module keeps at its top (`session = ClientSession(connector=
    TCPConnector(verify_ssl=False))`, used by the module's functions). So does
    an HTTP client made with `verify=False` by the function or once by the object
    (`async with httpx.AsyncClient(base_url=url, verify=False) as client:` then
    `client.post("/login", data={"password": password})`), or given a transport so made,
    `httpx.Client(transport=httpx.HTTPTransport(verify=False))`, also inside a transport
    wrapping it (a cache's, `hishel.CacheTransport(transport=...)`), or a requests session
    whose `verify` attribute is set to False on every path (`session.verify = False` in the
    function, or in the helper of the module that makes and returns the session, `with
    self._session() as session:`): every request through it; not a
    client given a CA bundle or the caller's `verify=verify`, a session switched off only under
    a test of the user's option (`if self.proxy: session.verify = False`), nor a request
    through it that carries no credential.

    Also an SDK's client (a class of an imported package) given a credential keyword (`token=`,
    `api_key=`, `password=`, `auth=`, credential headers) and told not to check the server's
    certificate: `InfluxDBClient(url=..., token=token, verify_ssl=False)`,
    `Elasticsearch(hosts, api_key=key, verify_certs=False)`, `hvac.Client(url=..., token=...,
    verify=False)`; every request it makes sends the credential to whoever answers. A bare
    `verify=False` counts only beside the server's address (`url=`, `host=`...): elsewhere it
    may be a token's own check. So does a switch off by default read from the settings dict a
    function of the module returns (`verify_ssl=config["verify_ssl"]` with `config =
    get_config()` returning `{"verify_ssl": os.getenv("REPO_VERIFY_SSL", "false").lower() ==
    "true", ...}`); not one on by default, nor one the caller hands that function.

    And a WebSocket connection carrying a credential header (websocket-client's `header=`, a
    dict or `"Authorization: Bearer ..."` lines; websockets' `additional_headers=` /
    `extra_headers=`) to a server whose certificate is not checked
    (`sslopt={"cert_reqs": ssl.CERT_NONE}`, also given to a `WebSocketApp`'s `run_forever`;
    `ssl=` a context made by `ssl._create_unverified_context()` or set to `verify_mode =
    ssl.CERT_NONE` in the function), or over plain `ws://` to a host that is not loopback.
    So does a message carrying a token sent over a raw TLS socket that checks no certificate
    (`sock.sendall(payload)` of `sock = context.wrap_socket(...)` with such a context, or
    `ssl.wrap_socket(..., cert_reqs=ssl.CERT_NONE)`; the socket kept in the one attribute a
    method of the class writes, `self._socket = self._create_socket()`, and the payload made of
    a parameter a call of the module hands the token: a streaming client's `_send(message)`
    called by `authenticate()` with the session token, Betfair's exchange stream).
    So does a paho-mqtt client logging in with a password (`client.username_pw_set(user,
    password)`, in the function or, for a client kept in `self`, in any method of the class)
    told not to check the broker's certificate: `client.tls_set(cert_reqs=ssl.CERT_NONE)`
    (checked with paho-mqtt 2.2: the client's context then has `verify_mode` CERT_NONE), or
    `tls_set_context(ctx)` of a context that checks none (also one a method of the class
    makes and returns, `tls_set_context(self._build_context())`); also paho's one-shot
    `publish.single(..., auth={"username": ..., "password": token}, tls={"cert_reqs":
    ssl.CERT_NONE})` (and `multiple`; checked with paho-mqtt 2.2: the `tls` dict goes to
    `tls_set(**tls)`, the password to `username_pw_set`). `tls_insecure_set(True)` alone
    (the host name not matched, the chain still checked) is not reported. And an LDAP bind
    with a password over TLS that checks no certificate: ldap3's `Connection(server, user,
    password)` of `server = Server(host, tls=Tls(validate=ssl.CERT_NONE))` (checked with
    ldap3 2.9), python-ldap's `simple_bind_s(dn, password)` (or `bind_s`) where
    `OPT_X_TLS_REQUIRE_CERT` is set to `OPT_X_TLS_NEVER` or `OPT_X_TLS_ALLOW` in the function or
    at module level, on every path (under `if config["LDAP_ALLOW_SELF_SIGNED_CERT"]:` it is the
    user's option) (OpenLDAP's TLS_REQCERT: `never` checks nothing, `allow` goes on past a bad
    certificate; read from OpenLDAP's manual, python-ldap not being buildable here). And a
    mail login, `client.login(user, password)`, on an IMAP, SMTP or POP3 client the function
    made with a context that checks no certificate (imapclient's `IMAPClient(host,
    ssl_context=ctx)`, `imaplib.IMAP4_SSL(host, ssl_context=ctx)`, `smtplib.SMTP_SSL(host,
    context=ctx)`, `poplib.POP3_SSL(host, context=ctx)`) or switched to one by
    `starttls(context=ctx)` / `starttls(ssl_context=ctx)` (keywords checked against Python
    3.11's standard library and imapclient 4.1), also the client of a `with` block (`with
    smtplib.SMTP_SSL(host, 465, context=ctx) as smtp:`) and a context a function of the
    module makes and returns (`ssl_context=insecure_context()`).

    ## Why is this bad?
    Without TLS, or with TLS that trusts any certificate, anyone on the network path reads the
    token and replays it (OWASP NHI-02; NHI2:2025 Secret Leakage). Bearer tokens are bearer
    instruments: whoever holds one is its owner (RFC 6750 §5.2).

    ## Example
    ```python
    import requests

    def orders(token):
        return requests.get(
            "https://orders.example.com/api", headers={"Authorization": f"Bearer {token}"}, verify=False
        )
    ```

    ## Use instead
    ```python
    import requests

    def orders(token):
        return requests.get(
            "https://orders.example.com/api", headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
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
    - [RFC 6750 §5.3, always use TLS](https://datatracker.ietf.org/doc/html/rfc6750#section-5.3)
    - [requests: SSL certificate verification](https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-319, CWE-295
    """

    code = "NHL405"
    name = "token-sent-insecurely"
    family: ClassVar[str] = "token-transport"
    summary = "A bearer token is sent without TLS or without certificate verification"
    severity = "high"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI2:2025",)
    cwe = (319, 295)
    options = {"check-tests": CHECK_TESTS}
    words = ("http://", "verify", "ssl", "ws://", "opt_x_tls_require_cert")
    # a credential goes along: `auth=`, a credential header (authorization, api-key, token...)
    # or a header with a credential name
    also_words = (
        "auth=", "auth =", "authorization", "api-key", "api_key", "apikey", "subscription-key",
        "token", "bearer", "jwt", "secret", "credential", "password", "passwd", "username_pw_set",
    )

    _websockets: Optional[bool] = None  # whether the module names websockets (asked once)
    _wraps_sockets: Optional[bool] = None  # whether the module wraps sockets in TLS (asked once)
    _verify_off_text: Optional[bool] = None  # whether the module writes `verify=False` (asked once)

    def visit_Call(self, node: cst.Call) -> None:
        if leaf_name(node) in SOCKET_SENDS:
            if self._wraps_sockets is None:
                self._wraps_sockets = self.context.mentions("wrap_socket")  # once: a search of the whole text
            if self._wraps_sockets:
                self._socket_send(node)
        if not may_send(node):
            self._insecure_client(node)
            leaf = leaf_name(node)
            if leaf in LOGIN_CALLS and (leaf != "login" or self.context.mentions(*UNVERIFIED_WORDS)):
                self._tls_login(node)
            self._through_helper(node)
            if self._verify_off_text is None:  # once: a search of the whole text
                self._verify_off_text = self.context.mentions("verify=false") or self.context.mentions("cert_none") \
                    or self.context.mentions("unverified_context")
            if self._verify_off_text:
                self._unverified_helper(node)
            self._resent(node)
            if self._websockets is None:
                self._websockets = self.context.mentions("websocket")  # once: a search of the whole text
            if self._websockets:
                self._websocket(node)
            return  # the cheap test first: most calls stop here
        flow = self.flow()
        request = outbound_request(flow, node)
        if request is None or not self._carries_credential(flow, request):
            return
        switch = next((value for value in (request.keyword("verify"), request.keyword("ssl"))
                       if literal_false(self.context, value, flow.facts)), None)
        if switch is None and self._connector_off(flow, request) is not None:
            self._report_off(flow, request, "a request carrying a token is sent through a connector that checks no certificate "
                             "(TCPConnector(ssl=False))")
            return
        if switch is None and self._client_verify_off(flow, request):
            self._report_off(flow, request, "a request carrying a token is sent through a client made with certificate "
                             "verification off (verify=False)")
            return
        if switch is None:
            unverified = next(filter(None, (unverified_context(flow, request.keyword(keyword))
                                            for keyword in ("context", "ssl", "verify"))), None)
            if unverified is not None:
                self._report_off(flow, request, f"a request carrying a token is sent with a TLS context that checks no "
                                 f"certificate ({unverified})")
                return
        if switch is None:
            switch = next((value for value in (request.keyword("verify"), request.keyword("ssl"))
                           if self._option_off(flow, value)), None)
        if switch is not None and self._off_only_if_asked(flow, switch, node):
            return
        if switch is not None:
            if isinstance(switch, cst.Name) and switch.value == "False":
                self._report_off(flow, request, "a request carrying a token switches certificate verification off (verify=False)")
            else:  # `verify=self.validate_cert`, an environment switch at its default
                inner = switch.expression if isinstance(switch, cst.UnaryOperation) else None
                shown = f"`{dotted_name(switch)}`" if isinstance(switch, (cst.Name, cst.Attribute)) and dotted_name(switch) else (
                    f"`not {dotted_name(inner)}`" if inner is not None and dotted_name(inner) else "the switch")
                self._report_off(flow, request, f"a request carrying a token switches certificate verification off by default "
                                 f"({shown} is False unless configured)")
            return
        host = insecure_http_host(*string_prefix(self.context, request.url, flow.facts))
        if host is not None:
            self.report(node, f"a request carrying a token goes over plain http to {host}")

    def _connector_off(self, flow: FunctionFlow, request: Outbound) -> Optional[cst.BaseExpression]:
        """`connector=aiohttp.TCPConnector(ssl=False)` (also bound to a local first), given to
        the request or to the `aiohttp.ClientSession` the function makes and sends it through:
        the same switch as the request's own `ssl=False`."""
        holders = [(flow, request.keyword("connector"))]
        func = request.call.func
        made = self._session_made(flow, func.value) if isinstance(func, cst.Attribute) else None
        if made is not None and any(label.kind == HTTP_CLIENT for label in made[0].labels(made[1])):
            holders.append((made[0], keyword_arg(made[1], "connector")))
        for where, connector in holders:
            if isinstance(connector, cst.Name):
                connector = where.context.bound_expression(connector, where.facts)
            if isinstance(connector, cst.Call) and leaf_name(connector) == "TCPConnector":
                for arg in connector.args:
                    if arg.keyword is not None and arg.keyword.value in ("ssl", "verify_ssl") \
                            and literal_false(self.context, arg.value, where.facts):
                        return arg.value
        return None

    def _client_verify_off(self, flow: FunctionFlow, request: Outbound) -> bool:
        """`async with httpx.AsyncClient(base_url=url, verify=False) as client:` then
        `client.post("/login", data={"password": password})`: the client the function (or the
        object, in `__init__`) makes checks no certificate for any request sent through it."""
        func = request.call.func
        made = self._session_made(flow, func.value) if isinstance(func, cst.Attribute) else None
        if made is not None and isinstance(func, cst.Attribute) and self._verify_attribute_off(flow, func.value, made):
            return True
        if made is None or not any(label.kind == HTTP_CLIENT for label in made[0].labels(made[1])):
            return False
        return literal_false(self.context, keyword_arg(made[1], "verify"), made[0].facts) \
            or self._transport_verify_off(made[0], keyword_arg(made[1], "transport"))

    def _verify_attribute_off(self, flow: FunctionFlow, session: cst.BaseExpression,
                              made: Tuple[FunctionFlow, cst.Call]) -> bool:
        """`s = requests.Session()`, then `s.verify = False` on every path (not under an `if`:
        an option the user turns on is the user's), in this function or in the helper of the
        module that made the session and returns it (`with self._session() as s:`)."""
        if not isinstance(session, cst.Name):
            return False
        maker, call = made
        target = maker.module.resolve(maker, call)
        if target is None:
            return any(label.kind == HTTP_CLIENT for label in maker.labels(call)) and self._stores_verify_off(maker, session.value)
        helper = maker.module.flow(target[0])
        returns = helper.facts.returns
        return bool(returns) and all(
            isinstance(value, cst.Name) and helper.facts.is_local(value.value)
            and any(label.kind == HTTP_CLIENT for label in helper.labels(value))
            and self._stores_verify_off(helper, value.value)
            for value in returns
        )

    def _stores_verify_off(self, flow: FunctionFlow, session: str) -> bool:
        return any(
            binding.value is not None and binding.at is not None and not in_a_branch(flow.facts, binding.at)
            and literal_false(self.context, binding.value, flow.facts)
            for binding in flow.facts.attribute_stores.get(f"{session}.verify", ())
        )

    def _transport_verify_off(self, flow: FunctionFlow, transport: Optional[cst.BaseExpression], depth: int = 0) -> bool:
        """`httpx.Client(transport=httpx.HTTPTransport(verify=False))`, also through a name the
        module or the function binds once, or inside a wrapping transport that hands requests on
        to it (`hishel.CacheTransport(transport=httpx.HTTPTransport(verify=False))`): the
        transport every request of the client goes through checks no certificate."""
        if isinstance(transport, cst.Name):
            bound = flow.context.bound_expression(transport, flow.facts) if flow.facts.is_local(transport.value) \
                else flow.context.module_constants.get(transport.value)
            transport = bound if bound is not None else transport
        if not isinstance(transport, cst.Call):
            return False
        if flow.context.qualified_name(transport.func, flow.facts) not in HTTPX_TRANSPORTS:
            inner = keyword_arg(transport, "transport")
            return depth < 2 and inner is not None and self._transport_verify_off(flow, inner, depth + 1)
        return literal_false(self.context, keyword_arg(transport, "verify"), flow.facts)

    @staticmethod
    def _option_off(flow: FunctionFlow, value: Optional[cst.BaseExpression]) -> bool:
        """`verify = connection_details.get("hive_verify", False)` then `verify=verify`: an
        option of the configuration read in the function with False for its default; every
        configuration that does not set it runs without the check."""
        if _set_once_in_constructor(flow, value) is False:
            return True  # `self.verify_ssl = False` (or `verify=not self.insecure` of `self.insecure = True`) in `__init__` alone
        bound = flow.reaching_value(value) if isinstance(value, cst.Name) else None
        if bound is None:
            return False
        default = option_default(bound)
        return default is not None and default.value == "False"

    def _off_only_if_asked(self, flow: FunctionFlow, switch: cst.BaseExpression, call: cst.Call) -> bool:
        """`ssl_ctx = ssl.create_default_context()`, then `if not verify: ssl_ctx = False`: a
        local that holds False only under a test the code cannot decide at its defaults (a
        user's option read through a helper, a parameter): the person running it turns the check
        off, as with a parameter; a test that holds at the defaults is off by default (reported)."""
        if not isinstance(switch, cst.Name) or not flow.facts.is_local(switch.value):
            return False
        bindings = flow.reaching(switch.value, call)
        if len(bindings) < 2:
            return False
        for binding in bindings:
            if binding.value is None or not literal_false(self.context, binding.value, flow.facts):
                continue
            branch = flow.facts.parent_of(binding.at) if binding.at is not None else None
            while branch is not None and not isinstance(branch, (cst.If, cst.FunctionDef)):
                branch = flow.facts.parent_of(branch)
            if not isinstance(branch, cst.If):
                return False  # False on a path that takes no test
            test, negated = branch.test, False
            if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
                test, negated = test.expression, True
            decided = self.context.evaluator.value(test, flow.facts)
            if isinstance(decided, bool) and negated:
                decided = not decided
            if not isinstance(decided, bool):
                continue  # the caller's or the user's choice
            in_body = flow.facts.within(binding.at, branch.body)
            if decided == in_body:
                return False  # the test holds at the defaults: off unless configured
        return True

    def _tls_login(self, node: cst.Call) -> None:
        from nhilint.analysis.tls_logins import insecure_login  # only for the few calls that set up TLS or log in

        why = insecure_login(self.flow(), node, self._is_credential)
        if why is not None:
            self.report(node, why)

    def _unverified_helper(self, node: cst.Call) -> None:
        """`self._post("users/_login?username={}&password={}".format(user, password))` where the
        module's `_post(self, url)` sends what it is given with `verify=False` on every call: the
        token handed to the helper goes to whoever answers (mirthpy's login)."""
        from nhilint.flow import module_flow
        from nhilint.flow.module import bind_target

        if not node.args:
            return
        module = module_flow(self.context)
        flow = self.flow()
        target = module.resolve(flow, node)
        if target is None or target[0] is flow.scope:
            return
        handed = [name for name, value in bind_target(target, node.args).items() if token_labels(flow.labels(value))]
        if not handed:
            return
        helper = module.flow(target[0])
        for call in helper.facts.own_calls:
            off = _verify_false(call)
            request = outbound_request(helper, call) if may_send(call) else None
            if request is None or in_a_branch(helper.facts, call):
                continue
            # `urlopen(req, context=ctx)` with `ctx.verify_mode = ssl.CERT_NONE` in the helper
            context = None if off is not None else unverified_context(helper, request.keyword("context"))
            if (off is None and context is None) or self._carries_credential(helper, request):
                continue  # (a request that carries a credential of its own is reported in the helper)
            reached = {atom for arg in call.args for atom in helper.deps(arg.value)}
            if any(f"param:{name}" in reached for name in handed):
                how = "verify=False" if context is None else f"a TLS context that checks no certificate, {context},"
                self.report(node, f"a request carrying a token switches certificate verification off ({how} "
                                  f"in {target[0].name.value}(), which sends what it is handed)")
                return

    def _through_helper(self, node: cst.Call) -> None:
        """`download_file(url, path, verify=False, auth=auth)` where the module's
        `download_file(url, filename, **kwargs)` hands its keywords to the request
        (`requests.request("GET", url, **kwargs)`): the request carries them as given here (the
        credential in `auth=`, the headers, or the query or body mapping)."""
        off = _verify_false(node)
        if off is None:
            return  # the cheap test first: a literal `verify=False` among the keywords
        from nhilint.flow import module_flow

        flow = self.flow()
        if not any(self._handed_credential(flow, arg) for arg in node.args):
            return
        module = module_flow(self.context)
        target = module.resolve(flow, node)
        if target is None or not isinstance(target[0].params.star_kwarg, cst.Param):
            return
        keywords = target[0].params.star_kwarg.name.value
        helper = module.flow(target[0])
        for call in helper.facts.own_calls:
            spread = any(arg.star == "**" and isinstance(arg.value, cst.Name) and arg.value.value == keywords
                         for arg in call.args)
            if spread and may_send(call) and outbound_request(helper, call) is not None:
                self.report(node, f"a request carrying a token switches certificate verification off (verify=False, "
                                  f"handed to {target[0].name.value}(), which sends it)")
                return

    def _resent(self, node: cst.Call) -> None:
        """`session.send(r.request, verify=False)` after `r.request.headers["Authorization"] =
        f"Bearer {new_token}"` (a response hook that refreshes the token and sends the failed
        request again): the prepared request carries the credential written into its headers."""
        if leaf_name(node) != "send" or not isinstance(node.func, cst.Attribute):
            return
        off = _verify_false(node)
        sent = node.args[0].value if node.args and node.args[0].keyword is None and not node.args[0].star else None
        written = dotted_name(sent) if sent is not None else None
        if off is None or written is None:
            return  # the cheap test first: `.send(prepared, verify=False)`
        flow = self.flow()
        if self._configures(flow, written) or (written != "self" and bool(token_labels(flow.labels(sent)))):
            self.report(node, "a request carrying a token is sent again with certificate verification off (verify=False)")

    def _handed_credential(self, flow: FunctionFlow, arg: cst.Arg) -> bool:
        """A keyword of a request handed to a helper that carries a credential: `auth=` (not
        None, not a literal), credential headers, or a query or body mapping holding one
        (`params=payload` of a helper's dict with the password)."""
        keyword = arg.keyword.value if arg.keyword is not None else None
        if keyword == "auth":
            return not is_none(arg.value) and not isinstance(arg.value, (cst.SimpleString, cst.ConcatenatedString))
        if keyword == "headers":
            return any(self._is_credential(flow, value) for value, _ in credential_values(flow, arg.value))
        if keyword in ("params", "data", "json"):
            return self._mapping_credential(flow, arg.value) or bool(token_labels(flow.labels(arg.value)))
        return False

    def _socket_send(self, node: cst.Call) -> None:
        from nhilint.analysis.tls_sockets import insecure_socket_send  # only in a module that wraps sockets

        why = insecure_socket_send(self.flow(), node)
        if why is not None:
            self.report(node, f"a token is sent over a TLS socket that checks no certificate ({why})")

    def _websocket(self, node: cst.Call) -> None:
        from nhilint.analysis.websocket_calls import insecure_websocket  # only in a module that names websockets

        why = insecure_websocket(self.flow(), node)
        if why is not None:
            self.report(node, f"a WebSocket connection carrying a token: {why}")

    def _insecure_client(self, node: cst.Call) -> None:
        """`InfluxDBClient(url=url, token=token, verify_ssl=False)`: an SDK's client (a class of
        an imported package) given a credential and told not to check the server's
        certificate; every request it makes sends the credential to whoever answers."""
        switches = [arg for arg in node.args if arg.keyword is not None and arg.keyword.value in _VERIFY_OFF]
        if not switches:
            return
        off = next((arg for arg in switches if isinstance(arg.value, cst.Name) and arg.value.value == "False"), None)
        by_default = None if off is not None else next(
            (arg for arg in switches if self._helper_setting_off(self.flow(), arg.value)), None)
        off = off or by_default
        if off is None:
            return
        name = leaf_name(node)
        qualname = self.context.qualified_name(node.func) or ""
        if not name[:1].isupper() or "." not in qualname or name in self.context.module_classes:
            return  # a class of an imported package, not the module's own
        if off.keyword.value == "verify" and not any(  # type: ignore[union-attr]
                arg.keyword is not None and arg.keyword.value in _ADDRESS for arg in node.args):
            return  # a bare `verify` may be a token's check (a JWT class): only with an address given
        flow = self.flow()
        for arg in node.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            given = keyword is not None and (keyword == "auth" or is_token_name(keyword)) \
                and not isinstance(arg.value, (cst.SimpleString, cst.ConcatenatedString)) and not is_none(arg.value)
            if given or (keyword == "headers" and any(self._is_credential(flow, v) for v, _ in credential_values(flow, arg.value))):
                if by_default is not None:
                    self.report(node, f"{name}() is given a credential (`{keyword}`) and a certificate check that is "
                                      f"off by default (`{off.keyword.value}` is False unless configured)")  # type: ignore[union-attr]
                else:
                    self.report(node, f"{name}() is given a credential (`{keyword}`) and told not to check the "
                                      f"server's certificate ({off.keyword.value}=False)")  # type: ignore[union-attr]
                return

    def _helper_setting_off(self, flow: FunctionFlow, value: cst.BaseExpression) -> bool:
        """`verify_ssl=config["verify_ssl"]` with `config = get_config()`, a function of the
        module returning a dict written out whose entry is a switch off by default
        (`"verify_ssl": os.getenv("REPO_VERIFY_SSL", "false").lower() == "true"`): every
        deployment that does not set the variable runs without the check."""
        if not isinstance(value, cst.Subscript) or len(value.slice) != 1 or not isinstance(value.value, cst.Name):
            return False
        index = value.slice[0].slice
        key = string_literal(index.value) if isinstance(index, cst.Index) else None
        bound = flow.context.bound_expression(value.value, flow.facts) if key is not None else None
        if not (isinstance(bound, cst.Call) and isinstance(bound.func, cst.Name)):
            return False
        helper = self.context.module_functions.get(bound.func.value)
        facts = self.context.facts(helper) if helper is not None else None
        if facts is None or len(facts.returns) != 1 or not isinstance(facts.returns[0], cst.Dict):
            return False
        return any(isinstance(element, cst.DictElement) and string_literal(element.key) == key
                   and self.context.evaluator.value(element.value, facts) is False
                   for element in facts.returns[0].elements)

    def _carries_credential(self, flow: FunctionFlow, request: Outbound) -> bool:
        if auth_values(request.keyword("auth")):
            return True
        headers = request.keyword("headers")
        if any(self._is_credential(flow, value) for value, _ in credential_values(flow, headers)):
            return True
        if any(self._is_credential(helper, value) for helper, value in returned_credential_values(flow, headers)):
            return True  # `headers=self._bearer_token()` returning `{"Authorization": "Bearer " + self.token}`
        if isinstance(headers, (cst.Name, cst.Attribute)) and token_labels(flow.labels(headers)):
            return True  # a copy of the headers the object keeps, built by a helper from the token
        if request.url is not None and token_labels(flow.labels(request.url)):
            return True  # `f"{base}/tags?apikey={key}"`: the key rides in the URL
        if any(self._mapping_credential(flow, request.keyword(keyword)) for keyword in ("params", "json", "data")):
            return True  # in the query, or in the body (a login posting its signed JWT or password)
        if self._mapping_credential(flow, self._urllib_body(request)):
            return True  # `urlopen(url, body)`: urllib's body is its second argument
        opened = self._opened_request(flow, request)
        if opened is not None and (self._carries_credential(flow, opened) or self._header_added(flow, request.url)):
            return True  # `urlopen(req, ...)` of `req = urllib.request.Request(url, headers=...)`
        func = request.call.func
        if isinstance(func, cst.Attribute) and (
                self._session_credential(flow, func.value) or self._made_with_credential(flow, func.value)):
            return True
        return self._query_credential(flow, request.url)

    def _report_off(self, flow: FunctionFlow, request: Outbound, message: str) -> None:
        """Reports a request sent with the certificate check off, unless its URL names this
        machine (`https://localhost:8443/...`: no one between the two ends, as plain http there
        never was); asked only of a request about to be reported."""
        if not self._to_this_machine(flow, request):
            self.report(request.call, message)

    def _to_this_machine(self, flow: FunctionFlow, request: Outbound) -> bool:
        """The request's URL names a loopback host, written out to the end of the host
        (`https://localhost:8443/nifi-api`, also bound to a name or a constant)."""
        prefix, whole = string_prefix(self.context, request.url, flow.facts)
        rest = prefix.split("://", 1)[-1] if prefix else ""
        return bool(rest) and (whole or any(mark in rest for mark in "/?#")) and on_this_machine(prefix)

    def _query_credential(self, flow: FunctionFlow, url: Optional[cst.BaseExpression]) -> bool:
        """A credential written into the URL's query as NHL403 reads it: `"http://host/where?
        station={}&apikey={}".format(station, key)`, the f-string, `%` or `+` form, also bound
        to the name the request is given; a name that says nothing of a credential alone (`key`)
        is one under a credential's query key."""
        if isinstance(url, cst.Name):
            url = self.context.bound_expression(url, flow.facts)
        if not isinstance(url, (cst.FormattedString, cst.ConcatenatedString, cst.BinaryOperation, cst.Call)):
            return False  # a literal, a name bound to anything else: no query written here
        # imported when a request's URL is built here, which few requests' are
        from nhilint.flow.query_tokens import QueryUrls

        if isinstance(url, (cst.FormattedString, cst.ConcatenatedString)):
            return QueryUrls(self.context).formatted_string(url) is not None
        if isinstance(url, cst.BinaryOperation):
            return QueryUrls(self.context).operation(url) is not None
        if isinstance(url, cst.Call) and isinstance(url.func, cst.Attribute) and url.func.attr.value == "format" \
                and isinstance(url.func.value, (cst.SimpleString, cst.ConcatenatedString)):
            return QueryUrls(self.context).template(url, url.func.value.evaluated_value) is not None
        return False

    def _made_with_credential(self, flow: FunctionFlow, session: cst.BaseExpression) -> bool:
        """`async with aiohttp.ClientSession(headers={"Authorization": token}) as session:` (or
        `session = requests.Session()`-like constructions given `headers=` or `auth=`) in this
        function: every request through the session carries the credential."""
        found = self._session_made(flow, session)
        if found is None:
            return False
        where, made = found
        headers = keyword_arg(made, "headers")
        return auth_values(keyword_arg(made, "auth")) or any(
            self._is_credential(where, value) for value, _ in credential_values(where, headers)) or any(
            self._is_credential(helper, value) for helper, value in returned_credential_values(where, headers))

    @staticmethod
    def _session_made(flow: FunctionFlow, session: cst.BaseExpression) -> Optional[Tuple[FunctionFlow, cst.Call]]:
        """The call a local session was made with in this function: its one assignment, or the
        `with` item that binds it; or the one a session the object keeps was made with, where
        the class writes it once (`self.session = aiohttp.ClientSession(...)` in `__init__`),
        with the flow of the function it is made in."""
        if isinstance(session, cst.Attribute) and flow.is_self(session.value) and flow.owner is not None:
            writes = flow.module.attribute_writes(flow.owner, session.attr.value)
            method, made = writes[0] if len(writes) == 1 else (None, None)
            return (flow.module.flow(method), made) if method is not None and isinstance(made, cst.Call) else None
        if isinstance(session, cst.Name) and not flow.facts.is_local(session.value) and session.value in flow.context.module_names:
            # `session = ClientSession(connector=TCPConnector(verify_ssl=False))` at the module's
            # top, the one session every function of the module sends through
            module = flow.module.module_flow()
            bindings = module.facts.bindings.get(session.value, ())
            made = bindings[0].value if len(bindings) == 1 else None
            return (module, made) if isinstance(made, cst.Call) else None
        if not isinstance(session, cst.Name) or not flow.facts.is_local(session.value):
            return None
        made = flow.context.bound_expression(session, flow.facts)
        if made is None:
            items = [b.at.item for b in flow.reaching(session.value, session) if isinstance(b.at, cst.WithItem)]
            made = items[0] if len(items) == 1 else None
        return (flow, made) if isinstance(made, cst.Call) else None

    @staticmethod
    def _urllib_body(request: Outbound) -> Optional[cst.BaseExpression]:
        if request.http is None or request.http.qualname not in ("urllib.request.urlopen", "urllib.request.Request"):
            return None
        positional = [arg.value for arg in request.call.args if arg.keyword is None and not arg.star]
        return positional[1] if len(positional) > 1 else None

    @staticmethod
    def _opened_request(flow: FunctionFlow, request: Outbound) -> Optional[Outbound]:
        """The `urllib.request.Request` that `urlopen(req)` opens, made in the function."""
        if request.http is None or request.http.qualname != "urllib.request.urlopen" or not isinstance(request.url, cst.Name):
            return None
        made = flow.context.bound_expression(request.url, flow.facts)
        if not isinstance(made, cst.Call) or flow.context.qualified_name(made.func, flow.facts) != "urllib.request.Request":
            return None
        return outbound_request(flow, made)

    def _header_added(self, flow: FunctionFlow, opened: Optional[cst.BaseExpression]) -> bool:
        """`req.add_header("Authorization", "Bearer " + token)` in the function."""
        written = dotted_name(opened) if opened is not None else None
        for call in flow.facts.own_calls:
            if leaf_name(call) == "add_header" and len(call.args) >= 2 and isinstance(call.func, cst.Attribute) \
                    and dotted_name(call.func.value) == written:
                name = header_name(call.args[0].value)
                if name is not None and is_credential_header(name) and self._is_credential(flow, call.args[1].value):
                    return True
        return False

    @staticmethod
    def _mapping_credential(flow: FunctionFlow, params: Optional[cst.BaseExpression], depth: int = 0) -> bool:
        """`params={"appid": OPENWEATHER_API_KEY}` (or `dict(APPID=api_key)`): a credential in
        the query string; `json={"uid": account, "token": login_jwt}`: one in the body, also
        serialised by hand (`data=json.dumps(body)`), one mapping down (`{"method": "login",
        "params": {"password": password}}`) and stored in a local dict after it is written."""
        # a local dict filled key by key after it is written (`body["accessToken"] = token`)
        filled = flow.written_entries(params) if isinstance(params, cst.Name) else None
        if isinstance(params, cst.Name):
            params = flow.context.bound_expression(params, flow.facts) or params
        if isinstance(params, cst.Call) and isinstance(params.func, cst.Attribute) and params.func.attr.value == "encode":
            params = params.func.value  # `urlencode(query).encode()`: the bytes of the same mapping
        if isinstance(params, cst.Call) and params.args and flow.context.qualified_name(params.func, flow.facts) in _SERIALISERS:
            params = params.args[0].value
        if isinstance(params, cst.Name):
            filled = flow.written_entries(params)
            params = flow.context.bound_expression(params, flow.facts)
        entries: List[Tuple[Optional[str], cst.BaseExpression]]
        if filled is not None:
            entries = filled
        elif isinstance(params, cst.Dict):
            entries = [(string_literal(e.key), e.value) for e in params.elements if isinstance(e, cst.DictElement)]
        elif isinstance(params, cst.Call) and isinstance(params.func, cst.Name) and params.func.value == "dict":
            entries = [(a.keyword.value, a.value) for a in params.args if a.keyword is not None]
        else:
            return False
        for key, value in entries:
            if key is not None and ("captcha" in key.lower() or "turnstile" in key.lower()):
                continue  # `{"g-recaptcha-response": token}`: a CAPTCHA's answer, a one-use public proof
            if isinstance(value, cst.Dict) and depth < 2 and TokenSentInsecurely._mapping_credential(flow, value, depth + 1):
                return True
            if not isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
                if (key is not None and is_token_name(key)) or token_labels(flow.labels(value)):
                    return True
        return False

    def _is_credential(self, flow: FunctionFlow, value: cst.BaseExpression) -> bool:
        """A credential header's value: anything but a literal, or a literal holding a token."""
        return not isinstance(value, (cst.SimpleString, cst.ConcatenatedString)) or bool(token_labels(flow.labels(value)))

    def _session_credential(self, flow: FunctionFlow, session: cst.BaseExpression) -> bool:
        """`session.headers.update({"Authorization": ...})`, `session.headers["Authorization"] =
        ...` or `session.auth = ...`, in this function, or for `self.session` in any method."""
        from nhilint.flow.module import receiver_in_methods

        written = dotted_name(session)
        return written is not None and any(
            self._configures(other, receiver) for other, receiver in receiver_in_methods(flow, written))

    def _configures(self, flow: FunctionFlow, session: str) -> bool:
        facts = flow.facts
        if facts.attribute_stores.get(f"{session}.auth"):
            return True
        for _, key, value in facts.item_stores.get(f"{session}.headers", ()):
            name = header_name(key)
            if name is not None and is_credential_header(name) and self._is_credential(flow, value):
                return True
        for call in facts.own_calls:
            if leaf_name(call) == "update" and dotted_name(call.func) == f"{session}.headers.update" and call.args:
                if any(self._is_credential(flow, v) for v, _ in credential_values(flow, call.args[0].value)):
                    return True
        return False

