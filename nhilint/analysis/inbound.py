"""The credential of an incoming request, and the names that carry it as-is inside a handler.

Sources: `request.headers["Authorization"]` (Flask, Starlette, aiohttp, Django 2.2+),
`request.META["HTTP_AUTHORIZATION"]` (Django), `get_authorization_header(request)` (DRF),
`request.authorization` (Flask / Werkzeug),
FastAPI parameters (`authorization: str = Header()`, `token: str = Depends(oauth2_scheme)`,
`credentials: HTTPAuthorizationCredentials = Security(bearer)`).

A value carries the inbound credential through names, attributes, subscripts, string methods
(`auth.split()[1]`, `.removeprefix("Bearer ")`), f-strings and `+`; not through other calls,
so a token obtained by exchange (`acquire_token_on_behalf_of(...)`) carries nothing.
"""

from __future__ import annotations

from typing import FrozenSet, Optional, Set

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.scope import Binding, ScopeFacts
from nhilint.analysis.tokens import is_credential_header, is_token_name
from nhilint.catalogue.http import CREDENTIAL_HEADERS
from nhilint.context import FileContext

_REQUEST_NAMES = frozenset({"request", "req", "self.request", "flask.request"})
_REQUEST_TYPES = frozenset({"Request", "HttpRequest", "WSGIRequest", "ASGIRequest", "BaseRequest", "HTTPConnection"})
_META_HEADERS = frozenset("http_" + h.replace("-", "_") for h in CREDENTIAL_HEADERS)
_STRING_METHODS = frozenset({
    "split", "rsplit", "partition", "rpartition", "strip", "lstrip", "rstrip", "replace",
    "removeprefix", "removesuffix", "lower", "encode", "decode", "format",
})
_FASTAPI_PARAMS = frozenset({"Header", "Depends", "Security"})
_CREDENTIAL_TYPES = frozenset({"HTTPAuthorizationCredentials", "HTTPBasicCredentials"})


def header_name(key: cst.BaseExpression) -> Optional[str]:
    """The header a mapping key names: a string literal, or aiohttp's `hdrs.AUTHORIZATION`
    (also spelled `aiohttp.hdrs.AUTHORIZATION`)."""
    text = string_literal(key)
    if text is not None:
        return text
    owner, _, constant = (dotted_name(key) or "").rpartition(".")
    return constant.replace("_", "-") if owner.rsplit(".", 1)[-1] == "hdrs" else None


def _annotation_leaf(param: cst.Param) -> str:
    if param.annotation is None:
        return ""
    annotation = param.annotation.annotation
    if isinstance(annotation, cst.Subscript):  # Optional[Request], Annotated[str, Header()]
        annotation = annotation.value
    dotted = dotted_name(annotation) if isinstance(annotation, (cst.Name, cst.Attribute)) else None
    return dotted.rsplit(".", 1)[-1] if dotted else ""


def _request_params(function: cst.FunctionDef) -> Set[str]:
    return {p.name.value for p in function.params.params if _annotation_leaf(p) in _REQUEST_TYPES}


def inbound_params(function: cst.FunctionDef) -> Set[str]:
    """FastAPI parameters that hold the caller's credential."""
    found = set()
    for param in (*function.params.params, *function.params.kwonly_params):
        if _annotation_leaf(param) in _CREDENTIAL_TYPES:
            found.add(param.name.value)
            continue
        default = _fastapi_marker(param)
        if default is not None:
            alias = next((string_literal(a.value) for a in default.args if a.keyword and a.keyword.value == "alias"), None)
            header = (alias or param.name.value).lower().replace("_", "-")
            if is_credential_header(header) or (leaf_name(default) != "Header" and is_token_name(param.name.value)):
                found.add(param.name.value)
    return found


def _fastapi_marker(param: cst.Param) -> Optional[cst.Call]:
    """`Header()` / `Depends(...)` / `Security(...)` of a FastAPI parameter: its default, or
    the metadata of `Annotated[str, Header()]`."""
    candidates = [param.default] if param.default is not None else []
    annotation = param.annotation.annotation if param.annotation is not None else None
    if isinstance(annotation, cst.Subscript) and (dotted_name(annotation.value) or "").endswith("Annotated"):
        candidates += [element.slice.value for element in annotation.slice[1:] if isinstance(element.slice, cst.Index)]
    return next((c for c in candidates if isinstance(c, cst.Call) and leaf_name(c) in _FASTAPI_PARAMS), None)


