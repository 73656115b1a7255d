"""Where a token goes into a URL's query (NHL403): the entry of a query mapping that holds a
credential (a credential key that holds no flag, number or placeholder, or a token's value
under a plain key that is no cursor, also stored key by key before the mapping is read; the
strongest first); `?access_token=` (or a token's value after a plain key) written by an
f-string, `+`, `%` or `.format()`; `urlencode({...})` with a credential put after a `?`; a
query mapping handed to a helper that URL-encodes it into a query; and the host the URL names.
Not a one-time link mailed to a person, an OAuth 1 request token on its way to the
authorization page, a form body, or a nonce echoed to the endpoint that handed it out."""

from __future__ import annotations

import re
from typing import FrozenSet, Iterable, List, Optional, Set, Tuple, Union

import libcst as cst

from nhilint.analysis.http import keyword_arg, scheme_free_url, string_parts, string_prefix, url_host
from nhilint.analysis.credentials import string_literal
from nhilint.analysis.syntax import is_none
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.names import is_token_name, mentions_token_but_holds_none, names_plain_token, snake_case
from nhilint.analysis.values import field_read
from nhilint.context import FileContext
from nhilint.flow.authorization_links import app_key_in_authorization_request
from nhilint.flow.echoed_handles import echoed_handle
from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import IDENTIFIER, NAMED, OPAQUE, token_labels
from nhilint.flow.module import ModuleFlow, module_flow
from nhilint.flow.sinks import ends_query
from nhilint.flow.sources import numeric_annotation, other_token_domain, without_other_domain
from nhilint.flow.summary import QUERY, Sink
from nhilint.patterns import compiled_on_first_use
from nhilint.secret_formats import is_placeholder, names_its_field
from nhilint.walk import nodes_of

# `?access_token=`, `&api_key=` right before a value, in a URL being built
_QUERY_KEY = compiled_on_first_use(r"[?&](?P<name>[A-Za-z_]+)=(\{\}|%s|\{[^{}]*\})?$")
# One-time links mailed to a person (password reset, e-mail confirmation) carry their token in
# the URL by design: not an access token in transit.
# URIs an authenticator app reads from a QR code to enrol a one-time-password generator: each
# carries the shared seed by design (`otpauth://totp/...?secret=`, mOTP's `motp://...?secret=`,
# Google Authenticator's export `otpauth-migration://offline?data=`); and the share links a
# proxy manager shows its admin, which the client app opens to import the proxy with its secret
# (Telegram's `tg://proxy?...&secret=`, `tg://socks?...&pass=`: v2ray-util), no HTTP request
_PROVISIONING_SCHEMES = ("otpauth://", "otpauth-migration://", "motp://", "tg://proxy", "tg://socks")
_ONE_TIME_LINK = compiled_on_first_use(
    r"reset|verif|confirm|invit|activat|unsubscribe|magic|signup|register|email|recover|set[-_]?password", re.I)
# a function or class named for such a link (snake case): narrower than the words above, as
# `register_webhook` or `EmailClient` may well send an API key in a query
ONE_TIME_SCOPE = compiled_on_first_use(
    r"magic_?link|password_?reset|reset_?password|set_?password|invit|activation|confirm_?email|email_?confirm|recover")
# a query's parameters in written text (`?action=activate_changes`, `&_do_confirm=yes`): what
# a link is for is said by its path or the code around it, not by another parameter's name
_QUERY_PARAMETER = compiled_on_first_use(r"[?&][^?&\"'\s]*")
# a value whose name says it is the application's public identifier (`apikey={self.client_id}`:
# Honeywell's API takes the OAuth client id as its key; the id is in every authorize URL too)
_PUBLIC_ID = compiled_on_first_use(r"^_*(client_?id|app_?id|application_?id)$", re.I)
# A form-encoded string that starts with its own first field (`grant_type=refresh_token&refresh_token=`)
# and has no `?`: as often a request body (`data=`, `body=`) as a query, and the code does not say.
_FORM_FIELDS = compiled_on_first_use(r"^[A-Za-z_][A-Za-z0-9_.-]*=")
# urllib.parse's builders of a URL from its parts, and where the query is among them
_UNSPLIT = {"urlunsplit": 3, "urlunparse": 4}
# how long a signed link lasts: a presigned URL's lifetime or deadline (`expires=3600`)
_LINK_LIFETIME = compiled_on_first_use(r"expir|deadline|^ttl$|lifetime", re.I)
# OAuth 1.0a (RFC 5849 §2.2) sends the temporary request token in the authorization redirect.
OAUTH1_REDIRECT_KEYS = frozenset({"oauth_token", "request_token"})


def authorization_page(written: str) -> bool:
    """Whether a URL, as written, is named for the page OAuth 1.0a sends the user to with the
    request token: `authorize_url`, or Twitter's sign-in variant `authenticate_url`."""
    lowered = written.lower()
    return "authoriz" in lowered or "authenticat" in lowered
# values under a credential key that stand for none
_PLACEHOLDERS = frozenset({"", "xxx", "changeme", "<token>"})
# credential words stronger than an API key's (a key is often an application's, sometimes public)
_STRONG_CREDENTIAL = compiled_on_first_use(r"(^|_)(tokens?|secrets?|jwt|bearer|password|passwd|credentials?|assertion)($|_)")
# Query keys whose value is a position, not a credential, whatever the variable is called
# (`params={"pageToken": token}` in a pagination loop).
_CURSOR_KEY = compiled_on_first_use(r"token|cursor|page|next|offset|after|before|marker", re.I)

Entry = Tuple[cst.CSTNode, str]  # the entry's node, its key
Built = Tuple[str, cst.CSTNode]  # the query key, the expression whose host the URL has


