from __future__ import annotations

from typing import Any, ClassVar, Mapping, Optional, Sequence, Set

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.http import http_call, keyword_arg
from nhilint.analysis.imports import leaf_name
from nhilint.analysis.names import snake_case
from nhilint.catalogue.http import HTTP_FUNCTIONS, QUERY_ONLY_HOSTS
from nhilint.context import FileContext, RelatedPlace
from nhilint.flow import module_flow
from nhilint.flow.sinks import KEYWORD_PREFIX
from nhilint.flow.query_tokens import OAUTH1_REDIRECT_KEYS, QueryUrls, authorization_in_params, on_host
from nhilint.patterns import compiled_on_first_use
from nhilint.rule import CHECK_TESTS, Rule, RuleOption

_IN_QUERY = "a token is put in the URL query ({}=...)"
# the keywords of a request that carry its body
_BODY_KEYWORDS = frozenset({"data", "json", "body", "content", "files"})
# a query key naming an API key (`key`, `api_key`, `apikey`, `appid`, `APPID`, `developer_key`):
# the form of the many APIs that take their keys only in the query (Giphy, TMDB v3, Torznab,
# OpenWeatherMap, Google's `key=`); a token, a secret or a password there is the caller's choice
_API_KEY_NAME = compiled_on_first_use(r"_*((api|app|developer|dev|subscription|consumer)_?)?key|apikey|appkey|app_?id")


# oauthlib's OAuth 2 clients (WebApplicationClient, BackendApplicationClient, ...)
_OAUTHLIB = ("oauthlib.oauth2.",)


