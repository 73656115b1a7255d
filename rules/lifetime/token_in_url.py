from __future__ import annotations

import re
from typing import Any, ClassVar, Mapping, Optional, Sequence, Set

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.http import http_call, keyword_arg, scheme_free_url, string_prefix, url_host
from nhilint.catalogue.http import QUERY_ONLY_HOSTS
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.names import is_token_name, snake_case
from nhilint.flow import module_flow
from nhilint.flow.labels import token_labels
from nhilint.flow.sinks import ends_query
from nhilint.flow.sources import numeric_annotation
from nhilint.flow.summary import QUERY
from nhilint.context import FileContext, RelatedPlace
from nhilint.rule import CHECK_TESTS, Rule, RuleOption

# `?access_token=`, `&api_key=` right before a value, in a URL being built
_QUERY_KEY = compiled_on_first_use(r"[?&](?P<name>[A-Za-z_]+)=(\{\}|%s|\{[^{}]*\})?$")
# One-time links mailed to a person (password reset, e-mail confirmation) carry their token in
# the URL by design: not an access token in transit.
_ONE_TIME_LINK = compiled_on_first_use(r"reset|verif|confirm|invit|activat|unsubscribe|magic|signup|register|email", re.I)
# A form-encoded string that starts with its own first field (`grant_type=refresh_token&refresh_token=`)
# and has no `?`: as often a request body (`data=`, `body=`) as a query, and the code does not say.
_FORM_FIELDS = compiled_on_first_use(r"^[A-Za-z_][A-Za-z0-9_.-]*=")
_PLACEHOLDERS = frozenset({"", "xxx", "changeme", "<token>"})
# OAuth 1.0a (RFC 5849 §2.2) sends the temporary request token in the authorization redirect.
_OAUTH1_REDIRECT_KEYS = frozenset({"oauth_token", "request_token"})
# credential words stronger than an API key's (a key is often an application's, sometimes public)
_STRONG_CREDENTIAL = compiled_on_first_use(r"(^|_)(tokens?|secrets?|jwt|bearer|password|passwd|credentials?|assertion)($|_)")
# Query keys whose value is a position, not a credential, whatever the variable is called
# (`params={"pageToken": token}` in a pagination loop).
_CURSOR_KEY = compiled_on_first_use(r"token|cursor|page|next|offset|after|before|marker", re.I)


def _formatted(node: cst.CSTNode, template: str, at: int, field: str) -> Optional[cst.BaseExpression]:
    """The argument `str.format` puts in the replacement field `field` found at `at`:
    `{2}` the third positional, `{}` the next automatic one, `{token}` the keyword."""
    if not isinstance(node, cst.Call):
        return None
    positional = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
    name = field[1:-1].split(":", 1)[0].split("!", 1)[0]
    if name.isdigit():
        index = int(name)
    elif not name:
        index = template[:at].count("{}")
    else:
        return next((arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value == name), None)
    return positional[index] if index < len(positional) else None


