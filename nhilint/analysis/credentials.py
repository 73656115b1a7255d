"""Which credential does an expression hold? An identity to compare uses by, never the value.

Two uses hold the same credential when they read the same env var, the same module name or
settings attribute, the same instance attribute of one class, the same local of one function,
or equal literals. The sharing rules (NHL302, NHL303) compare these identities.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from nhilint.analysis.imports import dotted_name
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.names import env_var_name
from nhilint.context import FileContext
from nhilint.files import content_digest
from nhilint.secret_formats import is_placeholder, is_reference, without_scheme


class Credential:
    """A credential's identity and how messages name it. A plain class: never compared, hashed
    or copied, and a dataclass costs about 3 M instructions to create at every start
    (benchmarks/README.md, speed20)."""

    __slots__ = ("key", "shown")

    def __init__(self, key: str, shown: str) -> None:
        self.key = key  # the identity: "env:API_TOKEN", "name:API_TOKEN", "attr:settings.API_TOKEN", ...
        self.shown = shown  # how messages name it: `API_TOKEN`, env var `API_TOKEN`, "one literal"


def string_literal(expr: cst.BaseExpression) -> Optional[str]:
    """The value of a plain string or bytes literal (implicit concatenation included)."""
    kind = type(expr)  # exact type tests: asked of most expressions, an isinstance of a libcst class is slow
    if kind is not cst.SimpleString and kind is not cst.ConcatenatedString:
        return None
    if kind is cst.SimpleString and "\\" not in expr.value and "\r" not in expr.value:  # type: ignore[attr-defined]
        raw = expr.raw_value  # without escapes, the text between the quotes is the value
        if "b" not in expr.prefix.lower() or raw.isascii():  # (no literal_eval: a compile a string)
            return raw
    try:
        value = expr.evaluated_value
    except Exception:  # an escape libcst cannot evaluate: not a value we can compare
        return None
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else None


def credential_of(
    context: FileContext, expr: cst.BaseExpression, facts: ScopeFacts, depth: int = 0
) -> Optional[Credential]:
    """The credential `expr` holds, followed through local assignments, f-strings and `+`."""
    if depth > 4:
        return None
    if isinstance(expr, cst.FormattedString):
        for part in expr.parts:
            if isinstance(part, cst.FormattedStringExpression):
                found = credential_of(context, part.expression, facts, depth + 1)
                if found is not None:
                    return found
        return None
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return credential_of(context, expr.right, facts, depth + 1) or credential_of(
            context, expr.left, facts, depth + 1
        )
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        return credential_of(context, expr.left, facts, depth + 1)  # `os.environ.get("X") or default`
    converted = _converted(expr)
    if converted is not None:  # `str(JWT_SECRET)`, `secret.encode()`: the same credential
        return credential_of(context, converted, facts, depth + 1)
    text = string_literal(expr)
    if text is not None:
        value = without_scheme(text)
        if len(value) < 8 or is_placeholder(value) or is_reference(value):
            return None  # `access_token_key = "oauth_token"`: the field a token is read from
        # compared, never shown: a digest, so no secret is kept (BLAKE2, as a file's content:
        # SHA-256 would import hashlib and load OpenSSL, ~11 M instructions at every start)
        return Credential(f"literal:{content_digest(value.encode('utf-8', 'surrogatepass'))}", "an equal literal")
    env = env_var_name(context, expr, facts)
    if env is not None:
        return Credential(f"env:{env}", f"env var `{env}`")
    if isinstance(expr, cst.Name):
        if expr.value in ("None", "True", "False"):
            return None
        return _name_credential(context, expr, facts, depth)
    if isinstance(expr, cst.Attribute):
        dotted = dotted_name(expr)
        if dotted is None:
            return None
        if dotted.startswith("self.") or dotted.startswith("cls."):
            owner = context.enclosing_class()
            if owner is None:
                return None
            return Credential(f"attr:{owner.name.value}.{dotted}", f"`{dotted}`")
        return Credential(f"attr:{dotted}", f"`{dotted}`")
    return None


# Calls that give the same secret in another type: `str(Secret)` (starlette's Secret),
# `key.encode()`, `bytes(key, "utf-8")`, pydantic's `SecretStr.get_secret_value()`.
_CONVERTING_METHODS = frozenset({"encode", "decode", "get_secret_value", "strip"})


def _converted(expr: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    if not isinstance(expr, cst.Call):
        return None
    func = expr.func
    if isinstance(func, cst.Name) and func.value in ("str", "bytes") and expr.args and not expr.args[0].star:
        return expr.args[0].value
    if isinstance(func, cst.Attribute) and func.attr.value in _CONVERTING_METHODS:
        return func.value
    return None


# names of a mapping of many settings: handed whole to a helper that sends one entry to each
# service (open-webui's `search_web(..., config)` giving `config["...serper_api_key"]` to one
# search API and `config["...brave_search_api_key"]` to another), it is no one credential
_SETTINGS_NAMES = frozenset({"config", "configuration", "conf", "cfg", "settings", "options", "opts"})


def _name_credential(context: FileContext, name: cst.Name, facts: ScopeFacts, depth: int) -> Optional[Credential]:
    if name.value.lower() in _SETTINGS_NAMES:
        return None
    bound = context.bound_expression(name, facts)
    if bound is not None:
        found = credential_of(context, bound, facts, depth + 1)
        if found is not None:
            return found
    if facts.is_local(name.value) and not isinstance(facts.node, cst.Module):
        return Credential(f"local:{id(facts.node)}:{name.value}", f"`{name.value}`")
    return Credential(f"name:{name.value}", f"`{name.value}`")