def _pair_entries(pairs: cst.BaseExpression) -> "list[tuple[cst.CSTNode, object, cst.BaseExpression]]":
    """The (key, value) pairs a list or tuple of two-element tuples with literal keys spells
    out (`[("token", token), ("txt", value)]`), as the entries of the mapping made of them."""
    if not isinstance(pairs, (cst.List, cst.Tuple)):
        return []
    return [entry for element in pairs.elements for entry in _pair_entry(element.value)]


def _pair_entry(pair: cst.BaseExpression) -> "list[tuple[cst.CSTNode, object, cst.BaseExpression]]":
    """`("token", token)`: one entry, by its literal key."""
    if isinstance(pair, cst.Tuple) and len(pair.elements) == 2 and isinstance(pair.elements[0].value, cst.SimpleString):
        return [(pair, pair.elements[0].value.evaluated_value, pair.elements[1].value)]
    return []


class HelperQuery:
    """A query mapping's credential entry handed to a helper that puts it in a URL's query.
    A plain class, as nhilint.analysis.hardcoded_literals.Found."""

    __slots__ = ("entry", "key", "helper", "parameter", "sink", "url")

    def __init__(self, entry: cst.CSTNode, key: str, helper: str, parameter: str, sink: Sink,
                 url: Optional[cst.BaseExpression]) -> None:
        self.entry = entry
        self.key = key
        self.helper = helper  # the helper's name
        self.parameter = parameter
        self.sink = sink  # where the helper puts it
        self.url = url  # the URL the call names, if any


def on_host(host: str, domains: Iterable[str]) -> bool:
    """`api.example.com` is on `example.com`'s host and on its own."""
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def authorization_in_params(context: FileContext, arg: cst.BaseExpression) -> bool:
    """A headers dict (with an `Authorization` entry) where the query parameters go."""
    headers = context.bound_expression(arg) if isinstance(arg, cst.Name) else arg
    return isinstance(headers, cst.Dict) and any(
        isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
        and str(e.key.evaluated_value).lower() == "authorization"
        for e in headers.elements
    )


def _formatted(node: cst.CSTNode, template: str, at: int, field: str) -> Optional[cst.BaseExpression]:
    """The argument `str.format` puts in the replacement field `field` found at `at`:
    `{2}` the third positional, `{}` the next automatic one, `{token}` the keyword; with `%`,
    the tuple's element of the `%s` at `at` (`"%s?token=%s" % (base, token)`)."""
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo) and field == "%s":
        values = [e.value for e in node.right.elements] if isinstance(node.right, cst.Tuple) else [node.right]
        index = template[:at].count("%s")
        return values[index] if index < len(values) else None
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


