"""What a call returns, as labels: an env var read, a source of the catalogue, a masked form,
what the module's own functions (their summaries) and the project's other modules return, a
getter judged by its name, the answer of a request, a mapping's `.get`, methods and functions
that hand back their receiver or their arguments in another form, and what a call the flow
cannot follow makes of what it is given (a value computed from it, an object built from it, a
model object looked up).
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple, Union

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.names import env_var_name
from nhilint.catalogue.environment import ENV_READS
from nhilint.analysis.syntax import without_docstring
from nhilint.catalogue.tokens import POLICY_VALUE_METHODS, REGISTERED_CLAIMS
from nhilint.flow import sinks, sources
from nhilint.flow.joined_ids import joined_identifiers
from nhilint.flow.field_reads import by_name, env_labels, field_labels, mapping_get_labels, token_kind
from nhilint.flow.labels import (
    COMPUTED,
    ENVIRON,
    FETCHED,
    IDENTIFIER,
    LOCAL_FILE,
    NAMED,
    NONE,
    OBJECT,
    OPAQUE,
    PARAM,
    RESPONSE,
    ROW_FIELD,
    SOURCE_KINDS,
    TOKEN_ANSWER,
    TOKEN_KINDS,
    WRAPPED,
    Label,
    Labels,
    derive,
    token_labels,
)

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

# Calls whose result shows no secret: a masked, hashed or measured form.
_MASKING = frozenset({
    "len", "bool", "type", "id", "hash", "isinstance", "callable", "mask", "redact", "sha1", "sha256", "sha512",
    "md5", "blake2b", "blake2s", "hexdigest", "digest", "compare_digest", "count", "startswith", "endswith",
    "isdigit", "isalnum", "int", "float",
    # `sum(...)` of numbers (a sum of strings raises TypeError), `round`, `abs`: a number
    "sum", "round", "abs",
})
# A function named for the redaction of secrets (`sanitize`, `scrub_pii`) is taken at its word,
# as `mask` and `redact` are: what it keeps is decided by keys and patterns the flow cannot
# weigh (oic's `sanitize` keeps a value unless its key is a credential's). An encryption's
# result (`box.encrypt(secret)`, `encrypt_token()`) is a ciphertext: nothing without the key,
# as a hash (not `decrypt`, which gives the secret back).
_MASKING_WORDS = ("mask", "redact", "hash", "obfuscat", "truncat", "fingerprint", "censor", "hide", "anonymi",
                  "sanitiz", "scrub", "privacy", "filter_log", "log_filter", "encrypt")

_SPLITTING = ("split", "rsplit", "partition", "rpartition")
# A class's alternate constructors, besides its `from_*` methods (_alternate_constructor).
_CONSTRUCTOR_METHODS = frozenset({"parse_obj", "parse_raw", "model_validate", "model_validate_json"})
# Methods that hand back their receiver's value in another form (`header.split()[1]`,
# `token.decode()`, `secret.hex()`, `response.json()`): the token goes along.
_RECEIVER_CARRYING = frozenset({
    "strip", "lstrip", "rstrip", "split", "rsplit", "partition", "rpartition", "replace", "removeprefix",
    "removesuffix", "lower", "upper", "casefold", "encode", "decode", "hex", "copy", "items", "values",
    "get_secret_value", "to_dict", "model_dump", "dict", "json",
})
# Calls that hand back their arguments' value in another form (`str(token)`, `", ".join(parts)`,
# `json.dumps(claims)`, `pprint.pformat(answer)`, `"{}".format(token)`): the token goes along.
_ARGUMENT_CARRYING = frozenset({
    "str", "repr", "format", "join", "dict", "list", "tuple", "set", "frozenset", "dumps", "loads", "copy",
    "pformat", "saferepr", "safe_dump",
    "deepcopy", "b64encode", "urlsafe_b64encode", "quote", "quote_plus", "urlencode", "cast",
})
# Calls that list what iterating their argument gives: a dict's keys.
_KEY_LISTING = frozenset({"list", "tuple", "set", "frozenset", "sorted"})
# Methods of a query that hand back its rows or a narrower query (`query.filter(...).first()`):
# on a model lookup, what they return are model objects too.
_QUERY_METHODS = frozenset({
    "filter", "filter_by", "options", "order_by", "limit", "offset", "join", "outerjoin", "where", "distinct",
    "exclude", "select_related", "prefetch_related", "first", "one", "one_or_none", "all", "last",
})
# functions named for returning a name or an identifier (plain suffix tests: no pattern to compile)
_NAMING_CALLS = ("_name", "_names", "_id", "_ids")
# OPAQUE values whose origin is known: a function returning one is not judged by its name
_PLACED = (OBJECT, RESPONSE, ROW_FIELD, IDENTIFIER)


def _no_fields_left(receiver: cst.BaseExpression) -> bool:
    """An f-string given to `.format()` with no literal brace left in its text (`{{` would
    become one): its `{0}` were evaluated first, as the numbers 0 and 1, so `.format()` finds
    no field and puts none of its arguments in (a bug of the code, no leak)."""
    return isinstance(receiver, cst.FormattedString) and not any(
        isinstance(part, cst.FormattedStringText) and ("{{" in part.value or "}}" in part.value)
        for part in receiver.parts)


def _stub(function: cst.FunctionDef) -> bool:
    """A method its subclasses implement: `@abstractmethod`, or a body of nothing but a
    docstring, `pass`, `...` or `raise NotImplementedError`. What a call of it returns is
    theirs, which the code does not show here: as for a call of an unknown function, the name
    it is bound to decides."""
    if any((dotted_name(decorator.decorator) or "").rsplit(".", 1)[-1] == "abstractmethod"
           for decorator in function.decorators):
        return True
    body = function.body
    if not isinstance(body, cst.IndentedBlock):
        return _stub_statement(body)  # `def get(self): ...` on one line
    return all(_stub_statement(statement) for statement in body.body)


def _stub_statement(statement: Union[cst.BaseStatement, cst.BaseSuite]) -> bool:
    if not isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
        return False
    for small in statement.body:
        if isinstance(small, cst.Pass):
            continue
        if isinstance(small, cst.Expr) and isinstance(small.value, (cst.Ellipsis, cst.SimpleString, cst.ConcatenatedString)):
            continue
        raised = small.exc if isinstance(small, cst.Raise) else None
        if isinstance(raised, cst.Call):
            raised = raised.func
        if raised is not None and (dotted_name(raised) or "").rsplit(".", 1)[-1] == "NotImplementedError":
            continue
        return False
    return True


def masks(leaf: str) -> bool:
    """A call whose name says it hides what it is given (`mask_token`, `privacy_filter`,
    `filter_logger`): what it returns is no token."""
    return leaf in _MASKING or any(word in leaf.lower() for word in _MASKING_WORDS)


def call_result_labels(flow: FunctionFlow, call: cst.Call) -> Labels:
    """What `call` returns."""
    env = env_var_name(flow.context, call, flow.facts)
    if env is not None:
        labels = env_labels(env, call)
        if labels and len(call.args) > 1:  # os.getenv("API_TOKEN", "fallback")
            labels |= flow.labels(call.args[1].value)
        return labels
    if call.args and flow.context.qualified_name(call.func, flow.facts) in ENV_READS:
        # `os.environ.get(self.env)`: an environment variable the code does not name
        return flow._union([a.value for a in call.args[1:]]) | {Label(OPAQUE, call, detail=ENVIRON)}
    source = sources.call_source(flow, call)
    if source is not None:
        return source
    leaf = leaf_name(call)
    func = call.func
    local = _local_read(flow, call, leaf)
    if local is not None:
        return local
    if masks(leaf):
        return NONE
    if leaf == "partial" and call.args:  # functools.partial(fetch, scope): what calling it returns
        return flow.module.call_labels(flow, call.args[0].value, call.args[1:], call)
    if leaf.endswith(_NAMING_CALLS):
        # `jwt_cookie_signature_name()`, `secret_id()`: the programmer's name for what it
        # returns beats the setting it reads (a cookie's name under `JWT_AUTH_COOKIE_SIGNATURE`)
        return NONE
    if leaf in POLICY_VALUE_METHODS:
        return NONE  # `credentials = context.to_policy_values()`: ids and roles
    target = flow.module.resolve(flow, call)
    if target is not None and _stub(target[0]):
        target = None  # `self.get_auth_token()` of an abstract method: what a subclass returns, unseen
    if target is not None:
        returned = flow.module.call_labels(flow, func, call.args, call)
        if any(label.kind == OPAQUE and label.detail == RESPONSE and label.origin is not call for label in returned) \
                and sources.sends_token_request(flow, call):
            # `r = self.request(method, url=token_url, ...)`: a request helper's answer to the
            # token request this call makes is the token endpoint's (its body holds the tokens)
            returned = returned | {Label(OPAQUE, call, detail=RESPONSE)}
        if _unplaced(returned) and sources.named_getter(flow, call):
            returned |= {_named_fetch(flow, call, returned)}  # what it returns we cannot place: its name decides
        key = _accessor_key(flow, call, target)
        if key is not None:
            # `self.get_config_value(self.CONFIG_NAME_COMPETITION)` of a helper returning
            # `self.config_values.get(name)`: the entry that key names, as `values["competition"]`
            return by_name(field_labels(flow, returned, key, call), key, call)
        return returned
    exported = flow.module.remote(flow, call)
    if exported is not None:  # a function of another module of the project
        returned = flow.module.remote_labels(flow, exported, call)
        if _unplaced(returned) and sources.named_getter(flow, call):
            returned |= {_named_fetch(flow, call, returned)}
        return returned
    if sources.named_getter(flow, call) and not _own_method_returns_no_token(flow, leaf):
        return frozenset({_named_fetch(flow, call)})
    receiver = func.value if isinstance(func, cst.Attribute) else None
    if sinks.outbound_request(flow, call) is not None:  # `requests.get(url, headers=...)` is no dict.get
        given = flow._union([a.value for a in call.args] + ([receiver] if receiver is not None else []))
        return derive(given) | {Label(OPAQUE, call, detail=RESPONSE)}  # what another service answers
    if leaf == "json" and receiver is not None:
        answer = _token_answer(flow, receiver, call)
        if answer is not None:
            return answer
    if leaf == "get" and receiver is not None and call.args:
        if _path_get(flow, call):  # `client.get("/orders/", json_data=body)`: a request, its answer
            given = flow._union([a.value for a in call.args] + [receiver])
            return derive(given) | {Label(OPAQUE, call, detail=RESPONSE)}
        if _mapping_get(call):
            return mapping_get_labels(flow, call, receiver)
    if receiver is not None and leaf in _SPLITTING and _dot_separator(call):
        # a JWT's header, claims and signature (`token.split(".")[0]`): none of them is the
        # credential, each is what the token is made of
        return derive(flow.labels(receiver))
    if receiver is not None and leaf == "replace" and len(call.args) >= 2:
        return _replaced(flow, receiver, call.args[0].value, call.args[1].value)
    if receiver is not None and (leaf in _RECEIVER_CARRYING or leaf == "setdefault"):
        parts = [receiver] + ([a.value for a in call.args] if leaf == "setdefault" else [])
        return flow._union(parts)
    if leaf in _KEY_LISTING and receiver is None and len(call.args) == 1 and call.args[0].keyword is None \
            and not call.args[0].star:
        keys = flow.module.mapping_keys(flow, call.args[0].value)
        if keys is not None:
            return keys  # `list(self.tokens)`: the dict's keys, not the tokens it holds
    if leaf in _ARGUMENT_CARRYING:
        parts = [a.value for a in call.args]
        if leaf == "format" and receiver is not None:
            parts = _formatted_arguments(receiver, call.args)
            if _no_fields_left(receiver):
                return flow.labels(receiver)  # `f'"{0}" skipped'.format(secret)`: the f-string used up its braces
            parts.append(receiver)
            if joined_identifiers(flow, parts):
                # `"{}_{}".format(self.user_id, self.uuid)`: an identifier, made here
                return derive(flow._union(parts)) | {Label(OPAQUE, call, detail=IDENTIFIER)}
        return flow._union(parts)
    # a call we cannot follow: its result depends on what it is given, and says nothing
    # more; an object built from a token (a class: CapWords) holds it
    given = flow._union([a.value for a in call.args] + ([receiver] if receiver is not None else []))
    if leaf[:1].isupper() and _claim_keywords(call) >= 2:
        return derive(given, WRAPPED)  # `IdToken(iss=..., exp=...)`: a claim set before it is signed
    rows = _model_lookup(func) or (leaf in _QUERY_METHODS and receiver is not None and model_objects(flow.labels(receiver)))
    opaque = Label(OPAQUE, call, detail=OBJECT if rows else "")
    built = leaf[:1].isupper() or _alternate_constructor(func)
    return derive(given, WRAPPED if built else COMPUTED) | {opaque}


# what reads a file of the local machine or the user's keyring
_LOCAL_OPENS = frozenset({"builtins.open", "io.open", "codecs.open", "aiofiles.open", "keyring.get_password"})
_PATH_READS = frozenset({"read_text", "read_bytes"})
_FILE_READS = frozenset({"read", "readline", "readlines"})
_PARSING = frozenset({"load", "safe_load", "full_load"})  # json, pickle, tomllib; yaml


def _local_read(flow: FunctionFlow, call: cst.Call, leaf: str) -> Optional[Labels]:
    """What a read of the local machine returns: `open(path)`, `path.read_text()`,
    `keyring.get_password(...)`, and `f.read()` or `json.load(f)` of a file so opened; None for
    any other call."""
    func = call.func
    if type(func) is cst.Attribute:
        if leaf in _PATH_READS and not any(arg.keyword is None for arg in call.args):
            return frozenset({Label(OPAQUE, call, detail=LOCAL_FILE)})  # pathlib's `read_text(encoding=...)`
        if leaf in _FILE_READS:
            opened = flow.labels(func.value)  # type: ignore[attr-defined]
            return opened if any(label.detail == LOCAL_FILE for label in opened) else None
    if leaf in _PARSING and call.args and not call.args[0].star:
        read = flow.labels(call.args[0].value)  # `json.load(f)`, `yaml.safe_load(f)`: what the file holds
        return read if any(label.detail == LOCAL_FILE for label in read) else None
    if leaf in ("open", "get_password") and flow.context.qualified_name(func, flow.facts) in _LOCAL_OPENS:
        return frozenset({Label(OPAQUE, call, detail=LOCAL_FILE)})
    return None


def _replaced(flow: FunctionFlow, text: cst.BaseExpression, old: cst.BaseExpression, new: cst.BaseExpression) -> Labels:
    """`message.replace(token, "***")`: the token is masked out of the text (also with a
    part of itself, `token.split(":")[0] + ":{TOKEN}"`, the bot id before its secret; and out
    of a text the caller hands in, when replaced by a literal: a helper stripping
    `user:password@` from the URL it logs).
    When what is replaced is no token, the text holds what it held and what was put in
    (`url.replace("{token}", token)` puts one in)."""
    old_labels = flow.labels(old)
    if not token_labels(old_labels):
        return flow._union([text, new])
    params = {label.detail for label in old_labels if label.kind == PARAM}
    # cut out for a literal (`url.replace(f"{user}:{password}@", "")`: reolink-aio's RTSP URL
    # before its log): the caller's text without the credential the code strips from it
    stripped = string_literal(new) is not None
    kept = frozenset(label for label in flow.labels(text) if label.kind not in TOKEN_KINDS
                     and not (label.kind == PARAM and (stripped or label.detail in params)))
    new_deps = flow.deps(new)
    if new_deps and new_deps <= flow.deps(old):
        return kept  # a part of the masked token: what `token[:6]` shows
    return kept | flow.labels(new)


def _own_method_returns_no_token(flow: "FunctionFlow", leaf: str) -> bool:
    """The one function of the module so named (a method of a class whose object the call's
    receiver is not known to be: `token_mgr.refresh_server_token(id)` with `token_mgr` a
    parameter) returns no token on any path (`return True, None`, `return False, str(e)`: it
    stores the token and answers whether it worked): its code beats its name."""
    named = [function for function in flow.module.every_function() if function.name.value == leaf]
    if len(named) != 1:
        return False
    summary = flow.module.summary(named[0])
    return summary is not None and not token_labels(summary.returns) and not summary.return_inputs


def _named_fetch(flow: FunctionFlow, call: cst.Call, returned: Labels = NONE) -> Label:
    """`get_access_token(app_id, secret)`: a token, chosen by what the getter is given;
    `new_api_token()`: one made here; `_get_default_token()` returning what an environment
    variable holds (`EnvVar(env=name).getvalue()`): a credential setting, fetched by no one."""
    if any(label.kind == OPAQUE and label.detail == ENVIRON for label in returned):
        return Label(NAMED, call, detail=leaf_name(call))  # a credential by its name, of unknown origin
    kind = sources.named_getter(flow, call) or FETCHED
    detail = token_kind(leaf_name(call)) if kind == FETCHED else ""
    return Label(kind, call, detail=detail, inputs=flow.call_inputs(call), selectors=flow.argument_inputs(call))


def _accessor_key(flow: FunctionFlow, call: cst.Call, target: Tuple[cst.FunctionDef, Optional[cst.ClassDef]]) -> Optional[str]:
    """The key a call hands an accessor of the module (a function whose one statement returns
    `container.get(param)` or `container[param]`), when the call's argument is a string the
    code shows; None for any other call."""
    function = target[0]
    body = function.body.body if isinstance(function.body, cst.IndentedBlock) else ()
    statements = without_docstring(body)
    if len(statements) != 1 or not isinstance(statements[0], cst.SimpleStatementLine):
        return None
    returned = statements[0].body[0] if len(statements[0].body) == 1 else None
    value = returned.value if isinstance(returned, cst.Return) else None
    if isinstance(value, cst.Call) and leaf_name(value) == "get" and isinstance(value.func, cst.Attribute) and value.args:
        key_node: Optional[cst.BaseExpression] = value.args[0].value
    elif isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index):
        key_node = value.slice[0].slice.value
    else:
        return None
    if not isinstance(key_node, cst.Name):
        return None
    from nhilint.flow.module import bind_target

    passed = bind_target(target, call.args).get(key_node.value)
    key = flow.context.evaluator.value(passed, flow.facts) if passed is not None else None
    return key if isinstance(key, str) else None


def _token_answer(flow: FunctionFlow, response: cst.BaseExpression, node: cst.CSTNode) -> Optional[Labels]:
    """`resp.json()` of a grant (a body with a `grant_type`): the answer holds the tokens;
    None for any other response."""
    for label in flow.labels(response):
        if label.kind == OPAQUE and label.detail == RESPONSE and isinstance(label.origin, cst.Call) \
                and sources.sends_grant(flow, label.origin):
            inputs = flow.call_inputs(label.origin)
            return frozenset({Label(FETCHED, node, detail=TOKEN_ANSWER, inputs=inputs, selectors=inputs)})
    return None


def _path_get(flow: FunctionFlow, call: cst.Call) -> bool:
    """`.get("/orders/")`, `.get("https://...")`: a client's request for a path or URL."""
    first = call.args[0]
    key = flow.context.evaluator.value(first.value, flow.facts) if first.keyword is None else None
    return isinstance(key, str) and key.startswith(("/", "http://", "https://"))


