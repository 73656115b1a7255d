from __future__ import annotations

from typing import Any, Optional

import libcst as cst

from nhilint.analysis.imports import dotted_name
from nhilint.analysis.jwt_calls import JwtCall, jwt_call
from nhilint.analysis.values import DictValue, as_seconds
from nhilint.catalogue.jwt import DECODE, JWCRYPTO_TOKEN, VALIDATE_CALL
from nhilint.catalogue.tokens import TIMED_SIGNATURE_READERS
from nhilint.flow import module_flow
from nhilint.flow.claim_checks import checked_by_callers, checked_by_helper, checked_in_function
from nhilint.flow.module import bind_arguments
from nhilint.rule import CHECK_TESTS, RuleOption
from nhilint.rules.jwt.base import JwtRule
from nhilint.walk import nodes_of


class JwtExpiryNotVerified(JwtRule):
    """
    ## What it does
    Finds JWT verification that does not enforce the token's expiry: `options={"verify_exp": False}`
    (PyJWT, python-jose), jwcrypto's `check_claims=False`, or a clock-skew leeway above a limit
    (`leeway=` in PyJWT, `options={"leeway": ...}` in python-jose, `JWTClaimsRegistry(leeway=...)`
    in joserfc, `claims.validate(leeway=...)` in Authlib, `clock_skew_in_seconds=` in
    google-auth).

    A decode that returns its claims to callers which all check `exp` themselves is not
    reported: `decode_campus_jwt()` with `verify_exp=False`, every call of it in the module
    reading `payload["exp"]` or handing the claims to a function of the module that compares
    `payload["exp"]` with the clock. With no call in its module, the calls the other modules of
    the project make count instead, every one of which must read `exp` the same way (`views.py`
    comparing `claims["exp"]` of what `tokens.decode_lenient()` returned). A function that
    nobody in the project calls stays reported (anyone may call it). Nor is a decode whose function hands the claims, on every path, to a
    function of the module that compares `exp` with the clock and acts on it (`data =
    jwt.decode(..., options={"verify_exp": False})`, then `self._validate(data)`, which raises
    when `now > data["exp"]`, maybe with a longer window for refresh requests): the check is
    made by the function's own helper; so is one whose function compares `exp` itself, after
    the decode and on its path (`exp = claims.get("exp")`, then `if now.timestamp() >= exp:
    raise TokenRejected("expired")`: the check made against the code's own clock). Nor is a decode in a method that keeps `exp` on the
    instance (`self.exp = claims["exp"]`) when a method of the class compares it with the
    clock (`expired()`) and the module's code outside the class asks that method in a test
    (`if not token.valid() or token.expired(): return`). Still reported: a helper that only asks that `exp` is
    there (`"exp" in data`), or checks other claims; one called only on some paths (`if
    strict: self._validate(data)`), and a comparison made only on some; one that returns the comparison to a call that drops the
    answer. A library function that switches the check off only when its caller
    asks (`if allow_expired: options["verify_exp"] = False`) is reported at the calls that ask.
    Not reported: a decode in the `except ExpiredSignatureError as exc:` of one that checked the
    expiry, reading the expired claims to show them, in a function that hands the error back
    with them (`invalid = str(exc)` ... `return claims, invalid`: flaat's token info, whose
    caller refuses the token); a handler that drops or only prints the error is reported.

    Also a timed signature read without an age limit: itsdangerous' `URLSafeTimedSerializer`,
    `TimedSerializer` and `TimestampSigner`, and Django's `signing.TimestampSigner`, sign the
    time with the value and check it only when the reader passes `max_age`
    (`serializer.loads(token)` accepts a reset link mailed years ago; checked against
    itsdangerous 2.2 and Django 5.2). The serializer is known where the receiver was made: a
    local or module-level name, `self.x` set by the class, or a function of the module that
    returns one. Choosing the timed class says the token should expire, so the read without
    `max_age` (or with `max_age=None`) is reported. Not reported: itsdangerous' old
    `TimedJSONWebSignatureSerializer` (the expiry is inside the token and `loads` checks it),
    the untimed `URLSafeSerializer` and Django's `signing.loads()` (nothing in the choice says
    the value should expire: signed unsubscribe links are meant to last), a read asking for
    the timestamp (`return_timestamp=True`: the code weighs the age itself), and a read in the
    `except SignatureExpired:` of an earlier one (the expired token read on purpose, to send a
    new link).

    A library's settings object whose attributes are the user's settings or, when their project
    sets none, the library's defaults (`jwt_settings = JWTSettings(DEFAULTS)` with a
    `__getattr__` reading the table, or Django REST framework's `APISettings(None, DEFAULTS)`)
    reads as its default: `"verify_exp": jwt_settings.JWT_VERIFY_EXPIRATION` with the default
    `False` is reported, since every project that keeps the default accepts expired tokens. An
    object that merely holds such a table is not read that way, and a default of `None` (not
    configured) is no value.

    ## Why is this bad?
    Expiry is what limits the damage of a leaked token. A verifier that ignores `exp`, or adds
    hours of leeway to it, turns a short-lived token into a long-lived credential that keeps
    working after it was meant to die (OWASP NHI-03; NHI4:2025 Insecure Authentication,
    NHI7:2025 Long-Lived Secrets). A leeway of a few seconds to minutes covers clock skew;
    anything beyond that is a lifetime extension.

    ## Example
    ```python
    import jwt

    def session_user(token, key):
        claims = jwt.decode(
            token, key, algorithms=["HS256"], audience="orders", options={"verify_exp": False}
        )
        return claims["sub"]
    ```

    ## Use instead
    ```python
    import jwt

    def session_user(token, key):
        claims = jwt.decode(token, key, algorithms=["HS256"], audience="orders", leeway=30)
        return claims["sub"]
    ```

    ## Options
    - `max-leeway-seconds` (default 300): the largest leeway accepted, in seconds.
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [RFC 7519 §4.1.4, "exp" claim](https://datatracker.ietf.org/doc/html/rfc7519#section-4.1.4)
    - [PyJWT: expiration time claim](https://pyjwt.readthedocs.io/en/stable/usage.html#expiration-time-claim-exp)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-613, CWE-672
    """

    code = "NHL103"
    name = "jwt-expiry-not-verified"
    summary = "A JWT or timed signature is accepted without enforcing its expiry (or with a very large leeway)"
    severity = "medium"
    confidence = "high"
    owasp = "NHI-03"
    owasp_2025 = ("NHI4:2025", "NHI7:2025")
    cwe = (613, 672)
    # itsdangerous and Django's TimestampSigner are no JWT libraries (nhilint.analysis.timed_signatures)
    words = ("itsdangerous", "timestampsigner")
    options = {
        "max-leeway-seconds": RuleOption(300.0, float, "largest accepted clock-skew leeway, in seconds"),
        "check-tests": CHECK_TESTS,
    }

    def visit_Call(self, node: cst.Call) -> None:
        jc = self.jwt_call(node)
        if jc is not None:
            if jc.unverified_reason is None:
                self._check(jc)
            return
        self._authlib_validate(node)
        if type(node.func) is cst.Attribute and node.func.attr.value in TIMED_SIGNATURE_READERS and self._names_signers():
            self._timed_read(node)

    def _check(self, jc: JwtCall) -> None:
        api = jc.api
        if api.role == JWCRYPTO_TOKEN:
            check_claims = jc.value("check_claims")
            if jc.has("key") and check_claims is False:
                self.report(jc.call, f"{jc.callee} is given check_claims=False, so `exp` is never checked")
            elif jc.has("key") and isinstance(check_claims, DictValue) and check_claims.has("exp") is False:
                # jwcrypto checks exp/nbf implicitly only when check_claims is omitted (jwcrypto 1.6)
                self.report(jc.call, f"{jc.callee} is given check_claims without 'exp', so `exp` is never checked")
            return
        if jc.option("verify_exp") is False:
            if checked_by_callers(jc, "exp"):
                return  # the claims go back to callers that all compare `exp` with the clock
            if checked_by_helper(jc, "exp"):
                return  # the function hands the claims to its own helper, which compares `exp`
            if checked_in_function(jc, "exp"):
                return  # the function compares `exp` itself, after the decode
            from nhilint.flow.class_claim_checks import checked_by_class  # rare: a decode with verify_exp off

            if checked_by_class(jc, "exp"):
                return  # kept on the instance, compared by a method of the class its users ask
            if self._expiry_reported(jc.call):
                return  # the expired token read again, its expiry error handed back to the caller
            flag = self._callers_choice(jc)
            if flag is None:
                self.report(jc.call, f"{jc.callee} switches the expiry check off (verify_exp=False)")
            else:
                self._report_callers(jc, flag)
            return
        leeway: Any = None
        if api.leeway is not None and jc.has(api.leeway):
            leeway = jc.value(api.leeway)
        elif api.leeway_option is not None:
            leeway = jc.option(api.leeway_option)
        self._leeway(jc.call, jc.callee, leeway)

    def _expiry_reported(self, call: cst.Call) -> bool:
        """`except ExpiredSignatureError as exc: invalid = str(exc); claims = jwt.decode(...,
        options={"verify_exp": False})`, then `return claims, invalid`: the decode that found the
        token expired raised, the expired claims are read to be shown, and the function hands the
        expiry error back with them (flaat's token info; its caller refuses the token). Not a
        handler that drops the error: its caller cannot tell the claims are expired."""
        flow = self.flow()
        handler = flow.facts.parent_of(call)
        while handler is not None and not isinstance(handler, (cst.ExceptHandler, cst.FunctionDef)):
            handler = flow.facts.parent_of(handler)
        if not isinstance(handler, cst.ExceptHandler) or handler.type is None or handler.name is None \
                or not isinstance(handler.name.name, cst.Name):
            return False
        caught = [e.value for e in handler.type.elements] if isinstance(handler.type, cst.Tuple) else [handler.type]
        if not any("expired" in (dotted_name(kind) or "").rsplit(".", 1)[-1].lower() for kind in caught):
            return False
        # what carries the error to a `return`: `invalid = str(exc)`, then maybe
        # `verification["invalid_time_claims"] = invalid` (three steps of assignment at most)
        carriers = {handler.name.name.value}
        assigns = nodes_of(flow.scope, cst.Assign)
        for _ in range(3):
            for assign in assigns:
                if carriers & {name.value for name in nodes_of(assign.value, cst.Name)}:
                    for target in assign.targets:
                        held = target.target.value if isinstance(target.target, cst.Subscript) else target.target
                        if isinstance(held, cst.Name):
                            carriers.add(held.value)
        return any(carriers & {name.value for name in nodes_of(returned, cst.Name)} for returned in flow.facts.returns)

    def _callers_choice(self, jc: JwtCall) -> Optional[str]:
        """`if allow_expired: options["verify_exp"] = False`: the parameter through which the
        caller asks for it (a library honouring its caller's explicit choice), or None."""
        options = jc.args.get(jc.api.options or "")
        facts = jc.facts
        if not isinstance(options, cst.Name) or not isinstance(facts.node, cst.FunctionDef):
            return None
        flow = module_flow(self.context).flow(facts.node)
        for _, key, value in facts.item_stores.get(options.value, ()):
            if self.context.evaluator.value(key, facts) != "verify_exp":
                continue
            current = facts.parent_of(value)
            while current is not None and not isinstance(current, cst.If):
                current = facts.parent_of(current)
            if current is None:
                return None
            params = [atom[len("param:"):] for atom in flow.deps(current.test) if atom.startswith("param:")]
            return params[0] if len(params) == 1 else None
        return None

    def _report_callers(self, jc: JwtCall, flag: str) -> None:
        """The calls of the module that pass the flag as a literal True: the finding is theirs."""
        function = jc.facts.node
        assert isinstance(function, cst.FunctionDef)
        module = module_flow(self.context)
        owner = module.owner_of(function)
        for caller, call in module.callers(function):
            value = bind_arguments(function, call.args, skip_self=owner is not None).get(flag)
            if value is not None and self.context.evaluator.value(value, caller.facts) is True:
                self.report(call, f"{function.name.value}() is called with {flag}=True, which switches the expiry "
                                  f"check of its {jc.callee} off", statement=module.statement_of(call, caller.scope
                                                                                                 if isinstance(caller.scope, cst.FunctionDef) else None))

    def _leeway(self, node: cst.CSTNode, callee: str, value: Any) -> None:
        seconds: Optional[float] = as_seconds(value)
        limit = float(self.opt("max-leeway-seconds"))
        if seconds is not None and seconds > limit:
            self.report(
                node,
                f"{callee} accepts tokens up to {seconds:g} s past their expiry (leeway over {limit:g} s)",
            )

    _signers: Optional[bool] = None

    def _names_signers(self) -> bool:
        """Whether the module names a timed signer's library (asked once: a search of the text)."""
        if self._signers is None:
            self._signers = self.context.mentions(*self.words)
        return self._signers

    def _timed_read(self, node: cst.Call) -> None:
        """`serializer.loads(token)` of itsdangerous' timed serializer: no `max_age`."""
        from nhilint.analysis.timed_signatures import unchecked_age  # only where a timed signer is named

        found = unchecked_age(self.context, self.flow(), node)
        if found is not None:
            signer, method = found
            self.report(node, f"{signer}.{method}() is given no max_age, so the time the token was "
                              f"signed is never checked: it never expires")

    def _authlib_validate(self, node: cst.Call) -> None:
        """`claims.validate(leeway=N)` where `claims` came from an Authlib decode."""
        func = node.func
        if not (isinstance(func, cst.Attribute) and func.attr.value == "validate"):
            return
        leeway = next((a.value for a in node.args if a.keyword and a.keyword.value == "leeway"), None)
        if leeway is None or not isinstance(func.value, cst.Name):
            return
        facts = self.context.facts()
        binding = facts.binding_before(func.value.value, facts.order_of(node))
        source = binding.value if binding else None
        if not isinstance(source, cst.Call):
            return
        decoder = jwt_call(self.context, source, facts)
        if decoder is None or decoder.api.role != DECODE or decoder.api.claims != VALIDATE_CALL:
            return
        callee = self.context.module.code_for_node(func).strip() + "()"
        self._leeway(node, callee, self.context.evaluator.value(leeway, facts))
