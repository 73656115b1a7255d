from __future__ import annotations

import libcst as cst

from nhilint.analysis.jwt_calls import algorithm_families, header_algorithm
from nhilint.analysis.values import UNKNOWN
from nhilint.catalogue.jwt import ALGORITHMS_OWNER, UNVERIFIED
from nhilint.rule import CHECK_TESTS
from nhilint.rules.jwt.base import JwtRule
from nhilint.verification.instance_decodes import decodes_in_module


class JwtAlgorithmsNotPinned(JwtRule):
    """
    ## What it does
    Finds JWT verification whose accepted algorithms are not pinned to one key family:
    python-jose's `jwt.decode()` without `algorithms=` (it then accepts whatever algorithm the
    token's header names), and an `algorithms` list, in any library, that mixes HMAC algorithms
    (`HS256`...) with public-key ones (`RS256`, `ES256`, `PS256`, `EdDSA`...), and algorithms
    taken from the token's own header (`algorithms=[header["alg"]]`, also as one branch of a
    conditional, `header["alg"] if header is not None else "RS256"`), unless a guard between
    reading it and using it rejects any other than a configured one (`if alg != SIGN_ALGO:
    raise ...`, `if alg not in ALLOWED: return None`, also one side of an `or`, `if not
    isinstance(alg, str) or alg not in ALLOWED: raise ...`): past the guard the algorithm is pinned.
    A guard that does not leave (it only logs), or one after the decode, pins nothing. So is a
    header handed first, as a statement of its own, to a function named for validating it
    (`validator.validate_header(header_params)`, `_check_alg(header)`: called for the exception
    it raises on an algorithm off its list, it is taken at its word); a validator whose answer
    is kept, or a call named for something else (`audit.record_header(header)`), pins nothing. The
    `alg` of the verification key itself is no header's (`jwt.decode(token, jwk,
    algorithms=jwk["alg"])` with the JWK picked from the issuer's key set by `kid`: the key set
    binds the key to its algorithm, RFC 7517 §4.4; also the entry the key is made from, `key =
    RSAAlgorithm.from_jwk(entry)` then `algorithms=entry["alg"]`, or built from its numbers,
    `RSAPublicNumbers(e, n)` of `entry["e"]` and `entry["n"]`), unless that key is one the token's header
    carries (`jwk = header["jwk"]`, `x5c`, `jku`, `x5u`): then the attacker chose both.

    PyJWT 2 without `algorithms=` is not reported: it raises at run time instead of accepting.

    An authlib `JsonWebToken(algorithms)` instance is reported at its constructor only when the
    module verifies with it (`.decode()` on it, or on the name or attribute it is bound to): an
    instance that only mints (`JsonWebToken(header["alg"])` with the signing key's own header)
    accepts no token, and one a library builds for its callers and never decodes with (authlib's
    own default `jwt`) is not a verification in sight. authlib refuses a PEM public key as an
    HMAC secret (checked with Authlib 1.9), so the classic confusion needs more than the instance.

    ## Why is this bad?
    The token's header names its own algorithm, and the attacker writes the header. A verifier
    that accepts both HMAC and RSA can be handed a token "signed" with HMAC using the service's
    *public* key as the secret: algorithm confusion, a forged token that verifies
    (OWASP NHI-02; NHI4:2025 Insecure Authentication). python-jose without `algorithms=`
    verifies with whatever algorithm the header names (checked with python-jose 3.5). PyJWT 2
    refuses a PEM public key as an HMAC secret, which blunts the classic attack there, but not
    for every key type and not in other libraries: pin one family everywhere.

    ## Example
    ```python
    from jose import jwt

    def claims_for(token, key):
        return jwt.decode(token, key, audience="billing")
    ```

    ## Use instead
    ```python
    from jose import jwt

    def claims_for(token, key):
        return jwt.decode(token, key, algorithms=["RS256"], audience="billing")
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
    - [RFC 8725 §3.1, Perform Algorithm Verification](https://datatracker.ietf.org/doc/html/rfc8725#section-3.1)
    - [PyJWT: algorithms](https://pyjwt.readthedocs.io/en/stable/api.html#jwt.decode)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-347, CWE-327
    """

    code = "NHL104"
    name = "jwt-algorithms-not-pinned"
    summary = "JWT verification accepts an algorithm chosen by the token"
    severity = "high"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI4:2025",)
    cwe = (347, 327)
    options = {"check-tests": CHECK_TESTS}

    def visit_Call(self, node: cst.Call) -> None:
        jc = self.jwt_call(node)
        if jc is None or jc.api.role == UNVERIFIED or jc.api.algorithms is None:
            return
        if jc.unverified_reason is not None:
            return  # nothing is verified at all: NHL102
        if jc.api.role == ALGORITHMS_OWNER and not decodes_in_module(self.context, node, jc.facts):
            return  # an instance that verifies nothing here: only mints, or is built for callers
        arg = jc.args.get(jc.api.algorithms)
        key = jc.args.get("key")
        key = key if isinstance(key, cst.BaseExpression) else None
        if isinstance(arg, cst.BaseExpression) and header_algorithm(arg, jc.facts, key):
            self.report(node, f"{jc.callee} takes its algorithm from the token's own header")
            return
        algorithms = jc.value(jc.api.algorithms)
        if algorithms is UNKNOWN:
            return
        if algorithms is None:
            if jc.api.algorithms_default_any:
                self.report(node, f"{jc.callee} has no `algorithms=`, so it accepts the algorithm the token names")
            return
        if algorithm_families(algorithms) == {"hmac", "public-key"}:
            self.report(
                node,
                f"{jc.callee} accepts both HMAC and public-key algorithms, which allows algorithm confusion",
            )
