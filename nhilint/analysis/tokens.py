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
from nhilint.catalogue.http import CREDENTIAL_HEADERS
from nhilint.catalogue.tokens import TOKEN_FIELDS
from nhilint.context import FileContext

# credential words, matched on the snake_case form of a name (`accessToken` -> `access_token`)
_TOKEN_WORD = re.compile(r"(^|_)(tokens?|bearer|jwt|api_?key|apikey|secrets?|credentials?|password|passwd)($|_)")
# names that mention a token but hold no credential: pagination and sync cursors
# (`next_token`, botocore's `starting_token`), counts, and hashed forms (`hashed_password`)
_NOT_A_TOKEN = re.compile(
    r"(^|_)(next|page|continuation|csrf|sync|max|num|start|starting|resume|pagination|paging)_tokens?($|_)"
    # a language model's token counts: `total_tokens`, `prompt_tokens`, `tokens_used`
    r"|(^|_)(total|prompt|completion|input|output|reasoning|cached|remaining|used|n)_tokens($|_)"
    r"|(^|_)tokens_(used|count|remaining|per_\w+|in|out)($|_)"
    r"|(^|_)(hashed|hash|salted)_"
    r"|_(type|url|uri|endpoint|expiry|expires?_at|expiration|ttl|prefix|name|header|length|len|count|"
    r"limit|size|number|path|file|kind|format|usage|id|ids|scheme|attempts?|retries|retry|status|error|"
    r"errors|manager|provider|factory|store|cache|class|cls|callback|handler|hook|loader|required|enabled|"
    r"refreshed|valid|is_set|exists|hash|hashed|digest|salt|pattern|regex|re|template|field|param|label|hint|policy|"
    r"prompt|message|msg|description|help|placeholder|example|mask|masked|redacted|fingerprint|"
    r"delta|seconds|secs|minutes|hours|days|lifetime|timeout|max_age|grace_period)$"
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def snake_case(name: str) -> str:
    """`access_token` of `accessToken`, `ACCESS_TOKEN` and `access_token`."""
    return _CAMEL.sub("_", name).lower()


# Reads of an env var by name: the standard library, django-environ 0.14 (`env = environ.Env()`,
# then `env("X")` / `env.str("X")`), python-decouple 3.8 (`config("X")`).
_ENV_CALLS = frozenset({
    "os.getenv", "os.environ.get", "os.environ.__getitem__",
    "environ.Env", "environ.Env.str", "decouple.config",
})


def is_token_name(name: str) -> bool:
    """`access_token`, `accessToken`, `AUTH_TOKEN`, `api_key` yes; `next_token`, `TOKEN_URL` no."""
    snake = snake_case(name)
    return bool(_TOKEN_WORD.search(snake)) and not _NOT_A_TOKEN.search(snake)


def is_credential_header(name: str) -> bool:
    """`Authorization`, `X-API-Key`, `DD-API-KEY`, `X-Auth-Token`: a header that carries a
    credential (not `X-CSRF-Token`, `Token-Type`)."""
    lowered = name.lower()
    return lowered in CREDENTIAL_HEADERS or is_token_name(lowered.replace("-", "_"))


def env_var_name(context: FileContext, expr: cst.BaseExpression, facts: Optional[ScopeFacts]) -> Optional[str]:
    """`API_TOKEN` of `os.environ["API_TOKEN"]`, `os.getenv("API_TOKEN")`, `os.environ.get(...)`."""
    if isinstance(expr, cst.Subscript) and context.qualified_name(expr.value, facts) == "os.environ":
        index = expr.slice[0].slice if len(expr.slice) == 1 else None
        value = context.evaluator.value(index.value, facts) if isinstance(index, cst.Index) else None
        return value if isinstance(value, str) else None
    if isinstance(expr, cst.Call) and context.qualified_name(expr.func, facts) in _ENV_CALLS and expr.args:
        value = context.evaluator.value(expr.args[0].value, facts)
        return value if isinstance(value, str) else None
    return None


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
