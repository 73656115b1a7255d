from __future__ import annotations

import re
from typing import Any, ClassVar, Mapping, Optional, Set

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.jwt_calls import jwt_call
from nhilint.analysis.names import is_token_name, snake_case
from nhilint.context import FileContext
from nhilint.rule import Rule, RuleOption
from nhilint.secret_formats import FORMAT_WORDS, LIVE_FORMAT_WORDS, known_format, secret_value
from nhilint.testfiles import is_test_file


def _target_name(target: cst.BaseExpression) -> Optional[str]:
    """`API_KEY`, `self.api_key`, `config["api_key"]`, `os.environ["API_TOKEN"]` -> the name."""
    if isinstance(target, (cst.Name, cst.Attribute)):
        dotted = dotted_name(target)
        return dotted.rsplit(".", 1)[-1] if dotted else None
    if isinstance(target, cst.Subscript) and len(target.slice) == 1:
        index = target.slice[0].slice
        return string_literal(index.value) if isinstance(index, cst.Index) else None
    return None


# `ENCRYPTION_KEY`, `workspaceKey`: a key of a kind that is secret, under a name with no
# credential word. Taken with a stricter value gate (`_strong_secret`), never for keys that are
# public (`PUBLIC_APP_KEY`). The prefilter looks for these words as written: snake and camel case.
_SECRET_KEY_KINDS = (
    "encryption", "signing", "private", "master", "license", "access", "app", "client", "workspace",
    "integration", "service", "admin", "partner", "internal", "hmac", "aes", "fernet", "cipher", "crypto",
)
_KEY_NAME = re.compile(r"(^|_)(" + "|".join(_SECRET_KEY_KINDS) + r")_key$")
_NOT_A_SECRET_KEY = re.compile(r"(^|_)(public|publishable|pub|site)_")
KEY_WORDS = tuple(f"{kind}{sep}key" for kind in _SECRET_KEY_KINDS for sep in ("_", ""))
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
# Auth objects built from a literal: `BearerTokenAuth("…")`, `HTTPBasicAuth("user", "…")`
_AUTH_CLASS = re.compile(r"(Bearer|Token|Key|Basic|Digest)Auth$")
AUTH_CLASS_WORDS = ("bearerauth", "tokenauth", "keyauth", "basicauth", "digestauth")


def _key_name(name: str) -> bool:
    snake = snake_case(name)
    return bool(_KEY_NAME.search(snake)) and not _NOT_A_SECRET_KEY.search(snake)


def _strong_secret(text: str) -> bool:
    return len(text) >= 20 and not _UUID.fullmatch(text) and secret_value(text)


# Formats whose literals in test files are test vectors: a JWT there is a signed fixture (its
# claims and signature are what the test checks), usually expired, and grants nothing.
_TEST_VECTOR_FORMATS = frozenset({"JWT"})


def _article(format_name: str) -> str:
    return f"{'an' if format_name[0] in 'AEIOU' else 'a'} {format_name}"


