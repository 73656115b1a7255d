"""Whether a value is read from the server's session: what the app itself stored there.

Django keeps the session on the server (`request.session`), Flask and Quart sign their session
cookie with the app's secret key (`flask.session`, `quart.session`): no caller can put a value
there, only the app, after its own login verified the token it keeps.
"""

from __future__ import annotations

import libcst as cst

from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.scope import ScopeFacts
from nhilint.context import FileContext

_SIGNED_SESSIONS = frozenset({"flask.session", "quart.session"})


def read_from_session(context: FileContext, facts: ScopeFacts, expr: cst.BaseExpression) -> bool:
    """`request.session.get("oidc_id_token")`, `session["id_token"]`, also through a local
    bound to one of them once."""
    if isinstance(expr, cst.Name) and facts.is_local(expr.value):
        bound = context.bound_expression(expr, facts)
        if bound is None:
            return False
        expr = bound
    if isinstance(expr, cst.Call) and leaf_name(expr) == "get" and isinstance(expr.func, cst.Attribute):
        store = expr.func.value
    elif isinstance(expr, cst.Subscript):
        store = expr.value
    else:
        return False
    written = dotted_name(store) or ""
    return written.endswith("request.session") or context.qualified_name(store, facts) in _SIGNED_SESSIONS
