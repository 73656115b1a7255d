"""Is this expression a fetched access token? (the transport rules' question until they ask
the flow layer, nhilint.flow)."""

from __future__ import annotations

import re

import libcst as cst

from nhilint.analysis.imports import leaf_name
from nhilint.analysis.jwt_calls import result_uses
from nhilint.analysis.scope import ScopeFacts
from nhilint.catalogue.tokens import NOT_TOKEN_SOURCES, TOKEN_FIELDS, TOKEN_GETTER_PATTERN, TOKEN_SOURCE_METHODS
from nhilint.context import FileContext

_TOKEN_GETTER = re.compile(TOKEN_GETTER_PATTERN, re.I)


def is_token_source_call(context: FileContext, call: cst.Call, facts: ScopeFacts) -> bool:
    """A call that obtains an access token: msal, azure-identity, OAuth clients, a token endpoint."""
    leaf = leaf_name(call)
    if "csrf" in leaf.lower():
        return False
    if context.catalogue.token_sources and context.qualified_name(call.func, facts) in context.catalogue.token_sources:
        return True
    if leaf in TOKEN_SOURCE_METHODS:
        return context.qualified_name(call.func, facts) not in NOT_TOKEN_SOURCES
    if leaf == "json":  # requests.post(token_url).json()["access_token"]
        return bool(result_uses(context, call, facts).keys_read & TOKEN_FIELDS)
    return False


def is_token_expression(context: FileContext, expr: cst.BaseExpression, facts: ScopeFacts) -> bool:
    """An expression whose value is an access token fetched somewhere."""
    if isinstance(expr, cst.Await):
        return is_token_expression(context, expr.expression, facts)
    if isinstance(expr, cst.Call):
        if is_token_source_call(context, expr, facts):
            return True
        leaf = leaf_name(expr)
        if not _TOKEN_GETTER.search(leaf) or "csrf" in leaf.lower():
            return False
        return context.qualified_name(expr.func, facts) not in NOT_TOKEN_SOURCES
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        key = context.evaluator.value(index.value, facts) if isinstance(index, cst.Index) else None
        return key in TOKEN_FIELDS
    if isinstance(expr, cst.Attribute) and expr.attr.value in ("token", "access_token"):
        if isinstance(expr.value, cst.Call):  # credential.get_token(scope).token
            return is_token_source_call(context, expr.value, facts)
        # credentials.token after credentials.refresh(...)
        return any(leaf_name(c) == "refresh" for c in facts.calls)
    return False
