"""Whether a value is read from the server's session: what the app itself stored there.

Django keeps the session on the server (`request.session`), Flask and Quart sign their session
cookie with the app's secret key (`flask.session`, `quart.session`): no caller can put a value
there, only the app, after its own login verified the token it keeps.
"""

from __future__ import annotations

from typing import Optional

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
    store = _entry_of(expr)
    if store is None:
        return False
    # an entry of an entry (`request.session["oidc"]["id_token"]`): the session's own mapping
    while _entry_of(store) is not None:
        store = _entry_of(store)
    written = dotted_name(store) or ""
    return written.endswith("request.session") or context.qualified_name(store, facts) in _SIGNED_SESSIONS


def _entry_of(expr: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """The mapping an entry is read from: `m` of `m["k"]` or `m.get("k")`."""
    if isinstance(expr, cst.Call) and leaf_name(expr) == "get" and isinstance(expr.func, cst.Attribute):
        return expr.func.value
    if isinstance(expr, cst.Subscript):
        return expr.value
    return None
