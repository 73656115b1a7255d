"""Which names hold a secret and which literals under them are one (NHL301): a key position
(`SECRET_KEY`, `client_secret`, `Authorization`), a credential name (`api_key`), a key of a
kind that is secret (`ENCRYPTION_KEY`), a password-like parameter; and, under each, what a
literal must look like to be the secret rather than a placeholder, a reference, a label or a
setting's value. Names and text only: what a node holds is read elsewhere."""

from __future__ import annotations

import re
from typing import Optional, Tuple

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name
from nhilint.analysis.names import is_key_position, is_token_name, snake_case
from nhilint.patterns import compiled_on_first_use
from nhilint.secret_formats import (
    FORMAT_WORDS, is_metasyntactic, is_placeholder, is_reference, is_setting_value, is_template, known_format, names_its_field,
    secret_value, weak_secret, without_scheme,
)

# `ENCRYPTION_KEY`, `workspaceKey`: a key of a kind that is secret, under a name with no
# credential word. Taken with a stricter value gate (`_strong_secret`), never for keys that are
# public (`PUBLIC_APP_KEY`). The prefilter looks for these words as written: snake and camel case.
_SECRET_KEY_KINDS = (
    "encryption", "signing", "private", "master", "license", "access", "app", "client", "workspace",
    "integration", "service", "admin", "partner", "internal", "hmac", "aes", "fernet", "cipher", "crypto",
)
# a literal that says "secrets" / "token" as a word of its own (`widget:secrets#ns`) names
# what it is about; a secret does not spell out its kind (key positions are judged apart)
_NAMES_A_CREDENTIAL = compiled_on_first_use(r"(?<![a-z])(secrets?|tokens?|passwords?|credentials?)(?![a-z])", re.I)
_KEY_NAME = compiled_on_first_use(r"(^|_)(" + "|".join(_SECRET_KEY_KINDS) + r")_key$")
_NOT_A_SECRET_KEY = compiled_on_first_use(r"(^|_)(public|publishable|pub|site)_")
KEY_WORDS = tuple(f"{kind}{sep}key" for kind in _SECRET_KEY_KINDS for sep in ("_", ""))
_UUID = compiled_on_first_use(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
# Auth objects built from a literal: `BearerTokenAuth("…")`, `HTTPBasicAuth("user", "…")`
AUTH_CLASS = compiled_on_first_use(r"(Bearer|Token|Key|Basic|Digest)Auth$")
AUTH_CLASS_WORDS = ("bearerauth", "tokenauth", "keyauth", "basicauth", "digestauth")
# the words one of which a file that holds a secret contains: credential names, the prefixes of
# known token formats, kinds of secret key, auth classes
SECRET_WORDS = (
    "token", "bearer", "jwt", "api_key", "apikey", "secret", "credential", "password", "passwd",
    "authorization", *FORMAT_WORDS, *KEY_WORDS, *AUTH_CLASS_WORDS,
)

# Keys of OpenAPI and schema documentation: an `example` token documents a format.
DOCUMENTATION_KEYS = frozenset({"example", "examples", "default_example"})
# Credential names where a short password-like literal (`"s3cr3t"`) is a secret too.
_PASSWORD_LIKE = compiled_on_first_use(r"(^|_)(secret|secrets|token|password|passwd|api_key|apikey|credentials?)$")
# Names of credentials the code sends to a service (that the service issued): a metasyntactic
# word there is a placeholder, as no provider issues `foo`; a key the code signs or verifies
# with (`SECRET_KEY`, `JWT_SECRET`, a `jwt.encode` key) is the key whatever it says.
_ISSUED_CREDENTIAL = compiled_on_first_use(
    r"(^|_)(aws_access_key_id|access_key_id|aws_secret_access_key|secret_access_key|aws_session_token|"
    r"client_secret|consumer_secret|authorization|proxy_authorization)$"
)


def target_name(target: cst.BaseExpression) -> Optional[str]:
    """`API_KEY`, `self.api_key`, `config["api_key"]`, `os.environ["API_TOKEN"]` -> the name."""
    if isinstance(target, (cst.Name, cst.Attribute)):
        dotted = dotted_name(target)
        return dotted.rsplit(".", 1)[-1] if dotted else None
    if isinstance(target, cst.Subscript) and len(target.slice) == 1:
        index = target.slice[0].slice
        return string_literal(index.value) if isinstance(index, cst.Index) else None
    return None


def article(format_name: str) -> str:
    return f"{'an' if format_name[0] in 'AEIOU' else 'a'} {format_name}"


def _key_name(name: str) -> bool:
    snake = snake_case(name)
    return bool(_KEY_NAME.search(snake)) and not _NOT_A_SECRET_KEY.search(snake)


def _strong_secret(text: str) -> bool:
    return len(text) >= 20 and not _UUID.fullmatch(text) and secret_value(text)


def key_position(name: str) -> bool:
    """A name whose value is the key whatever it looks like: `SECRET_KEY`, `client_secret`,
    an `Authorization` header."""
    return is_key_position(name) or name.lower() in ("authorization", "proxy-authorization")


def secret_under_name(name: str, text: Optional[str]) -> bool:
    """A literal given to a name that is no key position: random-looking under a credential
    name (or short and password-like under a password-like one), strongly random under the
    name of a kind of key that is secret; never a template, a reference, or a label naming
    secrets (`"oauth2client:secrets#ns"`)."""
    if text is None or is_template(text) or is_reference(text):
        return False  # `"M2mTokens": ".getm2mtokensop"`: where the name is defined, no secret
    if _NAMES_A_CREDENTIAL.search(text) and not known_format(text):
        return False  # `"oauth2client:secrets#ns"`: a namespace or label naming secrets, not one
    credential_name = is_token_name(name)
    weak = credential_name and _PASSWORD_LIKE.search(snake_case(name)) and weak_secret(text)
    return bool(secret_value(text) or weak if credential_name else _key_name(name) and _strong_secret(text))


def issued_placeholder(name: str, text: str) -> bool:
    """`aws_secret_access_key='bar'`, `client_secret="PASSWORD"`: a credential a service
    issues, written as a word no service issues, is a placeholder."""
    issued = _ISSUED_CREDENTIAL.search(snake_case(name).replace("-", "_"))
    return bool(issued and (is_metasyntactic(without_scheme(text)) or names_its_field(text, snake_case(name))))


def password_parameter(name: str) -> bool:
    """A parameter whose literal default is a secret unless it is plainly none (`secret=`)."""
    return bool(is_token_name(name) and _PASSWORD_LIKE.search(snake_case(name)) and not is_key_position(name))


def secret_default(text: Optional[str]) -> bool:
    """Any literal but a placeholder, a reference, a setting's value or a value with a line
    break in it (no credential has one)."""
    if text is None or is_template(text) or is_reference(text) or is_setting_value(text):
        return False
    return not (any(c in text for c in "\r\n\t\0") or is_placeholder(without_scheme(text)))


def secret_fallback(name: Optional[str], text: Optional[str]) -> bool:
    """A fallback for an environment variable that holds a secret: under a key's name any
    literal but a placeholder for a credential a service issues (issued_placeholder); under a
    name with a token in it, not a count or a lifetime (`JWT_EXPIRES_IN`: "4w"), nor words
    saying they are for show (`"demo_access_token"`: no service issued it)."""
    if name is None or text is None or is_template(text) or is_reference(text):
        return False
    if is_key_position(name):
        return not issued_placeholder(name, text)  # `"dummy_client_secret"`: no provider issued it
    return is_token_name(name) and not is_setting_value(text) and not _FOR_SHOW.fullmatch(text)


# words only, the first saying the value is for show: `demo_access_token`, `dummy-api-key`
_FOR_SHOW = compiled_on_first_use(r"(demo|dummy|fake|mock|placeholder|sample|example)([-_ ][A-Za-z]+)*", re.I)


def comparison_sides(node: cst.Comparison) -> Optional[Tuple[Optional[str], cst.BaseExpression]]:
    """`token == "…"`, `"…" != self.api_key`: the name compared and the value compared with."""
    if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, (cst.Equal, cst.NotEqual)):
        return None
    left, right = node.left, node.comparisons[0].comparator
    if string_literal(left) is not None:
        left, right = right, left
    return (target_name(left) if isinstance(left, (cst.Name, cst.Attribute)) else None), right