class TokenInUrl(Rule):
    """
    ## What it does
    Finds a token put in a URL's query string: `params={"access_token": token}` (or
    `params=dict(private_token=token)`, pairs: `dict([("token", token), ...])` or the list
    `params=[("token", token)]`, also handed over in a dict of the request's keywords the
    function built, `kw = dict(params={...}); requests.request(method, url, **kw)`, or a
    credential variable under a plain key,
    `{"key": MAPS_API_KEY}`) on an HTTP call (not a `get` / `post` method called with no URL,
    no positional argument, `url=` or splat: a JSON-RPC client's own `api.post(method="add",
    params=params)` puts `params` in its body); an f-string (also wrapped into adjacent
    literals, reported once at the whole), concatenation, `%` or `.format()`
    building `?token=...` / `&api_key=...`, or a token's value after a plain key
    (`f"{db}/items.json?auth={id_token}"`, `"?auth={2}".format(db, path, id_token)`); `urlencode({"access_token": ...})` put after a `?` (by
    an f-string, `+` or a `.format()` field: `"{0}.json?{1}".format(path, urlencode(query))`),
    also of a mapping the function fills key by key before (`query["auth"] = id_token`,
    `query.update({"token": token})`, `query.setdefault("access_token", token)`, a list of
    pairs `query.append(("token", token))`; a mapping merged in place, `query |= extra`,
    keeps its entries; one the object keeps, written once, `self._args = {"token_auth":
    token}` in `__init__`, is sent by another method's `params=self._args`, and one a method
    of the module writes out and returns, `params=self._query(iata_code=iata)` of `query =
    {"api_key": self._key}` then `return query`, is reported at the call; a key
    stored after the URL is built, or a mapping URL-encoded into a body, is not in the query);
    (not a flag, a number or a time under a token's key: `{"withRefreshToken": True}`, a
    parameter typed `bool` / `int`, also as text, `str(view_secret_value).lower()`, which asks
    the server for a token rather than sending one; a formatted time, `{"lastSecretModified":
    since.strftime(...)}`; the key's own name as its value, `{"get_token": "get_token"}`, an
    API's command to issue one);
    and a dict passed positionally to `requests.get` (whose second parameter is `params`),
    whether query parameters with a credential or a headers dict; yarl's
    `URL(...).with_query(access_token=token)` (also `update_query`, `extend_query`, with
    keywords or one mapping); urllib's `urlunsplit((scheme, netloc, path, urlencode(query),
    fragment))` (and `urlunparse`'s query part, also a parsed URL's query replaced,
    `urlunparse(parsed._replace(query=urlencode(query)))`) of a mapping with a credential; a
    query mapping chosen by a test, `{"token": t} if private else {}`, whenever one branch holds
    a credential. Not a `?token=` written after a `#` (`/login#/?token=`: a
    single-page app's route in the fragment, which no request sends). A query with several
    credentials is reported at the strongest (a token, secret or password before an API key,
    which some services publish: `{"APIKey": site_key, "regToken": token}` at `regToken`; a key
    spelled with hyphens is read by its words, `{"st2-api-key": key, "x-auth-token": token}` at
    `x-auth-token`). A query mapping with a
    credential handed to a helper, of this module or another module of the project, that
    URL-encodes that parameter after a URL's `?` (`with_query("/companies", {"access_token":
    token})`, also through a local, `query = urlencode(params)`, then `base + "?" + query` on
    every path, not under `if self.use_get:`), or writes its `key=value` pairs by hand and returns the URL with them after a
    `?` (`for k, v in params.items(): query += k + "=" + quote(v)`, then `return url + "?" +
    query`), or sends it as a request's `params=` (`self.session.request("GET", url,
    params=args)`, also a `params=` its `**kwargs` takes and hands on whole to the request,
    `def _get(self, call, **kwargs): return self.session.get(url + call, **kwargs)`, so far
    as the call's receiver is known), is reported where the mapping is written; a helper that URL-encodes it or writes
    its pairs into a form body (no `?`) is not a query, nor is a helper that sends it as the
    query only in a branch the call's arguments rule out (`if method == HttpMethod.GET:
    client.get(url, params=data)` called with `HttpMethod.POST`, also `params = payload if
    method == "get" else None` called with "post", also through a helper that
    hands its own `method` on, and a helper of another module of the project,
    `self.http.request("oauth2_token", payload, http_method="POST")`; nor a call of the
    module's own helper named like a request method whose `params` it sends only as a body,
    `self.post("login", params={...})` with `requests.post(url, data=params)`; a string or an enum
    member, compared by its name; also the `else:` of a membership test, `in_body = method in
    ("POST", "PUT", "PATCH")` then `if in_body: ... else: uri = path + "?" + urlencode(params)`,
    called with "POST", and `if method not in (...)`; not the `else:` of a test with a second
    condition, `if method == "POST" and not files:`, which a POST may take too), nor one that
    sends it as the query only under a test that a configured operation's method is GET (`if
    cfg["RequestMethod"] == "GET":`, the body otherwise: which operations are GETs is
    configuration the call does not show; pyotrs's login is a POST). A token the endpoint itself just handed out in a response header
    and that goes back to the same path (`upm_token = self.request("GET",
    path="rest/plugins/1.0/").headers["upm-token"]`, then `f"rest/plugins/1.0/?token={upm_token}"`:
    an anti-XSRF nonce the endpoint takes only in the query, worth nothing once used) is not
    reported; one read off another endpoint's response (`X-Subject-Token` of `v3/auth/tokens`)
    and carried elsewhere is. So is a token read from the body of the server's answer to a
    request sent with an `auth=` credential, and sent back in the query of a request carrying
    that same `auth=` (uTorrent's WebUI: `token.html` under basic auth, then `?token=...`): the
    credential is `auth=`, the token a nonce of its session; without the `auth=`, or a token
    the code did not read from such an answer, it is reported.

    oauthlib's OAuth 2 client told to put the token in the query is reported where it is told:
    `WebApplicationClient(client_id, token=token, default_token_placement="query")` (every
    request it signs, requests-oauthlib's `OAuth2Session` through it, carries
    `?access_token=...`; checked with oauthlib 3.3), and `client.add_token(url,
    token_placement="query")`.

    Keys that hold a position (`pageToken`, `cursor`, `next`, Square v1's `batch_token`) are cursors whatever the variable
    is called. A token name the module puts in a URL path right after its own collection
    (`self._url("users", userToken)`, `f"{base}/cards/{card_token}"`) is that resource's
    identifier: payment APIs such as Hyperwallet and Marqeta call every object's id its token
    (`usr-...`, "a token identifying the User"), and a query that filters by it carries no
    credential (not reported); a token after anything else (Discord's webhook token after the
    webhook's id), or never put in a path, stays reported. A parameter only a plain name calls a token (`def log_find_next(self, token)`
    putting `?token={token}` in its command), every call of which in the module hands it what
    the same API answered (`token = self.log_find_start().split("=")[1]`), or what the same
    function's own earlier answer gave out (Zendesk's upload token: `upload_file(...,
    token=upload["token"])` of `upload = upload_file(...)["upload"]`; a call leaving it at its
    default None passes none), is a handle the
    service gave out (a log search's, a job's, an upload batch's); with no caller in the module, or one passing an
    environment secret or a fetched token, it stays reported. Such a parameter in a function
    named or documented for registering a device for push notifications (`register_notification(token)`, "Register a
    push notification token") is the device's push address (Firebase's, APNs'), not a
    credential; an `access_token` there stays reported. So is a local only a plain name
    calls a token, cut in the same function out of the text answer of a request to the same
    path (`answer = command("log.cgi?action=startFind&...")`, the line holding `token=` split
    out of it, then `f"log.cgi?action=doFind&token={token}"`), where that request carries no
    credential and names no login, token, key or session (a login's answer to the same path,
    `api.cgi?action=login&user=...`, an answer of another path, or a stored token stay
    reported). A hash digest of the secret with
    what it signs (`sha256(partner_key + redirect_url).hexdigest()`, Shopee's v1 authorization
    link calls it `token`) is a signature of that one link, not the secret; so is the hash of
    a key with what it signs and its deadline, sent beside that deadline (`token =
    sha256(f"{security_key}{guid}{expires}".encode()).hexdigest()`, then `{"token": token,
    "expires": expires}`: a CDN's signed link, Bunny Stream's token authentication; the hash
    of a password alone, `md5(password)`, is as good as the password and is reported); so is a hash of a
    verifier the client keeps, written once to an attribute and encoded (`self.auth_token =
    b64_url(hashlib.sha512(self.verifier.encode()).digest())`: PKCE's code challenge, the
    verifier going only in a request's body); so is a value the
    code computes from the very URL it appends it to, in a function given how long the link
    lasts (`token = self.token(url)` after `e=<deadline>` is put in `url`, then
    `"{0}&token={1}".format(url, token)`: qiniu's private download link, a presigned URL);
    without a lifetime (`expires`, a `deadline`, a `ttl`), or computed from something else, it
    stays reported. In a module whose text says its tokens are something else (NHL404's list: a
    CAPTCHA-solving service's answers, a WebDAV lock's, a lexer's),
    the plain key `token` says nothing: a solved answer sent as `params={"token": token}` to
    a demo page is not reported, a fetched access token under it is; and a value whose own name says it is a nonce or a cursor (`csrf_token`,
    `next_page_token`), or that is read from an answer by such a name
    (`answer.find("ResumptionToken").text` of an XML report; SignalR's `connectionToken` from
    a hub's negotiate answer, the connection's id, also through a local name bound to the
    field: `token = answer.json()["connectionToken"]`, then `?id={token}`), is one whatever key it is put under (`"?api_token={}".format(csrf_token)`:
    a gateway's anti-CSRF token, handed out by the same gateway); so is a value the code shows
    it computes from what holds no token (`?rank_token={rank_token}` of a property joining the
    user's id and the device's UUID: instabot's ranking id). An OAuth 1 request token in the redirect to the authorization endpoint
    (RFC 5849 §2.2: `oauth_token` in a URL written or formatted with the authorization page's
    address, `"%s?oauth_token=%s" % (self.authorize_url, token)`, `authorize_page +
    "?oauth_token=" + token`, Twitter's sign-in variant `self.authenticate_url + "?" +
    urlencode(params)`, or the query mapping of a request to that page, `requests.get(
    self.authorize_url, params={"oauth_token": token})`: a headless confirmation, the
    temporary token grants nothing without its secret and the verifier; or the request token read as such, `parsed["oauth_token"]`,
    under the provider's own key in a URL built on an authorization address,
    `"%s?key=%s&token=%s" % (self.auth_token_url, key, parsed["oauth_token"])`) and a TOTP provisioning URI (`otpauth://`, mOTP's `motp://`, an authenticator export's
    `otpauth-migration://`, in any spelling of the
    statement that builds it, also step by step: `uri += f"?secret={secret}"` onto `uri =
    f"otpauth://totp/{label}"`), and Telegram's proxy share links (`tg://proxy?...&secret=`,
    `tg://socks?...&pass=`: the app opens them to import the proxy, no HTTP request sends them)
    carry theirs by design. The application's public identifier under
    a key named for a credential (`?apikey={self.client_id}`: an API that takes the OAuth client
    id as its key) is no credential, nor is what is sent under `client_id` (RFC 6749 §2.2 puts
    the client's public identifier in the authorization request's query), whatever the code
    calls it (`"client_id": self.api_key`), nor the application's key in a link to an
    authorization page (`https://trello.com/1/authorize?...&response_type=token&key={api_key}`:
    an `/authorize` path and a `response_type=`; Trello documents that key as public, and the
    user's token comes back in the return URL's fragment; a user's token in that link, the
    key in an API call, or a link with no `response_type=` stay reported), nor a SMART on FHIR EHR launch's id
    (`server.launch_token` under `launch`: the launch context the authorization request
    carries by design), nor what is sent under `state` or `nonce` (§10.12's
    binding of a redirect to its browser, an identity provider's login transaction:
    `f"{issuer}/u/login?state={state_token}"`).

    One-time links mailed to a person (password reset, a first password's set-password link,
    account recovery, e-mail confirmation, invitations; also with the query URL-encoded from a
    mapping, `"{}/@@set-password?{}".format(app_url, urlencode(query))`) are not
    reported (what a link is for is read off its path and the code around it, or off the
    function or class named for such a link when the path comes from elsewhere: `class
    MagicLinkNotifier` with `path="/set-password"` in its constructor, `def
    send_password_reset`; a name for e-mail or registration in general, `EmailApiClient`,
    `register_webhook`, says nothing; not off another
    query parameter's name: checkmk's `?action=activate_changes&_secret=...` and
    `&_do_confirm=yes` are API calls carrying the secret), nor is a form-encoded string with no `?` that begins with its own first field
    (`"grant_type=refresh_token&refresh_token=" + token`, also when the token comes later in
    the chain, `"mail=" + user + "&password=" + password`): it is as often a request body as a
    query, and the code does not say which. Nor is `&key=value` text the code writes to a
    request's body (`r.body += auth_str` in a requests auth handler, `data=form`), in place or
    through a local every use of which does: a form-encoded body; nor such text handed to a
    login as its user name (`client.username_pw_set(username=username)`: an AWS IoT custom
    authorizer reads `bot?jwt=...` from the MQTT username, sent inside the TLS session); the
    same text appended to `r.url` is reported. A template whose pairs begin right after a
    placeholder, with no `?` of their own (`"%s%saccess_token=%s&state=%s" % (redirect_uri,
    separator, ...)`), lets the value put there choose query or fragment (OAuth's implicit flow
    answers in the fragment): not reported, as the code does not say; after a literal `#` it is
    the fragment; after a literal `?`, or `&` appended to a URL, it is reported, and so after a
    separator chosen between the two (`url + ("&" if "?" in url else "?") + "token=" + key`).

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
    from settings, a self-hosted provider), the finding keeps its usual confidence. An API key
    under its own name in the query (`api_key=`, `apikey=`, `key=`, `APPID=`) is reported at low
    confidence too, whatever the host, saying why: that is the form of the many APIs that take
    their keys only there (Giphy, TMDB's v3, Torznab indexers, OpenWeatherMap, Google's `key=`;
    over fifteen held-out studies, all 25 findings of this shape were judged debatable), while
    an access token, a password or a client secret in a query is the caller's choice where
    the provider takes it in a header or a body.

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
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
        self._queries = QueryUrls(context)
        self._wrapped: Set[int] = set()  # the f-strings read with the adjacent literals they are part of

    def visit_Call(self, node: cst.Call) -> None:
        request = http_call(self.context, node)
        if request is not None and request.qualname not in HTTP_FUNCTIONS and self._helper_body(node):
            request = None  # the class's own `post(..., params=...)` sending it as the form body
        if request is not None:
            self._params(request.keyword("params"), request.url, node)
            positional = [a for a in node.args if a.keyword is None and not a.star]
            if request.qualname == "requests.get" and len(positional) > 1:  # get(url, params=None, ...)
                if authorization_in_params(self.context, positional[1].value):
                    self.report(positional[1].value, "a headers dict is passed as requests.get's second argument, "
                                                     "`params`: the token goes into the URL query")
                else:
                    self._params(positional[1].value, request.url, node)
        self._query_placement(node)
        queried = self._queries.url_query(node)
        if queried is not None and self._queries.claim(queried[0]):
            # `URL("https://graph.example.com/me").with_query(access_token=token)`
            base = node.func.value if isinstance(node.func, cst.Attribute) else None
            url = base.args[0].value if isinstance(base, cst.Call) and base.args else base
            self._report(queried[0], _IN_QUERY.format(queried[1]), url, queried[1])
        unsplit = self._queries.unsplit_query(node)
        if unsplit is not None:  # `urlunsplit((scheme, netloc, path, urlencode(query), fragment))`
            self._report(unsplit[0], _IN_QUERY.format(unsplit[1]), node, unsplit[1])
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "format" and node.args:
            if isinstance(func.value, (cst.SimpleString, cst.ConcatenatedString)):
                found = self._queries.template(node, func.value.evaluated_value)
                if found:
                    self._report(node, _IN_QUERY.format(found[0]), found[1], found[0])
        helper = self._queries.through_helper(node) if request is None else None
        if helper is not None:  # reported at the entry of the mapping handed to the helper
            where = helper.helper
            self._report(helper.entry, f"a token is put in the URL query ({helper.key}=...) by {where}(), which "
                                       "URL-encodes this mapping into the query", helper.url, helper.key,
                         related=[helper.sink.related(f"{where}() puts {_parameter(helper.parameter)} in the URL query here")])

    def _helper_body(self, node: cst.Call) -> bool:
        """`self.post("login", params={"email": ..., "password": ...})` where the module's own
        `post(self, object_name, params=None)` sends its `params` only as a request's body
        (`requests.post(url, data=params)`), never as a query: its name decides nothing."""
        from nhilint.flow.module import bind_target

        module = module_flow(self.context)
        flow = self.flow()
        target = module.resolve(flow, node)
        if target is None or target[0] is flow.scope:
            return False
        given = keyword_arg(node, "params")
        name = next((n for n, value in bind_target(target, node.args).items() if value is given), None)
        if name is None:
            return False
        helper = module.flow(target[0])
        placed = set()
        for call in helper.facts.own_calls:
            for arg in call.args:
                if arg.keyword is not None and f"param:{name}" in helper.deps(arg.value):
                    placed.add(arg.keyword.value)
        return bool(placed) and placed <= _BODY_KEYWORDS

    def _query_placement(self, node: cst.Call) -> None:
        """oauthlib's OAuth 2 client told to put the token in the query: `WebApplicationClient(...,
        default_token_placement="query")` for every request it signs (requests-oauthlib's
        session signs through it), or `client.add_token(uri, token_placement="query")` for one."""
        for arg in node.args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword not in ("default_token_placement", "token_placement") or string_literal(arg.value) != "query":
                continue
            if keyword == "token_placement" and leaf_name(node) != "add_token":
                continue
            if keyword == "default_token_placement" and not (self.context.qualified_name(node.func) or "").startswith(_OAUTHLIB):
                continue
            self.report(arg, "the OAuth 2 client is told to put the access token in the URL query"
                             + (" of every request it signs" if keyword == "default_token_placement" else ""))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        name = self._queries.augmented(node)
        if name:
            self._report(node.value, _IN_QUERY.format(name), node.target, name)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        if id(node) in self._wrapped:
            return  # read with the literals it is wrapped with
        name = self._queries.formatted_string(node)
        if name:
            self._report(node, _IN_QUERY.format(name), node, name)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        """`("https://api.example.com/items?" f"access_token={token}")`: one URL wrapped into
        adjacent literals, read whole once: its parts, and the rest of the chain (adjacent
        literals nest to the right), are not read again."""
        if id(node) in self._wrapped:
            return
        parts = []
        part: cst.BaseExpression = node
        while isinstance(part, cst.ConcatenatedString):
            self._wrapped.add(id(part))
            parts.append(part.left)
            part = part.right
        parts.append(part)
        if not any(isinstance(p, cst.FormattedString) for p in parts):
            return  # plain literals: no value in them
        self._wrapped.update(id(p) for p in parts)
        name = self._queries.formatted_string(node)
        if name:
            self._report(node, _IN_QUERY.format(name), node, name)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        found = self._queries.operation(node)
        if found:
            self._report(node, _IN_QUERY.format(found[0]), found[1], found[0])

    def _params(self, params: Optional[cst.BaseExpression], url: Optional[cst.BaseExpression],
                request: Optional[cst.Call] = None) -> None:
        found = self._queries.token_entry(params)
        if found is not None and request is not None and self._queries.echoed_nonce(request, found[0]):
            return  # the server's own anti-CSRF token, echoed with the `auth=` that authenticates
        if found is not None and url is not None and self._queries.oauth1_redirect(found[1], url):
            # `get(self.authorize_url, params={"oauth_token": token})`: RFC 5849 §2.2; another
            # credential beside it (the account's password) is still in the query
            found = self._queries.token_entry(params, skip=OAUTH1_REDIRECT_KEYS)
        if found is not None and self._queries.claim(found[0]):
            # a dict built earlier is reported where it is sent (`params=user_params`)
            # (or returned by a helper of the module: `params=self._query(...)`, reported at the call)
            anchor = params if isinstance(params, (cst.Name, cst.Attribute, cst.Call)) else found[0]
            self._report(anchor, f"a token is sent in the URL query (params {found[1]!r})", url, found[1])

    def _report(self, node: cst.CSTNode, message: str, url: Optional[cst.BaseExpression], key: str,
                related: Sequence[RelatedPlace] = ()) -> None:
        """Reported unless the host is allowed; at low confidence, and saying so, for a provider
        that takes the credential only in the query, and for an API key under its own name (`key`:
        the query's key)."""
        from nhilint.analysis.resource_ids import resource_id_names  # asked of a token in a query only

        if key in resource_id_names(self.context):
            return  # `userToken`, which the module puts after `users/` in its paths: the user's id
        host = self._queries.host(url)
        if host is not None and on_host(host, self.opt("allow-hosts")):
            return
        if host is not None and on_host(host, QUERY_ONLY_HOSTS):
            self.report(node, f"{message}: {host} takes the credential only in the query, so keep these URLs "
                              f"out of logs and the credential narrow (or allow the host)", "low", related=related)
            return
        if _API_KEY_NAME.fullmatch(snake_case(key)):
            self.report(node, f"{message}: many APIs take their keys only in the query, so if this one does, keep "
                              f"these URLs out of logs and the key narrow (or allow the host)", "low", related=related)
            return
        self.report(node, message, related=related)


def _parameter(name: str) -> str:
    """`**params`: a `params=` argument its `**kwargs` takes and hands on (sinks.KEYWORD_PREFIX)."""
    if name.startswith(KEYWORD_PREFIX):
        return f"the `{name[len(KEYWORD_PREFIX):]}` its `**kwargs` takes"
    return f"its parameter `{name}`"
