"""HTTP calls: which call sends a request, to which URL, with which headers and params."""

from __future__ import annotations

import re
from typing import List, Optional, Tuple, Union

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.scope import ScopeFacts
from nhilint.catalogue.http import HTTP_FUNCTIONS, HTTP_KEYWORDS, HTTP_METHODS
from nhilint.context import FileContext


class HttpCall:
    """A request a call sends. A plain class: never compared, hashed or copied, and a
    dataclass costs about 3 M instructions to create at every start (benchmarks/README.md,
    speed20)."""

    __slots__ = ("call", "qualname", "url", "context", "facts")

    def __init__(self, call: cst.Call, qualname: Optional[str], url: Optional[cst.BaseExpression],
                 context: FileContext, facts: Optional[ScopeFacts]) -> None:
        self.call = call
        self.qualname = qualname
        self.url = url
        self.context = context
        self.facts = facts  # the scope holding the call (None: the one the visit is in)

    def keyword(self, name: str) -> Optional[cst.BaseExpression]:
        return request_keyword(self.context, self.facts, self.call, name)


def request_keyword(context: FileContext, facts: Optional[ScopeFacts], call: cst.Call, name: str) -> Optional[cst.BaseExpression]:
    """A request's keyword argument, also handed over in a dict the function built once
    (`kw = dict(params=params, headers=headers)`, then `requests.request(method, url, **kw)`)."""
    given = keyword_arg(call, name)
    if given is not None or not any(arg.star == "**" for arg in call.args):
        return given
    for arg in call.args:
        if arg.star == "**" and isinstance(arg.value, cst.Name):
            bound = context.bound_expression(arg.value, facts if facts is not None else context.facts())
            if isinstance(bound, cst.Call) and leaf_name(bound) == "dict":
                found = keyword_arg(bound, name)
            elif isinstance(bound, cst.Dict):
                found = next((e.value for e in bound.elements
                              if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)
                              and e.key.evaluated_value == name), None)
            else:
                found = None
            if found is not None:
                return found
    return None


def keyword_arg(call: cst.Call, name: str) -> Optional[cst.BaseExpression]:
    """The value passed as `name=` to `call`, or None."""
    return next((a.value for a in call.args if a.keyword and a.keyword.value == name), None)


def argument(call: cst.Call, keyword: Optional[str], position: Optional[int]) -> Optional[cst.BaseExpression]:
    """The value of a parameter passed by keyword, or else at its position (stars not counted)."""
    found = keyword_arg(call, keyword) if keyword is not None else None
    if found is not None:
        return found
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[position].value if position is not None and position < len(positional) else None


def http_call(context: FileContext, call: cst.Call, facts: Optional[ScopeFacts] = None) -> Optional[HttpCall]:
    """The request this call sends, or None. Functions by name; client methods by name plus an
    HTTP keyword (`session.get(url, headers=...)`), since clients are built far away.

    The callee's last name is checked first: scope facts are built only for candidates. `facts`
    is the scope holding the call (by default the one the visit is in)."""
    leaf = leaf_name(call)
    if leaf not in HTTP_METHODS and leaf not in ("urlopen", "Request"):
        return None
    has_http_keyword = any(a.keyword and a.keyword.value in HTTP_KEYWORDS for a in call.args)
    head = dotted_name(call.func)
    if not has_http_keyword and (head is None or head.split(".", 1)[0] not in context.imported_names):
        return None  # `d.get(key)`: neither an HTTP keyword nor an imported module's function
    qualname = context.qualified_name(call.func, facts if facts is not None else context.facts())
    if qualname in HTTP_FUNCTIONS:
        index = HTTP_FUNCTIONS[qualname]
    elif leaf in HTTP_METHODS and has_http_keyword:
        index = 1 if leaf == "request" else 0
        if not any(a.keyword is None or a.keyword.value == "url" for a in call.args):
            # `self.api.post(method="add", params=params)`: no URL, no splat that could hold one:
            # no HTTP client's request (a JSON-RPC client's own call, `params` in its body)
            return None
    else:
        return None
    url = keyword_arg(call, "url")
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if leaf == "request" and index == 1 and len(positional) == 1 and qualname not in HTTP_FUNCTIONS:
        index = 0  # a client's own `self.request(url, params=...)`: one positional, the URL (no method)
    if url is None and index < len(positional):
        url = positional[index].value
    return HttpCall(call, qualname, url, context, facts)


