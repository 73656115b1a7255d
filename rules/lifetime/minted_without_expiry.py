from __future__ import annotations

from typing import ClassVar

import libcst as cst

from nhilint.analysis.values import DictValue
from nhilint.catalogue.jwt import ENCODE
from nhilint.rule import CHECK_TESTS
from nhilint.rules.jwt.base import JwtRule


class TokenMintedWithoutExpiry(JwtRule):
    """
    ## What it does
    Finds a JWT minted from a payload that visibly has no `exp` claim: `jwt.encode(...)` in
    PyJWT, python-jose, Authlib and joserfc, when the payload is a dict literal, a dict built in
    the function (including one whose `exp` was deleted), or a module constant.

    A payload built elsewhere (a parameter, a call's result) is not reported: nhilint cannot see
    whether it carries `exp`.

    ## Why is this bad?
    A token without `exp` is valid forever to every verifier that accepts it: PyJWT, python-jose
    and joserfc check `exp` only when the claim is present. A leaked one never stops working,
    and rotating the signing key is the only way to kill it (OWASP NHI-03; NHI7:2025 Long-Lived
    Secrets).

    ## Example
    ```python
    import jwt

    def session_token(user_id, key):
        return jwt.encode({"sub": user_id, "aud": "orders"}, key, algorithm="HS256")
    ```

    ## Use instead
    ```python
    from datetime import datetime, timedelta, timezone

    import jwt

    def session_token(user_id, key):
        now = datetime.now(timezone.utc)
        claims = {"sub": user_id, "aud": "orders", "iat": now, "exp": now + timedelta(minutes=15)}
        return jwt.encode(claims, key, algorithm="HS256")
    ```

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `conftest.py`, files under `tests/` or `test/`). Without it the rule is silent
      there: test code handles test vectors and fakes, and authenticates no one.

    ## References
    - [RFC 7519 §4.1.4, "exp" claim](https://datatracker.ietf.org/doc/html/rfc7519#section-4.1.4)
    - [RFC 8725 §3.10, short-lived tokens](https://datatracker.ietf.org/doc/html/rfc8725)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-613
    """

    code = "NHL401"
    name = "token-minted-without-expiry"
    family: ClassVar[str] = "token-lifetime"
    summary = "A JWT is minted without an expiry claim"
    severity = "medium"
    confidence = "high"
    owasp = "NHI-03"
    owasp_2025 = ("NHI7:2025",)
    cwe = (613,)
    options = {"check-tests": CHECK_TESTS}

    def visit_Call(self, node: cst.Call) -> None:
        jc = self.jwt_call(node)
        if jc is None or jc.api.role != ENCODE:
            return
        payload = jc.value(jc.api.payload)
        if isinstance(payload, DictValue) and payload.has("exp") is False:
            self.report(node, f"{jc.callee} mints a token whose payload has no `exp`: it never expires")
