"""WebSocket connections that carry a credential to a server whose certificate is not checked,
or over plain `ws://`.

websocket-client: `create_connection(url, header=[...], sslopt={"cert_reqs": ssl.CERT_NONE})`,
or `WebSocketApp(url, header=...)` then `app.run_forever(sslopt={"cert_reqs": ssl.CERT_NONE})`;
websockets: `connect(uri, additional_headers=... / extra_headers=..., ssl=context)` with a
context made by `ssl._create_unverified_context()` or given `verify_mode = ssl.CERT_NONE` in
the function. A header is a dict (`{"Authorization": ...}`) or, for websocket-client, a list of
`"Name: value"` lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

import libcst as cst

from nhilint.analysis.http import insecure_http_host, keyword_arg, string_prefix
from nhilint.analysis.names import is_credential_header
from nhilint.analysis.tls import cert_none, unverified_context
from nhilint.flow.labels import token_labels

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

# connection calls, by qualified name -> the keywords that carry headers
_CONNECTS = {
    "websocket.create_connection": ("header",),
    "websocket.WebSocketApp": ("header",),
    "websockets.connect": ("additional_headers", "extra_headers"),
    "websockets.client.connect": ("additional_headers", "extra_headers"),
    "websockets.asyncio.client.connect": ("additional_headers", "extra_headers"),
    "websockets.sync.client.connect": ("additional_headers", "extra_headers"),
}


def insecure_websocket(flow: "FunctionFlow", call: cst.Call) -> Optional[str]:
    """Why a connection this call makes sends a credential insecurely, or None."""
    context = flow.context
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value == "run_forever" and isinstance(func.value, cst.Name):
        made = context.bound_expression(func.value, flow.facts)  # `app = WebSocketApp(url, header=...)`
        if not (isinstance(made, cst.Call) and context.qualified_name(made.func, flow.facts) == "websocket.WebSocketApp"):
            return None
        opened, options = made, call
    else:
        if context.qualified_name(func, flow.facts) not in _CONNECTS:
            return None
        opened, options = call, call
    keywords = _CONNECTS.get(context.qualified_name(opened.func, flow.facts) or "", ())
    if not any(_carries_credential(flow, keyword_arg(opened, keyword)) for keyword in keywords):
        return None
    if _cert_none(keyword_arg(options, "sslopt")) or unverified_context(flow, keyword_arg(options, "ssl")) is not None:
        return "the server's certificate is not checked"
    url = keyword_arg(opened, "url") or (opened.args[0].value if opened.args and opened.args[0].keyword is None else None)
    prefix, whole = string_prefix(context, url, flow.facts)
    if prefix and prefix.lower().startswith("ws://"):
        host = insecure_http_host("http://" + prefix[len("ws://"):], whole)
        if host is not None:
            return f"it goes over plain ws:// to {host}"
    return None


def _carries_credential(flow: "FunctionFlow", headers: Optional[cst.BaseExpression]) -> bool:
    if isinstance(headers, cst.Name):
        headers = flow.context.bound_expression(headers, flow.facts)
    if isinstance(headers, cst.Dict):
        for element in headers.elements:
            if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) \
                    and isinstance(element.key.evaluated_value, str) and is_credential_header(element.key.evaluated_value) \
                    and not isinstance(element.value, cst.SimpleString):
                return True
    if isinstance(headers, (cst.List, cst.Tuple)):
        return any(_credential_line(flow, element.value) for element in headers.elements)
    return False


def _credential_line(flow: "FunctionFlow", line: cst.BaseExpression) -> bool:
    """`f"Authorization: Bearer {token}"`, `"X-Api-Key: " + key`: a header line with a value."""
    text: List[str] = []
    if isinstance(line, cst.FormattedString):
        first = line.parts[0] if line.parts else None
        text = [first.value] if isinstance(first, cst.FormattedStringText) else []
        has_value = any(isinstance(part, cst.FormattedStringExpression) for part in line.parts)
    elif isinstance(line, cst.BinaryOperation) and isinstance(line.left, cst.SimpleString):
        text = [str(line.left.evaluated_value)]
        has_value = True
    else:
        return False
    name = text[0].split(":", 1)[0].strip() if text and ":" in text[0] else ""
    return bool(name) and is_credential_header(name) and has_value and (
        bool(token_labels(flow.labels(line))) or not isinstance(line, cst.SimpleString))


def _cert_none(sslopt: Optional[cst.BaseExpression]) -> bool:
    """`sslopt={"cert_reqs": ssl.CERT_NONE}`."""
    if not isinstance(sslopt, cst.Dict):
        return False
    return any(
        isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString) and e.key.evaluated_value == "cert_reqs"
        and cert_none(e.value)
        for e in sslopt.elements
    )
