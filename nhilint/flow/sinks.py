"""Sinks: the places a value ends up that the rules care about.

A log record (logger methods, `print`, `sys.stderr.write`), an outbound request (its URL, its
credential headers and `auth=`, its TLS settings), a URL's query (`urlencode(...)` after its
`?`), and a verifier's token argument (nhilint.flow.module.ModuleFlow.verified_token). Stores
are nhilint.flow.stores'.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.branches import other_arms, rejects
from nhilint.analysis.credentials import string_literal
from nhilint.analysis.http import HttpCall, http_call, keyword_arg, request_keyword, sends_to_http_url
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.names import is_credential_header, is_token_name
from nhilint.analysis.values import field_read
from nhilint.catalogue.http import HTTP_METHODS, IDENTITY_PROVIDER_PATTERN
from nhilint.catalogue.loggers import LOG_METHODS, LOGGER_NAME_PATTERN, STREAM_WRITES
from nhilint.flow.labels import HTTP_CLIENT, INBOUND, LOGGER, OPAQUE, PARAM, SOURCE_KINDS, token_labels
from nhilint.flow.log_filters import hides_secrets
from nhilint.flow.reaching import in_a_branch
from nhilint.flow.sources import header_name
from nhilint.analysis.syntax import conjuncts, caught_names, is_none
from nhilint.walk import nodes_of, walk

# A helper's sinks for a keyword its `**kwargs` takes and hands on whole to a request
# (`def _get(self, call, **kwargs): return self.session.get(url + call, **kwargs)`): the key
# `**params` stands for a caller's `params=` argument (ModuleFlow.helper_sinks binds it).
KEYWORD_PREFIX = "**"

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

_LOGGER_NAME = compiled_on_first_use(LOGGER_NAME_PATTERN, re.I)
# Logger keywords that are not part of the message.
_LOG_OPTIONS = frozenset({"exc_info", "stack_info", "stacklevel", "level", "sep", "end", "file", "flush"})


def log_arguments(flow: "FunctionFlow", call: cst.Call) -> Optional[List[cst.BaseExpression]]:
    """The values a call writes to a log or the console: the arguments of a logger method
    (`logger.info(...)` on anything that is a logger, by origin or by name), `print(...)`,
    `sys.stderr.write(...)`; None for any other call."""
    leaf = leaf_name(call)
    func = call.func
    if leaf == "print" and isinstance(func, cst.Name):
        if flow.context.qualified_name(func, flow.facts) != "builtins.print":
            return None
        stream = keyword_arg(call, "file")
        if stream is not None and flow.context.qualified_name(stream, flow.facts) not in ("sys.stderr", "sys.stdout"):
            return None  # `print(token, file=cache_file)`: written to a file the code keeps, not a log
    elif leaf == "write" and isinstance(func, cst.Attribute):
        if flow.context.qualified_name(func, flow.facts) not in STREAM_WRITES:
            return None
    elif leaf == "warn" and flow.context.qualified_name(func, flow.facts) == "warnings.warn":
        # written to stderr, or to the log with `logging.captureWarnings`: the message only
        return [call.args[0].value] if call.args and call.args[0].keyword is None else None
    elif leaf in LOG_METHODS and isinstance(func, cst.Attribute):
        if not is_logger(flow, func.value, call) or hides_secrets(flow.labels(func.value)):
            return None  # not a logger, or one whose filter hides secrets (nhilint.flow.log_filters)
    elif (picked := _picked_method(call)) is not None:
        # `getattr(self.log, level)(msg)`: whichever level the code picks, a logger's method
        if not is_logger(flow, picked) or hides_secrets(flow.labels(picked)):
            return None
    elif not _injected_log_function(flow, call):
        return None
    return [arg.value for arg in call.args if arg.keyword is None or arg.keyword.value not in _LOG_OPTIONS]


# Exceptions that say a token failed verification: a token logged while handling one is dead.
INVALID_TOKEN_ERRORS = frozenset({
    "InvalidTokenError", "ExpiredSignatureError", "InvalidSignatureError", "DecodeError", "JWTError",
    "ExpiredSignature", "BadSignature", "SignatureExpired", "BadTimeSignature", "BadData", "InvalidToken",
    "JoseError", "BadSignatureError", "ExpiredTokenError", "InvalidClaimError", "AuthenticationFailed",
})


# `if token.has_expired():`: the branch where a token is known to be expired
_EXPIRY_TESTS = frozenset({"has_expired", "is_expired", "expired"})


def to_stdout(flow: "FunctionFlow", call: cst.Call) -> bool:
    """`print(...)` with no other stream, `sys.stdout.write(...)`: a tool's output, which may be
    its answer to the person who ran it rather than a log."""
    name = leaf_name(call)
    if name == "print":
        stream = keyword_arg(call, "file")
        return stream is None or _stdout_stream(flow, stream)
    if name in ("echo", "secho") and (flow.context.qualified_name(call.func, flow.facts) or "").startswith(("click.", "typer.")):
        stream, err = keyword_arg(call, "file"), keyword_arg(call, "err")
        return (err is None or isinstance(err, cst.Name) and err.value == "False") and (
            stream is None or _stdout_stream(flow, stream))
    return stdout_write(flow, call)


def _stdout_stream(flow: "FunctionFlow", stream: cst.BaseExpression) -> bool:
    """`sys.stdout`, or a parameter `file=None` (print's own default, stdout) that the function
    sets to nothing else (`if file is None: file = sys.stdout`)."""
    if flow.context.qualified_name(stream, flow.facts) == "sys.stdout":
        return True
    if not isinstance(stream, cst.Name):
        return False
    param = flow.param_node(stream.value)
    if param is None or param.default is None or not (
            is_none(param.default) or flow.context.qualified_name(param.default, flow.facts) == "sys.stdout"):
        return False
    return all(binding.value is not None and flow.context.qualified_name(binding.value, flow.facts) == "sys.stdout"
               for binding in flow.reaching(stream.value, stream))


def stdout_write(flow: "FunctionFlow", call: cst.Call) -> bool:
    return leaf_name(call) == "write" and flow.context.qualified_name(call.func, flow.facts) == "sys.stdout.write"


def handles_invalid_token(flow: "FunctionFlow", node: cst.CSTNode) -> bool:
    """Whether `node` runs in an `except` clause for a token that failed verification
    (`except jwt.ExpiredSignatureError:`, itsdangerous' `except BadSignature:`), in the
    branch of an `if` that found it expired (`if token.has_expired():`, `if grant.is_expired`),
    or in one that found it did not match and turns the request away (`if not
    hmac.compare_digest(key, expected): ... return None`)."""
    child, current = node, flow.facts.parent_of(node)
    while current is not None:
        if isinstance(current, cst.ExceptHandler) and current.type is not None:
            return any(name in INVALID_TOKEN_ERRORS for name in caught_names(current))
        if isinstance(current, cst.If) and child is current.body and (
            _tests_expiry(current.test) or (_failed_check(current.test) and rejects(current.body))
        ):
            return True
        child, current = current, flow.facts.parent_of(current)
    return False


def rejected_mismatch(flow: "FunctionFlow", node: cst.CSTNode, value: cst.BaseExpression) -> bool:
    """Whether `value`, logged at `node`, is the credential a request presented, in the branch
    that found it differs from the expected one and turns the request away (`if token !=
    self.secret_token: log(token); raise Forbidden`): the presented side of `!=`, read from
    the incoming request. The expected side, logged there, is the secret itself."""
    code = flow.context.module.code_for_node
    written = code(value)
    parts: "Optional[set[str]]" = None
    child, current = node, flow.facts.parent_of(node)
    while current is not None:
        if isinstance(current, cst.If) and child is current.body and rejects(current.body):
            for test in conjuncts(current.test):
                if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
                    continue
                operator = test.comparisons[0].operator
                # `token != expected` (either side), `key not in app["config"]["users"]` (the key)
                sides = (test.left, test.comparisons[0].comparator) if isinstance(operator, cst.NotEqual) \
                    else (test.left,) if isinstance(operator, cst.NotIn) else ()
                if sides and parts is None:
                    # `f"{request.remote} sent an unknown key '{key}'"`: the parts of a message holding a token
                    parts = {code(part) for part in nodes_of(value, (cst.Name, cst.Attribute))
                             if token_labels(flow.labels(part))}
                for side in sides:
                    if code(side) == written or parts == {code(side)}:
                        return _presented(flow, side, sides)
        child, current = current, flow.facts.parent_of(current)
    return False


def _presented(flow: "FunctionFlow", side: cst.BaseExpression, sides: "Sequence[cst.BaseExpression]") -> bool:
    """The side of the comparison is the credential presented: read from the incoming request,
    or the function's parameter held against what the code keeps (`auth_token not in await
    cls.get_valid_tokens()`, `token != self.secret_token`; not where both sides are parameters)."""
    labels = flow.labels(side)
    if any(label.kind == INBOUND and not label.derived for label in labels):
        return True
    if not any(label.kind == PARAM and not label.derived for label in labels):
        return False
    return not any(label.kind == PARAM for other in sides if other is not side for label in flow.labels(other))


def _tests_expiry(test: cst.BaseExpression) -> bool:
    """`token.has_expired()`, `grant.is_expired`: true when the token has expired."""
    if isinstance(test, cst.Call):
        test = test.func
    return isinstance(test, cst.Attribute) and test.attr.value in _EXPIRY_TESTS


# constant-time comparisons and token checks: `not` one of them says the token did not match
_CHECKS = frozenset({
    "compare_digest", "constant_time_compare", "safe_str_cmp", "secure_compare", "timingsafe_equal",
    "check_token", "verify_token", "validate_token",
})


def _failed_check(test: cst.BaseExpression) -> bool:
    """`not hmac.compare_digest(key, expected)`, alone or one side of an `or`: true when the
    token failed the check."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        return _failed_check(test.left) or _failed_check(test.right)
    if not (isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not)):
        return False
    return isinstance(test.expression, cst.Call) and leaf_name(test.expression) in _CHECKS


# A callable handed in to write the log (`debug_logger=logger.debug`, `log_fn=print`): named
# for it, as a logger object is (`logger`, `debug_logger`, `log_func`, `log_callback`)
_LOG_FUNCTION = compiled_on_first_use(r"(^|_)logger$|^_*(log|logger|logging|debug)_?(fn|func|function|callback|hook)$", re.I)


def _injected_log_function(flow: "FunctionFlow", call: cst.Call) -> bool:
    """`debug_logger(msg)`, `self.debug_logger(msg)`: a log function the code was handed (a
    parameter, or an attribute of the instance no method of the class defines), named for it.
    A function of the module or of the class under that name is a helper, followed as one."""
    func = call.func
    if type(func) is cst.Name:
        name = func.value
        if name not in flow.facts.params:
            return False
    elif type(func) is cst.Attribute and flow.is_self(func.value):
        name = func.attr.value
    else:
        return False
    if not _LOG_FUNCTION.search(name):
        return False
    from nhilint.flow.module import module_flow

    return module_flow(flow.context).resolve(flow, call) is None


def may_log(call: cst.Call) -> bool:
    """The cheap test before `log_arguments`: the call's name is a logger method's or print's,
    a log function's that was handed in (`debug_logger(...)`), or the method is picked by name
    at run time (`getattr(self.log, level)(message)`)."""
    leaf = leaf_name(call)
    if leaf:
        if leaf in LOG_METHODS or leaf in ("print", "write"):
            return True
        lowered = leaf.lower()  # the words _LOG_FUNCTION's names hold, before its search
        return ("log" in lowered or "debug" in lowered) and bool(_LOG_FUNCTION.search(leaf))
    return type(call.func) is cst.Call and _picked_method(call) is not None  # `getattr(log, level)(...)`


def _picked_method(call: cst.Call) -> Optional[cst.BaseExpression]:
    """`X` of `getattr(X, level)(...)`: a method of X chosen by a name the code computes."""
    func = call.func
    if type(func) is not cst.Call or leaf_name(func) != "getattr" or len(func.args) < 2:  # type: ignore[arg-type]
        return None
    return func.args[0].value  # type: ignore[attr-defined]


def may_send(call: cst.Call) -> bool:
    """The cheap test before `outbound_request`: the call's name is a request method's."""
    leaf = leaf_name(call)
    return leaf in HTTP_METHODS or leaf in ("urlopen", "Request")


def is_logger(flow: "FunctionFlow", expr: cst.BaseExpression, call: Optional[cst.Call] = None) -> bool:
    """A logger by where it comes from (`logging.getLogger`, structlog, a helper returning
    one, `self.logger`), or, when that is unknown, by its name (`log`, `_LOGGER`); not by its
    name when the method `call` runs is one of the project's (`self.usage_logger.log(...)` of
    an `AsyncUsageLogger` the package defines: what it writes is its own code's to say)."""
    labels = flow.labels(expr)
    kinds = {label.kind for label in labels}
    if LOGGER in kinds:
        return True
    if kinds & SOURCE_KINDS or (labels and OPAQUE not in kinds):
        return False
    dotted = dotted_name(expr)
    if dotted is None or not _LOGGER_NAME.search(dotted.rsplit(".", 1)[-1]):
        return False
    return call is None or not _projects_method(flow, call)


def _projects_method(flow: "FunctionFlow", call: cst.Call) -> bool:
    """The call runs a method of a class of the project, on an instance made of it (in this
    module or another): `self.usage_logger = AsyncUsageLogger(db)`, then `.log(...)`, each
    value bound to a named parameter (not a wrapper's `*args`)."""
    module = flow.module
    func = call.func
    if not isinstance(func, cst.Attribute) or any(arg.star for arg in call.args):
        return False
    given = sum(1 for arg in call.args if arg.keyword is None)
    cls = module.instance_class(flow, func.value)
    if cls is not None:
        methods = [method for method in module.methods(cls) if method.name.value == func.attr.value]
        if not methods:
            return False
        params = methods[-1].params
        return given <= len(params.posonly_params) + len(params.params) - 1  # less `self`
    exported = module.remote(flow, call)
    # a logging wrapper's `debug(self, msg, *args)`: the values go to `*args`, which no summary
    # follows; such a wrapper stays a logger by its name
    return exported is not None and given <= exported.positional


class Outbound:
    """An outbound request and what goes with it.
    A plain class: never compared, hashed or copied, and a dataclass costs about 3 M
    instructions to create at every start (benchmarks/README.md, speed20)."""

    __slots__ = ("call", "http", "flow")

    def __init__(self, call: cst.Call, http: Optional[HttpCall], flow: "FunctionFlow") -> None:
        self.call = call
        self.http = http  # None for a method of an HTTP client the flow knows
        self.flow = flow

    @property
    def url(self) -> Optional[cst.BaseExpression]:
        if self.http is not None:
            return self.http.url
        positional = [a.value for a in self.call.args if a.keyword is None and not a.star]
        index = 1 if leaf_name(self.call) == "request" else 0
        return keyword_arg(self.call, "url") or (positional[index] if index < len(positional) else None)

    def keyword(self, name: str) -> Optional[cst.BaseExpression]:
        return request_keyword(self.flow.context, self.flow.facts, self.call, name)


def outbound_request(flow: "FunctionFlow", call: cst.Call) -> Optional[Outbound]:
    """The request a call sends: requests / httpx / urllib functions, client methods with an
    HTTP keyword, and any request method of a client the flow knows (`self.session.get(url)`
    with `self.session = requests.Session()`)."""
    request = http_call(flow.context, call, flow.facts)
    if request is not None:
        return Outbound(call, request, flow)
    func = call.func
    # exact type tests: an isinstance of a libcst class goes through the ABC machinery, and
    # this runs for every call of the file
    if type(func) is cst.Name:
        if not flow.facts.is_local(func.value):
            return None
        # `send = self.session.post` ... `send(url, data=body)`: the client's method by another name
        func = flow.context.bound_expression(func, flow.facts)
    if type(func) is cst.Attribute and func.attr.value in HTTP_METHODS:
        if any(label.kind == HTTP_CLIENT for label in flow.labels(func.value)):
            return Outbound(call, None, flow)
    return None


_IDENTITY_PROVIDER = compiled_on_first_use(IDENTITY_PROVIDER_PATTERN, re.I)
_EXCHANGE = compiled_on_first_use(r"token-exchange|jwt-bearer|on_behalf_of|subject_token", re.I)


def destination(flow: "FunctionFlow", request: Outbound) -> Tuple[Optional[str], bool]:
    """Where a request goes: its host when the URL shows it, and whether it is an identity
    provider's endpoint about the caller's own token (userinfo, introspection, the token
    endpoint, a token exchange)."""
    from nhilint.analysis.http import string_prefix, url_host

    url = request.url
    text = string_prefix(flow.context, url, flow.facts)[0] or ""
    host = url_host(text)
    if isinstance(url, cst.Name):
        url = flow.context.bound_expression(url, flow.facts) or url
    written = flow.context.module.code_for_node(url) if url is not None else ""
    provider = bool(_IDENTITY_PROVIDER.search(text) or _IDENTITY_PROVIDER.search(written))
    body = request.keyword("data") or request.keyword("json")
    if body is not None and _EXCHANGE.search(flow.context.module.code_for_node(body)):
        provider = True
    return (host[0] if host else None), provider


def credential_values(flow: "FunctionFlow", headers: Optional[cst.BaseExpression]) -> List[Tuple[cst.BaseExpression, cst.BaseExpression]]:
    """(value, where to report) of every credential header in a headers mapping: a dict, a
    `dict(...)` call, or a name bound to one."""
    anchor = headers
    if isinstance(headers, cst.Name):
        bound = flow.context.bound_expression(headers, flow.facts)
        if bound is not None:
            headers = bound
    found: List[Tuple[cst.BaseExpression, cst.BaseExpression]] = []
    if isinstance(headers, cst.Dict):
        for element in headers.elements:
            if isinstance(element, cst.DictElement):
                name = header_name(element.key)
                if name is not None and is_credential_header(name):
                    found.append((element.value, element.value if anchor is headers else anchor))  # type: ignore[arg-type]
    elif isinstance(headers, cst.Call) and leaf_name(headers) == "dict":
        for arg in headers.args:
            if arg.keyword is not None and is_credential_header(arg.keyword.value.replace("_", "-")):
                found.append((arg.value, arg.value if anchor is headers else anchor))  # type: ignore[arg-type]
    return found


def returned_credential_values(
    flow: "FunctionFlow", headers: Optional[cst.BaseExpression]
) -> List[Tuple["FunctionFlow", cst.BaseExpression]]:
    """The credential headers of the mapping a helper of the module returns, in the helper's
    own flow: `headers=self._headers()` with `def _headers(self): return {"Authorization": ...}`;
    also a property of an instance of a class of the module, `headers=self.client.default_headers`."""
    module = flow.module
    if isinstance(headers, cst.Attribute):
        cls = module.instance_class(flow, headers.value)
        prop = module.property_method(cls, headers.attr.value) if cls is not None else None
        if prop is None or prop is flow.scope:
            return []
        helper = module.flow(prop)
        return [(helper, value) for returned in helper.facts.returns for value, _ in credential_values(helper, returned)]
    if not isinstance(headers, cst.Call):
        return []
    target = module.resolve(flow, headers)
    if target is None or target[0] is flow.scope:
        return []
    helper = module.flow(target[0])
    return [(helper, value) for returned in helper.facts.returns for value, _ in credential_values(helper, returned)]


def header_item_store(target: cst.BaseExpression) -> Optional[str]:
    """`headers["Authorization"]` as an assignment target: the header's name."""
    if not isinstance(target, cst.Subscript) or len(target.slice) != 1:
        return None
    index = target.slice[0].slice
    return header_name(index.value) if isinstance(index, cst.Index) else None


def sent_credentials(flow: "FunctionFlow", request: Outbound) -> List[cst.BaseExpression]:
    """The values an outbound request sends as credentials: its credential headers and `auth=`;
    a headers mapping made elsewhere (`headers=headers`, a parameter) is sent whole, credentials
    and all, whatever its caller put in it."""
    headers = request.keyword("headers")
    values = [value for value, _ in credential_values(flow, headers)]
    if not values and isinstance(headers, cst.Name):
        values.append(headers)
    return values + auth_values(request.keyword("auth"))


def auth_values(auth: Optional[cst.BaseExpression]) -> List[cst.BaseExpression]:
    """The values in an `auth=` argument: a (user, secret) pair, an auth object's arguments,
    or the value itself."""
    if auth is None or is_none(auth):
        return []
    if isinstance(auth, cst.Tuple):
        return [element.value for element in auth.elements]
    if isinstance(auth, cst.Call):
        return [arg.value for arg in auth.args]
    return [auth]


def literal_header(value: cst.BaseExpression) -> bool:
    return string_literal(value) is not None


def urlencoded_query(flow: "FunctionFlow", call: cst.Call) -> Optional[cst.BaseExpression]:
    """The mapping a call URL-encodes into a URL's query: `f"{base}?{urlencode(query)}"`,
    `url + "?" + urlencode(query)`, also through a local (`query = urlencode(params)`, then
    `url = base + "/search?" + query`). Not `urlencode(form)` sent as a body, nor kept aside."""
    if leaf_name(call) != "urlencode" or not call.args or call.args[0].star:
        return None
    if _after_query_mark(flow, call):
        return call.args[0].value
    assign = flow.facts.parent_of(call)
    if isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name):
        # put there on every path: not `if self.use_get: url += "?" + data`, a POST body otherwise
        name = assign.targets[0].target.value
        if any(_after_query_mark(flow, read) and not in_a_branch(flow.facts, read)
               for read in flow.facts.loads_after(name, flow.facts.order_of(call))):
            return call.args[0].value
    return None


def _after_query_mark(flow: "FunctionFlow", node: cst.BaseExpression) -> bool:
    """Whether `node` is put right after a URL's `?` or `&`: in an f-string or by `+`."""
    parent = flow.facts.parent_of(node)
    if isinstance(parent, cst.FormattedStringExpression):
        string = flow.facts.parent_of(parent)
        if isinstance(string, cst.FormattedString):
            index = next(i for i, part in enumerate(string.parts) if part is parent)
            before = string.parts[index - 1] if index else None
            return isinstance(before, cst.FormattedStringText) and before.value.endswith(("?", "&"))
        return False
    if isinstance(parent, cst.BinaryOperation) and isinstance(parent.operator, cst.Add) and parent.right is node:
        left = parent.left.right if isinstance(parent.left, cst.BinaryOperation) else parent.left
        return ends_query(left)
    return False


def ends_query(expr: cst.BaseExpression) -> bool:
    """A literal or f-string that ends a URL with `?` or `&`, ready for a query."""
    if isinstance(expr, cst.SimpleString):
        return isinstance(expr.evaluated_value, str) and expr.evaluated_value.endswith(("?", "&"))
    if isinstance(expr, cst.FormattedString) and expr.parts:
        last = expr.parts[-1]
        return isinstance(last, cst.FormattedStringText) and last.value.endswith(("?", "&"))
    return False


def hand_built_queries(flow: "FunctionFlow") -> List[Tuple[cst.Name, cst.BaseExpression]]:
    """The parameters a function writes into a URL's query by hand: it walks the mapping's
    items (`for key, value in params.items():`), writes `key=value` pairs (a literal with an
    `=`) and returns a URL with a `?` (`return url + "?" + result`), as a project's own
    `build_url(url, params)` does without `urlencode`. (parameter's name at the walk, the
    returned URL)"""
    walked = []
    for call in flow.facts.calls:
        func = call.func
        if (leaf_name(call) == "items" and not call.args and isinstance(func, cst.Attribute)
                and isinstance(func.value, cst.Name) and flow.param_node(func.value.value) is not None):
            walked.append(func.value)
    if not walked:
        return []
    returned = next((value for value in flow.facts.returns if _has_query_mark(value)), None)
    if returned is None or not _writes_pairs(flow.scope):
        return []
    return [(name, returned) for name in walked]


def _has_query_mark(expr: cst.BaseExpression) -> bool:
    """A literal `?` that starts a query in a returned URL (`url + "?" + query`, `f"{url}?{query}"`)."""
    return _literal_ending(expr, "?", longest=None)


def _writes_pairs(scope: cst.CSTNode) -> bool:
    """A literal that joins a key to its value (`"="`, `f"{key}={value}"`)."""
    return _literal_ending(scope, "=", longest=2)


def _literal_ending(root: cst.CSTNode, mark: str, longest: Optional[int]) -> bool:
    """A string literal under `root` ending with `mark` (at most `longest` characters long),
    or the text of an f-string ending with it."""
    from nhilint.walk import nodes_of

    for node in nodes_of(root, cst.SimpleString):
        text = node.evaluated_value
        if isinstance(text, str) and text.endswith(mark) and (longest is None or len(text) <= longest):
            return True
    return any(part.value.endswith(mark) for node in nodes_of(root, cst.FormattedString)
               for part in node.parts if isinstance(part, cst.FormattedStringText))


_ANSWER_BODY_CALLS = frozenset({"json", "text", "read"})  # `response.json()`, aiohttp's `await response.text()`
_ANSWER_BODY_FIELDS = frozenset({"text", "content", "body"})


def answered_requests(flow: "FunctionFlow", log: cst.Call, value: cst.BaseExpression) -> List[cst.Call]:
    """The requests of this function whose answer body a logged value writes:
    `response.json()`, `response.text`, also awaited and through a local bound to one
    (`content = await response.json()`), the response bound by `r = session.post(...)` or
    `async with session.post(...) as r`. Not the response object itself: it prints its
    status; nor the body of a failed answer (`if response.status_code != 200:`), an error.
    Read from the bindings, not the labels: a response's labels may loop back through the
    tokens the answer is stored as."""
    from nhilint.flow.logged_values import failed_where

    found: List[cst.Call] = []
    if any(_returned_elsewhere(flow, log, name.value) for name in _names_in(value) if flow.facts.is_local(name.value)):
        return []
    for body in _answer_bodies(flow, value, hops=2):
        written = dotted_name(body)
        if written is not None and failed_where(flow, log, f"{written}.text"):
            continue
        request = _request_of(flow, body)
        if request is not None and request not in found:
            found.append(request)
    return found


def _returned_elsewhere(flow: "FunctionFlow", log: cst.Call, written: str) -> bool:
    """The function hands the answer `written` back (`return jsondata.get("data")`) only from
    arms of an `if` other than the one that logs it (`elif error == CODE_NO_ERROR: return ...`,
    then `else: log.error(f"non-ok status: {jsondata}")`): the answer logged is the one that was
    no success, an error."""
    returns = [flow.facts.parent_of(value) for value in flow.facts.returns
               if any(name.value == written for name in _names_in(value))]
    return bool(returns) and all(ret is not None and other_arms(flow.facts, ret, log) for ret in returns)


def _names_in(value: cst.BaseExpression) -> List[cst.Name]:
    from nhilint.walk import nodes_of  # asked of a logged answer only

    return [value] if isinstance(value, cst.Name) else list(nodes_of(value, cst.Name))


def _request_of(flow: "FunctionFlow", response: cst.BaseExpression) -> Optional[cst.Call]:
    if isinstance(response, cst.Await):
        response = response.expression
    if isinstance(response, cst.Name) and flow.facts.is_local(response.value):
        binding = flow.facts.binding_before(response.value, flow.facts.order_of(response))
        if binding is None:
            return None
        if binding.value is not None:
            response = binding.value.expression if isinstance(binding.value, cst.Await) else binding.value
        elif isinstance(binding.at, cst.WithItem):
            response = binding.at.item
    if isinstance(response, cst.Call) and (outbound_request(flow, response) is not None or sends_to_http_url(response)
                                           or _returns_answer(flow, response) or _returns_response(flow, response)):
        return response
    return None


def _returns_response(flow: "FunctionFlow", call: cst.Call) -> bool:
    """`response = _send(url, method, data, auth)` where the helper of the module returns the
    response of the request it sends on every path (`return requests.request(method, url,
    ...)`): its body is the answer to the request its arguments choose."""
    helper = _helper_called(flow, call)
    returns = helper.facts.returns if helper is not None else ()
    return bool(returns) and all(_sent_here(helper, value) for value in returns)  # type: ignore[arg-type]


def _helper_called(flow: "FunctionFlow", call: cst.Call) -> "Optional[FunctionFlow]":
    """The flow of the other function of the module a call runs; None for a builtin-like call
    (`str`, `dumps`, `get`) or one that cannot be resolved."""
    if leaf_name(call) in _NOT_HELPERS:
        return None
    target = flow.module.resolve(flow, call)
    if target is None or target[0] is flow.scope:
        return None
    return flow.module.flow(target[0])


def _sent_here(flow: "FunctionFlow", value: cst.BaseExpression, depth: int = 0) -> bool:
    """The value is the response of a request the function sends: the call itself, or a local
    every binding of which is one (`response = requests.post(...)` in each arm of an `if`)."""
    if isinstance(value, cst.Await):
        value = value.expression
    if isinstance(value, cst.Name) and flow.facts.is_local(value.value) and value.value not in flow.facts.params:
        bindings = flow.reaching(value.value, value)
        return depth < 2 and bool(bindings) and all(
            binding.value is not None and _sent_here(flow, binding.value, depth + 1) for binding in bindings)
    return isinstance(value, cst.Call) and (outbound_request(flow, value) is not None or sends_to_http_url(value))


def _returns_answer(flow: "FunctionFlow", call: cst.Call) -> bool:
    """`await self._internal_request(method=method, url=url, data=data)`: a helper of the module
    that returns the body of the answer to a request it sends (`return response.json()`, also
    through a local). Its answer, logged, is the answer to the request its arguments choose.
    Read from the helper's returns, not its summary: a log's arguments are asked about often,
    and a summary of every helper they call costs too much."""
    helper = _helper_called(flow, call)
    if helper is None:
        return False
    for returned in helper.facts.returns:
        if isinstance(returned, cst.Await):
            returned = returned.expression
        if isinstance(returned, cst.Name) and helper.facts.is_local(returned.value):
            returned = helper.context.bound_expression(returned, helper.facts) or returned
            if isinstance(returned, cst.Await):
                returned = returned.expression
        if isinstance(returned, cst.Call) and isinstance(returned.func, cst.Attribute) \
                and returned.func.attr.value in _ANSWER_BODY_CALLS:
            returned = returned.func.value
        elif isinstance(returned, cst.Attribute) and returned.attr.value in _ANSWER_BODY_FIELDS:
            returned = returned.value
        else:
            continue
        if _request_of(helper, returned) is not None:
            return True
    return False


# calls in a log's arguments that are no helper of the module: skipped before resolving
_NOT_HELPERS = frozenset({"str", "repr", "format", "join", "dumps", "len", "type", "get", "items", "keys", "values"})


def _field_read(flow: "FunctionFlow", node: "cst.Call | cst.Subscript") -> bool:
    """A read of one field of an answer under a literal key no credential is named by
    (`answer.get("apiStatus")`, `answer["code"]`): what it logs is that field, not the answer."""
    key = field_read(flow.context, node, flow.facts)
    return bool(key) and not is_token_name(key) and key.lower() not in _ENVELOPE_FIELDS  # type: ignore[union-attr]


# keys of an answer's envelope, which hold the rest of it (tokens too): `answer["data"]`
_ENVELOPE_FIELDS = frozenset({"data", "result", "results", "body", "payload", "response", "content", "value", "items"})


# what listing a JSON object gives: its keys
_KEY_LISTINGS = frozenset({"sorted", "list", "set", "tuple", "frozenset"})


def _answer_bodies(flow: "FunctionFlow", value: cst.BaseExpression, hops: int) -> List[cst.BaseExpression]:
    """The responses whose body `value` reads, following local names `hops` bindings back."""
    from nhilint.flow.call_results import masks

    out: List[cst.BaseExpression] = []

    def visit(node: cst.CSTNode) -> bool:
        kind = type(node)  # exact type tests: an isinstance of a libcst class is slow
        if kind is cst.Call:
            if masks(leaf_name(node)):  # type: ignore[arg-type]
                return False  # `filter_logger(result)`: what the log gets is masked
            func = node.func  # type: ignore[attr-defined]
            if type(func) is cst.Attribute and func.attr.value in _ANSWER_BODY_CALLS:
                out.append(func.value)
                return False
            if (type(func) is cst.Name and func.value in _KEY_LISTINGS and len(node.args) == 1) \
                    or (type(func) is cst.Attribute and func.attr.value == "keys" and not node.args):
                return False  # `sorted(answer)`, `answer.keys()`: the answer's field names
            if _returns_answer(flow, node):  # type: ignore[arg-type]
                out.append(node)  # type: ignore[arg-type]  # a helper returning the answer's body
                return False
            if _field_read(flow, node):  # type: ignore[arg-type]
                return False  # `jsondata.get("apiStatus")`: one field of the answer, no token
        elif kind is cst.Subscript and _field_read(flow, node):  # type: ignore[arg-type]
            return False  # `jsondata["apiStatus"]`
        elif kind is cst.Attribute:
            if node.attr.value in _ANSWER_BODY_FIELDS:  # type: ignore[attr-defined]
                out.append(node.value)  # type: ignore[attr-defined]
                return False
            visit_value(node.value)  # type: ignore[attr-defined]  # not the attribute's own name
            return False
        elif hops and kind is cst.Name and flow.facts.is_local(node.value):  # type: ignore[attr-defined]
            bound = flow.context.bound_expression(node, flow.facts)
            if bound is not None:
                out.extend(_answer_bodies(flow, bound, hops - 1))
        return True

    def visit_value(node: cst.CSTNode) -> None:
        walk(node, visit)

    visit_value(value)
    return out
