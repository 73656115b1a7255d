"""Raw TLS sockets that carry a credential to a server whose certificate is not checked.

A streaming client (Betfair's exchange stream) opens its own TLS socket and sends its session
token in its first message: `ctx.wrap_socket(raw, server_hostname=host)` with a context that
checks no certificate (`verify_mode = ssl.CERT_NONE`, `ssl._create_unverified_context()`), or
the old `ssl.wrap_socket(raw, cert_reqs=ssl.CERT_NONE)`, then `sock.sendall(payload)`. The socket
is followed through a local name, or through the one attribute of the object that keeps it,
written once by a method of the class or with what such a method returns (`self._sock =
self._open()`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Tuple

import libcst as cst

from nhilint.analysis.http import keyword_arg
from nhilint.analysis.imports import leaf_name
from nhilint.analysis.tls import cert_none, unverified_context
from nhilint.flow.labels import PARAM, Labels, token_labels

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

# the methods that write to a socket (the rule asks these of every call, before anything else)
SOCKET_SENDS = frozenset({"send", "sendall", "write"})


def insecure_socket_send(flow: "FunctionFlow", call: cst.Call) -> Optional[str]:
    """Why `sock.sendall(payload)` sends a credential over a TLS socket that checks no
    certificate, or None."""
    if leaf_name(call) not in SOCKET_SENDS or not isinstance(call.func, cst.Attribute) or not call.args:
        return None
    payload = call.args[0].value
    labels = flow.labels(payload)
    if not token_labels(labels) and not _handed_a_token(flow, labels):
        return None
    made = _socket_made(flow, call.func.value)
    if made is None:
        return None
    where, wrapped = made
    func = wrapped.func
    if leaf_name(wrapped) != "wrap_socket":
        return None
    if where.context.qualified_name(func, where.facts) == "ssl.wrap_socket":
        return "ssl.wrap_socket(cert_reqs=ssl.CERT_NONE)" if cert_none(keyword_arg(wrapped, "cert_reqs")) else None
    return unverified_context(where, func.value) if isinstance(func, cst.Attribute) else None


def _socket_made(flow: "FunctionFlow", sock: cst.BaseExpression) -> Optional[Tuple["FunctionFlow", cst.Call]]:
    """The call that made the socket, and the flow it is in: the one value of a local, or of the
    attribute the class writes once, followed into a method of the class that returns it."""
    made: Optional[cst.BaseExpression] = None
    where = flow
    if isinstance(sock, cst.Name) and flow.facts.is_local(sock.value) and sock.value not in flow.facts.params:
        made = flow.context.bound_expression(sock, flow.facts)
    elif isinstance(sock, cst.Attribute) and flow.is_self(sock.value) and flow.owner is not None:
        writes = [(method, value) for method, value in flow.module.attribute_writes(flow.owner, sock.attr.value)
                  if not (isinstance(value, cst.Name) and value.value == "None")]
        if len(writes) == 1 and writes[0][0] is not None:
            where, made = flow.module.flow(writes[0][0]), writes[0][1]
    if isinstance(made, cst.Call) and leaf_name(made) != "wrap_socket":
        target = where.module.resolve(where, made)  # `self._sock = self._open()`
        if target is None:
            return None
        where = where.module.flow(target[0])
        returns = where.facts.returns
        made = returns[0] if len(returns) == 1 else None
        if isinstance(made, cst.Name):
            made = where.context.bound_expression(made, where.facts)
    return (where, made) if isinstance(made, cst.Call) else None


def _handed_a_token(flow: "FunctionFlow", labels: Labels) -> bool:
    """The payload is made of a parameter some call of the function in the module hands a token
    (`self._send({"op": "authentication", "session": self.session_token})`)."""
    from nhilint.flow.module import bind_target

    params = {label.detail for label in labels if label.kind == PARAM}
    function = flow.scope
    if not params or not isinstance(function, cst.FunctionDef):
        return False
    for caller, call in flow.module.callers(function):
        bound = bind_target((function, flow.owner), call.args)
        if any(name in bound and token_labels(caller.labels(bound[name])) for name in params):
            return True
    return False
