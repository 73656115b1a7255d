"""What a value read through a name holds: a field (`base.field`), an item (`base["key"]`), a
mapping's entry (`base.get("key")`, also by a key we cannot read), an env var read by name; a
header of the incoming request read by its name; and a value we cannot place, judged by the
name it is read through (labels.NAMED).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, List, Optional, Set

import libcst as cst

from nhilint.analysis.values import field_read
from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name
from nhilint.analysis.names import (
    IDENTITY_NAMES, env_var_name, is_credential_name, is_token_name, mentions_token_but_holds_none, names_password,
    names_session_id, names_token_property, names_verification_result, snake_case,
)
from nhilint.catalogue.tokens import SECRET_STORE, SECRET_STORE_DATA, SECRET_STORE_FIELDS, TOKEN_ATTRIBUTES, TOKEN_FIELDS, TOKEN_METADATA
from nhilint.flow import sources
from nhilint.flow.labels import (
    CACHE,
    CLAIMS,
    CREDENTIAL,
    FETCHED,
    IDENTIFIER,
    INBOUND,
    INBOUND_HEADERS,
    LOCAL_FILE,
    NAMED,
    NONE,
    OBJECT,
    OBJECT_KINDS,
    OPAQUE,
    PARAM,
    PARAM_HEADER,
    REFRESH_TOKEN,
    OAUTH1_TOKEN,
    REQUEST_TOKEN,
    RESPONSE,
    ROW_FIELD,
    SOURCE_KINDS,
    TOKEN_ANSWER,
    Label,
    Labels,
)
from nhilint.flow.returned_parts import returned_entry

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

_BODY_FIELDS = frozenset({"text", "content"})  # an HTTP response's body, as text or bytes


def by_name(labels: Labels, name: str, origin: cst.CSTNode) -> Labels:
    """A value we cannot place is judged by the name it is read through (not an object
    looked up in a database: its printed form is not the token)."""
    if not any(label.kind == OPAQUE and label.detail not in (OBJECT, IDENTIFIER) for label in labels):
        return labels
    # a row's column is judged by its name even when what found the row (a client id from
    # the request) reached it: `Client.objects.get(client_id=...).client_secret`; so is a
    # field of another service's answer, whatever the request carried (the token it was
    # sent with: `requests.get(url, headers={"X-Auth-Token": token}).headers["X-Auth-Token"]`)
    column = any(label.kind == OPAQUE and label.detail in (ROW_FIELD, RESPONSE) for label in labels)
    # a value computed from a credential by a call we cannot follow (`soup.find("textarea")
    # .contents[0]` of the token page's answer), named for a credential itself (`self._token`),
    # is judged by that name, as a value of unknown origin is
    derived_only = all(label.derived for label in labels if label.kind in SOURCE_KINDS)
    if any(label.kind in SOURCE_KINDS and not ((column or derived_only) and label.derived) for label in labels) \
            or not (is_credential_name(name) or _login_answer(labels) and names_session_id(name)):
        return labels
    return labels | {Label(NAMED, origin, detail=name)}


def _login_answer(labels: Labels) -> bool:
    """Whether a field is read from the answer to a request that carried a password (a login):
    its session id (`answer["sessionId"]`) is then the credential every later request sends."""
    return any(label.kind == OPAQUE and label.detail == RESPONSE for label in labels) and any(
        label.derived and label.kind in (PARAM, NAMED, CREDENTIAL) and names_password(label.detail) for label in labels)


# the parts of a parsed incoming credential that are not secret: its scheme, and who it names
# (werkzeug's `request.authorization.username`, Starlette's `HTTPBasicCredentials.username`)
_PUBLIC_CREDENTIAL_PARTS = frozenset({"scheme", "type", "username", "user", "login", "client_id", "realm"})


def field_name(container: cst.BaseExpression, key: str) -> str:
    """The name a field read goes by: its key, or, when the container's name says whose token
    it is and that one is no credential, both (`challenge["token"]`, an ACME challenge's
    token, published by design; `page.token`, a listing's cursor; `captcha["token"]`)."""
    kind = type(container)
    leaf = container.value if kind is cst.Name else container.attr.value if kind is cst.Attribute else None  # type: ignore[attr-defined]
    if leaf is None or leaf in ("self", "cls") or not is_token_name(key):
        return key
    qualified = f"{snake_case(leaf).lstrip('_')}_{snake_case(key)}"
    return qualified if mentions_token_but_holds_none(qualified) else key


# where an OPAQUE value comes from that its fields come from too: another service's answer, a
# file of the local machine
_KEPT_ORIGINS = (RESPONSE, LOCAL_FILE)


def field_labels(flow: FunctionFlow, base: Labels, field: str, node: cst.CSTNode) -> Labels:
    """The labels of `base.field` / `base["field"]`."""
    if field in TOKEN_METADATA:
        return NONE
    out: Set[Label] = set()
    for label in base:
        if label.kind in OBJECT_KINDS:
            continue
        if label.kind == OPAQUE and label.detail == RESPONSE and field in _BODY_FIELDS and isinstance(
            label.origin, cst.Call
        ) and sources.sends_token_request(flow, label.origin):
            # the body of the token endpoint's answer: `response.text` holds the tokens
            inputs = flow.call_inputs(label.origin)
            out.add(Label(FETCHED, node, inputs=inputs, selectors=inputs))
        elif label.kind == OPAQUE:
            # a field of an object we cannot place; of a model object, a column or a
            # relation: its name still decides, a getter's name returning it does not
            # of another service's answer, still its answer (`resp.headers`)
            detail = ROW_FIELD if label.detail in (OBJECT, ROW_FIELD) else label.detail if label.detail in _KEPT_ORIGINS else ""
            out.add(Label(OPAQUE, label.origin, detail=detail))
        elif label.kind == INBOUND_HEADERS:
            continue  # header reads are judged by their name (subscript_labels)
        elif label.kind == CREDENTIAL and label.detail == SECRET_STORE:
            # a secret store's answer: its `data`, `SecretString` hold the secrets; the rest is metadata
            if field in SECRET_STORE_FIELDS:
                out.add(replace(label, detail=SECRET_STORE_DATA))
        elif label.kind == CREDENTIAL and label.detail == SECRET_STORE_DATA:
            if field not in ("metadata", "data_crc32c"):  # hvac's KV v2 `["data"]["metadata"]`, a checksum
                out.add(label)  # `secret.data["api_token"]`, `["data"]["data"]`: every entry a secret
        elif field in TOKEN_ATTRIBUTES or field in TOKEN_FIELDS or (label.kind != CLAIMS and is_token_name(field)):
            # the field holding the token: `access_data["oauth_token"]`; a refresh token or an
            # OAuth 1 request token is one of a kind (long-lived, or used once)
            # (RFC 5849's `oauth_token` / `oauth_token_secret` of an answer: an OAuth 1.0a token,
            # which does not expire)
            kind = token_kind(field) or (OAUTH1_TOKEN if field.lower() in ("oauth_token", "oauth_token_secret") else "")
            answer = label.kind == FETCHED and label.detail == TOKEN_ANSWER
            out.add(replace(label, detail=kind) if (kind or answer) and label.kind == FETCHED else label)
        elif label.kind == INBOUND and field not in _PUBLIC_CREDENTIAL_PARTS:
            out.add(label)  # the parsed credential: `credentials.credentials`, `authorization.token`
        else:
            out.add(label.as_derived())  # `claims["sub"]`: still the verdict's
    if not out and not base:
        return frozenset({Label(OPAQUE, node)})
    return frozenset(out)


def subscript_labels(flow: FunctionFlow, node: cst.Subscript) -> Labels:
    env = env_var_name(flow.context, node, flow.facts)
    if env is not None:
        return env_labels(env, node)
    index = node.slice[0].slice if len(node.slice) == 1 else None
    if isinstance(index, cst.Slice):
        return NONE if cut_slice(index) else flow.labels(node.value)
    if isinstance(index, cst.Index) and isinstance(index.value, cst.Integer):
        element = _tuple_element(flow, node.value, int(index.value.value, 0))
        if element is not None:
            return element
    base = flow.labels(node.value)
    if any(label.kind == CACHE for label in base):
        return frozenset(label for label in base if label.kind == CACHE)  # caches["default"]
    key_node = index.value if isinstance(index, cst.Index) else None
    key = (field_read(flow.context, node, flow.facts) or flow.context.evaluator.value(key_node, flow.facts)) \
        if key_node is not None else None
    if any(label.kind == INBOUND_HEADERS for label in base) and key_node is not None:
        credential = _header_key(flow, key_node)
        if credential is not None:  # another header: what it holds, its name may say
            return frozenset({Label(INBOUND, node)}) if credential else frozenset({Label(OPAQUE, node)})
        if not isinstance(flow.context.evaluator.value(key_node, flow.facts), str):
            return frozenset({Label(OPAQUE, node)})  # one header, named where we cannot see
    if isinstance(key, str):
        if _setting_for_kind(flow, node.value):
            return NONE  # `jwx_def["signing_alg"]["id_token"]`: the id token's algorithm, no token
        if is_token_name(key) and _error_entries(flow, node.value):
            return field_labels(flow, base, key, node) - {label for label in base if label.kind == NAMED}
        if names_verification_result(key):
            return frozenset({Label(CLAIMS, node)})  # `resp["__verified_id_token"]`: the verified claims
        returned = returned_entry(flow, node.value, key)
        if returned is not None:
            return returned
        stored = _stored_entry(flow, node.value, key, node)
        if stored is not None:
            return stored
        if key in TOKEN_FIELDS and _response(base):
            inputs = flow.deps(node.value)  # response["access_token"]: chosen by what made the response
            params = frozenset(label for label in base if label.kind == PARAM)
            return frozenset({Label(FETCHED, node, inputs=inputs, selectors=inputs)}) | params
        name = field_name(node.value, key)
        return by_name(field_labels(flow, base, name, node), name, node) | _param_headers(base, _header_key(flow, key_node))
    if isinstance(key, int) and not isinstance(key, bool):
        placed = _tuple_place(flow, node.value, key)
        if placed is not None:
            return placed
        if key == 0 and _auth_pair(node.value):
            return NONE  # `auth[0]` of requests' `auth=(user, password)`: the user
    keys = _loop_keys(flow, key_node)
    if keys:
        # `for k in ["repo_icon", "archive_icon"]: ... config[k]`: those entries, not every one
        out: Set[Label] = set()
        for each in keys:
            stored = _stored_entry(flow, node.value, each, node)
            name = field_name(node.value, each)
            out |= stored if stored is not None else by_name(field_labels(flow, base, name, node), name, node)
        return frozenset(out)
    return _entry(flow, base, key_node, node.value)


def _auth_pair(container: cst.BaseExpression) -> bool:
    """A value named as an HTTP client's `auth` (`auth`, `basic_auth`, `self._http_auth`): by
    requests' and aiohttp's convention a (user, password) pair, its first place the user."""
    name = container.value if isinstance(container, cst.Name) else container.attr.value if isinstance(container, cst.Attribute) else ""
    snake = snake_case(name).lstrip("_")
    return snake == "auth" or snake.endswith("_auth")


def _stored_entry(flow: FunctionFlow, container: cst.BaseExpression, key: str, read: cst.CSTNode) -> Optional[Labels]:
    """`_kwargs["auth"] = (self.user, self.passwd)` (or `{"auth": ...}` written out) before
    `_kwargs["auth"]` is read, in a dict local to the function: what was stored under that key;
    None where nothing was (the container's own labels then decide)."""
    if not isinstance(container, cst.Name) or not flow.facts.is_local(container.value):
        return None
    stores = flow.facts.item_stores.get(container.value, ())
    written_out = any(isinstance(b.value, cst.Dict) for b in flow.facts.bindings.get(container.value, ()))
    if not stores and not written_out:
        return None  # most subscripts: nothing stored by key, no dict written out
    at = flow.facts.order_of(read)
    values = [value for order, stored_key, value in stores if order < at and string_literal(stored_key) == key]
    for binding in flow.reaching(container.value, read) if written_out else ():
        if isinstance(binding.value, cst.Dict):
            values += [e.value for e in binding.value.elements
                       if isinstance(e, cst.DictElement) and string_literal(e.key) == key]
    if not values:
        return None
    out: Set[Label] = set()
    for value in values:
        out |= flow.labels(value)
    return frozenset(out)


def _loop_keys(flow: FunctionFlow, key: Optional[cst.BaseExpression]) -> Optional[List[str]]:
    """The literal keys a local walks where it is read, bound there only by a `for` over a list,
    tuple or set of strings written out (`for k in ["repo_icon", "archive_icon"]:`); None for
    any other key."""
    if not isinstance(key, cst.Name) or not flow.facts.is_local(key.value):
        return None
    bindings = flow.reaching(key.value, key)  # the loop around the read (another may bind it too)
    if len(bindings) != 1 or not isinstance(bindings[0].at, cst.For) \
            or not (isinstance(bindings[0].at.target, cst.Name) and bindings[0].at.target.value == key.value):
        return None
    walked = bindings[0].at.iter
    if not isinstance(walked, (cst.List, cst.Tuple, cst.Set)) or not walked.elements:
        return None
    texts = [string_literal(element.value) for element in walked.elements]
    return [text for text in texts if text is not None] if all(text is not None for text in texts) else None


def _tuple_place(flow: FunctionFlow, container: cst.BaseExpression, index: int) -> Optional[Labels]:
    """`self._access[2]` where every value the class stores into `self._access` is a tuple
    written out (`(token, expires_at, refreshed_at)`): what that place holds, not the whole
    tuple (the time of the last refresh is no token). A tuple cannot be changed in place, so
    the writes are all it holds. None when a write is anything else."""
    if not (isinstance(container, cst.Attribute) and flow.is_self(container.value) and flow.owner is not None):
        return None
    writes = flow.module.attribute_writes(flow.owner, container.attr.value)
    if not writes:
        return None
    labels: Set[Label] = set()
    for method, value in writes:
        if not isinstance(value, cst.Tuple) or len(value.elements) <= index \
                or any(isinstance(element, cst.StarredElement) for element in value.elements):
            return None
        element = value.elements[index].value
        if method is None:  # the class-level default: only a literal can be read without its scope
            if not (isinstance(element, cst.Name) and element.value == "None"):
                return None
            continue
        labels |= flow.module.flow(method).labels(element)
    return frozenset(labels)


def _setting_for_kind(flow: FunctionFlow, container: cst.BaseExpression) -> bool:
    """Whether `container` is a token property's table, keyed by the kind of token it is
    for (`config["signing_alg"]`, `settings["lifetime"]`): what a token key reads there is
    the property's value for that kind of token."""
    if not isinstance(container, cst.Subscript) or len(container.slice) != 1:
        return False
    index = container.slice[0].slice
    outer = flow.context.evaluator.value(index.value, flow.facts) if isinstance(index, cst.Index) else None
    return isinstance(outer, str) and names_token_property(outer)


_ENV_DETAIL = "env:"


# environment variables named for credentials whose value is the path of a file that holds them
# (Google's Application Default Credentials: the service-account key file's path)
_PATH_VARIABLES = frozenset({"GOOGLE_APPLICATION_CREDENTIALS", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
                             "AZURE_CLIENT_CERTIFICATE_PATH", "AWS_WEB_IDENTITY_TOKEN_FILE"})


def env_labels(env: str, node: cst.CSTNode) -> Labels:
    if env.upper() in _PATH_VARIABLES:
        return NONE
    return frozenset({Label(CREDENTIAL, node, detail=_ENV_DETAIL + env)}) if is_token_name(env) else NONE


def from_environment(label: Label) -> bool:
    """A credential label an environment variable's name gave (`env_labels`)."""
    return label.kind == CREDENTIAL and str(label.detail or "").startswith(_ENV_DETAIL)


def mapping_get_labels(flow: FunctionFlow, call: cst.Call, receiver: cst.BaseExpression) -> Labels:
    """`mapping.get("key")`, `request.headers.get("Authorization")`, `cache.get(key)`."""
    base = flow.labels(receiver)
    key_node = call.args[0].value
    if any(label.kind == INBOUND_HEADERS for label in base):
        credential = _header_key(flow, key_node)
        if credential is not None:
            return frozenset({Label(INBOUND, call)}) if credential else frozenset({Label(OPAQUE, call)})
        if not isinstance(flow.context.evaluator.value(key_node, flow.facts), str):
            return frozenset({Label(OPAQUE, call)})  # one header, named where we cannot see
    key = field_read(flow.context, call, flow.facts)  # also a library's constant named for the field
    default = flow.labels(call.args[1].value) if len(call.args) > 1 else NONE
    if isinstance(key, str) and is_token_name(key) and _error_entries(flow, receiver):
        # `answer.get("errors", {}).get("password")`: the error text about the password field
        return field_labels(flow, base, key, call) - {label for label in base if label.kind == NAMED} | default
    if isinstance(key, str):
        if _setting_for_kind(flow, receiver):
            return NONE  # `jwx_def["signing_alg"]["id_token"]`: the id token's algorithm, no token
        if names_verification_result(key):
            return frozenset({Label(CLAIMS, call)}) | default  # `resp.get("__verified_id_token")`
        returned = returned_entry(flow, receiver, key)
        if returned is not None:
            return returned | default
        if key in TOKEN_FIELDS and _response(base):
            inputs = flow.deps(receiver)
            params = frozenset(label for label in base if label.kind == PARAM)
            return frozenset({Label(FETCHED, call, inputs=inputs, selectors=inputs)}) | params | default
        if len(call.args) > 1 and (is_number(call.args[1].value) or _is_bool(call.args[1].value)):
            # `settings.get("tokens_this_month", 0)`: a count, whatever the key calls it;
            # `auth_info.get("refresh_token", False)`: a yes-or-no (whether there is one)
            return field_labels(flow, base, key, call) - {label for label in base if label.kind == NAMED}
        return by_name(field_labels(flow, base, key, call), key, call) | default | _param_headers(
            base, _header_key(flow, key_node))
    return _entry(flow, base, key_node, receiver) | default | {Label(OPAQUE, call)}


def _is_bool(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value in ("True", "False")


# the entry of an answer that holds error texts by field: `{"errors": {"password": "did not match"}}`
_ERROR_KEYS = frozenset({"errors", "error", "error_messages", "field_errors", "validation_errors", "messages"})


def _error_entries(flow: FunctionFlow, receiver: cst.BaseExpression) -> bool:
    """The receiver is read under an error key (`resp.json().get("errors", {})`,
    `body["errors"]`): what it holds by a field's name is a message about that field."""
    if isinstance(receiver, cst.Name) and flow.facts.is_local(receiver.value):
        receiver = flow.reaching_value(receiver) or receiver
    if not isinstance(receiver, (cst.Call, cst.Subscript)):
        return False
    return field_read(flow.context, receiver, flow.facts) in _ERROR_KEYS


def is_number(value: cst.BaseExpression) -> bool:
    """`0`, `0.5`, `-1`: a number literal."""
    if isinstance(value, cst.UnaryOperation) and isinstance(value.operator, cst.Minus):
        value = value.expression
    return isinstance(value, (cst.Integer, cst.Float))


def _entry(flow: FunctionFlow, base: Labels, key: Optional[cst.BaseExpression], container: cst.BaseExpression) -> Labels:
    """An entry looked up by a key we cannot read (`d[k]`, `d.get(k)`): what the container
    holds; not the container's own name (`self.tokens.get(token_type)` is a handler); and, for
    a header a parameter is read for by a list of header names (`for name in PASS_THROUGH:
    headers.get(name)`), one header (labels.PARAM_HEADER when it is a credential), not the
    caller's whole mapping."""
    if key is not None and _names_identity_field(key):
        return frozenset()  # `credentials.get(settings.USERNAME_FIELD)`: the user name, not the secret
    header = _header_key(flow, key) if key is not None else None
    entry = frozenset(
        label.as_derived() if header is not None and label.kind == PARAM else label
        for label in base if label.kind != NAMED
    )
    return entry | flow.module.container_values(flow, container) | _param_headers(base, header)


# What a key a mapping is read by says, when it names the identifying entry of a credential
# mapping (Django's `UserModel.USERNAME_FIELD`, `settings.AXES_USERNAME_FORM_FIELD`,
# `self.username_key`): its words, an identity's and a field's, none a secret's. Not a key that
# holds a user name (`passwords[username]`: that user's password), which names no field.
_FIELD_WORDS = frozenset({"field", "key", "attr", "attribute", "column", "param", "parameter"})
_SECRET_WORDS = frozenset({"password", "passwd", "pass", "pwd", "secret", "token", "credential", "credentials",
                           "pin", "otp", "api", "apikey"})


def _names_identity_field(key: cst.BaseExpression) -> bool:
    """A key named for the user-name field (`settings.USERNAME_FIELD`, `get_username_field()`):
    the entry it reads of a credentials mapping is the identity, which names the account and
    is no secret (under a literal key, `"username"` says so the same way)."""
    if isinstance(key, cst.Call):
        key = key.func
    named = dotted_name(key) if isinstance(key, (cst.Name, cst.Attribute)) else None
    if named is None:
        return False
    words = set(snake_case(named.rsplit(".", 1)[-1]).split("_"))
    return bool(words & IDENTITY_NAMES) and bool(words & _FIELD_WORDS) and not words & _SECRET_WORDS


def _header_key(flow: FunctionFlow, key: cst.BaseExpression) -> Optional[bool]:
    """For a header read by name (sources.inbound_header_key), also by a loop variable over
    a constant list of header names (`for name in PASS_THROUGH_HEADERS: headers.get(name)`):
    a credential header when any of them is one."""
    found = sources.inbound_header_key(key)
    if found is not None:
        return found
    bindings = flow.facts.bindings.get(key.value, ()) if isinstance(key, cst.Name) else ()
    if len(bindings) != 1 or not isinstance(bindings[0].at, cst.For) or not isinstance(bindings[0].at.target, cst.Name):
        # a name the module sets (`AUTH_HEADER`, `self._header_name.lower()` of a class constant)
        text = flow.context.evaluator.value(key, flow.facts)
        return sources.credential_header_name(text) if isinstance(text, str) else None
    names = flow.context.evaluator.value(bindings[0].at.iter, flow.facts)
    if not isinstance(names, tuple) or not names or not all(isinstance(name, str) for name in names):
        return None
    return any(sources.credential_header_name(name) for name in names)


def _param_headers(base: Labels, credential_header: Optional[bool]) -> Labels:
    """`headers.get("Authorization")` on a parameter (`credential_header`: _header_key's
    verdict on the key): the caller's credential wherever the caller passes the incoming
    request's headers (labels.PARAM_HEADER)."""
    if not credential_header:
        return NONE
    return frozenset(Label(PARAM_HEADER, detail=label.detail) for label in base if label.kind == PARAM and not label.derived)


def _tuple_element(flow: FunctionFlow, pair: cst.BaseExpression, place: int) -> Optional[Labels]:
    """What one place of a tuple holds, where every value written to the name or the object's
    attribute is a tuple written out (or None): `self._token[1]` of `self._token = key,
    valid_until` is the expiry, not the key. None where any write is something else."""
    from nhilint.analysis.syntax import is_none

    written: "list[tuple[FunctionFlow, cst.BaseExpression]]" = []
    if isinstance(pair, cst.Attribute) and flow.is_self(pair.value) and flow.owner is not None:
        module = flow.module
        for method, value in module.attribute_writes(flow.owner, pair.attr.value):
            if method is None or value is None:
                return None
            written.append((module.flow(method), value))
    elif isinstance(pair, cst.Name) and flow.facts.is_local(pair.value) and pair.value not in flow.facts.params:
        bindings = flow.reaching(pair.value, pair)
        if not bindings or any(binding.value is None for binding in bindings):
            return None
        written = [(flow, binding.value) for binding in bindings]  # type: ignore[misc]
    tuples = [(writer, value) for writer, value in written if not is_none(value)]
    if not tuples or not all(isinstance(value, cst.Tuple) and place < len(value.elements)
                             and not any(isinstance(e, cst.StarredElement) for e in value.elements)
                             for _, value in tuples):
        return None
    found: "set[Label]" = set()
    for writer, value in tuples:
        found.update(writer.labels(value.elements[place].value))  # type: ignore[attr-defined]
    return frozenset(found)


def cut_slice(index: cst.Slice) -> bool:
    """A slice that shows part of a value, not the value: `token[:6]` (or `[0:1]`) a prefix,
    `key[-4:]` a suffix, `token[18:22]` a few characters from its middle (eight at most);
    `header[7:]` strips "Bearer " and keeps the token, `token[:-4]` keeps all but the end."""
    starts = index.lower is None or isinstance(index.lower, cst.Integer) and index.lower.value == "0"
    prefix = starts and index.upper is not None and not _negative(index.upper)
    suffix = index.upper is None and index.lower is not None and _negative(index.lower)
    window = isinstance(index.lower, cst.Integer) and isinstance(index.upper, cst.Integer) \
        and 0 < int(index.upper.value, 0) - int(index.lower.value, 0) <= 8
    return prefix or suffix or window


def _negative(expr: cst.BaseExpression) -> bool:
    """`-4`: a count from the end."""
    return isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus)


def _response(labels: Labels) -> bool:
    """What an outbound request returned (also through `.json()` and helpers): a token field
    read from it is a token obtained from a server. A token field of a value we cannot place
    (a request's body) is judged by its name."""
    return any(label.kind == OPAQUE and label.detail == RESPONSE for label in labels)


def token_kind(name: str) -> str:
    """What kind of fetched token a field or getter name says: a refresh token, an OAuth 1
    request token, or (""), an access token."""
    lowered = name.lower()
    if "refresh_token" in lowered or "refreshtoken" in lowered:
        return REFRESH_TOKEN
    if "request_token" in lowered:
        return REQUEST_TOKEN
    return ""
