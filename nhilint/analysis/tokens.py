"""Is this expression a token value? Names, env lookups, token fields and token sources.

Broader than "was this token fetched" (analysis.caching): `os.environ["API_TOKEN"]` is a token
value, though caching it forever is harmless. Used by the sharing, logging and transport rules.
"""

from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from nhilint.analysis.caching import is_token_expression
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.names import env_var_name, is_credential_header, is_token_name, snake_case  # noqa: F401
from nhilint.catalogue.tokens import TOKEN_FIELDS
from nhilint.context import FileContext

def is_token_value(context: FileContext, expr: cst.BaseExpression, facts: ScopeFacts) -> bool:
    """Whether `expr` holds a credential: a token-like name or attribute, an env var with a
    token-like name, a token field of a response, or a fetched token."""
    if isinstance(expr, (cst.Name, cst.Attribute)):
        dotted = dotted_name(expr)
        if dotted is not None:
            return is_token_name(dotted.rsplit(".", 1)[-1])
    env = env_var_name(context, expr, facts)
    if env is not None:
        return is_token_name(env)
    if isinstance(expr, cst.Subscript):
        index = expr.slice[0].slice if len(expr.slice) == 1 else None
        key = context.evaluator.value(index.value, facts) if isinstance(index, cst.Index) else None
        if key in TOKEN_FIELDS or (isinstance(key, str) and is_token_name(key)):
            return True
    return is_token_expression(context, expr, facts)


# Calls whose result shows no secret: a masked, hashed or measured form.
_MASKING = re.compile(r"mask|redact|hash|sha\d*|md5|blake|digest|len|bool|type|truncat|obfuscat|fingerprint|censor|hide", re.I)
_PASSING = frozenset({"str", "repr", "format", "dumps", "join", "strip", "decode", "encode"})


def _reads_credential_header(expr: cst.BaseExpression) -> bool:
    """`headers["Authorization"]`, `request.META.get("HTTP_AUTHORIZATION")`: a credential
    header's value read by name."""
    key: Optional[cst.BaseExpression] = None
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        key = expr.slice[0].slice.value
    elif isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get" and expr.args:
        key = expr.args[0].value
    name = key.evaluated_value if isinstance(key, cst.SimpleString) else None
    if not isinstance(name, str):
        return False
    if name.upper().startswith("HTTP_"):  # Django's META spelling of a header
        name = name[len("HTTP_"):].replace("_", "-")
    return is_credential_header(name)


def carries_token(
    context: FileContext, expr: cst.BaseExpression, facts: ScopeFacts, depth: int = 0
) -> Optional[cst.BaseExpression]:
    """The token value inside `expr` as written (f-string parts, `+`, `%`, `.format(...)`,
    `str(...)`, a dict's credential entries), also through a local name bound to such a value
    (`access = refresh.access_token`, `headers = {"Authorization": f"Bearer {token}"}`), or
    None. Masked forms (`token[:4]`, `mask(token)`, `sha256(...)`) carry none."""
    if depth > 4:
        return None
    inner = depth + 1
    if isinstance(expr, cst.FormattedString):
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringExpression):
                found = carries_token(context, part.expression, facts, inner)
                if found is not None:
                    return found
        return None
    if isinstance(expr, cst.BinaryOperation):
        if not isinstance(expr.operator, (cst.Add, cst.Modulo)):
            return None  # `now - refresh_token_ttl`: arithmetic makes a number, not a token
        return carries_token(context, expr.left, facts, inner) or carries_token(context, expr.right, facts, inner)
    if isinstance(expr, (cst.Tuple, cst.List)):
        for element in expr.elements:
            found = carries_token(context, element.value, facts, inner)
            if found is not None:
                return found
        return None
    if isinstance(expr, cst.Dict):
        for element in expr.elements:
            key = element.key if isinstance(element, cst.DictElement) else None
            text = key.evaluated_value if isinstance(key, cst.SimpleString) else None
            if isinstance(text, str) and is_credential_header(text):
                found = carries_token(context, element.value, facts, inner)
                if found is not None:
                    return found
        return None
    if _reads_credential_header(expr):
        return expr
    if isinstance(expr, cst.Call):
        leaf = leaf_name(expr)
        if _MASKING.search(leaf):
            return None
        if leaf in _PASSING:
            for arg in expr.args:
                found = carries_token(context, arg.value, facts, inner)
                if found is not None:
                    return found
            return None
        return expr if is_token_expression(context, expr, facts) else None
    if isinstance(expr, cst.Subscript) and any(isinstance(e.slice, cst.Slice) for e in expr.slice):
        return None  # token[:6]
    if isinstance(expr, (cst.Name, cst.Attribute, cst.Subscript)) and is_token_value(context, expr, facts):
        return expr
    if isinstance(expr, cst.Name) and facts.is_local(expr.value):
        bound = context.bound_expression(expr, facts)
        if bound is not None and carries_token(context, bound, facts, inner) is not None:
            return expr
    return None
