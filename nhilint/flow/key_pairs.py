"""A key named beside its secret: the public half of a key pair, the account's identifier.

`api_key` with `api_secret` (Vonage's, Cloudinary's), `consumer_key` with `consumer_secret`
(OAuth 1, sent in clear in every request's header), `access_key` with `secret_key` (AWS's key
id), `key` with `secret`: the code holds both, and the secret is what proves the account (the
key goes in paths and headers as the account's name; nexmo puts it in the REST path it logs).
Only where a value's name decides what it is (nhilint.flow.field_reads.by_name): a key read
from a credential setting or the environment is judged by where it comes from. The siblings
are the function's parameters and the attributes of the class the method belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, List

from nhilint.analysis.names import snake_case

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

# words that make a key secret itself: `secret_key`, `private_key`, `signing_key`
_SECRET_KEY_WORDS = ("secret", "private", "signing", "encryption", "master", "hmac", "password")


def _secret_names(key: str) -> List[str]:
    """The names its secret would go by: `api_secret`, `api_secret_key`, `secret`, `secret_key`."""
    prefix = key[: -len("key")]  # `api_`, `consumer_`, `api`, ``
    stem = prefix.rstrip("_")
    names = ["secret", "secret_key"]
    if stem:
        names += [f"{stem}_secret", f"{stem}secret", f"{stem}_secret_key"]
    return names


def key_beside_secret(flow: "FunctionFlow", name: str) -> bool:
    """Whether `name` is a key (`api_key`, `apiKey`, `consumer_key`) whose secret sits beside
    it: a parameter of the function, or an attribute of its class."""
    key = snake_case(name).strip("_")
    if not key.endswith("key") or any(word in key for word in _SECRET_KEY_WORDS):
        return False
    siblings = _secret_names(key)
    params: Iterable[str] = flow.facts.params  # the function's parameters, by name
    if any(sibling in params for sibling in siblings):
        return True
    owner = flow.owner
    return owner is not None and any(flow.module.attribute_writes(owner, attr) for attr in _spellings(siblings))


def _spellings(names: List[str]) -> List[str]:
    """Each snake_case name also as camelCase (`apiSecret`) and with a leading `_`."""
    out: List[str] = []
    for name in names:
        head, *rest = name.split("_")
        camel = head + "".join(part.title() for part in rest)
        out += [name, f"_{name}", camel, f"_{camel}"]
    return out