class QueryEntries:
    """Which entry of a query mapping holds a credential, read in the function (or module body)
    the visit is in."""

    def __init__(self, context: FileContext) -> None:
        self.context = context

    def flow(self) -> FunctionFlow:
        return module_flow(self.context).flow(self.context.scope)

    def url_query(self, call: cst.Call) -> Optional[Entry]:
        """yarl's `URL(...).with_query(access_token=token)` (also `update_query`,
        `extend_query`, given keywords or one mapping): the query a URL is given."""
        if leaf_name(call) not in URL_QUERY_METHODS or not isinstance(call.func, cst.Attribute):
            return None
        if len(call.args) == 1 and call.args[0].keyword is None:
            return self.token_entry(call.args[0].value)
        return self.token_entry(call)

    def unsplit_query(self, call: cst.Call) -> Optional[Tuple[cst.BaseExpression, str]]:
        """`urlunsplit((scheme, netloc, path, urlencode(query), fragment))` (`urlunparse`'s
        query is its fifth part): the query part, and the credential key its mapping holds."""
        leaf = leaf_name(call)
        if leaf not in _UNSPLIT or not call.args or call.args[0].keyword is not None:
            return None
        parts = call.args[0].value
        index = _UNSPLIT[leaf]
        if isinstance(parts, cst.Call) and leaf_name(parts) == "_replace":
            # `urlunparse(parsed._replace(query=urlencode(query)))`: the parsed URL, its query replaced
            replaced = keyword_arg(parts, "query")
            if replaced is None:
                return None
            query = replaced
        elif not isinstance(parts, (cst.Tuple, cst.List)) or len(parts.elements) <= index:
            return None
        else:
            query = parts.elements[index].value
        name = self._urlencoded_token(query, call)
        return (query, name) if name else None

    def token_entry(self, params: Optional[cst.BaseExpression], skip: FrozenSet[str] = frozenset()) -> Optional[Entry]:
        """The entry of a query mapping (`{...}`, `dict(k=v)`, a name bound to one) that holds
        a credential: a credential key (`access_token`), or a credential value under an
        ordinary key (`"key": MAPS_API_KEY`); none of the keys in `skip`."""
        entries = []
        if isinstance(params, cst.Name):
            entries = self._stored_entries(params)
            params = self.context.bound_expression(params) or self._merged_in_place(params)
        elif isinstance(params, cst.Attribute):
            params = self._kept_mapping(params)
        elif isinstance(params, cst.Call) and leaf_name(params) not in _KEYWORD_QUERIES:
            params = self._returned_mapping(params)
        if isinstance(params, cst.IfExp):
            # `{"token": self._token} if "pluginfile.php" in url else {}`: sent whenever the test holds
            branch = self.token_entry(params.body, skip) or self.token_entry(params.orelse, skip)
            if branch is not None:
                return branch
            params = None
        if isinstance(params, cst.Dict):
            entries += [(e, e.key.evaluated_value, e.value) for e in params.elements
                        if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)]
        elif isinstance(params, cst.Call) and leaf_name(params) in _KEYWORD_QUERIES:
            # `dict(k=v)`, yarl's `url.with_query(access_token=...)`: the keywords are the query's
            entries += [(a, a.keyword.value, a.value) for a in params.args if a.keyword is not None]
            if params.args and params.args[0].keyword is None:  # `dict([("token", token), ...])`
                entries += _pair_entries(params.args[0].value)
        elif isinstance(params, (cst.List, cst.Tuple)):  # `params=[("token", token), ...]`
            entries += _pair_entries(params)
        found: List[Entry] = []
        for node, key, value in entries:
            if not isinstance(key, str) or key in skip:
                continue
            # a placeholder or a mask put in its place (`{"api_key": "***"}`: a URL redacted for an
            # error), or the key's own name as its value (`{"get_token": "get_token"}`: torrentapi's
            # command to issue a token, no token)
            placeholder = isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str) and (
                value.evaluated_value in _PLACEHOLDERS or is_placeholder(value.evaluated_value)
                or names_its_field(value.evaluated_value, key))
            # a header-style key names its words with hyphens (`x-auth-token`, `st2-api-key`)
            # `token` where the module's tokens are something else (a CAPTCHA's answer): what
            # the value is decides, not the key
            other_domain = names_plain_token(key) and other_token_domain(self.context)
            if is_token_name(key.replace("-", "_")) and key.lower() != "key" and not placeholder and not self._scalar(value) \
                    and not _public_id(value) and not _cursor_field(self.flow(), value) and not other_domain \
                    and not _handle_from_callers(self.flow(), value) and not _push_registration(self.flow(), value) \
                    and not _link_signature(self.flow(), value):
                found.append((node, key))
            elif self.token_value(key, value, cursor_keys=not other_domain):
                found.append((node, key))  # a credential under a plain key: `{"key": MAPS_API_KEY}`
        # the strongest credential names the finding: a token or secret before an API key, which
        # some services publish (`{"APIKey": site_key, "regToken": token}` is about `regToken`)
        strong = [entry for entry in found if _STRONG_CREDENTIAL.search(snake_case(entry[1]).replace("-", "_"))]
        return (strong or found or [None])[0]

    def _merged_in_place(self, params: cst.Name) -> Optional[cst.BaseExpression]:
        """`args = {"token_auth": token}`, then `args |= extra`: a mapping merged in place keeps
        its entries, as `args.update(extra)` does (the union's other side is the caller's)."""
        facts = self.flow().facts
        binding = facts.binding_before(params.value, facts.order_of(params))
        for _ in range(3):
            at = binding.at if binding is not None else None
            if not (isinstance(at, cst.AugAssign) and isinstance(at.operator, cst.BitOrAssign)):
                return None
            binding = facts.binding_before(params.value, binding.order)  # type: ignore[union-attr]
            if binding is not None and binding.value is not None:
                return binding.value
        return None

    def _kept_mapping(self, params: cst.Attribute) -> Optional[cst.BaseExpression]:
        """`self._args`, written once by the class (`self._args = {"token_auth": token}` in
        `__init__`) and sent by another method: the mapping written there."""
        flow = self.flow()
        if flow.owner is None or not flow.is_self(params.value):
            return None
        writes = module_flow(self.context).attribute_writes(flow.owner, params.attr.value)
        return writes[0][1] if len(writes) == 1 else None

    def _returned_mapping(self, params: cst.Call) -> Optional[cst.BaseExpression]:
        """`params=self._query(iata_code=iata)` of a method of the module whose one `return` is
        the mapping it writes out (`query = {"api_key": self._key}`, updated with the extras):
        that mapping."""
        module = module_flow(self.context)
        target = module.resolve(self.flow(), params)
        if target is None:
            return None
        helper = module.flow(target[0])
        returns = helper.facts.returns
        returned = returns[0] if len(returns) == 1 else None
        if isinstance(returned, cst.Name) and helper.facts.is_local(returned.value):
            returned = self.context.bound_expression(returned, helper.facts)
        return returned if isinstance(returned, cst.Dict) else None

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
        for order, added in facts.appends.get(params.value, ()):
            if order < at:  # `params.append(("token", token))`, `params.extend([...])`
                entries += _pair_entry(added) or _pair_entries(added)
        return entries

    def _scalar(self, value: cst.BaseExpression, depth: int = 0) -> bool:
        """A flag, a number or a time, which no token is: `True`, `3`, a parameter typed so
        (`withRefreshToken: Optional[bool]`: asks the server to include one in its answer), also
        as text (`str(view_secret_value).lower()`), or a formatted time (`since.strftime(...)`,
        `modified.isoformat()`: `lastSecretModified`)."""
        if isinstance(value, (cst.Integer, cst.Float)) or (isinstance(value, cst.Name) and value.value in ("True", "False")):
            return True
        if isinstance(value, cst.Call) and depth < 3:
            leaf = leaf_name(value)
            if leaf in _TIME_TEXTS or leaf in ("int", "float", "bool", "len"):
                return True
            if leaf in ("lower", "upper") and isinstance(value.func, cst.Attribute):
                return self._scalar(value.func.value, depth + 1)
            if leaf == "str" and len(value.args) == 1:
                return self._scalar(value.args[0].value, depth + 1)
        param = self.flow().param_node(value.value) if isinstance(value, cst.Name) else None
        return param is not None and numeric_annotation(param)

    def echoed_nonce(self, request: cst.Call, entry: cst.CSTNode) -> bool:
        """`token = parse(session.get(url + "token.html", auth=auth).text)...`, then
        `session.get(url, auth=auth, params={"token": token})`: a token the server handed out in
        the answer to a request authenticated as this one is (the same `auth=`), sent back with
        requests that carry that credential (uTorrent's WebUI anti-CSRF token, which it takes only
        in the query): the credential is `auth=`, the token a nonce of its session."""
        auth = keyword_arg(request, "auth")
        value = entry.value if isinstance(entry, (cst.DictElement, cst.Arg)) else None
        if auth is None or not isinstance(value, cst.Name):
            return False
        flow = self.flow()
        if not flow.facts.is_local(value.value) or value.value in flow.facts.params:
            return False
        bindings = flow.reaching(value.value, value)
        return bool(bindings) and all(
            binding.value is not None and self._answer_body_of(binding.value, auth) for binding in bindings)

    def _answer_body_of(self, value: cst.BaseExpression, auth: cst.BaseExpression) -> bool:
        """The value reads the body (`.text`, `.content`, `.json()`) of a response this function
        received to a request sent with the same `auth=`."""
        flow = self.flow()
        wanted = dotted_name(auth)
        for attribute in nodes_of(value, cst.Attribute, nested=True):
            if attribute.attr.value not in ("text", "content", "json") or not isinstance(attribute.value, cst.Name):
                continue
            sent = self.context.bound_expression(attribute.value, flow.facts)
            if isinstance(sent, cst.Call) and wanted is not None and dotted_name(keyword_arg(sent, "auth")) == wanted:
                return True
        return False

    def token_value(self, key: str, value: cst.BaseExpression, cursor_keys: bool = True) -> bool:
        """A credential under a plain key that is no cursor (`"key": MAPS_API_KEY`), nor the
        key OAuth names the client's public identifier by (`"client_id": self.api_key`: RFC
        6749 §2.2 sends it in the authorization request's query; a provider may call it the
        app's API key), nor its `state` or `nonce` (`?state={state_token}`)."""
        if (cursor_keys and _CURSOR_KEY.search(key)) or isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            return False
        if snake_case(key) in _PROTOCOL_KEYS:
            return False
        flow = self.flow()
        if _cursor_field(flow, value):
            return False  # `?id={token}` of `token = answer.json()["connectionToken"]`: the answer's name for it
        return bool(without_other_domain(flow, token_labels(flow.labels(value))))


