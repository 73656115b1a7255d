"""Whether a client's kept token is one its caller asked for and was handed, with its lifetime.

A client library's public fetch (`generate_access_token(authorization_response)`,
`refresh_access_token(refresh_token)`) that keeps the token on the object for the requests it
sends next and also returns the token endpoint's answer (`expires_in` in it) hands the token's
lifetime to its caller: the caller asked for this token, holds its expiry and calls the refresh
the client offers. The slot is the current token as the caller last set it, not a cache that
decides on its own when to fetch. A fetch the client makes by itself (in `__init__`, a private
helper) or one that returns nothing of the answer keeps the lifetime to itself, and stays
judged as a cache; so does a slot a getter or property hands out again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nhilint.flow.labels import FETCHED
from nhilint.flow.predicates import asks_a_question
from nhilint.flow.stores import RETURNED

if TYPE_CHECKING:
    from nhilint.flow.stores import Stores, StoreWrite


def handed_to_caller(stores: "Stores", write: "StoreWrite") -> bool:
    """The write is in a public method of a class, and every `return` of it hands back the
    fetched token or the answer holding it (as it is or wrapped: `AccessToken.from_dict(token)`).
    The rule asks it of a method that does not also serve the slot: a getter that returns the
    slot and refills it is the cache itself, and a slot any function returns (a getter, a
    property) hands the kept token to code that was not given its lifetime."""
    function = write.function
    if function is None or function.name.value.startswith("_") or write.elsewhere is not None:
        return False
    if any(read.served >= RETURNED and (read.function is None or not asks_a_question(stores.module, read.function))
           for read in stores.reads_of(write.store)):
        return False  # handed out again (`_has_token() -> bool` only answers a question)
    flow = stores.module.flow(function)
    if flow.owner is None:
        return False
    returns = flow.facts.returns
    return bool(returns) and all(
        any(label.kind == FETCHED for label in flow.labels(value)) for value in returns
    )
