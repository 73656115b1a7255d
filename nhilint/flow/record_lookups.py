"""A token verified by finding its record: the lookup of the row an opaque token belongs to.

An API key or a Django REST framework `Token` carries no signature: the service verifies it by
finding the record it issued (`Token.objects.get(key=t)`, `APIKey.objects.filter(key=t)`,
`db.clients.find_one({"api_token": t, "revoked": {"$ne": True}})`). The answer is a verdict as
much as a decoded JWT's claims: kept in a cache, it outlives the token's revocation.

Only lookups whose filter names the token (a field named for a token, or `key` / its hash on a
model named for tokens or keys) and whose value comes from a parameter count: a lookup by a
user id or an email verifies nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.imports import leaf_name
from nhilint.analysis.names import snake_case
from nhilint.catalogue.tokens import DOCUMENT_LOOKUP_METHODS, RECORD_LOOKUP_METHODS

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

# a field holding the token (or its hash): `api_token`, `token`, `token_hash`, `hashed_key`
_TOKEN_FIELD = compiled_on_first_use(r"(^|_)(tokens?|api_?keys?|apikeys?|bearer|jwt)($|_)")
# ...but not a field about it: its id, type, owner, name
_ABOUT_THE_TOKEN = compiled_on_first_use(r"_(id|ids|pk|type|kind|name|owner|user|user_id|status|count|created|expires?|expiry|family|families)$")
# on a model named for tokens or keys, its `key` (DRF's Token) or the key's hash
_KEY_FIELD = compiled_on_first_use(r"^(key|hashed_key|key_hash|digest|token_digest|hash)$")
_TOKEN_MODEL = compiled_on_first_use(r"token|key", re.I)


def record_lookup_token(flow: "FunctionFlow", call: cst.Call) -> Optional[cst.BaseExpression]:
    """The token (or the expression of it) a lookup of its record is made with, else None."""
    leaf = leaf_name(call)
    if leaf in DOCUMENT_LOOKUP_METHODS:
        first = call.args[0].value if call.args and call.args[0].keyword is None else None
        if isinstance(first, cst.Dict):
            for element in first.elements:
                if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
                    name = element.key.evaluated_value
                    if isinstance(name, str) and _token_field(name) and _from_parameter(flow, element.value):
                        return element.value
        return None
    if leaf not in RECORD_LOOKUP_METHODS or not isinstance(call.func, cst.Attribute):
        return None
    model = _model_name(call.func.value)
    if model is None:
        return None
    for arg in call.args:
        if arg.keyword is None:
            continue
        name = arg.keyword.value.split("__", 1)[0]  # `key__exact`
        if (_token_field(name) or (_KEY_FIELD.match(name) and _TOKEN_MODEL.search(model))) and _from_parameter(flow, arg.value):
            return arg.value
    return None


def _token_field(name: str) -> bool:
    snake = snake_case(name)
    return bool(_TOKEN_FIELD.search(snake)) and not _ABOUT_THE_TOKEN.search(snake)


def _model_name(receiver: cst.BaseExpression) -> Optional[str]:
    """`Token` of `Token.objects`, `Token.objects.select_related("user")`, `db.query(APIKey)`,
    `APIKey.query`: the model a lookup runs on (a CapWords name), None when it is not one."""
    current: cst.BaseExpression = receiver
    while True:
        if isinstance(current, cst.Call):
            if leaf_name(current) == "query" and current.args:  # SQLAlchemy `session.query(Model)`
                return _model_name(current.args[0].value)
            current = current.func
        elif isinstance(current, cst.Attribute):
            if current.attr.value[:1].isupper():
                return current.attr.value
            current = current.value
        elif isinstance(current, cst.Name):
            name = current.value
            return name if name[:1].isupper() and not name.isupper() else None
        else:
            return None


def _from_parameter(flow: "FunctionFlow", value: cst.BaseExpression) -> bool:
    return any(dep.startswith("param:") for dep in flow.deps(value))