def _alternate_constructor(func: cst.BaseExpression) -> bool:
    """`TokenResponse.from_json(answer)`, `Token.model_validate(data)`: a class's alternate
    constructor, which builds an object holding what it is given, as `TokenResponse(...)` does."""
    if not isinstance(func, cst.Attribute):
        return False
    owner = func.value.attr.value if isinstance(func.value, cst.Attribute) else getattr(func.value, "value", "")
    name = func.attr.value
    return isinstance(owner, str) and owner[:1].isupper() and not owner.isupper() and (
        name.startswith("from_") or name in _CONSTRUCTOR_METHODS)


def _mapping_get(call: cst.Call) -> bool:
    """`mapping.get(key)`, `mapping.get(key, default)`: a key and at most a default; a `.get`
    with more or other keywords (`client.get(path, json_data=body)`) is some client's method."""
    if len(call.args) > 2 or call.args[0].keyword is not None or call.args[0].star:
        return False
    if len(call.args) == 1:
        return True
    second = call.args[1]
    return not second.star and (second.keyword is None or second.keyword.value == "default")


def _dot_separator(call: cst.Call) -> bool:
    """`.split(".")`, `.split(b".", 1)`: the separator of a JWT's three parts."""
    first = call.args[0] if call.args else None
    return (first is not None and first.keyword is None and isinstance(first.value, cst.SimpleString)
            and first.value.value.lstrip("bB") in ('"."', "'.'"))