def sends_to_http_url(call: cst.Call) -> bool:
    """`self._s.request(method, f"https://api.example.com/{endpoint}", **kw)`: a client's
    request method given an http(s) URL, whatever the client object is. `http_call` wants an
    HTTP keyword or a known function, as a `get(key)` is no request without one; a literal
    URL argument tells it too, where a value only a request can answer is looked for (the
    request whose answer a log writes)."""
    if leaf_name(call) not in HTTP_METHODS:
        return False
    for arg in call.args:
        text = arg.value
        first = text.parts[0] if isinstance(text, cst.FormattedString) and text.parts else None
        literal = first.value if isinstance(first, cst.FormattedStringText) else string_literal(text)
        if literal is not None and literal.startswith(("http://", "https://")):
            return True
    return False


def string_prefix(
    context: FileContext, expr: Optional[cst.BaseExpression], facts: ScopeFacts, depth: int = 0
) -> Tuple[Optional[str], bool]:
    """The known beginning of a string, and whether it is the whole string: a literal, the
    leading known part of an f-string or concatenation (`f"{BASE_URL}/x"`, BASE_URL constant),
    also through a name bound to one (`url = f"{BASE_URL}/x"`)."""
    if expr is None or depth > 4:
        return None, False
    value = context.evaluator.value(expr, facts)
    if isinstance(value, str):
        return value, True
    if isinstance(expr, cst.Name):
        bound = context.bound_expression(expr, facts)
        return string_prefix(context, bound, facts, depth + 1) if bound is not None else (None, False)
    if isinstance(expr, cst.FormattedString):
        prefix = ""
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringText):
                prefix += part.value
                continue
            inner = context.evaluator.value(part.expression, facts)
            if not isinstance(inner, str):
                return prefix or None, False
            prefix += inner
        return prefix, True
    # `BASE + "/x"`, and adjacent literals written on several lines (`f"{BASE}/log?a=1" f"&b=2"`)
    if isinstance(expr, cst.ConcatenatedString) or (
        isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add)
    ):
        left, left_whole = string_prefix(context, expr.left, facts, depth + 1)
        if left is None or not left_whole:
            return left, False
        right, right_whole = string_prefix(context, expr.right, facts, depth + 1)
        return left + (right or ""), right_whole
    # `"http://api.example.com/where?key={}".format(key)`, `"http://host/x?k=%s" % key`: the
    # template's text before its first field
    template = _template(expr)
    if template is not None:
        cut = min((at for at in (template.find("{"), template.find("%")) if at >= 0), default=-1)
        return (template[:cut] or None, False) if cut >= 0 else (template, True)
    return None, False


def _template(expr: cst.BaseExpression) -> Optional[str]:
    """The literal text of a `.format()` template or of the left side of a `%`."""
    literal: Optional[cst.BaseExpression] = None
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "format":
        literal = expr.func.value
    elif isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Modulo):
        literal = expr.left
    text = literal.evaluated_value if isinstance(literal, (cst.SimpleString, cst.ConcatenatedString)) else None
    return text if isinstance(text, str) else None


def scheme_free_url(context: FileContext, expr: Optional[cst.BaseExpression], facts: ScopeFacts) -> Optional[str]:
    """`f"{scheme}://api.example.com/search"` (the scheme chosen at run time), also through a
    name bound to one: the URL as if the scheme were https, for its host; None otherwise."""
    if isinstance(expr, cst.Name):
        expr = context.bound_expression(expr, facts)
    if not isinstance(expr, cst.FormattedString) or len(expr.parts) < 2:
        return None
    first, second = expr.parts[0], expr.parts[1]
    if isinstance(first, cst.FormattedStringExpression) and isinstance(second, cst.FormattedStringText) \
            and second.value.startswith("://"):
        return "https" + second.value
    return None


