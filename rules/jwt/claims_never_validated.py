from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Tuple

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall, result_uses
from nhilint.analysis.scope import ScopeFacts, collect_scope_facts
from nhilint.catalogue.jwt import DECODE, VALIDATE_CALL
from nhilint.context import FileContext
from nhilint.rule import CHECK_TESTS
from nhilint.flow import module_flow
from nhilint.flow.module import ModuleFlow
from nhilint.rules.jwt.base import JwtRule
from nhilint.verification.claims_validation import validated_at, validated_here_or_by_callers


class JwtClaimsNeverValidated(JwtRule):
    """
    ## What it does
    Finds an Authlib (`authlib.jose.jwt.decode`, `JsonWebToken(...).decode`) or joserfc
    (`joserfc.jwt.decode`) decode whose claims are never validated: no `claims.validate()`
    (Authlib) and no `JWTClaimsRegistry(...).validate(token.claims)` (joserfc) in the function.
    A result returned to a caller is not reported when a caller in the same module validates it,
    or when no caller is visible in the module; but a function that checks `aud` or `iss` by
    hand and not `exp` is where validation happens, and is reported even when it returns the
    claims. Claims handed to a function or method of the module that calls `.validate()` on
    them are validated (a DRF authentication class that decodes in `_decode()` and validates in
    `_check_claims()`), in the function of the decode or in its caller; so are claims handed to
    one that compares their `exp` by hand, also through a helper it hands them on to (a
    subclass's `check()` calling `super().check(raw)`, then `self.check_claims(claims)`, whose
    `need_fresh(claims)` compares `claims["exp"]` with the time; also a value computed from it,
    `exp_time = payload["exp"] + leeway` then `if now > exp_time:`; a copy returned,
    `return claims.copy()`, is the claims). A call of a sibling class's method of the same name
    is no caller of this one. Claims kept on the object (`self._payload = self._get_payload()`),
    as they are or wrapped into a claims object kept beside them (`self.claims =
    AzureJWTClaims(payload=self._payload, ...)`), are validated when the module calls
    `.validate()` on that attribute (`token.claims.validate()`). Authlib's check of the
    expiry alone, `claims.validate_exp(now, leeway)`, enforces the token's lifetime: not
    reported (the audience is NHL101's question).

    The decode of a token the same function minted only to decode it again (a self-test of the
    key setup, the token handed nowhere else) is not reported: its claims decide nothing.

    ## Why is this bad?
    These libraries verify only the signature in `decode()`. The claims, `exp` and `aud`
    included, are checked only by the separate validate step, so an expired token, or one
    issued for another service, decodes without complaint (OWASP NHI-03; NHI4:2025 Insecure
    Authentication, NHI7:2025 Long-Lived Secrets).

    ## Example
    ```python
    from authlib.jose import jwt

    def user_id(token, public_key):
        claims = jwt.decode(token, public_key)
        return claims["sub"]
    ```

    ## Use instead
    ```python
    from authlib.jose import jwt

    def user_id(token, public_key):
        claims = jwt.decode(
            token, public_key, claims_options={"aud": {"essential": True, "value": "orders"}}
        )
        claims.validate()
        return claims["sub"]
    ```

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [Authlib: JWT guide, validate claims](https://docs.authlib.org/en/latest/jose/jwt.html)
    - [joserfc: JWT claims validation](https://jose.authlib.org/en/guide/jwt/)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-613, CWE-672
    """

    code = "NHL105"
    name = "jwt-claims-never-validated"
    summary = "Authlib / joserfc JWT claims (exp, aud) are never validated"
    severity = "high"
    confidence = "high"
    owasp = "NHI-03"
    owasp_2025 = ("NHI4:2025", "NHI7:2025")
    cwe = (613, 672)
    options = {"check-tests": CHECK_TESTS}

    def __init__(self, context: FileContext, options: Mapping[str, Any]) -> None:
        super().__init__(context, options)
        # decodes whose result is returned: judged at the end, when every caller is visible
        self._returned: List[Tuple[JwtCall, Optional[str], cst.CSTNode]] = []

    def visit_Call(self, node: cst.Call) -> None:
        jc = self.jwt_call(node)
        if jc is None or jc.api.role != DECODE or jc.api.claims != VALIDATE_CALL:
            return
        uses = result_uses(self.context, node, jc.facts)
        if uses.expiry_validated:
            return  # `claims.validate_exp(now, leeway)`: the token's lifetime is enforced
        if validated_at(module_flow(self.context).flow(jc.facts.node), node):
            return  # here, or by a helper of the module the claims are handed to
        from nhilint.verification.self_test import decodes_a_self_test  # rare: imported when asked

        if decodes_a_self_test(jc):
            return  # the function's own constant token, minted to test the key setup
        # a function that checks `aud` or `iss` by hand is where validation happens, and it
        # left `exp` out: its caller gets claims it takes for checked
        checks_by_hand = bool({"aud", "iss"} & uses.claim_keys) and "exp" not in uses.claim_keys
        if uses.returned and not checks_by_hand:
            scope = jc.facts.node
            name = scope.name.value if isinstance(scope, cst.FunctionDef) else None
            # reported from leave_Module: keep the statement, where a suppression may sit
            self._returned.append((jc, name, self.context.statement_stack[-1]))
            return
        self._report(jc)

    def leave_Module(self, original_node: cst.Module) -> None:
        if not self._returned:
            return
        callers = _calls_by_name(original_node)
        module = module_flow(self.context)
        for jc, name, statement in self._returned:
            # by name, as a caller in another module would call it; less the calls the module
            # shows run another function of that name (a sibling class's `super().verify()`)
            sites = [(call, facts) for call, facts in callers.get(name or "", [])
                     if _may_run(module, facts, call, jc.facts.node)]
            if sites and not any(result_uses(self.context, call, facts).validated for call, facts in sites) and (
                not validated_here_or_by_callers(jc)
            ):
                self._report(jc, statement)

    def _report(self, jc: JwtCall, statement: Optional[cst.CSTNode] = None) -> None:
        self.report(
            jc.call,
            f"{jc.callee} checks only the signature and its claims are never validated, so `exp` and "
            f"`aud` are not enforced",
            statement=statement,
        )


def _calls_by_name(module: cst.Module) -> Dict[str, List[Tuple[cst.Call, ScopeFacts]]]:
    """Every call in the module by its last name (`f(...)`, `self.f(...)`) with its scope's facts."""
    result: Dict[str, List[Tuple[cst.Call, ScopeFacts]]] = {}
    module_facts = collect_scope_facts(module)
    function_facts: Dict[int, ScopeFacts] = {}
    for call in module_facts.calls:
        func = call.func
        name = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", None)
        if not isinstance(name, str):
            continue
        function = _enclosing_function(call, module_facts)
        facts = module_facts
        if function is not None:
            if id(function) not in function_facts:
                function_facts[id(function)] = collect_scope_facts(function)
            facts = function_facts[id(function)]
        result.setdefault(name, []).append((call, facts))
    return result


def _may_run(module: ModuleFlow, facts: ScopeFacts, call: cst.Call, function: cst.CSTNode) -> bool:
    target = module.resolve(module.flow(facts.node), call)
    return target is None or target[0] is function


def _enclosing_function(node: cst.CSTNode, facts: ScopeFacts) -> Optional[cst.FunctionDef]:
    parent = facts.parent_of(node)
    while parent is not None and not isinstance(parent, cst.FunctionDef):
        parent = facts.parent_of(parent)
    return parent