class TokenInUrl(Rule):
    """
    ## What it does
    Finds a token put in a URL's query string: `params={"access_token": token}` (or
    `params=dict(private_token=token)`, or a credential variable under a plain key,
    `{"key": MAPS_API_KEY}`) on an HTTP call; an f-string, concatenation, `%` or `.format()`
    building `?token=...` / `&api_key=...`, or a token's value after a plain key
    (`f"{db}/items.json?auth={id_token}"`, `"?auth={2}".format(db, path, id_token)`); `urlencode({"access_token": ...})` put after a `?` (by
    an f-string, `+` or a `.format()` field: `"{0}.json?{1}".format(path, urlencode(query))`),
    also of a mapping the function fills key by key before (`query["auth"] = id_token`,
    `query.update({"token": token})`, `query.setdefault("access_token", token)`, a list of
    pairs `query.append(("token", token))`; a key
    stored after the URL is built, or a mapping URL-encoded into a body, is not in the query);
    (not a flag or a number under a token's key: `{"withRefreshToken": True}`, a parameter
    typed `bool` / `int`, which asks the server for a token rather than sending one);
    and a dict passed positionally to `requests.get` (whose second parameter is `params`),
    whether query parameters with a credential or a headers dict. A query with several
    credentials is reported at the strongest (a token, secret or password before an API key,
    which some services publish: `{"APIKey": site_key, "regToken": token}` at `regToken`). A query mapping with a
    credential handed to a helper, of this module or another module of the project, that
    URL-encodes that parameter after a URL's `?` (`with_query("/companies", {"access_token":
    token})`), or writes its `key=value` pairs by hand and returns the URL with them after a
    `?` (`for k, v in params.items(): query += k + "=" + quote(v)`, then `return url + "?" +
    query`), is reported where the mapping is written; a helper that URL-encodes it or writes
    its pairs into a form body (no `?`) is not a query. A token the endpoint itself just handed out in a response header
    and that goes back to the same path (`upm_token = self.request("GET",
    path="rest/plugins/1.0/").headers["upm-token"]`, then `f"rest/plugins/1.0/?token={upm_token}"`:
    an anti-XSRF nonce the endpoint takes only in the query, worth nothing once used) is not
    reported; one read off another endpoint's response (`X-Subject-Token` of `v3/auth/tokens`)
    and carried elsewhere is.

    Keys that hold a position (`pageToken`, `cursor`, `next`) are cursors whatever the variable
    is called. An OAuth 1 request token in the redirect to the authorization endpoint
    (RFC 5849 §2.2: `oauth_token` in a URL written or formatted with the authorization page's
    address, `"%s?oauth_token=%s" % (self.authorize_url, token)`) and a TOTP provisioning URI
    (`otpauth://`) carry theirs by design.

    One-time links mailed to a person (password reset, e-mail confirmation, invitations) are not
    reported, nor is a form-encoded string with no `?` that begins with its own first field
    (`"grant_type=refresh_token&refresh_token=" + token`): it is as often a request body as a
    query, and the code does not say which.

    ## Why is this bad?
    URLs are written down everywhere: web server and proxy access logs, browser history, the
    `Referer` header sent to third parties, monitoring tools. A token in a query string leaks to
    all of them (OWASP NHI-02; NHI2:2025 Secret Leakage). RFC 6750 allows it only as a last
    resort; send it in the `Authorization` header instead.

    ## Example
    ```python
    import requests

    def repositories(token):
        return requests.get("https://api.example.com/repos", params={"access_token": token}, timeout=10)
    ```

    ## Use instead
    ```python
    import requests

    def repositories(token):
        return requests.get(
            "https://api.example.com/repos", headers={"Authorization": f"Bearer {token}"}, timeout=10
        )
    ```

    Some providers take the credential only in the query string (Facebook's Graph API, WeChat,
    Weibo, Stack Exchange, Steam, Google's search and maps keys...). There the token in the URL
    is the provider's design, not the caller's choice: it is still reported, so the URL is kept
    out of logs and the credential narrow, but at low confidence and with a message that says
    so; the option `allow-hosts` silences such a host. The host is read from the URL as written, a
    constant, a class attribute (`self.profile_url`), an f-string whose scheme is chosen at run
    time (`f"{scheme}://api.serpstack.com/search"`) or the URL a client's own request helper is
    given (`self.request(self.OPENID_URL, params=...)`); where the host is not known (a URL
    from settings, a self-hosted provider), the finding keeps its usual confidence.

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `conftest.py`, files under a `tests/` or `test/` directory, a pytest plugin
      module defining fixtures). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.
    - `allow-hosts` (list of strings, default empty): hosts, with their subdomains, whose URLs may
      carry a credential in the query (`allow-hosts = ["api.weixin.qq.com"]`).

    ## References
    - [RFC 6750 §2.3 and §5.3, tokens in URIs](https://datatracker.ietf.org/doc/html/rfc6750#section-5.3)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-598, CWE-532
    """

    code = "NHL403"
    name = "token-in-url"
    family: ClassVar[str] = "token-transport"
    summary = "A token is put in a URL query string"
    severity = "medium"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI2:2025",)
    cwe = (598, 532)
    options = {
        "check-tests": CHECK_TESTS,
        "allow-hosts": RuleOption([], list, "hosts (and their subdomains) whose URLs may carry a credential in the query"),
    }
    # query keys it reports are credential names; `authorization` for headers passed as params
    words = ("token", "bearer", "jwt", "api_key", "apikey", "secret", "credential", "password", "passwd", "authorization")

    def __init__(self, context: "FileContext", options: Mapping[str, Any]) -> None:
        super().__init__(context, options)
        self._reported: Set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        request = http_call(self.context, node)
        if request is not None:
            self._params(request.keyword("params"), request.url)
            positional = [a for a in node.args if a.keyword is None and not a.star]
            if request.qualname == "requests.get" and len(positional) > 1:  # get(url, params=None, ...)
                if not self._headers_as_params(positional[1].value):
                    self._params(positional[1].value, request.url)
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "format" and node.args:
            if isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString)):
                self._template(node, func.value.evaluated_value)
        if request is None:
            self._through_helper(node)

    def _through_helper(self, node: cst.Call) -> None:
        """`urls.with_query("/companies", {"access_token": token})` where the helper (of this
        module or another) URL-encodes that parameter into a URL's query: reported at the entry."""
        if not any(self._token_entry(arg.value) for arg in node.args if not arg.star):
            return  # the cheap test first: no argument is a query mapping holding a credential
        module = module_flow(self.context)
        flow = self.flow()
        if not module.may_run_helper(node) or not module.runs_helper(flow, node):
            return
        helper = module.helper_sinks(flow, node)
        if helper is None:
            return
        bound, param_sinks = helper
        for name, sinks in param_sinks.items():
            queries = [sink for sink in sinks if sink.kind == QUERY]
            found = self._token_entry(bound[name]) if queries and name in bound else None
            if found is None or id(found[0]) in self._reported:
                continue
            self._reported.add(id(found[0]))
            where = queries[0].holder
            # the URL the helper is asked for, when the call names one (`self.request(OPENID_URL, ...)`)
            url = next((a.value for a in node.args if a.keyword is None and not a.star and self._host(a.value)), None)
            self._report(found[0], f"a token is put in the URL query ({found[1]}=...) by {where}(), which "
                                   "URL-encodes this mapping into the query", url,
                         related=[queries[0].related(f"{where}() puts its parameter `{name}` in the URL query here")])
            return

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        """`url += urlencode({"access_token": ...})` onto a URL built step by step."""
        if not isinstance(node.operator, cst.AddAssign):
            return
        target = (dotted_name(node.target) or "").rsplit(".", 1)[-1].lower()
        if not any(word in target for word in ("url", "uri", "link", "endpoint", "query")):
            return
        name = self._urlencoded_token(node.value, node)
        if name:
            self._report(node.value, f"a token is put in the URL query ({name}=...)", node.target)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        text = ""
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                text += part.value
            elif self._query_token(text, part.expression) and not self._endpoint_nonce(text, part.expression) \
                    and not self._oauth1_redirect(self._query_token(text, part.expression), node):
                self._report(node, f"a token is put in the URL query ({self._query_token(text, part.expression)}=...)", node)
                return
            elif text.endswith(("?", "&")) and self._urlencoded_token(part.expression, node):
                self._report(node, f"a token is put in the URL query ({self._urlencoded_token(part.expression, node)}=...)", node)
                return
            else:
                text += "{}"

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        left = node.left
        literal = left.right if isinstance(left, cst.BinaryOperation) else left
        if isinstance(node.operator, cst.Add) and ends_query(literal):
            name = self._urlencoded_token(node.right, node)  # url + "?" + urlencode({"access_token": ...})
            if name:
                self._report(node, f"a token is put in the URL query ({name}=...)", node)
                return
        if isinstance(node.operator, cst.Add) and isinstance(literal, cst.SimpleString):
            name = self._query_token(literal.evaluated_value if isinstance(literal.evaluated_value, str) else "")
            if name and not isinstance(node.right, cst.SimpleString):
                self._report(node, f"a token is put in the URL query ({name}=...)", node)
        elif isinstance(node.operator, cst.Modulo) and isinstance(left, cst.SimpleString):
            self._template(node, left.evaluated_value)

    def _template(self, node: cst.CSTNode, template: object) -> None:
        if not isinstance(template, str):
            return
        for match in re.finditer(r"[?&](\{[^{}]*\}|%s)", template):
            value = _formatted(node, template, match.start(1), match.group(1))
            name = self._urlencoded_token(value, node) if value is not None else None
            if name:  # `"{0}{1}.json?{2}".format(db, path, urlencode(query))`
                literal = node.func.value if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) else (
                    node.left if isinstance(node, cst.BinaryOperation) else node)
                self._report(node, f"a token is put in the URL query ({name}=...)", literal)
                return
        for match in re.finditer(r"[?&]([A-Za-z_]+)=(\{[^{}]*\}|%s)", template):
            if self._oauth1_redirect(match.group(1), node):
                continue
            value = _formatted(node, template, match.start(2), match.group(2))
            if self._query_token(template[: match.end()], value):
                # the host is the template's: `"https://host/v1?key={0}".format(key)`
                literal = node.func.value if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) else (
                    node.left if isinstance(node, cst.BinaryOperation) else node)
                self._report(node, f"a token is put in the URL query ({match.group(1)}=...)", literal)
                return

    def _oauth1_redirect(self, key: Optional[str], url: cst.CSTNode) -> bool:
        """OAuth 1.0a's request token in the URL of the authorization page, its base named for
        it (`"%s?oauth_token=%s" % (self.authorize_url, token)`, `f"{authorize_url}?oauth_token=
        {token}"`): RFC 5849 §2.2 puts it there; the user's browser is sent to that page."""
        return key in _OAUTH1_REDIRECT_KEYS and "authoriz" in self.context.module.code_for_node(url).lower()

    def _one_time_statement(self) -> bool:
        """`invite_url = "{}?token={}".format(reverse("user-signup"), org.token)`: the statement
        building the link says what it is for."""
        statement = self.context.statement_stack[-1] if self.context.statement_stack else None
        return statement is not None and bool(_ONE_TIME_LINK.search(self.context.module.code_for_node(statement)))

    def _query_token(self, text: str, value: Optional[cst.BaseExpression] = None) -> Optional[str]:
        """The key of `?access_token=` at the end of `text`; or of a plain key (`?auth=`) when
        the `value` formatted after it is a token (`f"?auth={id_token}"`)."""
        match = _QUERY_KEY.search(text)
        if match is None:
            return None
        name = match.group("name")
        named = is_token_name(name) and name.lower() != "key"
        if not named and not (value is not None and self._token_value(name, value)):
            return None
        before = text[: match.start()]
        if _ONE_TIME_LINK.search(before) or self._one_time_statement():
            return None
        if match.group("name") in _OAUTH1_REDIRECT_KEYS and "authoriz" in before.lower():
            return None  # OAuth 1: the request token goes to the authorization page (RFC 5849 §2.2)
        if "?" not in before and _FORM_FIELDS.match(before):
            return None
        return match.group("name")

    def _endpoint_nonce(self, text: str, value: cst.BaseExpression) -> bool:
        """`upm_token = self.request("GET", path="rest/plugins/1.0/").headers["upm-token"]`, then
        `f"rest/plugins/1.0/?token={upm_token}"`: a token the endpoint itself just handed out in
        a response header, echoed to the same path on the next request (an anti-XSRF nonce the
        endpoint takes only in the query), not a credential carried to it."""
        if not isinstance(value, cst.Name):
            return False
        read = self.context.bound_expression(value, self.flow().facts)
        if not (isinstance(read, cst.Subscript) and isinstance(read.value, cst.Attribute)
                and read.value.attr.value == "headers" and isinstance(read.value.value, cst.Call)):
            return False
        request = read.value.value
        path = keyword_arg(request, "path") or keyword_arg(request, "url") or next(
            (a.value for a in request.args if a.keyword is None and isinstance(a.value, cst.SimpleString)), None)
        asked = self.context.evaluator.value(path, self.flow().facts) if path is not None else None
        target = text.rsplit("?", 1)[0] if "?" in text else None
        return isinstance(asked, str) and target is not None and asked.strip("/") == target.strip("/") != ""

    def _scalar(self, value: cst.BaseExpression) -> bool:
        """A flag or a number, which no token is: `True`, `3`, or a parameter typed so
        (`withRefreshToken: Optional[bool]`: asks the server to include one in its answer)."""
        if isinstance(value, (cst.Integer, cst.Float)) or (isinstance(value, cst.Name) and value.value in ("True", "False")):
            return True
        param = self.flow().param_node(value.value) if isinstance(value, cst.Name) else None
        return param is not None and numeric_annotation(param)

    def _token_value(self, key: str, value: cst.BaseExpression) -> bool:
        """A credential under a plain key that is no cursor (`"key": MAPS_API_KEY`)."""
        if _CURSOR_KEY.search(key) or isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            return False
        return bool(token_labels(self.flow().labels(value)))

    def _params(self, params: Optional[cst.BaseExpression], url: Optional[cst.BaseExpression]) -> None:
        found = self._token_entry(params)
        if found is not None:
            node, key = found
            if id(node) in self._reported:
                return  # one params dict sent by two calls: one finding
            self._reported.add(id(node))
            # a dict built earlier is reported where it is sent (`params=user_params`)
            anchor = params if isinstance(params, cst.Name) and params is not None else node
            self._report(anchor, f"a token is sent in the URL query (params {key!r})", url)

    def _token_entry(self, params: Optional[cst.BaseExpression]) -> Optional["tuple[cst.CSTNode, str]"]:
        """The entry of a query mapping (`{...}`, `dict(k=v)`, a name bound to one) that holds
        a credential: a credential key (`access_token`), or a credential value under an
        ordinary key (`"key": MAPS_API_KEY`)."""
        entries = []
        if isinstance(params, cst.Name):
            entries = self._stored_entries(params)
            params = self.context.bound_expression(params)
        if isinstance(params, cst.Dict):
            entries += [(e, e.key.evaluated_value, e.value) for e in params.elements
                        if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)]
        elif isinstance(params, cst.Call) and leaf_name(params) == "dict":
            entries += [(a, a.keyword.value, a.value) for a in params.args if a.keyword is not None]
        found: "list[tuple[cst.CSTNode, str]]" = []
        for node, key, value in entries:
            if not isinstance(key, str):
                continue
            is_placeholder = isinstance(value, cst.SimpleString) and value.evaluated_value in _PLACEHOLDERS
            if is_token_name(key) and key.lower() != "key" and not is_placeholder and not self._scalar(value):
                found.append((node, key))
            elif self._token_value(key, value):
                found.append((node, key))  # a credential under a plain key: `{"key": MAPS_API_KEY}`
        # the strongest credential names the finding: a token or secret before an API key, which
        # some services publish (`{"APIKey": site_key, "regToken": token}` is about `regToken`)
        strong = [entry for entry in found if _STRONG_CREDENTIAL.search(snake_case(entry[1]))]
        return (strong or found or [None])[0]

    def _stored_entries(self, params: cst.Name) -> "list[tuple[cst.CSTNode, object, cst.BaseExpression]]":
        """The entries the function puts in a query mapping before it is read, by key
        (`params["access_token"] = token`, `params.update({"token": token})`) or, for a list of
        pairs, by `params.append(("token", token))`."""
        facts = self.flow().facts
        at = facts.order_of(params)
        entries: "list[tuple[cst.CSTNode, object, cst.BaseExpression]]" = []
        for order, key, value in facts.item_stores.get(params.value, ()):
            if order < at and isinstance(key, cst.SimpleString):
                entries.append((value, key.evaluated_value, value))
        for call in facts.own_calls:
            func = call.func
            if not (isinstance(func, cst.Attribute) and func.attr.value == "append" and isinstance(func.value, cst.Name)
                    and func.value.value == params.value and len(call.args) == 1 and facts.order_of(call) < at):
                continue
            pair = call.args[0].value
            if isinstance(pair, cst.Tuple) and len(pair.elements) == 2 and isinstance(pair.elements[0].value, cst.SimpleString):
                entries.append((pair, pair.elements[0].value.evaluated_value, pair.elements[1].value))
        return entries

    def _urlencoded_token(self, expr: cst.BaseExpression, url: cst.BaseExpression) -> Optional[str]:
        """The credential key of `urlencode({...})` put after a `?` in `url`. Not in a TOTP
        provisioning URI (`otpauth://`, shown as a QR code), nor an OAuth 1 request token in
        the redirect to the authorization endpoint, where the protocol puts it."""
        if not (isinstance(expr, cst.Call) and leaf_name(expr) == "urlencode" and expr.args):
            return None
        found = self._token_entry(expr.args[0].value)
        if found is None:
            return None
        written = self.context.module.code_for_node(url).lower()
        if "otpauth://" in written or (found[1] in _OAUTH1_REDIRECT_KEYS and "authoriz" in written):
            return None
        return found[1]

    def _report(self, node: cst.CSTNode, message: str, url: Optional[cst.BaseExpression],
                related: Sequence[RelatedPlace] = ()) -> None:
        """Reported unless the host is allowed; at low confidence, and saying so, for a provider
        that takes the credential only in the query."""
        host = self._host(url)
        if host is not None and any(host == allowed or host.endswith("." + allowed) for allowed in self.opt("allow-hosts")):
            return
        if host is not None and any(host == known or host.endswith("." + known) for known in QUERY_ONLY_HOSTS):
            self.report(node, f"{message}: {host} takes the credential only in the query, so keep these URLs "
                              f"out of logs and the credential narrow (or allow the host)", "low", related=related)
            return
        self.report(node, message, related=related)

    def _host(self, url: Optional[cst.BaseExpression]) -> Optional[str]:
        """The host a URL expression names, also through a class attribute (`self.profile_url`)."""
        if url is None:
            return None
        flow = self.flow()
        if isinstance(url, cst.Attribute) and flow.is_self(url.value) and flow.owner is not None:
            writes = flow.module.attribute_writes(flow.owner, url.attr.value)
            url = writes[0][1] if len(writes) == 1 else url
        found = url_host(string_prefix(self.context, url, flow.facts)[0]) or url_host(scheme_free_url(self.context, url, flow.facts))
        return found[0] if found else None

    def _headers_as_params(self, arg: cst.BaseExpression) -> bool:
        headers = self.context.bound_expression(arg) if isinstance(arg, cst.Name) else arg
        if isinstance(headers, cst.Dict) and any(
            isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
            and str(e.key.evaluated_value).lower() == "authorization"
            for e in headers.elements
        ):
            self.report(arg, "a headers dict is passed as requests.get's second argument, `params`: "
                             "the token goes into the URL query")
            return True
        return False