# this machine (loopback, every local address, and Docker's name for the machine a container
# runs on)
_THIS_MACHINE_HOSTS = r"localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|[\w.-]+\.localhost|host\.docker\.internal"
_THIS_MACHINE = compiled_on_first_use(rf"^({_THIS_MACHINE_HOSTS})(:\d+)?$", re.I)
# the host itself, and the cloud instance metadata services, reachable only from the machine
# they describe and spoken to in plain http by design (AWS IMDSv2's session token, GCP's
# metadata server, Azure's IMDS at the same link-local address)
_LOOPBACK = compiled_on_first_use(
    rf"^({_THIS_MACHINE_HOSTS}|169\.254\.169\.254|\[fd00:ec2::254\]|metadata\.google\.internal|metadata)(:\d+)?$", re.I)


def _url_host(url: str) -> str:
    """The host (and port) of an http(s) URL written out to its host; '' for any other text."""
    lowered = url.lower()
    scheme = next((s for s in ("http://", "https://") if lowered.startswith(s)), None)
    return re.split(r"[/?#]", url[len(scheme):], maxsplit=1)[0] if scheme else ""


def on_this_machine(url: Optional[str]) -> bool:
    """`http://localhost:11434/v1`, `http://host.docker.internal:1234/v1`: a server on the
    machine itself."""
    host = _url_host(url or "")
    return bool(host) and bool(_THIS_MACHINE.match(host))


def insecure_http_host(prefix: Optional[str], whole: bool) -> Optional[str]:
    """The host of a plain-http URL when it is known and not loopback; None otherwise."""
    if not prefix or not prefix.lower().startswith("http://"):
        return None
    rest = prefix[len("http://"):]
    parts = re.split(r"[/?#]", rest, maxsplit=1)
    if len(parts) == 1 and not whole:
        return None  # the host itself continues in an unknown part: f"http://{host}..."
    host = parts[0]
    if not host or not re.fullmatch(r"[\w.\-\[\]:]+", host):
        return None
    return None if _LOOPBACK.match(host) else host


def literal_false(context: FileContext, expr: Optional[cst.BaseExpression], facts: ScopeFacts) -> bool:
    return expr is not None and context.evaluator.value(expr, facts) is False


def url_host(url: Optional[str]) -> Optional[Tuple[str, str]]:
    """The host of a URL whose host is known, and its domain (the last two labels):
    `api.github.com` and `github.com` of `https://api.github.com/x`. Under a documentation
    domain (`example.com`, `example.org`: RFC 2606 keeps them for examples) the label before it
    names the service: `tracker.example.com` of `https://api.tracker.example.com/issues` (and
    `example.com` of `https://api.example.com`)."""
    if not url:
        return None
    match = re.match(r"(?i)https?://([A-Za-z0-9.-]+)(?=[:/?#]|$)", url)
    if match is None:
        return None
    host = match.group(1).lower()
    if host.endswith((".", "-")) or host.startswith((".", "-")):
        return None  # cut where the code fills a part in (`f"https://api.{target}.{tld}/x"`): not known
    labels = host.split(".")
    kept = 3 if len(labels) >= 4 and labels[-2] == "example" else 2
    return host, ".".join(labels[-kept:])


def service_host(url: Optional[str]) -> Optional[Tuple[str, str]]:
    """url_host, for the service a credential is sent to: None for a server on this machine
    (`http://localhost:8001/v1`, a developer's local copy of an API, a proxy or a sidecar): any
    service may answer there, so it names none, as a host the code does not show."""
    host = url_host(url)
    return None if host is None or _THIS_MACHINE.match(host[0]) else host


def string_parts(node: cst.BaseExpression) -> List[Union[str, cst.BaseExpression]]:
    """The text and the interpolated expressions of an f-string, or of adjacent literals read
    as the one string they make (a literal libcst cannot evaluate stands as an unknown part)."""
    if isinstance(node, cst.ConcatenatedString):
        return string_parts(node.left) + string_parts(node.right)
    if isinstance(node, cst.FormattedString):
        return [part.value if isinstance(part, cst.FormattedStringText) else part.expression for part in node.parts]
    text = string_literal(node)
    return [text if text is not None else "{}"]
