"""The application's key in a link to an authorization page (NHL403, NHL404): a URL to an
`/authorize` endpoint with a `response_type=` (an OAuth-style authorization request the
person's browser opens, `https://trello.com/1/authorize?...&response_type=token&key={api_key}`)
names the application by its key, as `client_id` does: Trello documents that key as public,
and the user's token comes back in the fragment of the return URL, not in this link. Other
values in the link (a secret, a token) are judged as anywhere else."""

from __future__ import annotations

import re
from typing import List, Union

import libcst as cst

from nhilint.analysis.http import string_parts
from nhilint.patterns import compiled_on_first_use

# the path of an authorization endpoint, as written before its query
_AUTHORIZATION_PATH = compiled_on_first_use(r"/(oauth2?/)?authori[sz]e\?", re.I)
# the query keys an authorization request names the application by: written right before a
# part (`&key=`), and alone
_APP_KEY_WORDS = r"(key|api_?key|app_?key|consumer_?key|client_?id)"
_APP_KEYS = compiled_on_first_use(r"[?&]" + _APP_KEY_WORDS + r"=$", re.I)
_APP_KEY_NAMES = compiled_on_first_use(r"^" + _APP_KEY_WORDS + r"$", re.I)


def app_key_parts(expr: Union[cst.FormattedString, cst.ConcatenatedString]) -> List[cst.BaseExpression]:
    """The expressions the string puts under an application key of an authorization request
    (`key={api_key}` in `https://trello.com/1/authorize?...&response_type=token&key={api_key}`)."""
    parts = string_parts(expr)
    text = "".join(part if isinstance(part, str) else "{}" for part in parts)
    if "response_type=" not in text.lower() or not _AUTHORIZATION_PATH.search(text):
        return []
    found: List[cst.BaseExpression] = []
    written = ""
    for part in parts:
        if isinstance(part, str):
            written += part
            continue
        if _APP_KEYS.search(written[-16:]):  # the key written right before the part
            found.append(part)
        written += "{}"
    return found


def app_key_in_authorization_request(key: str, before: str, asks_response_type: bool) -> bool:
    """`key=` after `https://trello.com/1/authorize?...` in a statement that also writes
    `response_type=` (before the key or after it): the application's key in an authorization
    request, as `client_id`."""
    return bool(_APP_KEY_NAMES.match(key)) and bool(_AUTHORIZATION_PATH.search(before)) and asks_response_type
