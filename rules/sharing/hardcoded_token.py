from __future__ import annotations

from typing import Any, ClassVar, Dict, List, Mapping, Optional, Tuple

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.hardcoded_literals import (
    Found, HardcodedLiterals, field_defaults, parameter_defaults, local_server, published_pair, unsigned_client, test_config_class,
)
from nhilint.analysis.imports import leaf_name
from nhilint.analysis.secret_names import AUTH_CLASS, SECRET_WORDS, comparison_sides, key_position, password_parameter, target_name
from nhilint.context import FileContext
from nhilint.rule import Rule, RuleOption
from nhilint.secret_formats import LONG_LIVED_FORMAT_WORDS

_LOAD = "load it from the environment or a secret store"
_FORMATTED = "{what} is hard-coded; " + _LOAD
# an application's own key outside settings (nhilint.analysis.hardcoded_literals.shipped_app_credential)
_SHIPPED = (" (unless it is the key of an app whose every copy holds it, a public client's: an API client's, "
            "a plugin's, a command-line tool's)")
# a key of an example's settings (nhilint.analysis.hardcoded_literals.in_example_settings)
_EXAMPLE = " (an example's settings: a deployment copied from them signs with this published key)"
_FALLBACK = "a hard-coded fallback for `{where}`: it is the secret wherever the variable is unset; fail instead, or load it from a secret store"


