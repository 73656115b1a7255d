from __future__ import annotations

import re
from typing import Any, ClassVar, Mapping, Optional, Set

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.jwt_calls import algorithm_families, jwt_call
from nhilint.catalogue.jwt import ENCODE
from nhilint.analysis.names import env_var_name, is_key_position, is_token_name, snake_case
from nhilint.context import FileContext
from nhilint.flow.function import FunctionFlow
from nhilint.flow.module import bind_target
from nhilint.rule import Rule, RuleOption
from nhilint.secret_formats import (
    FORMAT_WORDS, LONG_LIVED_FORMAT_WORDS, is_location, is_metasyntactic, is_placeholder, is_reference, is_setting_value,
    is_template, known_format, names_its_field, secret_value, weak_secret, without_scheme,
)
from nhilint.walk import walk


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
# a literal that says "secrets" / "token" as a word of its own (`widget:secrets#ns`) names
# what it is about; a secret does not spell out its kind (key positions are judged apart)
_NAMES_A_CREDENTIAL = compiled_on_first_use(r"(?<![a-z])(secrets?|tokens?|passwords?|credentials?)(?![a-z])", re.I)
_KEY_NAME = compiled_on_first_use(r"(^|_)(" + "|".join(_SECRET_KEY_KINDS) + r")_key$")
_NOT_A_SECRET_KEY = compiled_on_first_use(r"(^|_)(public|publishable|pub|site)_")
KEY_WORDS = tuple(f"{kind}{sep}key" for kind in _SECRET_KEY_KINDS for sep in ("_", ""))
_UUID = compiled_on_first_use(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
# Auth objects built from a literal: `BearerTokenAuth("…")`, `HTTPBasicAuth("user", "…")`
_AUTH_CLASS = compiled_on_first_use(r"(Bearer|Token|Key|Basic|Digest)Auth$")
AUTH_CLASS_WORDS = ("bearerauth", "tokenauth", "keyauth", "basicauth", "digestauth")


# Keys of OpenAPI and schema documentation: an `example` token documents a format.
_DOCUMENTATION_KEYS = frozenset({"example", "examples", "default_example"})
# Credential names where a short password-like literal (`"s3cr3t"`) is a secret too.
_PASSWORD_LIKE = compiled_on_first_use(r"(^|_)(secret|secrets|token|password|passwd|api_key|apikey|credentials?)$")


def _key_name(name: str) -> bool:
    snake = snake_case(name)
    return bool(_KEY_NAME.search(snake)) and not _NOT_A_SECRET_KEY.search(snake)


def _strong_secret(text: str) -> bool:
    return len(text) >= 20 and not _UUID.fullmatch(text) and secret_value(text)


# Formats whose literals in test files are test data: a JWT there is a signed fixture (its
# claims and signature are what the test checks), usually expired; a GitHub App token lives one
# to eight hours (in tests: recorded replay data, long expired); an AWS access key id names a key
# and signs nothing (its secret, beside it in a test, is test data by shape). Measured: 5 wrong
# findings in PyGithub's and hvac's tests.
# (their words: nhilint.secret_formats.TEST_DATA_FORMAT_WORDS)
_TEST_VECTOR_FORMATS = frozenset({"JWT", "GitHub App token", "AWS access key id"})
# Files that build documentation: Sphinx's `conf.py` and the settings module autodoc imports
# (`docs/settings.py`, `settings.configure(SECRET_KEY=...)` in `docs/conf.py`). Nothing they
# hold is deployed; their literals are documentation data, as a test's are test data. Example
# code under `docs/` (copied by users) is not among them.
_DOCS_BUILD_FILE = compiled_on_first_use(r"(^|/)docs?/(?:source/)?(?:conf|settings)\.py$")
# Names of credentials the code sends to a service (that the service issued): a metasyntactic
# word there is a placeholder, as no provider issues `foo`; a key the code signs or verifies
# with (`SECRET_KEY`, `JWT_SECRET`, a `jwt.encode` key) is the key whatever it says.
_ISSUED_CREDENTIAL = compiled_on_first_use(
    r"(^|_)(aws_access_key_id|access_key_id|aws_secret_access_key|secret_access_key|aws_session_token|"
    r"client_secret|consumer_secret|authorization|proxy_authorization)$"
)


def _article(format_name: str) -> str:
    return f"{'an' if format_name[0] in 'AEIOU' else 'a'} {format_name}"


class HardcodedToken(Rule):
    """
    ## What it does
    Finds credentials written into the source:

    - a literal in a known token format anywhere: GitHub (`ghp_…`, `github_pat_…`, App tokens
      `ghs_…`), Slack (`xoxb-…`), AWS access key ids (`AKIA…`), Anthropic (`sk-ant-api03-…`),
      OpenAI (`sk-…`), Stripe live keys (`sk_live_…`), Google API keys (`AIza…`), a three-part
      JWT (`eyJ….eyJ….…`); an `sk-ant-` literal is never OpenAI's, and one shorter than
      Anthropic's keys (`sk-ant-oat01-MINTED-SECRET`) is a made-up value;
    - any literal in a key position, however weak (a weak one is the first an attacker tries):
      the key of a JWT library call (`jwt.encode(payload, "secret", algorithm="HS256")`, a
      `jwt.decode` with an HMAC key), settings and arguments whose role is a secret key
      (`SECRET_KEY = "dev"`, `JWT_SECRET_KEY`, Flask's `app.config["SECRET_KEY"]` and
      `app.config.update(...)`, `client_secret=`, `aws_secret_access_key=`,
      `aws_access_key_id=`, `*_CLIENT_SECRET`, `*_SIGNING_KEY`), and an `Authorization`
      header's value (`"Bearer letmein"`); also when the literal reaches the key position
      through a neutrally named constant, a local, one element of a tuple unpacked into it, a
      parameter's default, `self.key` set by `__init__` from a parameter the module's calls of
      the class fill with another parameter's default (`Authenticate(cookie_key="some_key")`
      handing it to `CookieModel(name, cookie_key)`, whose method signs with
      `self.cookie_key`), or as bytes (reported where the literal is written; an empty default,
      `key=""`, configures none and is not reported). Only template placeholders are no
      secret there: `<…>`, `${…}`, `{{…}}`, `%(…)s`, `$VAR`, all-`x` or all-`*` masks, a value
      asking to be filled in (`YOUR-SECRETACCESSKEY`, `your_api_key`), AWS's
      `…EXAMPLE` keys, a scheme with nothing after it (`"Authorization": "Bearer"`: an
      anonymous request asking for the server's challenge), an enum member's value (`class
      ObjectKind(str, Enum): MACHINE_SECRET_KEY = "machine_secret_key"`: it labels a kind of
      object; a value in a known token format stays reported); under a name that is not a key
      position, neither is a literal that spells out what kind of secret it is about as a word
      of its own (`"oauth2client:secrets#ns"`, a cache namespace); nor is a reference to where the
      secret lives (a path, a URL, a `.pem` file name, the HTTP header that carries it,
      `"x-oss-meta-client-side-encryption-key"`, a relative module path: a generated
      SDK's lazy-import map, `{"ClientSigningKey": ".types"}`, the name of its environment variable or setting: `"AZURE_CLIENT_SECRET"`, the
      field or config key that holds it, an identifier made of credential words only:
      `"private_key"`, `"AWSSecretKey"`, `"oauth.client_secret"`; but `"dev_secret_key"` has a
      word of its own and is a weak key), a flag's value (`"True"`), or a public key or
      certificate. A credential that a service issued and the code only sends
      (`aws_access_key_id=`, `aws_secret_access_key=`, `client_secret=`, `Authorization`) is
      no secret either when it is a metasyntactic word (`'foo'`, `'bar'`) or a fill-in that
      says what goes there (credential words in capitals, `client_secret = "PASSWORD"`, or the
      field's own name written out, `consumer_secret = 'Consumer secret'`): no provider issues
      one, so it is a placeholder (botocore builds a client that only renders documentation
      so); a key the code signs or verifies with (`SECRET_KEY`, `JWT_SECRET`, the key of
      `jwt.encode`) is the key whatever it says, `"foo"` included. Given to a signing or
      verifying call itself, only a template, a path, a URL or a public key is no key: a name
      there (`jwt.encode(payload, "JWT_SECRET")`, `"secret_key"`) is what the code signs with;
    - a literal fallback for a secret: `os.getenv("SECRET_KEY", "dev-key")`,
      `os.environ.get("API_TOKEN") or "…"` (the fallback is the secret wherever the variable
      is unset); under a name that only mentions a token (`JWT_EXPIRES_IN`,
      `CONTEXT_COMPACTION_TOKEN_THRESHOLD`), a count, a lifetime, a flag or JWS algorithm
      names (`"8192"`, `"4w"`, `"1h"`, `"True"`, `"HS256,RS256"`) is the setting's value, not a
      token, and a name that says what about a token it holds (`JWT_AUTH_ALGORITHMS`,
      `TOKEN_ISSUERS`, `JWT_AUDIENCES`) holds no token at all; under a key's name
      (`os.getenv("JWT_SECRET_KEY", "123456")`) it is the key;
    - a literal default of a parameter with a password-like name (`def connect(url,
      secret="posonly")`): the default is the secret of every caller that passes none, as an
      environment variable's fallback is; any literal but an empty one, a placeholder, a
      reference, a count or lifetime, or one with a line break (no credential has one);
    - a random-looking literal given to a credential name: assigned (`API_KEY = "…"`,
      `self.accessToken = "…"`, `config["api_key"] = "…"`), passed as a keyword
      (`Client(token="…")`), stored under a dict key (`{"api_key": "…"}`,
      `{"Authorization": "Bearer …"}`), a parameter default, or compared with (`token == "…"`:
      a comparison with `"null"`, `"None"` or `"1\\n2"` checks a sentinel);
      under a password-like name (`secret`, `token`, `password`, `api_key`), a short literal
      mixing letters and digits too (`"s3cr3t"`), but not a word with a number (`postgres123`);
    - a random-looking literal of 20 or more characters (not a UUID) under the name of a kind of
      key that is secret (`ENCRYPTION_KEY`, `SIGNING_KEY`, `MASTER_KEY`, `CLIENT_KEY`,
      `workspaceKey`...; not `PUBLIC_KEY`, `SITE_KEY`, `CACHE_KEY`);
    - a random-looking literal given to an auth object: `BearerTokenAuth("…")`,
      `HTTPBasicAuth("user", "…")`.

    "Random-looking" means at least 12 characters, no spaces, letters mixed with digits (or
    both cases, as in base64) and at least 3 bits of entropy per character; URLs, paths,
    identifiers (`access_token`, `OAUTH2_TOKEN`), class names (`V1LocalObjectReference`, the
    type map of an OpenAPI model) and placeholders (`changeme`, `<token>`,
    `your-token-here`, `${VAR}`, `xxxx`, AWS's `…EXAMPLE`) are not secrets. Names that mention a
    token but hold none (`next_token`, `NextToken`, `token_type`, `TOKEN_URL`, `*_PREFIX`,
    `token_endpoint`, a reference to a secret: `secret_ref`) are not credential names.

    Not reported: a value under an OpenAPI `example` / `examples` key (documentation of a
    format), and settings about what is done to a password (`reset_password`: a rate limit, a
    URL name). The message names the variable or the format, never the value; code frames
    redact it.

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

    In test files (`test_*.py`, `*_test.py`, `tests.py`, `conftest.py`, files under a `tests/`
    or `test/` directory), a literal that only passes the shape gate, a literal in a key
    position, a JWT, a GitHub App token (`ghs_`, `ghu_`: one to eight hours, recorded replay
    data there) and an AWS access key id (an id signs nothing; its secret, beside it, is test
    data by shape) are taken for test data; the other known token formats (GitHub personal and
    OAuth tokens, Slack, Anthropic, OpenAI, Stripe, Google) are still reported there, as a live
    key leaks from a test as easily as from any other file. The same holds in the files that
    build documentation: Sphinx's `conf.py` and the Django settings autodoc imports
    (`docs/conf.py`, `docs/settings.py`, `docs/source/conf.py`), which deploy nothing; example
    code elsewhere under `docs/` is checked as any code, as users copy it.

    ## Options
    - `check-test-data` (bool, default false): report test data (shape-only literals, weak keys,
      JWTs, GitHub App tokens, AWS key ids) in test files and documentation builds too.

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
        "check-test-data": RuleOption(
            False, bool, "report test data (random-looking literals, weak keys, JWTs, GitHub App tokens, AWS key "
                         "ids) in test files and documentation builds too"),
    }
    words = (
        "token", "bearer", "jwt", "api_key", "apikey", "secret", "credential", "password", "passwd",
        "authorization", *FORMAT_WORDS, *KEY_WORDS, *AUTH_CLASS_WORDS,
    )
    # in test files only the long-lived formats are reported (unless `check-test-data`)
    test_data_words = LONG_LIVED_FORMAT_WORDS

    def __init__(self, context: FileContext, options: Mapping[str, Any]) -> None:
        super().__init__(context, options)
        self._reported: Set[int] = set()
        self._inner: Set[int] = set()  # concatenations inside another one (read with it)
        path = context.path.replace("\\", "/")
        self._in_tests = not self.opt("check-test-data") and (self.context.is_test_code() or bool(_DOCS_BUILD_FILE.search(path)))

    def _test_data(self, found: Optional[str]) -> bool:
        """In a test file or a documentation build, a literal only shaped like a secret (or in a
        key position), a JWT, a GitHub App token or an AWS key id is test data."""
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
        if node.keyword is not None and node.keyword.value.lower() in _DOCUMENTATION_KEYS:
            self._documentation(node.value)
        elif node.keyword is not None:
            self._named(node.keyword.value, node.value)

    def visit_Call(self, node: cst.Call) -> None:
        if _AUTH_CLASS.search(leaf_name(node)):
            self._auth_object(node)
            return
        if self._env_fallback(node):
            return
        # a literal signing / verification key given to a JWT library (CWE-321): a key
        # position, where any literal is a secret, also through a name
        jc = jwt_call(self.context, node) if leaf_name(node) in self.context.catalogue.leaf_names else None
        key = jc.args.get("key") if jc is not None else None
        if jc is not None and jc.api.role != ENCODE and algorithm_families(jc.value(jc.api.algorithms)) == {"public-key"}:
            key = None  # a verification key for RS / ES / PS algorithms is public
        if isinstance(key, cst.BaseExpression):
            found = self._literal_behind(key)
            if found is not None and not is_template(found[1]) and not is_location(found[1]):
                if not self._test_data(known_format(found[1])):
                    self._report(found[0], f"a hard-coded key is given to {jc.callee}; load it from the environment "
                                           f"or a secret store")

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        """`os.environ.get("SECRET_KEY") or "dev-key"`: a literal fallback for a secret."""
        if isinstance(node.operator, cst.Or) and isinstance(node.left, cst.Call):
            self._fallback(node.left, node.right)

    def _env_fallback(self, node: cst.Call) -> bool:
        """`os.getenv("SECRET_KEY", "dev-key")`: the default is the secret wherever the variable
        is unset, in production too."""
        default = next((a.value for a in node.args if a.keyword and a.keyword.value == "default"), None)
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        if default is None and len(positional) > 1:
            default = positional[1]
        return default is not None and self._fallback(node, default)

    def _fallback(self, read: cst.Call, default: cst.BaseExpression) -> bool:
        name = env_var_name(self.context, read, self.context.facts())
        text = string_literal(default)
        if name is None or text is None or is_template(text) or is_reference(text):
            return False
        if not is_key_position(name) and (not is_token_name(name) or is_setting_value(text)):
            return False  # a count or a lifetime (`JWT_EXPIRES_IN`: "4w") under a name with a token in it
        if self._test_data(known_format(text)):
            return False
        self._report(default, f"a hard-coded fallback for `{name}`: it is the secret wherever the variable is "
                              f"unset; fail instead, or load it from a secret store")
        return True

    def _literal_behind(
        self, expr: cst.BaseExpression, depth: int = 0, flow: Optional[FunctionFlow] = None
    ) -> Optional["tuple[cst.BaseExpression, str]"]:
        """The string (or bytes) literal an expression holds: itself, a constant or local it is
        read through (`KEY = "secret"`), one element of a tuple unpacked into it, `b"..."`, a
        parameter's default, and `self.key` set by `__init__` from a parameter, through the
        calls of the class in the module (`CookieModel(name, cookie_key)` in a constructor
        whose `cookie_key: str = "some_key"`)."""
        if depth > 6:
            return None
        text = string_literal(expr)
        if text is not None:
            return expr, text
        flow = flow or self.flow()
        if isinstance(expr, cst.Call) and leaf_name(expr) == "encode" and isinstance(expr.func, cst.Attribute):
            return self._literal_behind(expr.func.value, depth + 1, flow)  # "secret".encode()
        if isinstance(expr, cst.Attribute) and flow.owner is not None and flow.is_self(expr.value):
            writes = flow.module.attribute_writes(flow.owner, expr.attr.value)
            if len(writes) == 1 and writes[0][0] is not None:
                return self._literal_behind(writes[0][1], depth + 1, flow.module.flow(writes[0][0]))
            return None
        if not isinstance(expr, cst.Name):
            return None
        if expr.value in flow.facts.params and not flow.facts.bindings.get(expr.value) \
                and isinstance(flow.scope, cst.FunctionDef):
            return self._passed(flow, expr.value, depth)
        if flow.facts.is_local(expr.value) and not isinstance(flow.scope, cst.Module):
            for binding in flow.reaching(expr.value, expr)[:1]:
                if binding.value is not None:
                    return self._literal_behind(binding.value, depth + 1, flow)
                return self._unpacked(expr.value, binding, depth)
            return None
        module = flow.module.module_flow()
        bindings = module.facts.bindings.get(expr.value, ())
        if len(bindings) != 1:
            return None
        if bindings[0].value is not None:
            return self._literal_behind(bindings[0].value, depth + 1)
        return self._unpacked(expr.value, bindings[0], depth)

    def _passed(self, flow: FunctionFlow, name: str, depth: int) -> Optional["tuple[cst.BaseExpression, str]"]:
        """A parameter's literal default; for a constructor's parameter without one, what a
        call of the class in the module passes it."""
        default = flow.facts.params.get(name)
        if default is not None:
            found = self._literal_behind(default, depth + 1, flow)
            return found if found is not None and found[1] else None  # `key=""`: none configured
        function = flow.scope
        if not isinstance(function, cst.FunctionDef) or function.name.value != "__init__" or flow.owner is None:
            return None
        module = flow.module
        class_name = flow.owner.name.value
        for scope in [self.context.module, *module.every_function()]:
            caller = module.flow(scope)
            for call in caller.facts.own_calls:
                if isinstance(call.func, cst.Name) and call.func.value == class_name and not caller.facts.is_local(class_name):
                    passed = bind_target((function, flow.owner), call.args).get(name)
                    found = self._literal_behind(passed, depth + 1, caller) if passed is not None else None
                    if found is not None:
                        return found
        return None

    def _unpacked(self, name: str, binding: Any, depth: int) -> Optional["tuple[cst.BaseExpression, str]"]:
        """`KEY, ALGORITHM = "secret", "HS256"`: the element of the tuple that lands in `name`."""
        source, at = binding.unpacked_from, binding.at
        if not isinstance(source, (cst.Tuple, cst.List)) or not isinstance(at, cst.Assign) or len(at.targets) != 1:
            return None
        target = at.targets[0].target
        if not isinstance(target, (cst.Tuple, cst.List)) or len(target.elements) != len(source.elements):
            return None
        for element, value in zip(target.elements, source.elements):
            if isinstance(element.value, cst.Name) and element.value.value == name:
                return self._literal_behind(value.value, depth + 1)
        return None

    def _auth_object(self, node: cst.Call) -> None:
        """`BearerTokenAuth("…")`: the secret is the last positional argument."""
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        text = string_literal(positional[-1]) if positional else None
        if text is not None and secret_value(text) and not self._test_data(known_format(text)):
            self._report(positional[-1], f"a hard-coded credential is given to {leaf_name(node)}(); load it from the "
                         "environment or a secret store")

    def visit_Param(self, node: cst.Param) -> None:
        if node.default is None:
            return
        name = node.name.value
        if is_token_name(name) and _PASSWORD_LIKE.search(snake_case(name)) and not is_key_position(name):
            self._default(name, node.default)
        else:
            self._named(name, node.default)

    def _default(self, name: str, value: cst.BaseExpression) -> None:
        """`def connect(secret="posonly")`: the default is the secret of every caller that passes
        none, as an environment variable's fallback is; any literal but a placeholder, a
        reference, a setting's value or a value with a line break in it (no credential has one)."""
        text = string_literal(value)
        if text is None or is_template(text) or is_reference(text) or is_setting_value(text):
            return
        if any(c in text for c in "\r\n\t\0") or is_placeholder(without_scheme(text)):
            return
        found = known_format(text)
        if self._test_data(found):
            return
        what = _article(found) if found else "a credential"
        self._report(value, f"{what} is hard-coded as the default of `{name}`; require the caller to pass it, or "
                            f"load it from the environment or a secret store")

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = string_literal(node.key)
        if key is not None and key.lower() in _DOCUMENTATION_KEYS:
            self._documentation(node.value)
        elif key is not None:
            self._named(key, node.value)

    def _documentation(self, value: cst.BaseExpression) -> None:
        """An OpenAPI `example` / `examples`: documentation of a format, which grants nothing."""
        def visit(node: cst.CSTNode) -> bool:
            if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
                self._reported.add(id(node))
            return True

        walk(value, visit)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if len(node.comparisons) != 1 or not isinstance(node.comparisons[0].operator, (cst.Equal, cst.NotEqual)):
            return
        left, right = node.left, node.comparisons[0].comparator
        if string_literal(left) is not None:
            left, right = right, left
        self._named(_target_name(left) if isinstance(left, (cst.Name, cst.Attribute)) else None, right)

    def _named(self, name: Optional[str], value: cst.BaseExpression) -> None:
        if name is None or self._enum_label(value):
            return
        if is_key_position(name) or name.lower() in ("authorization", "proxy-authorization"):
            self._key_position(name, value)
            return
        text = string_literal(value)
        if text is None or is_template(text) or is_reference(text):
            return  # `"M2mTokens": ".getm2mtokensop"`: where the name is defined, no secret
        if _NAMES_A_CREDENTIAL.search(text) and not known_format(text):
            return  # `"oauth2client:secrets#ns"`: a namespace or label naming secrets, not one
        credential_name = is_token_name(name)
        weak = credential_name and _PASSWORD_LIKE.search(snake_case(name)) and weak_secret(text)
        if not (secret_value(text) or weak if credential_name else _key_name(name) and _strong_secret(text)):
            return
        found = known_format(text)
        if self._test_data(found):
            return
        what = _article(found) if found else "a credential literal"
        self._report(value, f"{what} is hard-coded in `{name}`; load it from the environment or a secret store")

    def _enum_label(self, value: cst.BaseExpression) -> bool:
        """`MACHINE_SECRET_KEY = "machine_secret_key"` in the body of an `Enum` (or Django
        `TextChoices`): the member's value labels a kind of thing, it keys nothing. A value in a
        known token format is a token wherever it is written."""
        text = string_literal(value)
        if text is None or known_format(text):
            return False
        owner = next((s for s in reversed(self.context.statement_stack) if isinstance(s, (cst.ClassDef, cst.FunctionDef))), None)
        return isinstance(owner, cst.ClassDef) and any(
            (dotted_name(base.value) or "").endswith(("Enum", "Flag", "Choices")) for base in owner.bases
        )

    def _key_position(self, name: str, value: cst.BaseExpression) -> None:
        """`SECRET_KEY = "dev"`, `client_secret="..."`, `aws_secret_access_key=SECRET`,
        `{"Authorization": "Bearer abc"}`: any literal but a template placeholder, also read
        through a constant or a local."""
        found = self._literal_behind(value)
        if found is None or self._enum_label(value):
            return
        literal, text = found
        if is_template(text) or is_reference(text) or self._test_data(known_format(text)):
            return
        issued = _ISSUED_CREDENTIAL.search(snake_case(name).replace("-", "_"))
        if issued and (is_metasyntactic(without_scheme(text)) or names_its_field(text, snake_case(name))):
            return  # `aws_secret_access_key='bar'`, `client_secret="PASSWORD"`: no service issued it
        kind = known_format(text)
        what = _article(kind) if kind else "a hard-coded secret"
        self._report(literal, f"{what} is given to `{name}`; load it from the environment or a secret store")

    # -- a literal in a known token format, wherever it is ------------------------------------
    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._formatted(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        if id(node) in self._inner:
            return  # the rest of a concatenation already read whole (else quadratic in its parts)
        right = node.right
        while isinstance(right, cst.ConcatenatedString):
            self._inner.add(id(right))
            right = right.right
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
        reported = node
        while isinstance(node, cst.ConcatenatedString):  # every part, down the nested chain
            self._reported.update(id(part) for part in (node.left, node.right))
            node = node.right
        self.report(reported, message)