class HardcodedToken(Rule):
    """
    ## What it does
    Finds credentials written into the source:

    - a literal in a known token format anywhere: GitHub (`ghp_…`, `github_pat_…`), Slack
      (`xoxb-…`), AWS access key ids (`AKIA…`), OpenAI (`sk-…`), Stripe live keys
      (`sk_live_…`), Google API keys (`AIza…`), a three-part JWT (`eyJ….eyJ….…`);
    - a random-looking literal given as the key of a JWT library call (`jwt.encode(payload,
      "…", algorithm="HS256")`, `jwt.decode(token, "…", …)`);
    - a random-looking literal given to a credential name: assigned (`API_KEY = "…"`,
      `self.accessToken = "…"`, `config["api_key"] = "…"`), passed as a keyword
      (`Client(token="…")`), stored under a dict key (`{"api_key": "…"}`,
      `{"Authorization": "Bearer …"}`), a parameter default, or compared with (`token == "…"`);
    - a random-looking literal of 20 or more characters (not a UUID) under the name of a kind of
      key that is secret (`ENCRYPTION_KEY`, `SIGNING_KEY`, `MASTER_KEY`, `CLIENT_KEY`,
      `workspaceKey`...; not `PUBLIC_KEY`, `SITE_KEY`, `CACHE_KEY`);
    - a random-looking literal given to an auth object: `BearerTokenAuth("…")`,
      `HTTPBasicAuth("user", "…")`.

    "Random-looking" means at least 12 characters, no spaces, letters mixed with digits (or
    both cases, as in base64) and at least 3 bits of entropy per character; URLs, paths,
    identifiers (`access_token`, `OAUTH2_TOKEN`) and placeholders (`changeme`, `<token>`,
    `your-token-here`, `${VAR}`, `xxxx`, AWS's `…EXAMPLE`) are not secrets. Names that mention a
    token but hold none (`next_token`, `NextToken`, `token_type`, `TOKEN_URL`, `*_PREFIX`,
    `token_endpoint`) are not credential names.

    The message names the variable or the format, never the value; code frames redact it.

    ## Why is this bad?
    A credential in source code is in every clone, fork, CI log, wheel and backup of the
    repository, for ever: rotating it means a commit, and removing it from history rarely
    happens. Anyone who can read the code can act as the workload (OWASP NHI-02; NHI2:2025
    Secret Leakage, NHI7:2025 Long-Lived Secrets; CWE-798).

    ## Example
    ```python
    import requests

    API_TOKEN = "q8Zr2LxV7mKp4TnW9bYc"

    def fetch(url):
        return requests.get(url, headers={"Authorization": f"Bearer {API_TOKEN}"}, timeout=5)
    ```

    ## Use instead
    ```python
    import os

    import requests

    API_TOKEN = os.environ["API_TOKEN"]

    def fetch(url):
        return requests.get(url, headers={"Authorization": f"Bearer {API_TOKEN}"}, timeout=5)
    ```

    In test files (`test_*.py`, `*_test.py`, `tests.py`, `conftest.py`), a literal that only passes the shape gate, and a JWT, are taken for test data
    (fixtures, test vectors: a JWT there is a signed sample whose claims the test checks); the
    other known token formats (GitHub, Slack, AWS, OpenAI, Stripe, Google) are still reported
    there, as a live key leaks from a test as easily as from any other file.

    ## Options
    - `check-test-data` (bool, default false): report shape-only literals and JWTs in test files too.

    ## References
    - [OWASP Secrets Management Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html)
    - [GitHub: about secret scanning patterns](https://docs.github.com/en/code-security/secret-scanning/introduction/supported-secret-scanning-patterns)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-798, CWE-321
    """

    code = "NHL301"
    name = "hardcoded-token"
    family: ClassVar[str] = "token-sharing"
    summary = "A credential is written into the source code"
    severity = "high"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI2:2025", "NHI7:2025")
    cwe = (798, 321)
    options = {
        "check-test-data": RuleOption(False, bool, "report random-looking literals and JWTs in test files too"),
    }
    words = (
        "token", "bearer", "jwt", "api_key", "apikey", "secret", "credential", "password", "passwd",
        "authorization", *FORMAT_WORDS, *KEY_WORDS, *AUTH_CLASS_WORDS,
    )
    # in test files only the live formats are reported (unless `check-test-data`)
    test_data_words = LIVE_FORMAT_WORDS

    def __init__(self, context: FileContext, options: Mapping[str, Any]) -> None:
        super().__init__(context, options)
        self._reported: Set[int] = set()
        self._in_tests = not self.opt("check-test-data") and is_test_file(context.path)

    def _test_data(self, found: Optional[str]) -> bool:
        """In a test file, a literal only shaped like a secret, or a JWT, is test data."""
        return self._in_tests and (found is None or found in _TEST_VECTOR_FORMATS)

    def visit_Expr(self, node: cst.Expr) -> None:
        # a docstring or bare string statement documents a format; it authenticates nothing
        if isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString)):
            self._reported.add(id(node.value))

    # -- a literal under a credential name --------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._named(_target_name(target.target), node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._named(_target_name(node.target), node.value)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._named(node.keyword.value, node.value)

    def visit_Call(self, node: cst.Call) -> None:
        if _AUTH_CLASS.search(leaf_name(node)):
            self._auth_object(node)
            return
        # a literal signing / verification key given to a JWT library (CWE-321)
        jc = jwt_call(self.context, node) if leaf_name(node) in self.context.catalogue.leaf_names else None
        key = jc.args.get("key") if jc is not None else None
        if isinstance(key, cst.BaseExpression):
            text = string_literal(key)
            if text is not None and secret_value(text) and not self._test_data(known_format(text)):
                self._report(key, f"a hard-coded key is given to {jc.callee}; load it from the environment or a secret store")

    def _auth_object(self, node: cst.Call) -> None:
        """`BearerTokenAuth("…")`: the secret is the last positional argument."""
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        text = string_literal(positional[-1]) if positional else None
        if text is not None and secret_value(text) and not self._test_data(known_format(text)):
            self._report(positional[-1], f"a hard-coded credential is given to {leaf_name(node)}(); load it from the "
                         "environment or a secret store")

    def visit_Param(self, node: cst.Param) -> None:
        if node.default is not None:
            self._named(node.name.value, node.default)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = string_literal(node.key)
        if key is not None:
            self._named(key, node.value)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, (cst.Equal, cst.NotEqual)):
            return
        left, right = node.left, node.comparisons[0].comparator
        if string_literal(left) is not None:
            left, right = right, left
        self._named(_target_name(left) if isinstance(left, (cst.Name, cst.Attribute)) else None, right)

    def _named(self, name: Optional[str], value: cst.BaseExpression) -> None:
        if name is None:
            return
        text = string_literal(value)
        if text is None:
            return
        credential_name = is_token_name(name) or name.lower() in ("authorization", "proxy-authorization")
        if not (secret_value(text) if credential_name else _key_name(name) and _strong_secret(text)):
            return
        found = known_format(text)
        if self._test_data(found):
            return
        what = _article(found) if found else "a credential literal"
        self._report(value, f"{what} is hard-coded in `{name}`; load it from the environment or a secret store")

    # -- a literal in a known token format, wherever it is ------------------------------------
    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._formatted(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        self._formatted(node)

    def _formatted(self, node: cst.BaseExpression) -> None:
        if id(node) in self._reported:
            return
        text = string_literal(node)
        found = known_format(text) if text is not None else None
        if found is not None and not self._test_data(found):
            self._report(node, f"{_article(found)} is hard-coded; load it from the environment or a secret store")

    def _report(self, node: cst.BaseExpression, message: str) -> None:
        # one report per literal: its parts (of an implicit concatenation) are covered too
        if id(node) in self._reported:
            return
        self._reported.add(id(node))
        if isinstance(node, cst.ConcatenatedString):
            self._reported.update(id(part) for part in (node.left, node.right))
        self.report(node, message)