class HardcodedToken(Rule):
    """
    ## What it does
    Finds credentials written into the source:

    - a literal in a known token format anywhere: GitHub (`ghp_…`, `github_pat_…`, App tokens
      `ghs_…`), Slack (`xoxb-…`), AWS access key ids (`AKIA…`), Anthropic (`sk-ant-api03-…`),
      OpenAI (`sk-…`), Stripe live keys (`sk_live_…`), Google API keys (`AIza…`), a three-part
      JWT (`eyJ….eyJ….…`; not one whose signature part is a word or nothing, `….signature`,
      as API documentation writes an example token); an `sk-ant-` literal is never OpenAI's, and one shorter than
      Anthropic's keys (`sk-ant-oat01-MINTED-SECRET`) is a made-up value;
    - any literal in a key position, however weak (a weak one is the first an attacker tries):
      the key of a JWT library call (`jwt.encode(payload, "secret", algorithm="HS256")`, a
      `jwt.decode` with an HMAC key; not one whose signature check is off, which never uses
      its key: NHL102 judges that decode), settings and arguments whose role is a secret key
      (`SECRET_KEY = "dev"`, `JWT_SECRET_KEY`, Flask's `app.config["SECRET_KEY"]` and
      `app.config.update(...)`, `client_secret=`, `aws_secret_access_key=`,
      `aws_access_key_id=`, `*_CLIENT_SECRET`, `*_SIGNING_KEY`; not a text about one, named
      so first: `ERR_CLIENT_SECRET`, `MSG_`, `HELP_`, `LABEL_`, nor the id a secret store
      keeps one under, `secret_id_gsuite_client_secret` (AWS Secrets Manager's SecretId), nor an action's flag,
      `params["reset_secret_key"] = "1"`, `rotate_`, `revoke_`), and an `Authorization`
      header's value (`"Bearer letmein"`; not a text of several lines, which no header's value
      holds: a documentation section keyed `authorization`; nor a scheme whose every parameter
      is a flag, `'Handle clientCert="true"'`: the Handle System's word that the TLS client
      certificate is the credential, while `sessionId="..."` beside it is reported; nor the name of the header a field
      is sent in, `{"encryption_key": "Encryption-Key"}`, while `"secret-key"` is the key; nor
      a message naming its field, `errors["issuer_encryption_key"] = "issuer_encryption_key must
      be 33 bytes"`, nor
      a variable's name with a placeholder for its prefix, `"{}_SECRET_ACCESS_KEY"`, nor a marker
      named like a dunder, `"__internal_call__"`); also when the literal reaches the key position
      through a neutrally named constant, a local, one element of a tuple unpacked into it, a
      parameter's default, `self.key` set by `__init__` from a parameter the module's calls of
      the class fill with another parameter's default (`Authenticate(cookie_key="some_key")`
      handing it to `CookieModel(name, cookie_key)`, whose method signs with
      `self.cookie_key`), or as bytes (reported where the literal is written; an empty default,
      `key=""`, configures none and is not reported). Only template placeholders are no
      secret there: `<…>` (also with its `>` forgotten, `<secret_for_updates`), `${…}`, `{{…}}`, `%(…)s`, `$VAR`, all-`x` or all-`*` masks, all zeros (`0x0000…`, hCaptcha's published test secret), a negative number (`secret_key="-1"`, a sentinel the client tests for "no key
      set"), a redaction marker (`XXXX-MASKED-XXXX`,
      `***REDACTED***`, `[hidden]`), a format's beginning with the rest elided (`"nsec..."`,
      `"sk-…"`: eight characters at most before the dots; a longer value cut off so may be a
      real key's first part, and is reported), a value
      asking to be filled in (`YOUR-SECRETACCESSKEY`, `your_api_key`) or calling itself a
      placeholder (`"placeholder"` in the Authorization slot a refresh hook fills) or saying,
      whole, that it is yet to be decided (`"tbd"`, `"todo"`, `"fixme"`: a configuration
      template a deploy hook fills; `"tbd2024"` is a weak secret, reported), the anonymous FTP
      login's password (`"anonymous"`, `"anonymous@..."`: RFC 1635's convention, which ftplib
      itself sends), an NTLM
      NEGOTIATE message (`NTLM TlRMTVNTUAAB...`: the handshake's first message, type 1, asks for
      the server's challenge and carries no user's secret; checked by decoding it), a regular
      expression's source (a secret scanner's `secret_key = r"(?P<secret_key>[A-Za-z0-9+/]{10,})"`:
      a group with options or a repeated character class, neither of which keys are drawn
      from; Django's `!@#$%^&*(-_=+)` alphabet holds no `[` or `?`), AWS's
      `…EXAMPLE` keys, a token format's prefix followed by words (`sk-CANARY-SECRET-DO-NOT-EXPOSE-12345`,
      `sk-should-survive-absence`, lowercase words alone, `xoxo-somethingelse`: a test's canary;
      an issued key's random part mixes letters and digits) or by a run of 8 characters
      counting up (`sk-1234567890abcdefghij`: typed, not drawn; also its letters, or its
      digits, counting up in turns, `ghp_A1b2C3d4E5f6...`, a secret scanner's fake key; or
      whose first part is a short number typed counting up, `xoxb-1234-1234-…`, apprise's
      documented example: Slack's team and bot ids run to 10 digits and more), a provider's published test keys (RFC 6238's
      and RFC 4226's OTP test key, base32 or hex of "12345678901234567890", and any base32 or
      hex of a text typed counting up; reCAPTCHA's test site key and
      secret, hCaptcha's test site key and response token, Cloudflare Turnstile's dummy
      secrets: documented, public, no account behind them), a scheme with nothing after it (`"Authorization": "Bearer"`: an
      anonymous request asking for the server's challenge) or with a null word
      (`"Bearer null"`: what a logged-out frontend sends), an enum member's value (`class
      ObjectKind(str, Enum): MACHINE_SECRET_KEY = "machine_secret_key"`: it labels a kind of
      object; so does a plain class whose every constant, three at least, is its own name
      written out, `CACHE_NAME = "cachename"`, `SECRET_KEY = "secretkey"`: a table of names; a
      value in a known token format stays reported), a lowercase word the module also sets
      an attribute named for no credential to (`self.authorization = "standalone"` beside
      `self.current_execution_id = "standalone"`, and `self.authorization == "standalone"`:
      an SDK's mode for a run outside its platform; not an attribute whose name may be a
      credential's however spelled, `_pass`, `secrete`), or lists among a command-line option's
      choices (`credentials = "ec2instance"` for `--credentials` of `click.Choice(["ec2instance",
      "profile", "keys"])`, argparse's `choices=`), or names how the credential is kept at
      rest under a setting named for its storage (`store_token="plain"`,
      `store_client_secret="hashed"`; a shop's drawn `store_api_key` is a key); a word no other
      attribute takes and no option offers, or one two credential names share, stays reported; under a name that is not a key
      position, neither is a literal that spells out what kind of secret it is about as a word
      of its own (`"oauth2client:secrets#ns"`, a cache namespace); nor is a reference to where the
      secret lives (a path, a URL, a `.pem` file name, the HTTP header that carries it,
      `"x-oss-meta-client-side-encryption-key"`, a relative module path: a generated
      SDK's lazy-import map, `{"ClientSigningKey": ".types"}`, a relative API route of words
      between slashes, a client's table of endpoints, `{"encryption_key":
      "customer/fetchApiEncKey"}` (a compound word among them, or three words; no digit), a token format's prefix alone,
      ending in its separator (`{"oauth_client_secret": "gcs_"}`: a table of the prefixes a
      library puts before the part it draws), the name of its environment variable or setting: `"AZURE_CLIENT_SECRET"`, the
      field or config key that holds it, an identifier made of credential words only:
      `"private_key"`, `"AWSSecretKey"`, `"oauth.client_secret"`; but `"dev_secret_key"` has a
      word of its own and is a weak key; a module constant holding an entry's name in words,
      `APP_SECRET = "svc_app_secret"`, whose every read in its module is that entry's key,
      `settings[APP_SECRET]`, `config.get(APP_SECRET)`, `getattr(options, APP_SECRET)`,
      `{APP_SECRET: value}`, `APP_SECRET in settings`: an SDK's table of its settings' keys;
      read any other way too, signed with, passed, returned, it is reported), a flag's value (`"True"`), or a public key or
      certificate. A credential that a service issued and the code only sends
      (`aws_access_key_id=`, `aws_secret_access_key=`, `client_secret=`, `Authorization`) is
      no secret either when it is a metasyntactic word (`'foo'`, `'bar'`), a stand-in word
      (`'dummy'`, `'fake'`, `'mock'`, `'test'`: a local emulator's any-key, LocalStack's
      documented `"test"` / `"test"`) or a fill-in that
      says what goes there (credential words in capitals, `client_secret = "PASSWORD"`, or the
      field's own name written out, `consumer_secret = 'Consumer secret'`, or a phrase of
      words naming it, `client_secret = "IDP Provided Secret"`, or a stand-in word before
      the field's name or its last words, `"dummy_client_secret"`, `"test-secret"`, also as an
      environment variable's fallback, `os.environ.get("OIDC_CLIENT_SECRET",
      "dummy_client_secret")`): no provider issues
      one, so it is a placeholder (botocore builds a client that only renders documentation
      so); nor is an application secret written as the very value of the public id beside it,
      as defaults of one function or keywords of one call (`client_id="feedlydev",
      client_secret="feedlydev"`: the pair a provider publishes for everyone; `app_secret` /
      `app_id`, `consumer_secret` / `consumer_key` alike); a key the code signs or verifies
      with (`SECRET_KEY`, `JWT_SECRET`, the key of `jwt.encode`) is the key whatever it
      says, `"foo"` included. Given to a signing or verifying call itself, only a template, a
      path, a URL or a public key is no key: a name there (`jwt.encode(payload,
      "JWT_SECRET")`, `"secret_key"`) is what the code signs with;
    - a literal fallback for a secret: `os.getenv("SECRET_KEY", "dev-key")`,
      `os.environ.get("API_TOKEN") or "…"` (the fallback is the secret wherever the variable
      is unset; the variable also named by an UPPER_CASE constant the module cannot read,
      `os.environ.get(ConfigKey.SECRET_KEY)`, by the constant's own name; the fallback also
      read through a constant or local, `os.getenv("TOTP_SECRET", DEFAULT_TOTP_SECRET)`,
      reported where its literal is written, once; not a fallback bound to a name that says it
      holds a file, a path or an identifier, `profile_file = os.getenv("API_KEY",
      "credentials")`: the variable is read for where the key lives; nor one the code replaces
      with a key drawn for the process whenever it is still in place, `if not DEBUG and key ==
      DEV_SECRET: key = secrets.token_hex(32)`, the test itself no credential compared with a
      literal; a fallback the code only warns about stays reported); under a name that only mentions a token (`JWT_EXPIRES_IN`,
      `CONTEXT_COMPACTION_TOKEN_THRESHOLD`), a count, a lifetime, a flag or JWS algorithm
      names (`"8192"`, `"4w"`, `"1h"`, `"True"`, `"HS256,RS256"`) is the setting's value, not a
      token, words saying they are for show (`"demo_access_token"`, `"dummy-api-key"`) are
      no token a service issued, and a name that says what about a token it holds (`JWT_AUTH_ALGORITHMS`,
      `TOKEN_ISSUERS`, `JWT_AUDIENCES`, `TOKEN_EMAIL_DOMAIN`; a cryptocurrency token's mint or
      contract address, `token_mint`, `token_address`, public on-chain data however random it
      looks; in a module whose text speaks of a blockchain's coins, Solana's `lamports`, a
      `token_mint`, an ERC-20, a name whose only credential word is `token`, `test_token`)
      holds no token at all; under a key's name
      (`os.getenv("JWT_SECRET_KEY", "123456")`) it is the key;
    - a literal default of a parameter with a password-like name (`def connect(url,
      secret="posonly")`): the default is the secret of every caller that passes none, as an
      environment variable's fallback is; any literal but an empty one, a placeholder, a
      reference, a count or lifetime, or one with a line break (no credential has one), or a
      word of the parameter's own name that is no credential's (`upgrade_token="upgrades"`:
      the name of a template's slot; `password="password"` is reported), or the name of a
      field holding no credential (`token="csrf_token"`: a form field's; `token="my_api_token"`
      names a credential and is reported);
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
    identifiers (`access_token`, `OAUTH2_TOKEN`, dotted names, also ending in the wildcard
    `.*`: Synology's `"SYNO.DownloadStation.*"`, or in a version, `#1`: Steam's unified message
    names, `"Ticketing.MintAccessTokenForApp#1"`), class names (`V1LocalObjectReference`, the
    type map of an OpenAPI model), the alphabet random secrets are drawn from, written out
    (`SECRET_ALLOWED_CHARS = "ABC…XYZabc…xyz0123456789-._~"`: a run of 8 or more characters
    counting up, which a drawn value almost never holds) and placeholders (`changeme`, `<token>`,
    `your-token-here`, `${VAR}`, `xxxx`, AWS's `…EXAMPLE`) are not secrets. Names that mention a
    token but hold none (`next_token`, `NextToken`, `token_type`, `TOKEN_URL`, `*_PREFIX`,
    `token_endpoint`, a reference to a secret: `secret_ref`) are not credential names.

    Not reported: a value under an OpenAPI `example` / `examples` key (documentation of a
    format), the values of a dict whose every value is a place a parameter is sent (an
    OpenAPI-generated client's location map, `{"token": "form", "client_secret": "form"}`: `form`,
    `query`, `header`, `path`, `cookie`, `body`), or a type's name (a generated model's
    type map, `deserialized_types = {"client_secret": "str", "scopes": "list[str]"}`), or a display style (a table's column styles,
    `{"Name": "cyan", "PrivateKey": "magenta"}`: colour and style words, hex colours), the keys given to a client pointed at a server on
    this machine (`OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")`, also written
    in a mapping beside its address, `{"AWS_ENDPOINT_URL": "http://localhost:9000",
    "AWS_SECRET_ACCESS_KEY": "minioadmin"}`: a local emulator's published defaults, and as an
    environment variable's defaults: a local model server takes any key, and the library asks
    for one; also as parameter defaults beside a default address on this machine, `def
    __init__(self, url="http://localhost", user="Admin", password="zabbix")`: a product's
    factory login, as its own client library writes it, and as the fields of a settings class,
    `url = Field(default_factory=lambda: os.getenv("REPO_URL", "http://localhost:8080"))` beside
    `password = Field(default_factory=lambda: os.getenv("REPO_PASSWORD", "admin"))`; a known
    token format is reported there too), the keys given to a botocore client that signs
    nothing (`session.client(..., aws_secret_access_key="vault-managed",
    config=Config(signature_version=UNSIGNED))`: botocore sends no Authorization header,
    checked with botocore 1.44.18; a hook or a proxy authorizes the requests), and settings about what is done to a password
    (`reset_password`: a rate limit, a URL name). The message names the variable or the format, never the value; code frames
    redact it.

    Low confidence, saying why: an application's own credential (`API_KEY`, `APP_SECRET`,
    `FORD_APP_KEY`, `OAUTH_CLIENT_SECRET`, `consumer_key`) in no known token format, written
    in a module that is not a settings module (`settings.py`, `config.py`, `conf.py`). An API
    client, a plugin or a command-line tool sends such a key as the app it is (a vendor's
    mobile app key, a developer's key shipped so the tool works out of the box), and every
    copy of the code holds it; a deployment's own key looks the same, and the code cannot
    tell them apart (over fifteen held-out studies, such keys were judged debatable, none
    real). A user's token or password, a signing key, a key in a settings module and a known
    token format keep the rule's confidence.

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

    In test files (`test_*.py`, `*_test.py`, `tests.py`, `testing.py`, `conftest.py`, files
    under a `tests/`, `test/`, `testing/`, `tests_*/` or `test_<package>/` directory (or
    `testproject/`, `testapp/`, `testsite/`; or one named for a kind of tests,
    `functionaltests/`, `integration_tests/`), a package's CI settings, `ci_settings.py`, a
    reusable Django app's tooling script that configures Django in place only to write its
    migrations or run its tests, `settings.configure(...)` then `call_command("makemigrations")`
    or `get_runner(settings)`; not a script that runs any command, `execute_from_command_line`),
    a literal that only passes the shape gate, a literal in a key
    position, a JWT, a GitHub App token (`ghs_`, `ghu_`: one to eight hours, recorded replay
    data there) and an AWS access key id (an id signs nothing; its secret, beside it, is test
    data by shape) are taken for test data; the other known token formats (GitHub personal and
    OAuth tokens, Slack, Anthropic, OpenAI, Stripe, Google) are still reported there, as a live
    key leaks from a test as easily as from any other file. The same holds in the files that
    build documentation: Sphinx's `conf.py` and the Django settings autodoc imports
    (`docs/conf.py`, `docs/settings.py`, `docs/source/conf.py`), which deploy nothing, and in
    the configuration class a test suite runs with (`class TestingConfig(Config):`, a class
    named `Test...Config`, or one setting Flask's `TESTING = True`), and in
    the scripts of example programs and demo projects (files under an `examples/`, `example/`,
    `demo/`, `demos/`, `samples/`, `sample/`, `sandbox/`, `quickstart/` or `tutorial/` directory, or a demo
    project or app named so, `exampleapp/`, `example_project/`, `demosite/`, `example_consumer/`, a
    demo package named after the package, `homematicip_demo/`, or a lone `example.py`,
    `examples.py`, `demo_login.py` beside the package): documentation, which
    runs no deployment; the key a script signs with (a PASETO key `"secret"`) is reported where
    a project copies it, in that project's own code (over held-out studies, 12 such findings
    were judged wrong, 1 debatable). An example's settings or configuration module
    (`settings.py`, `config.py`, `jupyterhub_config.py`) is what a deployment copied from it
    starts with: its keys are reported there (`SECRET_KEY = "dummy-secret-key"`), at low
    confidence and saying so, as many such projects are demos nobody deploys (over the held-out
    studies and the triage: 2 real, 4 wrong, 1 debatable), and only the password it logs in with
    is a placeholder its reader replaces (`PASSWORD = '$7r0nkP@s$w0rD'`). A key there that carries the
    `django-insecure-` prefix Django's `startproject` writes is not reported: it is the demo as
    generated, and Django's own deployment check (security.W009) warns of that prefix (in a
    project's own settings it is reported, as any key). Nor is a key, in no known token format,
    of a settings module that turns debugging on as written (`DEBUG = True` at its top, not
    read from the environment): a development configuration (a demo's, a test project's, a
    package's tooling), which a deployment replaces, and whose `DEBUG` Django's deployment
    check refuses (security.W018) as it refuses a weak key; over the held-out studies and the
    triage such keys were judged 11 wrong, 5 debatable and 2 real (django-allauth's runnable
    examples, whose copies would sign with the published key: the price of the choice). Nor is
    the `SECRET_KEY`, in no known token format, of a Django settings module with no web
    surface: one that lists `INSTALLED_APPS` without the sessions app and sets neither
    `ROOT_URLCONF` nor `MIDDLEWARE` (Django as the ORM and migration runner of a command-line
    tool): the key signs no cookie, session or link anyone sees; a settings module that
    routes requests, or takes the rest of its settings from another (`from .base import *`),
    keeps it reported. A literal on a line that carries bandit's `# nosec` (or on the first line
    of its statement, where bandit reads it: `TOKEN = (  # nosec B105` with the literal
    below; bare, or naming
    its hard-coded password checks B105, B106 or B107: `password = "topSekr3t"  # nosec B105 #
    used for testing`), or ruff's `# noqa` naming the same checks (S105, S106, S107), or a
    file with `# ruff: noqa: S107` on a line of its own (an in-process emulator's dummy
    default token), is test data too: its author reviewed the value and says so; and so is
    one under a name saying it is for show (`DEMO_TOKEN`: a provider's published demo account;
    `FAKE_API_KEY`, `dummy_secret`, `mock_password`, `placeholder_key`). A known token format is
    reported in all of these.

    ## Options
    - `check-test-data` (bool, default false): report test data (shape-only literals, weak keys,
      JWTs, GitHub App tokens, AWS key ids) in test files, documentation builds, example
      programs and on lines marked `# nosec`, too.

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
                         "ids) in test files, documentation builds and example programs, too"),
    }
    words = SECRET_WORDS
    # in test files only the long-lived formats are reported (unless `check-test-data`)
    test_data_words = LONG_LIVED_FORMAT_WORDS

    def __init__(self, context: FileContext, options: Mapping[str, Any]) -> None:
        super().__init__(context, options)
        self._literals = HardcodedLiterals(context, self.opt("check-test-data"))
        self._test_classes: List[bool] = []  # per class entered: is it a test suite's configuration?
        # the parameter lists and calls entered: the siblings of a parameter or keyword argument
        self._parameters: List[cst.Parameters] = []
        self._calls: List[cst.Call] = []
        self._call_keywords: Dict[int, Tuple[List[Tuple[str, cst.BaseExpression]], bool]] = {}

    def visit_Expr(self, node: cst.Expr) -> None:
        self._literals.documents(node.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._test_classes.append(test_config_class(node))
        self._literals.test_classes += self._test_classes[-1]
        fields = field_defaults(node)
        if local_server(fields):
            # `url = Field(default_factory=lambda: os.getenv("REPO_URL", "http://localhost:8080"))`
            # beside `password = ...getenv("REPO_PASSWORD", "admin")`: a settings class pointed by
            # default at a server on this machine, with the product's factory login
            for _, value in fields:
                self._literals.no_secrets_in(value, unless_known_format=True)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self._literals.test_classes -= self._test_classes.pop()

    # -- a literal under a credential name --------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._named(target_name(target.target), node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._named(target_name(node.target), node.value)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and not self._literals.example(node.keyword.value, node.value):
            pairs, local = self._keywords_of_call()
            if local:
                # `OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")`: a local
                # server's placeholder key, also as an environment variable's default; or the
                # keys of a botocore client that signs nothing (`signature_version=UNSIGNED`)
                self._literals.no_secrets_in(node.value, unless_known_format=True)
            elif not published_pair(node.keyword.value, node.value, pairs):
                self._named(node.keyword.value, node.value)

    def _keywords_of_call(self) -> Tuple[List[Tuple[str, cst.BaseExpression]], bool]:
        """The keywords of the call being read and whether its keys are placeholders (it points
        at a server on this machine, or signs nothing): worked out once per call, not once per
        keyword."""
        call = self._calls[-1] if self._calls else None
        found = self._call_keywords.get(id(call))
        if found is None:
            pairs = [(a.keyword.value, a.value) for a in (call.args if call is not None else ()) if a.keyword is not None]
            found = self._call_keywords[id(call)] = (pairs, local_server(pairs) or unsigned_client(pairs))
        return found

    def visit_Dict(self, node: cst.Dict) -> None:
        self._literals.parameter_locations(node)
        self._literals.display_styles(node)
        pairs = [(key, e.value) for e in node.elements if isinstance(e, cst.DictElement)
                 for key in (string_literal(e.key),) if key is not None]
        if local_server(pairs):
            # `env={"AWS_ENDPOINT_URL": "http://localhost:9000", "AWS_SECRET_ACCESS_KEY":
            # "minioadmin"}`: a local emulator's published default keys, beside its address
            for _, value in pairs:
                self._literals.no_secrets_in(value, unless_known_format=True)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = string_literal(node.key)
        if key is not None and not self._literals.example(key, node.value):
            self._named(key, node.value)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        sides = comparison_sides(node)
        if sides is not None and not self._literals.fallback_test(node):
            self._named(*sides)

    def visit_Parameters(self, node: cst.Parameters) -> None:
        self._parameters.append(node)

    def leave_Parameters(self, original_node: cst.Parameters) -> None:
        self._parameters.pop()

    def visit_Param(self, node: cst.Param) -> None:
        if node.default is not None and self._parameters and published_pair(
                node.name.value, node.default, parameter_defaults(self._parameters[-1])):
            return  # `client_id="feedlydev", client_secret="feedlydev"`: the provider's published pair
        if node.default is not None and self._parameters and self._local_defaults(self._parameters[-1]):
            # `def __init__(self, url="http://localhost", user="Admin", password="zabbix")`: a
            # client pointed by default at a server on this machine, with its factory login
            self._literals.no_secrets_in(node.default, unless_known_format=True)
            return
        if node.default is not None and password_parameter(node.name.value):
            if self._literals.storage_mode(node.default, node.name.value):
                return  # `store_token="plain"`: how the token is kept, a mode
            self._say(self._literals.default(node.name.value, node.default), "{what} is hard-coded as the default of "
                      "`{where}`; require the caller to pass it, or " + _LOAD, "a credential")
        elif node.default is not None:
            self._named(node.name.value, node.default)

    def _local_defaults(self, params: cst.Parameters) -> bool:
        """Whether a parameter list's defaults point a client at a server on this machine:
        worked out once per list, not once per parameter."""
        found = self._call_keywords.get(id(params))
        if found is None:
            pairs = list(parameter_defaults(params))
            found = self._call_keywords[id(params)] = (pairs, local_server(pairs))
        return found[1]

    def leave_Call(self, original_node: cst.Call) -> None:
        self._calls.pop()

    def visit_Call(self, node: cst.Call) -> None:
        self._calls.append(node)
        if AUTH_CLASS.search(leaf_name(node)):
            self._say(self._literals.auth_secret(node), "a hard-coded credential is given to {where}(); " + _LOAD)
        elif not self._say(self._literals.env_fallback(node), _FALLBACK):
            self._say(self._literals.jwt_key(node), "a hard-coded key is given to {where}; " + _LOAD)

    def visit_BooleanOperation(self, node: cst.BooleanOperation) -> None:
        """`os.environ.get("SECRET_KEY") or "dev-key"`: a literal fallback for a secret."""
        if isinstance(node.operator, cst.Or) and isinstance(node.left, cst.Call):
            self._say(self._literals.fallback(node.left, node.right), _FALLBACK)

    def _named(self, name: Optional[str], value: cst.BaseExpression) -> None:
        if name is None or self._literals.enum_label(value):
            return
        if key_position(name):
            found, message, otherwise = self._literals.key_given(name, value), "{what} is given to `{where}`; ", "a hard-coded secret"
        else:
            found, message, otherwise = self._literals.named(name, value), "{what} is hard-coded in `{where}`; ", "a credential literal"
        if found is not None and (self._literals.mode_word(value) or self._literals.storage_mode(value, name)):
            return  # a mode's word (asked of a literal found only: the module's words are read then)
        if found is not None:
            # imported when a literal is found, which few files have: not at every start
            from nhilint.analysis.lookup_keys import names_an_entry

            if names_an_entry(self.context, name, value):
                return  # `APP_SECRET = "svc_app_secret"` read only as `settings[APP_SECRET]`: an entry's name
        self._say(found, message + _LOAD, otherwise)

    # -- a literal in a known token format, wherever it is ------------------------------------
    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._say(self._literals.formatted(node), _FORMATTED)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        if self._literals.outer_concatenation(node):
            self._say(self._literals.formatted(node), _FORMATTED)

    def _say(self, found: Optional[Found], message: str, otherwise: str = "") -> bool:
        """Report a secret found (once per literal); whether one was found."""
        if found is not None and self._literals.claim(found.node):
            if self._literals.development_key(found):
                pass  # a demo's generated development key, which Django's own check refuses
            elif self._literals.headless_key(found):
                pass  # the key of a Django with no web surface: it signs nothing anyone sees
            elif self._literals.shipped_app_credential(found):
                self.report(found.node, message.format(what=found.what(otherwise), where=found.where) + _SHIPPED, "low")
            elif self._literals.in_example_settings(found):
                self.report(found.node, message.format(what=found.what(otherwise), where=found.where) + _EXAMPLE, "low")
            else:
                self.report(found.node, message.format(what=found.what(otherwise), where=found.where))
        return found is not None