# query keys an OAuth or OpenID Connect request carries by design, whatever the value is called:
# the client's public identifier (RFC 6749 §2.2), the `state` binding a redirect to the browser
# that started it (§10.12: also Auth0's login transaction, `/u/login?state=...`), and the nonce
_PROTOCOL_KEYS = frozenset({"client_id", "state", "nonce"})

# what turns a date or a time into text: `since.strftime("%Y-%m-%d")`, `modified.isoformat()`
_TIME_TEXTS = frozenset({"strftime", "isoformat", "timestamp"})


# yarl's `URL` methods that set the query from keywords or a mapping
URL_QUERY_METHODS = frozenset({"with_query", "update_query", "extend_query"})
_KEYWORD_QUERIES = frozenset({"dict"}) | URL_QUERY_METHODS


class QueryUrls(QueryEntries):
    """Which URL building carries a token in its query; each entry of a query mapping is
    reported once (`claim`)."""

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self._reported: Set[int] = set()

    def claim(self, entry: cst.CSTNode) -> bool:
        """Whether an entry is still to be reported: one params dict sent by two calls is one finding."""
        if id(entry) in self._reported:
            return False
        self._reported.add(id(entry))
        return True

    def through_helper(self, node: cst.Call) -> Optional[HelperQuery]:
        """`urls.with_query("/companies", {"access_token": token})` where the helper (of this
        module or another) URL-encodes that parameter into a URL's query."""
        if not any(self.token_entry(arg.value) for arg in node.args if not arg.star):
            return None  # the cheap test first: no argument is a query mapping holding a credential
        module = module_flow(self.context)
        flow = self.flow()
        if not module.may_run_helper(node) or not module.runs_helper(flow, node):
            return None
        helper = module.helper_sinks(flow, node)
        if helper is None:
            return None
        bound, param_sinks = helper
        for name, sinks in param_sinks.items():
            queries = [sink for sink in sinks if sink.kind == QUERY]
            found = self.token_entry(bound[name]) if queries and name in bound else None
            if found is None or not self.claim(found[0]):
                continue
            # the URL the helper is asked for, when the call names one (`self.request(OPENID_URL, ...)`)
            url = next((a.value for a in node.args if a.keyword is None and not a.star and self.host(a.value)), None)
            return HelperQuery(found[0], found[1], queries[0].holder, name, queries[0], url)
        return None

    def augmented(self, node: cst.AugAssign) -> Optional[str]:
        """`url += urlencode({"access_token": ...})` onto a URL built step by step."""
        if not isinstance(node.operator, cst.AddAssign):
            return None
        target = (dotted_name(node.target) or "").rsplit(".", 1)[-1].lower()
        if not any(word in target for word in ("url", "uri", "link", "endpoint", "query")):
            return None
        return self._urlencoded_token(node.value, node)

    def formatted_string(self, node: Union[cst.FormattedString, cst.ConcatenatedString]) -> Optional[str]:
        """`f"{base}?access_token={token}"`, `f"{db}?auth={id_token}"`, `f"{url}?{urlencode(q)}"`;
        also wrapped into adjacent literals (`"https://api.example.com/items?" f"key={token}"`)."""
        found = self._formatted_key(node)
        if found is not None and self._form_body():
            return None  # `auth_str = f"&access={key}&secret={secret}"`, then `r.body += auth_str`
        return found

    def _formatted_key(self, node: Union[cst.FormattedString, cst.ConcatenatedString]) -> Optional[str]:
        text = ""
        for part in string_parts(node):
            if isinstance(part, str):
                text += part
            elif self._query_token(text, part) and not self._endpoint_nonce(text, part) \
                    and not self.oauth1_redirect(self._query_token(text, part), node) \
                    and not self._oauth1_request_token(part, node):
                return self._query_token(text, part)
            elif text.endswith(("?", "&")) and self._urlencoded_token(part, node):
                return self._urlencoded_token(part, node)
            else:
                text += "{}"
        return None

    def operation(self, node: cst.BinaryOperation) -> Optional[Built]:
        """`url + "?" + urlencode({...})`, `"?token=" + token`, `"?token=%s" % token`."""
        left = node.left
        literal = left.right if isinstance(left, cst.BinaryOperation) else left
        if isinstance(node.operator, cst.Add) and ends_query(literal):
            name = self._urlencoded_token(node.right, node)  # url + "?" + urlencode({"access_token": ...})
            if name:
                return name, node
        if isinstance(node.operator, cst.Add) and isinstance(literal, cst.SimpleString):
            text = literal.evaluated_value if isinstance(literal.evaluated_value, str) else ""
            if isinstance(left, cst.BinaryOperation) and _query_separator(left.left):
                text = "?" + text  # `url + ("&" if "?" in url else "?") + "token=" + key`
            elif isinstance(left, cst.BinaryOperation):
                # `"mail=" + user + "&password=" + password`: the text the chain began with
                text = _chain_start(left.left) + text
            name = self._query_token(text)
            if name and self.oauth1_redirect(name, left):
                return None  # `authorize_url + "?oauth_token=" + token`: RFC 5849 §2.2
            return (name, node) if name and not isinstance(node.right, cst.SimpleString) else None
        if isinstance(node.operator, cst.Modulo) and isinstance(left, cst.SimpleString):
            return self.template(node, left.evaluated_value)
        return None

    def template(self, node: cst.CSTNode, template: object) -> Optional[Built]:
        """`"{0}{1}.json?{2}".format(db, path, urlencode(query))`, `"?key={0}".format(key)`:
        the key and the template, whose host the URL has."""
        if not isinstance(template, str):
            return None
        literal = node.func.value if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) else (
            node.left if isinstance(node, cst.BinaryOperation) else node)
        for match in re.finditer(r"[?&](\{[^{}]*\}|%s)", template):
            value = _formatted(node, template, match.start(1), match.group(1))
            name = self._urlencoded_token(value, node) if value is not None else None
            if name:
                return name, literal
        from nhilint.flow.query_places import separator_chosen  # a template with a query: rare

        for match in re.finditer(r"[?&]([A-Za-z_]+)=(\{[^{}]*\}|%s)", template):
            value = _formatted(node, template, match.start(2), match.group(2))
            if self.oauth1_redirect(match.group(1), node) or self._oauth1_request_token(value, node):
                continue
            if separator_chosen(template[: match.start()]):
                continue
            if self._query_token(template[: match.end()], value):
                return match.group(1), literal
        return None

    def oauth1_redirect(self, key: Optional[str], url: cst.CSTNode) -> bool:
        """OAuth 1.0a's request token in the URL of the authorization page, its base named for
        it (`"%s?oauth_token=%s" % (self.authorize_url, token)`, `f"{authorize_url}?oauth_token=
        {token}"`, also as the query mapping of a request to it, `get(self.authorize_url,
        params={"oauth_token": token})`): RFC 5849 §2.2 puts it there; the user's browser is
        sent to that page."""
        return key in OAUTH1_REDIRECT_KEYS and authorization_page(self.context.module.code_for_node(url))

    def _oauth1_request_token(self, value: Optional[cst.BaseExpression], url: cst.CSTNode) -> bool:
        """The OAuth 1.0a request token read as such (`parsed["oauth_token"]`, `request_token`)
        in a URL built on an authorization page's base (`self.auth_token_url`), whatever the
        provider calls the query key (E*TRADE's `?key=...&token=...`): RFC 5849 §2.2's redirect."""
        if value is None:
            return False
        if isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index):
            named = string_literal(value.slice[0].slice.value) or ""
        else:
            named = (dotted_name(value) or "").rsplit(".", 1)[-1]
        return named in OAUTH1_REDIRECT_KEYS and "auth" in self.context.module.code_for_node(url).lower()

    def _statement_mentions(self, *texts: str) -> bool:
        """Whether the statement being read holds one of `texts` (its code written out once)."""
        statement = self.context.statement_stack[-1] if self.context.statement_stack else None
        if statement is None:
            return False
        written = self.context.module.code_for_node(statement)
        return any(text in written for text in texts)

    def _extends_provisioning_uri(self) -> bool:
        """`uri += f"?secret={secret}"` onto `uri = f"otpauth://totp/{label}"`: the query is a
        provisioning URI's, built step by step."""
        statement = self.context.statement_stack[-1] if self.context.statement_stack else None
        small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 else None
        if not (isinstance(small, cst.AugAssign) and isinstance(small.target, cst.Name)):
            return False
        flow = self.flow()
        written = [self.context.module.code_for_node(b.value) for b in flow.reaching(small.target.value, small.target)
                   if b.value is not None]
        return any(scheme in text for text in written for scheme in _PROVISIONING_SCHEMES)

    def _one_time_statement(self, comments: bool = True) -> bool:
        """`invite_url = "{}?token={}".format(reverse("user-signup"), org.token)`: the statement
        building the link says what it is for; with `comments=False`, its code alone, not the
        comment lines above it (`# reset path and build_query for next query`)."""
        statement = self.context.statement_stack[-1] if self.context.statement_stack else None
        if statement is None:
            return False
        if not comments and isinstance(statement, cst.SimpleStatementLine):
            written = "".join(self.context.module.code_for_node(small) for small in statement.body)
        else:
            written = self.context.module.code_for_node(statement)
        return bool(_ONE_TIME_LINK.search(_QUERY_PARAMETER.sub("", written)))

    def _one_time_scope(self) -> bool:
        """The function or its class is named for a one-time link mailed to a person
        (`class MagicLinkNotifier`, `def send_password_reset`): the link's path may come from
        elsewhere (a constructor's `path="/set-password"`), its purpose is in the name."""
        flow = self.flow()
        names = [flow.scope.name.value] if isinstance(flow.scope, cst.FunctionDef) else []
        if flow.owner is not None:
            names.append(flow.owner.name.value)
        return any(ONE_TIME_SCOPE.search(snake_case(name)) for name in names)

    def _form_body(self) -> bool:
        """The statement writes the text to a request's body (nhilint.flow.query_places)."""
        from nhilint.flow.query_places import form_body  # a query text was found: rare

        return form_body(self.context.statement_stack, self.flow().facts)

    def _query_token(self, text: str, value: Optional[cst.BaseExpression] = None) -> Optional[str]:
        """The key of `?access_token=` at the end of `text`; or of a plain key (`?auth=`) when
        the `value` formatted after it is a token (`f"?auth={id_token}"`)."""
        match = _QUERY_KEY.search(text)
        if match is None:
            return None
        name = match.group("name")
        named = is_token_name(name) and name.lower() != "key"
        if not named and not (value is not None and self.token_value(name, value)):
            return None
        if value is not None and (_public_id(value) or _named_no_credential(value) or self._joined_identifier(value)
                                  or _handle_from_callers(self.flow(), _formatted_value(value)) or _digest(self.flow(), value)
                                  or self._url_signature(value) or _push_registration(self.flow(), value)):
            return None
        before = text[: match.start()]
        if app_key_in_authorization_request(name, before, "response_type=" in text or self._statement_mentions("response_type=")):
            return None  # the application's key in a link to an authorization page, as `client_id`
        if any(scheme in before for scheme in _PROVISIONING_SCHEMES) or self._statement_mentions(*_PROVISIONING_SCHEMES) \
                or self._extends_provisioning_uri():
            return None  # a TOTP provisioning URI, shown as a QR code: its secret is the seed it shares
        if _ONE_TIME_LINK.search(_QUERY_PARAMETER.sub("", before)) or self._one_time_statement() or self._one_time_scope():
            return None
        if match.group("name") in OAUTH1_REDIRECT_KEYS and authorization_page(before):
            return None  # OAuth 1: the request token goes to the authorization page (RFC 5849 §2.2)
        if "?" not in before and _FORM_FIELDS.match(before):
            return None
        if "#" in before:
            return None  # `/login#/?token=`: a single-page app's route in the fragment, never sent
        return match.group("name")

    def _url_signature(self, value: cst.BaseExpression) -> bool:
        """`token = self.token(url)`, then `"{0}&token={1}".format(url, token)` in a function given
        how long the link lasts (`expires=3600`, a `deadline`): a signature the code computes
        over the very URL it is appended to, with its deadline in it (qiniu's private download
        link, a presigned URL), valid for that link alone, not the key that signed it."""
        flow = self.flow()
        signed = flow.reaching_value(value) if isinstance(value, cst.Name) else None
        statement = self.context.statement_stack[-1] if self.context.statement_stack else None
        if not isinstance(signed, cst.Call) or statement is None or not isinstance(flow.scope, cst.FunctionDef):
            return False
        given = {arg.value.value for arg in signed.args if isinstance(arg.value, cst.Name)} - {"self", "cls"}
        built_on = {name.value for name in nodes_of(statement, cst.Name) if name.value != value.value}
        lasting = any(_LINK_LIFETIME.search(name) for name in (*flow.facts.params, *flow.facts.bindings))
        return bool(given & built_on) and lasting

    def _joined_identifier(self, value: cst.BaseExpression) -> bool:
        """A value the code shows it computes from what holds no token (`self.rank_token` of a
        property joining the user's id and the device's UUID: nhilint.flow.joined_ids): an
        identifier, none of it a token, whatever the query key calls it."""
        if not isinstance(value, (cst.Name, cst.Attribute)):
            return False
        labels = self.flow().labels(value)
        return any(label.kind == OPAQUE and label.detail == IDENTIFIER for label in labels) \
            and not token_labels(labels)

    def _endpoint_nonce(self, text: str, value: cst.BaseExpression) -> bool:
        """`upm_token = self.request("GET", path="rest/plugins/1.0/").headers["upm-token"]`, then
        `f"rest/plugins/1.0/?token={upm_token}"`: a token the endpoint itself just handed out in
        a response header, echoed to the same path on the next request (an anti-XSRF nonce the
        endpoint takes only in the query), not a credential carried to it; or a handle cut out
        of the text answer of the same path (nhilint.flow.echoed_handles)."""
        if not isinstance(value, cst.Name):
            return False
        return self._header_nonce(text, value) or echoed_handle(self.context, self.flow(), text, value)

    def _header_nonce(self, text: str, value: cst.Name) -> bool:
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

    def _urlencoded_token(self, expr: cst.BaseExpression, url: cst.BaseExpression) -> Optional[str]:
        """The credential key of `urlencode({...})` put after a `?` in `url`. Not in a TOTP
        provisioning URI (`otpauth://`, shown as a QR code), nor an OAuth 1 request token in
        the redirect to the authorization endpoint, where the protocol puts it."""
        if not (isinstance(expr, cst.Call) and leaf_name(expr) == "urlencode" and expr.args):
            return None
        found = self.token_entry(expr.args[0].value)
        if found is None:
            return None
        written = self.context.module.code_for_node(url).lower()
        if any(scheme in written for scheme in _PROVISIONING_SCHEMES) or (
                found[1] in OAUTH1_REDIRECT_KEYS and authorization_page(written)):
            return None
        if _ONE_TIME_LINK.search(written) or self._one_time_statement(comments=False) or self._one_time_scope():
            return None  # `"{}/@@set-password?{}".format(app_url, urlencode(query))`: a link mailed once
        return found[1]

    def host(self, url: Optional[cst.BaseExpression]) -> Optional[str]:
        """The host a URL expression names, also through a class attribute (`self.profile_url`)."""
        if url is None:
            return None
        flow = self.flow()
        if isinstance(url, cst.Attribute) and flow.is_self(url.value) and flow.owner is not None:
            writes = flow.module.attribute_writes(flow.owner, url.attr.value)
            url = writes[0][1] if len(writes) == 1 else url
        found = url_host(string_prefix(self.context, url, flow.facts)[0]) or url_host(scheme_free_url(self.context, url, flow.facts))
        return found[0] if found else None


