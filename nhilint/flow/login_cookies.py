"""The session cookies a login answers with, written whole: `log.debug("cookies: %s",
resp.cookies)` after `resp = session.post(login_url, json={"phone": ..., "otp": otp})`.

A login's answer sets the session cookie that stands for the user from then on (pysilpo keeps
`dict(resp.cookies)` as its login): logged, it is the user's session in the log. The answer of
any other request (a page, an API call) sets cookies too, mostly none that log anyone in: only
a request that sends a credential (a body entry named for a password, a one-time code, a
secret or a token) counts as a login.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import leaf_name
from nhilint.analysis.names import is_token_name, names_password

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

# a one-time code a login sends (`otp`, `totp`, `mfa_code`, `verification_code`, `pin`)
_CODE_WORDS = ("otp", "totp", "mfa", "2fa", "pin", "passcode", "verification_code", "sms_code")
_BODY_KEYWORDS = ("json", "data")


def login_cookies(flow: "FunctionFlow", value: cst.BaseExpression) -> Optional[cst.Attribute]:
    """The `answer.cookies` that `value` is or holds whole (`resp.cookies`, `dict(resp.cookies)`,
    `resp.cookies.get_dict()`), when that answer is a login's; None otherwise."""
    if isinstance(value, cst.Call) and not value.args and leaf_name(value) == "get_dict" \
            and isinstance(value.func, cst.Attribute):
        value = value.func.value
    elif isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "dict" \
            and len(value.args) == 1:
        value = value.args[0].value
    if not isinstance(value, cst.Attribute) or value.attr.value != "cookies" or not isinstance(value.value, cst.Name):
        return None
    answer = value.value
    if not flow.facts.is_local(answer.value):
        return None
    bindings = flow.reaching(answer.value, answer)
    if len(bindings) != 1 or not isinstance(bindings[0].value, (cst.Call, cst.Await)):
        return None
    call = bindings[0].value
    call = call.expression if isinstance(call, cst.Await) else call
    if not isinstance(call, cst.Call):
        return None
    from nhilint.flow.sinks import outbound_request  # asked of a logged `.cookies` only

    if outbound_request(flow, call) is None or not _sends_credential(flow, call):
        return None
    return value


def _sends_credential(flow: "FunctionFlow", call: cst.Call) -> bool:
    """The request's body, written out or in a local bound to a dict display, has an entry named
    for a password, a one-time code, a secret or a token."""
    for arg in call.args:
        if arg.keyword is None or arg.keyword.value not in _BODY_KEYWORDS:
            continue
        body = arg.value
        if isinstance(body, cst.Name) and flow.facts.is_local(body.value):
            bound = flow.reaching(body.value, body)
            body = bound[0].value if len(bound) == 1 and bound[0].value is not None else body
        if isinstance(body, cst.Dict):
            for element in body.elements:
                key = string_literal(element.key) if isinstance(element, cst.DictElement) else None
                if key is not None and _credential_key(key):
                    return True
    return False


def _credential_key(key: str) -> bool:
    lowered = key.lower()
    return names_password(key) or is_token_name(key) or any(
        lowered == word or lowered.endswith("_" + word) or lowered.startswith(word + "_") for word in _CODE_WORDS)
