"""Whether a request an authenticator sends asks the token's issuer whose token it is.

JupyterHub's and GitHub's `/user` API answer with the owner of the token a request carries: an
authenticator (`authenticate(self, request)` in dask-gateway-server) sends the caller's token
there and lets the caller in or turns them away on the answer's status. The token goes back to
the service that issued it, as in an introspection (RFC 7662) or a userinfo request: not
forwarded to a downstream service (NHL304). A function named for something else, or one that
does not act on the answer's status, forwards the token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from nhilint.analysis.imports import dotted_name
from nhilint.analysis.jwt_calls import skip_await
from nhilint.analysis.syntax import bound_name
from nhilint.patterns import compiled_on_first_use
from nhilint.walk import nodes_of

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

# a function whose job is to find out who is calling
_AUTHENTICATING = compiled_on_first_use(
    r"^_*(authenticate|authenticate_\w+|verify_token|validate_token|check_token|introspect\w*|whoami|identify\w*|"
    r"get_current_user|current_user|get_user_from_token|user_from_token)$")
# what tells an answer's success
_STATUS_FIELDS = ("status", "status_code", "ok")


def asks_issuer(flow: "FunctionFlow", call: cst.Call) -> bool:
    function = flow.scope
    if not isinstance(function, cst.FunctionDef) or not _AUTHENTICATING.match(function.name.value):
        return False
    node, parent = skip_await(call, flow.facts)
    answer = bound_name(parent, node)
    if answer is None:
        return False
    for test in nodes_of(function, cst.If):
        for read in nodes_of(test.test, cst.Attribute):
            if dotted_name(read.value) == answer and read.attr.value in _STATUS_FIELDS:
                return True  # `if resp.status < 400:`: the answer decides who is let in
    return False