def _named_no_credential(value: cst.BaseExpression) -> bool:
    """`csrf_token`, `next_page_token`: the value's own name says it is a nonce or a cursor,
    whatever key the query puts it under (`?api_token={csrf_token}`: the programmer's name for
    what the endpoint handed out beats the parameter's)."""
    named = dotted_name(value)
    return named is not None and mentions_token_but_holds_none(named.rsplit(".", 1)[-1])


def _cursor_field(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
    """A field of an answer read by a name that says it is a cursor or a nonce
    (`answer.find("ResumptionToken").text` of an XML report, `page.get("nextPageToken")`,
    `data["continuationToken"]`): whatever key the query puts it under, the next page's."""
    if isinstance(value, cst.Name):
        bound = flow.reaching_value(value)  # `token = negotiate.json()["connectionToken"]`
        if bound is None:
            return False
        value = bound
    if isinstance(value, cst.Attribute) and value.attr.value == "text":
        value = value.value  # ElementTree's `element.text`
    if isinstance(value, cst.Call) and leaf_name(value) in ("find", "findtext") and value.args:
        name = string_literal(value.args[0].value)  # ElementTree's child by its tag
    else:
        name = field_read(flow.context, value, flow.facts)  # `x["key"]`, `x.get("key")`
    return name is not None and mentions_token_but_holds_none(name)


def _answered_by(module: ModuleFlow, caller: FunctionFlow, given: cst.BaseExpression, function: cst.FunctionDef) -> bool:
    """A field of what `function` itself returned (`upload["token"]` of `upload =
    upload_file(...)["upload"]`): the handle its own earlier answer gave out (Zendesk's upload
    token, which adds a file to the same batch)."""
    value: Optional[cst.BaseExpression] = given
    for _ in range(4):
        while isinstance(value, cst.Subscript) or (isinstance(value, cst.Call) and leaf_name(value) == "get"
                                                    and isinstance(value.func, cst.Attribute)):
            value = value.value if isinstance(value, cst.Subscript) else value.func.value  # type: ignore[union-attr]
        if isinstance(value, cst.Await):
            value = value.expression
        if isinstance(value, cst.Call):
            target = module.resolve(caller, value)
            return target is not None and target[0] is function
        if not isinstance(value, cst.Name):
            return False
        value = caller.reaching_value(value)
    return False


def _formatted_value(value: cst.BaseExpression) -> cst.BaseExpression:
    """`{token}` of an f-string: the expression formatted there."""
    return value.expression if isinstance(value, cst.FormattedStringExpression) else value  # type: ignore[return-value]


def _handle_from_callers(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
    """`def log_find_next(self, token)` putting `?token={token}` in the command it sends, every
    call of which in the module (one at least) hands it what the same API answered (`token =
    self.log_find_start(...).split("=")[1]`): a parameter only a plain name calls a token,
    whose callers hand it nothing known to be a credential, is a handle the service gave out
    (a search's, a job's). No caller in the module, or one passing a fetched token, an
    environment secret or a parameter of its own named for a credential: still reported."""
    function = flow.scope
    if not isinstance(value, cst.Name) or not isinstance(function, cst.FunctionDef) \
            or flow.param_node(value.value) is None or not names_plain_token(value.value):
        return False
    from nhilint.flow.module import bind_arguments, is_static

    module = module_flow(flow.context)
    callers = module.callers(function)
    skip_self = flow.owner is not None and not is_static(function)

    param = flow.param_node(value.value)
    left_out = param is not None and param.default is not None and is_none(param.default)

    def handle(caller: FunctionFlow, call: cst.Call) -> bool:
        given = bind_arguments(function, call.args, skip_self).get(value.value)
        if given is None and left_out and not any(arg.star for arg in call.args):
            return True  # not passed, its default None: no handle, and no token either (the first upload of a batch)
        if given is None or caller.param_node(given.value if isinstance(given, cst.Name) else "") is not None:
            return False  # not passed, or the caller's own parameter: its callers decide
        if _answered_by(module, caller, given, function):
            return True  # `upload_file(..., token=upload["token"])` of `upload = upload_file(...)["upload"]`
        return all(label.kind == NAMED and names_plain_token(label.detail) for label in token_labels(caller.labels(given)))

    return bool(callers) and all(handle(caller, call) for caller, call in callers)


# a function that registers a device for push notifications, by its name or its docstring
_PUSH = compiled_on_first_use(r"push|notification|fcm|apns|firebase", re.I)
_REGISTERS = compiled_on_first_use(r"regist|subscri", re.I)


def _push_registration(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
    """`def register_notification(self, token)` ("Register a push notification token", sent as
    `?token=`): a parameter only a plain name calls a token, in a function named or documented
    for push notifications, is the device's push address (Firebase's, APNs'), not a credential."""
    function = flow.scope
    if not isinstance(value, cst.Name) or not isinstance(function, cst.FunctionDef) \
            or flow.param_node(value.value) is None or not names_plain_token(value.value):
        return False
    said = function.name.value + " " + (function.get_docstring() or "")[:300]
    return bool(_PUSH.search(said)) and bool(_REGISTERS.search(said))  # not `send_notification(token)`


def _digest(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
    """`hashlib.sha256(partner_key + redirect_url).hexdigest()` (also bound to a local first):
    a hash of the secret with what it signs, a signature of that one link (Shopee's v1
    authorization link calls it `token`), neither the secret nor a token anyone can replay
    elsewhere."""
    if isinstance(value, cst.Name):
        value = flow.reaching_value(value) or value
    elif isinstance(value, cst.Attribute) and flow.is_self(value.value) and flow.owner is not None:
        # `self.auth_token = b64_url(hashlib.sha512(self.verifier.encode()).digest())`, written once:
        # PKCE's code challenge, a hash of a verifier the client keeps
        writes = flow.module.attribute_writes(flow.owner, value.attr.value)
        if len(writes) != 1 or writes[0][0] is None or writes[0][1] is None:
            return False
        writer, written = flow.module.flow(writes[0][0]), writes[0][1]
        return any(_digest(writer, call) for call in _encoded(written))
    return isinstance(value, cst.Call) and leaf_name(value) in ("hexdigest", "digest") and not value.args \
        and not token_labels(flow.labels(value))


def _link_signature(flow: FunctionFlow, value: cst.BaseExpression) -> bool:
    """A query entry's value that is a digest of a secret with what it signs (_signed_parts),
    also bound to a local first: `{"token": token, "expires": ...}` of `token =
    hashlib.sha256(f"{security_key}{guid}{expires}".encode()).hexdigest()`."""
    if isinstance(value, cst.Name):
        value = flow.reaching_value(value) or value
    return isinstance(value, cst.Call) and leaf_name(value) in ("hexdigest", "digest") and not value.args \
        and _signed_parts(flow, value)


# a deadline's name: `expires`, `expiry`, `expires_at`, `timestamp`, `ts`, `deadline`
_DEADLINE = compiled_on_first_use(r"^(expires?|expiry|expiration|expires_at|exp|timestamp|ts|deadline|valid_until)$")


def _signed_parts(flow: FunctionFlow, digest: cst.Call) -> bool:
    """`hashlib.sha256(raw).hexdigest()` of `raw = f"{security_key}{guid}{expires}".encode()`:
    the hash of a secret together with what it signs and until when (a resource's id, a
    deadline), as a CDN's signed link is made (Bunny Stream's token authentication): a
    signature of that one link for a time. The hash of the secret alone (`md5(password)`), or
    with a user's name and no deadline, is as good as the secret, and stays."""
    hashed = digest.func.value if isinstance(digest.func, cst.Attribute) else None
    if not (isinstance(hashed, cst.Call) and hashed.args and hashed.args[0].keyword is None):
        return False
    text = hashed.args[0].value
    if isinstance(text, cst.Name):
        text = flow.reaching_value(text) or text
    if isinstance(text, cst.Call) and leaf_name(text) == "encode" and isinstance(text.func, cst.Attribute):
        text = text.func.value  # `f"...".encode("utf-8")`
    if isinstance(text, cst.FormattedString):
        parts = [part.expression for part in text.parts if isinstance(part, cst.FormattedStringExpression)]
    elif isinstance(text, cst.BinaryOperation) and isinstance(text.operator, cst.Add):
        parts = [text.left, text.right]
    else:
        return False
    # one part is the link's deadline (`expires`, `expiry`, `timestamp`): a signature for a time
    return len(parts) >= 2 and any(
        _DEADLINE.search(snake_case(dotted_name(part) or "").rsplit(".", 1)[-1]) for part in parts)


def _encoded(value: cst.BaseExpression) -> "list[cst.BaseExpression]":
    """The value and, through calls that encode what they are given (`b64_url(x)`,
    `base64.urlsafe_b64encode(x).decode().rstrip("=")`), what it was made of: the calls a
    digest may sit in, outermost first."""
    found: "list[cst.BaseExpression]" = []
    while isinstance(value, cst.Call):
        found.append(value)
        if isinstance(value.func, cst.Attribute) and leaf_name(value) in ("decode", "rstrip", "strip", "replace"):
            value = value.func.value
        elif len(value.args) >= 1 and value.args[0].keyword is None:
            value = value.args[0].value
        else:
            break
    return found


def _public_id(value: cst.BaseExpression) -> bool:
    """`self.client_id`, `app_id`: a name that says the value is the application's public id."""
    named = dotted_name(value)
    return named is not None and bool(_PUBLIC_ID.match(named.rsplit(".", 1)[-1]))


def _query_separator(node: cst.BaseExpression) -> bool:
    """`url + ("&" if "?" in url else "?")`: a URL given the separator of its next query pair,
    chosen between `?` and `&` (both in the query)."""
    choice = node.right if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add) else None
    return isinstance(choice, cst.IfExp) and {string_literal(choice.body), string_literal(choice.orelse)} == {"?", "&"}


def _chain_start(expr: cst.BaseExpression) -> str:
    """The text of a `+` chain that begins with a literal (`"mail=" + user`: `mail={}`), its
    other parts as `{}`; empty where it begins with anything else (a URL in a name)."""
    parts: List[cst.BaseExpression] = []
    while isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        parts.append(expr.right)
        expr = expr.left
    if not isinstance(expr, cst.SimpleString) or not isinstance(expr.evaluated_value, str):
        return ""
    text = expr.evaluated_value
    for part in reversed(parts):
        value = part.evaluated_value if isinstance(part, cst.SimpleString) else None
        text += value if isinstance(value, str) else "{}"
    return text