def _claim_keywords(call: cst.Call) -> int:
    """How many of RFC 7519's registered claims a call is given by keyword."""
    return sum(1 for arg in call.args if arg.keyword is not None and arg.keyword.value in REGISTERED_CLAIMS)


def _unplaced(returned: Labels) -> bool:
    """Whether a function's returns are values we cannot place, so that its name decides:
    none comes from a source, from another service, or from the database (a function that
    returns a model object or its field on one path is a lookup, `get_current_user_token`)."""
    opaque = [label.detail for label in returned if label.kind == OPAQUE]
    if any(label.kind in SOURCE_KINDS and label.derived != WRAPPED for label in returned) or OBJECT in opaque \
            or ROW_FIELD in opaque:
        return False
    # an object built from a source (`TokenResponse.from_json(answer)`) is placed no better:
    # its getter's name (`get_app_only_access_token`) says what it is
    return any(detail not in _PLACED for detail in opaque) or any(
        label.kind in SOURCE_KINDS and label.derived == WRAPPED for label in returned)


def model_objects(labels: Labels) -> bool:
    """What a model lookup returned (`db.query(APIToken).filter(...)`): rows, not strings."""
    return any(label.kind == OPAQUE and label.detail == OBJECT for label in labels)


def _model_lookup(func: cst.BaseExpression) -> bool:
    """`Token.objects.get(...)`, `orm.APIToken.find(db, ...)`, `User.query.filter_by(...)`: a
    method of a class (CapWords) or of an ORM manager returns a model object."""
    if not isinstance(func, cst.Attribute):
        return False
    owner = func.value
    while isinstance(owner, (cst.Attribute, cst.Call)):
        if isinstance(owner, cst.Call):
            owner = owner.func
            continue
        if owner.attr.value in ("objects", "query") or owner.attr.value[:1].isupper():
            return True
        owner = owner.value
    return isinstance(owner, cst.Name) and owner.value[:1].isupper() and not owner.value.isupper()


def _formatted_arguments(template: cst.BaseExpression, args: "Sequence[cst.Arg]") -> "List[cst.BaseExpression]":
    """The arguments of `"...".format(...)` its literal template formats (`'Role {} not
    found in account {}'.format(account, saml_response, role_arn)` shows two, the rest are not
    in the text); all of them where the template is not a literal or has a field we cannot place."""
    text = string_literal(template)
    values = [a.value for a in args]
    if not isinstance(text, str) or any(a.star for a in args):
        return values
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return values
    positional = [a.value for a in args if a.keyword is None]
    keywords = {a.keyword.value: a.value for a in args if a.keyword is not None}
    used: List[cst.BaseExpression] = []
    auto = 0
    for field in fields:
        head = field.split(".", 1)[0].split("[", 1)[0]
        if head == "":
            index = auto
            auto += 1
        elif head.isdigit():
            index = int(head)
        elif head in keywords:
            used.append(keywords[head])
            continue
        else:
            return values
        if index >= len(positional):
            return values
        used.append(positional[index])
    return used