class Inbound:
    """What carries the inbound credential inside one function."""

    def __init__(self, context: FileContext, facts: ScopeFacts) -> None:
        self.context = context
        self.facts = facts
        function = facts.node if isinstance(facts.node, cst.FunctionDef) else None
        self.request_names: FrozenSet[str] = frozenset(
            _REQUEST_NAMES | (_request_params(function) if function is not None else set())
        )
        self.names: Set[str] = set(inbound_params(function)) if function is not None else set()
        changed = True
        while changed:  # names bound from carrying values, to a fixed point
            changed = False
            for name, bindings in facts.bindings.items():
                if name not in self.names and any(self._binds_carrying(b) for b in bindings):
                    self.names.add(name)
                    changed = True

    def _binds_carrying(self, binding: Binding) -> bool:
        value = binding.value if binding.value is not None else binding.unpacked_from
        return value is not None and self.carries(value)

    def is_request(self, expr: cst.BaseExpression) -> bool:
        dotted = dotted_name(expr)
        if dotted is None:
            return False
        if dotted in self.request_names:
            return True
        return self.context.qualified_name(expr, self.facts) == "flask.request"

    def is_all_headers(self, expr: cst.BaseExpression) -> bool:
        """`request.headers` or `request.META` themselves, or `dict(...)` / `{**...}` of them."""
        if isinstance(expr, cst.Call) and leaf_name(expr) == "dict" and len(expr.args) == 1:
            expr = expr.args[0].value
        if isinstance(expr, cst.DictComp):  # {k: v for k, v in request.headers.items() if k != "Host"}
            return self._copies_headers(expr)
        if isinstance(expr, cst.Dict) and any(isinstance(e, cst.StarredDictElement) for e in expr.elements):
            return any(isinstance(e, cst.StarredDictElement) and self.is_all_headers(e.value) for e in expr.elements)
        return (
            isinstance(expr, cst.Attribute) and expr.attr.value in ("headers", "META") and self.is_request(expr.value)
        )

    def _copies_headers(self, comp: cst.DictComp) -> bool:
        """A comprehension over the inbound headers that does not filter out Authorization."""
        source = comp.for_in.iter
        if isinstance(source, cst.Call) and isinstance(source.func, cst.Attribute) and source.func.attr.value == "items":
            source = source.func.value
        if comp.for_in.inner_for_in is not None or not self.is_all_headers(source):
            return False
        conditions = " ".join(self.context.module.code_for_node(c.test) for c in comp.for_in.ifs).lower()
        return "authorization" not in conditions and "http_auth" not in conditions

    def _header_read(self, expr: cst.BaseExpression) -> bool:
        """`request.headers["Authorization"]`, `.get("authorization")`, `request.META[...]`,
        `request.authorization`."""
        if isinstance(expr, cst.Attribute) and expr.attr.value == "authorization":
            return self.is_request(expr.value)
        if isinstance(expr, cst.Call) and leaf_name(expr) == "get_authorization_header":  # DRF
            return True
        key: Optional[cst.BaseExpression] = None
        container: Optional[cst.BaseExpression] = None
        if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
            container, key = expr.value, expr.slice[0].slice.value
        elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get" and expr.args:
            container, key = expr.func.value, expr.args[0].value
        if container is None or key is None or not self.is_all_headers(container):
            return False
        text = header_name(key)
        return text is not None and (is_credential_header(text) or text.lower() in _META_HEADERS)

    def carries(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, cst.Name):
            return expr.value in self.names
        if self._header_read(expr):
            return True
        if isinstance(expr, cst.Attribute):
            return self.carries(expr.value)
        if isinstance(expr, cst.Subscript):
            return self.carries(expr.value)
        if isinstance(expr, cst.Call):
            if isinstance(expr.func, cst.Attribute) and expr.func.attr.value in _STRING_METHODS:
                return self.carries(expr.func.value)
            if isinstance(expr.func, cst.Name) and expr.func.value == "str" and expr.args:
                return self.carries(expr.args[0].value)
            return False
        if isinstance(expr, cst.FormattedString):
            return any(
                isinstance(part, cst.FormattedStringExpression) and self.carries(part.expression) for part in expr.parts
            )
        if isinstance(expr, (cst.BinaryOperation, cst.BooleanOperation)):
            return self.carries(expr.left) or self.carries(expr.right)
        if isinstance(expr, cst.IfExp):  # `request.authorization.token if request.authorization else None`
            return self.carries(expr.body) or self.carries(expr.orelse)
        if isinstance(expr, (cst.Tuple, cst.List)):
            return any(self.carries(element.value) for element in expr.elements)
        return False


def inbound(context: FileContext, facts: ScopeFacts) -> Inbound:
    return context.memo(("inbound", id(facts.node)), lambda: Inbound(context, facts))
