"""Which literal a visited node writes as a hard-coded secret (NHL301), each literal once: under a
credential name or in a key position (also read through names: `literal_behind`), as an
environment variable's fallback, a parameter's default, an auth object's argument, a JWT
library's key, or in a known token format anywhere; never in a docstring, an OpenAPI example or
an enum member's label, and in test files and documentation builds not what is test data there."""

from __future__ import annotations

import re
from typing import Any, Iterable, List, Optional, Set, Tuple

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.http import on_this_machine
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.jwt_calls import algorithm_families, jwt_call
from nhilint.analysis.names import env_var_name, is_token_name, names_password, names_plain_token, snake_case
from nhilint.analysis.syntax import default_argument, enum_base
from nhilint.catalogue.environment import ENV_READS
from nhilint.analysis.secret_names import (
    DOCUMENTATION_KEYS, article, issued_placeholder, secret_default, secret_fallback, secret_under_name,
)
from nhilint.catalogue.jwt import ENCODE
from nhilint.context import FileContext
from nhilint.flow.function import FunctionFlow
from nhilint.flow.sources import other_token_domain
from nhilint.flow.module import bind_target, module_flow
from nhilint.patterns import compiled_on_first_use
from nhilint.secret_formats import (
    is_location, is_reference, is_template, jwt_signature, known_format, names_its_field, secret_value,
)
from nhilint.walk import nodes_of, walk

# Formats whose literals in test files are test data: a JWT there is a signed fixture (its
# claims and signature are what the test checks), usually expired; a GitHub App token lives one
# to eight hours (in tests: recorded replay data, long expired); an AWS access key id names a key
# and signs nothing (its secret, beside it in a test, is test data by shape). Measured: 5 wrong
# findings in PyGithub's and hvac's tests.
# (their words: nhilint.secret_formats.TEST_DATA_FORMAT_WORDS)
_TEST_VECTOR_FORMATS = frozenset({"JWT", "GitHub App token", "AWS access key id"})
# Files that build documentation: Sphinx's `conf.py` and the settings module autodoc imports
# (`docs/settings.py`, `settings.configure(SECRET_KEY=...)` in `docs/conf.py`). Nothing they
# hold is deployed; their literals are documentation data, as a test's are test data.
_DOCS_BUILD_FILE = compiled_on_first_use(r"(^|/)docs?/(?:source/)?(?:conf|settings)\.py$")
# Example programs and demo projects shipped beside a package (`examples/basic.py`): a script
# there is documentation, as a test is test code; it runs no deployment, and the key it signs
# with (a PASETO key `"secret"`) is reported where a project copies it, in that project's own
# code. Measured over studies 10 to 21: 12 such findings judged wrong (fastapi-paseto's ten
# examples, an example app's NextAuth secret), 1 debatable. An example's settings or
# configuration module (`examples/react-spa/backend/settings.py`, `jupyterhub_config.py`) is
# what a deployment copied from it starts with: its keys are reported, at low confidence (over
# studies 10 to 26: 2 real, 4 wrong, 1 debatable), the password it logs in with is a
# placeholder its reader replaces (`PASSWORD =
# '$7r0nkP@s$w0rD'`). A known token format is reported anywhere (a live key leaks from an
# example as from anywhere).
_EXAMPLE_FILE = compiled_on_first_use(
    r"(^|/)(examples?|demos?|samples?|sandbox|quickstart|quick_start|tutorials?)/"
    # a demo project or app named so (`exampleapp/`, `example_project/`, `demosite/`,
    # `example_consumer/`: django-openid-auth's demo relying party)
    r"|(^|/)(examples?|demos?|samples?)_?(apps?|projects?|sites?)/"
    r"|(^|/)(examples?|demos?)_[a-z0-9]+/"
    # a package's demo or examples package named after it (`homematicip_demo/`: a fake cloud
    # server answering with made-up tokens, `pkg_examples/`)
    r"|(^|/)[a-z0-9]+_(examples?|demos?|samples?)/"
    # a lone example beside the package (`example.py`, `demo_login.py`: sanic-token-auth's)
    r"|(^|/)(examples?|demos?)(_\w+)?\.py$")
# what _EXAMPLE_FILE cannot match without
_EXAMPLE_WORDS = ("example", "demo", "sample", "sandbox", "quick", "tutorial")
_SETTINGS_FILE = compiled_on_first_use(r"(^|/|_)(settings|config|conf)(_\w+)?\.py$")
# a name saying the value is for show (`DEMO_TOKEN`: Tibber's published demo account, `FAKE_KEY`,
# `dummy_secret`): test data wherever it is written, as a test file's values are
_DEMO_NAME = compiled_on_first_use(r"(^|_)(demo|dummy|fake|mock|placeholder)($|_)")
# the credential an application presents as itself: `API_KEY`, `APP_SECRET`, `FORD_APP_KEY`,
# `OAUTH_CLIENT_SECRET`, `consumer_key` (not a user's token or password, nor a signing key)
_APP_CREDENTIAL = compiled_on_first_use(
    r"(^|_)(api_?key|apikey|app_?key|app_?secret|application_?(key|secret)|client_?secret|consumer_?(key|secret))$")

# a word a mode is named with (`standalone`, `local_only`, `ec2instance`): lowercase, maybe joined
_MODE_WORD = compiled_on_first_use(r"[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*")
# how a credential is kept at rest, under a setting named for its storage (`store_token="plain"`,
# `store_client_secret="hashed"`: kernia's options), a mode, not the credential
_STORAGE_MODES = frozenset({"plain", "plaintext", "hashed", "encrypted", "digest"})
_STORAGE_NAME = compiled_on_first_use(r"(^|_)(store|storage|stored|at_rest)(_|$)")
# parts of a name that may be a credential's, however spelled (`MyClass._pass`, `secrete`,
# `apiKeyValue`, `Authorization`, `X-Api-Key`): an attribute so named is no mode's holder
_CREDENTIAL_PARTS = ("pass", "pwd", "secret", "token", "key", "auth", "cred", "sign", "cookie", "session", "jwt",
                     "bearer")
# where an OpenAPI parameter goes (its `in`, and the generators' `form`, `formData`, `body`)
_PARAMETER_LOCATIONS = frozenset({"query", "header", "path", "cookie", "form", "formdata", "body"})
# a type's name, as a generated model's type map writes it: `str`, `int`, `list[str]`,
# `dict(str, int)`, `Optional[str]`, `datetime`, `ask_sdk_model.Scope` (dotted, no space)
_TYPE_NAME = compiled_on_first_use(
    r"(?:Optional\[)?(?:str|int|float|bool|bytes|object|date|datetime|decimal|file|none|"
    r"(?:list|dict|set|tuple|List|Dict)[\[(][\w.\[\](), ]{1,60}[\])])\]?")
# the words of a terminal or web display style (rich's `"bold magenta on white"`, colorama's and
# CSS's colour names): a table's column styles keyed by the column's name (`"PrivateKey":
# "magenta"`) say how the column looks
_STYLE_WORDS = frozenset({
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white", "grey", "gray", "orange",
    "purple", "pink", "brown", "gold", "violet", "navy", "teal", "olive", "maroon", "lime", "silver",
    "bold", "dim", "italic", "underline", "blink", "reverse", "strike", "conceal", "frame", "not", "on",
    "none", "default", "reset", "bright", "light", "dark",
})

# the prefix Django's `startproject` gives the key it generates (SECRET_KEY_INSECURE_PREFIX)
_DJANGO_DEVELOPMENT_KEY = "django-insecure-"

# bandit's mark of a reviewed line (`# nosec`, `# nosec B105`, `# nosec: B106,B107`): bare, or
# naming one of its hard-coded password checks. privacyIDEA marks its `__main__` self-test's
# plaintext so (`password = "topSekr3t"  # nosec B105 # used for testing`).
_NOSEC = compiled_on_first_use(r"#\s*nosec\b:?\s*(?P<codes>(B\d{3}[\s,]*)*)", re.I)
_PASSWORD_CHECKS = frozenset({"B105", "B106", "B107"})
# ruff's (flake8-bandit's) codes for the same checks, S105 to S107, named by a line's noqa
# comment or by a file's ruff-wide one (the author reviewed the value as a dummy)
_NOQA = compiled_on_first_use(r"#\s*noqa\s*:\s*(?P<codes>([A-Z]+\d+[\s,]*)+)", re.I)
_FILE_NOQA = compiled_on_first_use(r"^[ \t]*#[ \t]*ruff[ \t]*:[ \t]*noqa[ \t]*:[ \t]*(?P<codes>([a-z]+\d+[ \t,]*)+)", re.M)
_RUFF_PASSWORD_CHECKS = frozenset({"S105", "S106", "S107"})


Literal = Tuple[cst.BaseExpression, str]


def literal_behind(
    context: FileContext, expr: cst.BaseExpression, depth: int = 0, flow: Optional[FunctionFlow] = None
) -> Optional[Literal]:
    """The string (or bytes) literal an expression holds: itself, a constant or local it is
    read through (`KEY = "secret"`), one element of a tuple unpacked into it, `b"..."`, a
    parameter's default, and `self.key` set by `__init__` from a parameter, through the
    calls of the class in the module (`CookieModel(name, cookie_key)` in a constructor
    whose `cookie_key: str = "some_key"`). `flow` is the visit's own by default."""
    if depth > 6:
        return None
    text = string_literal(expr)
    if text is not None:
        return expr, text
    flow = flow or module_flow(context).flow(context.scope)
    if isinstance(expr, cst.Call) and leaf_name(expr) == "encode" and isinstance(expr.func, cst.Attribute):
        return literal_behind(context, expr.func.value, depth + 1, flow)  # "secret".encode()
    if isinstance(expr, cst.Attribute) and flow.owner is not None and flow.is_self(expr.value):
        writes = flow.module.attribute_writes(flow.owner, expr.attr.value)
        if len(writes) == 1 and writes[0][0] is not None:
            return literal_behind(context, writes[0][1], depth + 1, flow.module.flow(writes[0][0]))
        return None
    if not isinstance(expr, cst.Name):
        return None
    if expr.value in flow.facts.params and not flow.facts.bindings.get(expr.value) \
            and isinstance(flow.scope, cst.FunctionDef):
        return _passed(context, flow, expr.value, depth)
    if flow.facts.is_local(expr.value) and not isinstance(flow.scope, cst.Module):
        for binding in flow.reaching(expr.value, expr)[:1]:
            if binding.value is not None:
                return literal_behind(context, binding.value, depth + 1, flow)
            return _unpacked(context, expr.value, binding, depth)
        return None
    module = flow.module.module_flow()
    bindings = module.facts.bindings.get(expr.value, ())
    if len(bindings) != 1:
        return None
    if bindings[0].value is not None:
        return literal_behind(context, bindings[0].value, depth + 1)
    return _unpacked(context, expr.value, bindings[0], depth)


def _passed(context: FileContext, flow: FunctionFlow, name: str, depth: int) -> Optional[Literal]:
    """A parameter's literal default; for a constructor's parameter without one, what a
    call of the class in the module passes it."""
    default = flow.facts.params.get(name)
    if default is not None:
        if isinstance(flow.scope, cst.FunctionDef) and published_pair(name, default, parameter_defaults(flow.scope.params)):
            return None  # `client_id="feedlydev", client_secret="feedlydev"`: the provider's published pair
        found = literal_behind(context, default, depth + 1, flow)
        return found if found is not None and found[1] else None  # `key=""`: none configured
    function = flow.scope
    if not isinstance(function, cst.FunctionDef) or function.name.value != "__init__" or flow.owner is None:
        return None
    module = flow.module
    class_name = flow.owner.name.value
    for scope in [context.module, *module.every_function()]:
        caller = module.flow(scope)
        for call in caller.facts.own_calls:
            if isinstance(call.func, cst.Name) and call.func.value == class_name and not caller.facts.is_local(class_name):
                passed = bind_target((function, flow.owner), call.args).get(name)
                found = literal_behind(context, passed, depth + 1, caller) if passed is not None else None
                if found is not None:
                    return found
    return None


def _unpacked(context: FileContext, name: str, binding: Any, depth: int) -> Optional[Literal]:
    """`KEY, ALGORITHM = "secret", "HS256"`: the element of the tuple that lands in `name`."""
    source, at = binding.unpacked_from, binding.at
    if not isinstance(source, (cst.Tuple, cst.List)) or not isinstance(at, cst.Assign) or len(at.targets) != 1:
        return None
    target = at.targets[0].target
    if not isinstance(target, (cst.Tuple, cst.List)) or len(target.elements) != len(source.elements):
        return None
    for element, value in zip(target.elements, source.elements):
        if isinstance(element.value, cst.Name) and element.value.value == name:
            return literal_behind(context, value.value, depth + 1)
    return None


class Found:
    """A hard-coded secret: the literal, its known token format (None for a secret by its
    shape or its position), and the name, variable or callee it is given to.
    A plain class: a NamedTuple or dataclass costs millions of instructions to create at every
    start (benchmarks/README.md, speed20)."""

    __slots__ = ("node", "format", "where")

    def __init__(self, node: cst.BaseExpression, format: Optional[str], where: str) -> None:
        self.node = node
        self.format = format
        self.where = where

    def what(self, otherwise: str) -> str:
        """`a GitHub token`, `an AWS access key id`; `otherwise` for a secret of no known format."""
        return article(self.format) if self.format else otherwise


def _snake_identifier(text: str) -> bool:
    """A snake_case identifier of two words or more, lower-case letters only: `csrf_token`, a
    field's name (tested without a regular expression: `[a-z]+(_[a-z]+)+` searched over a long
    run of letters takes quadratic time)."""
    parts = text.split("_")
    return len(parts) >= 2 and all(part.isascii() and part.isalpha() and part.islower() for part in parts)


def _style(text: str) -> bool:
    """A display style: colour and style words (`"bold bright_red on white"`, `"dark_orange3"`)
    or a hex colour (`"#ff00ff"`)."""
    words = text.lower().split()
    for word in words:
        if word.startswith("#") and len(word) in (4, 7) and all(c in "0123456789abcdef" for c in word[1:]):
            continue
        parts = word.rstrip("0123456789").split("_")  # `bright_red`, `grey50`
        if not all(part in _STYLE_WORDS for part in parts):
            return False
    return bool(words)


def _debug_on(module: cst.Module) -> bool:
    """`DEBUG = True` written at the module's top (Django's and Flask's development switch),
    not read from the environment."""
    for statement in module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Assign) and isinstance(small.value, cst.Name) and small.value.value == "True" \
                    and any(isinstance(t.target, cst.Name) and t.target.value == "DEBUG" for t in small.targets):
                return True
    return False


# what a Django settings module that serves requests sets: its URLconf, its middleware
_WEB_SETTINGS = frozenset({"ROOT_URLCONF", "MIDDLEWARE", "MIDDLEWARE_CLASSES"})


def _headless_django(module: cst.Module) -> bool:
    """A settings module that lists `INSTALLED_APPS` at its top, without the sessions app, and
    sets neither a URLconf nor middleware: Django as an ORM behind a program with no web
    surface."""
    names: Set[str] = set()
    apps: Optional[cst.BaseExpression] = None
    for statement in module.body:
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, (cst.Assign, cst.AugAssign, cst.AnnAssign)):
                targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                for target in targets:
                    if isinstance(target, cst.Name):
                        names.add(target.value)
                        if target.value == "INSTALLED_APPS" and isinstance(small, cst.Assign):
                            apps = small.value
            elif isinstance(small, cst.ImportFrom) and isinstance(small.names, cst.ImportStar):
                return False  # `from .base import *`: the rest of the settings is elsewhere
    if not isinstance(apps, (cst.List, cst.Tuple)) or names & _WEB_SETTINGS:
        return False
    listed = [string_literal(element.value) for element in apps.elements]
    return all(app is not None and app != "django.contrib.sessions" for app in listed)


# the management commands a package's own tooling script runs with Django configured in place:
# they write migrations, run the test suite or check the project, and never serve a request
_TOOLING_COMMANDS = frozenset({"makemigrations", "test", "check"})


def _django_tooling_script(context: FileContext) -> bool:
    """A script that configures Django in place (`settings.configure(SECRET_KEY=...)`) only to
    run a management command that serves nothing (`call_command("makemigrations", "app")`, a
    reusable app's `makemigrations.py`) or its test runner (`get_runner(settings)`, a
    `runtests.py`): the package's tooling, whose key signs nothing anyone sees, as a test's.
    A script that can run any command (`execute_from_command_line`, a `manage.py`) is not."""
    if b"settings.configure(" not in context.lowered:
        return False
    calls: List[cst.Call] = []

    def visit(node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Call):
            calls.append(node)
        return True

    walk(context.module, visit)
    names = {leaf_name(call) for call in calls}
    if "configure" not in names or "execute_from_command_line" in names:
        return False
    commands = [string_literal(call.args[0].value) for call in calls if leaf_name(call) == "call_command" and call.args]
    return all(command in _TOOLING_COMMANDS for command in commands) and (bool(commands) or "get_runner" in names)


# each pattern below is searched only in a path holding a word it cannot match without:
# compiling them costs about a million instructions each, and most paths hold none of the words
def _example_path(path: str) -> bool:
    return any(word in path for word in _EXAMPLE_WORDS) and bool(_EXAMPLE_FILE.search(path))


def settings_path(path: str) -> bool:
    """A settings or configuration module, by its file name (`settings.py`, `config.py`,
    `conf.py`, `settings_local.py`, `app_config.py`)."""
    return ("settings" in path or "conf" in path) and bool(_SETTINGS_FILE.search(path))


def example_script(path: str) -> bool:
    """A script of an example program or demo project (`examples/get_tokens.py`, not its
    settings module): documentation, which shows its reader what it does."""
    path = path.replace("\\", "/")
    return _example_path(path) and not settings_path(path)


def _echoes_name(text: str, name: str) -> bool:
    """A default that is a word of the parameter's own name (`upgrade_token: str = "upgrades"`,
    Alembic's and emmett's name of the template slot the generated code goes into): the name
    of what the parameter is, not a secret."""
    word = text.lower()
    if not word.isalpha() or is_token_name(word):
        return False  # `password="password"`: the first guess, a secret however weak
    words = set(snake_case(name).split("_"))
    return word in words or (word.endswith("s") and word[:-1] in words)


def _header_name_of(text: str, name: str) -> bool:
    """The name of the HTTP header a field is sent in, spelled from the field's own name in a
    header's case (`"Encryption-Key"` for `encryption_key`: checkout-sdk's field-to-header
    mapping). A key written as its name in any other form (`SECRET_KEY = "secret-key"`) is
    still the key, however weak."""
    words = text.split("-")
    return len(words) > 1 and all(word[:1].isupper() and word[1:].islower() for word in words) \
        and names_its_field(text, name)


_FLAG_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "0", "1"})


def _flag_parameters(text: str) -> bool:
    """An Authorization value whose scheme's every parameter is a flag (`Handle
    clientCert="true"`: the Handle System's marker that the credential is the TLS client
    certificate): it carries no secret. A parameter with any other value (`Handle
    sessionId="..."`, Digest's `response="..."`) may be one."""
    scheme, _, rest = text.strip().partition(" ")
    if not scheme.isalpha() or not rest.strip():
        return False
    for parameter in rest.split(","):
        key, equals, value = parameter.strip().partition("=")
        if not equals or not key.strip().isalnum() or value.strip().strip('"').lower() not in _FLAG_WORDS:
            return False
    return True


# key positions that are HTTP headers, whose values never hold a line break
_HEADER_KEY_POSITIONS = frozenset({"authorization", "proxy-authorization", "proxy_authorization"})


def _noqa_codes(found: "re.Match[str]") -> Set[str]:
    return {code.upper() for code in re.findall(r"S\d{3}", found.group("codes"), re.I)}


class HardcodedLiterals:
    """One file's reading; `claim` says whether a literal is still to be reported."""

    def __init__(self, context: FileContext, check_test_data: bool) -> None:
        self.context = context
        self._reported: Set[int] = set()
        self._inner: Set[int] = set()  # concatenations inside another one (read with it)
        path = context.path.replace("\\", "/")
        self._in_tests = not check_test_data and (
            context.is_test_code() or ("doc" in path and bool(_DOCS_BUILD_FILE.search(path)))
            or _django_tooling_script(context))
        example = not check_test_data and _example_path(path)
        settings = settings_path(path)
        # an example's settings module keeps its keys; a script of the example is documentation
        self._example_settings = example and settings
        self._settings_module = settings
        self._development_settings = settings and not check_test_data and b"debug" in context.lowered \
            and _debug_on(context.module)
        self._headless_settings = settings and b"installed_apps" in context.lowered and _headless_django(context.module)
        self._example_script = example and not self._example_settings
        # how many test-suite configuration classes the rule is in (`class TestingConfig:`)
        self.test_classes = 0
        self._check_test_data = check_test_data

    def test_data(self, found: Optional[str], name: Optional[str] = None) -> bool:
        """In a test file, a documentation build, an example's script or a test suite's
        configuration class, a literal only shaped like a secret (or in a key position), a JWT, a
        GitHub App token or an AWS key id is test data; so is, in an example's settings module,
        the password it logs in with (`name` says a password)."""
        in_tests = self._in_tests or self._example_script or (self.test_classes > 0 and not self._check_test_data)
        placeholder = name and (
            (self._example_settings and names_password(name))
            or (not self._check_test_data and _DEMO_NAME.search(snake_case(name))))
        if not in_tests and not placeholder and not self._reviewed():
            return False
        return found is None or found in _TEST_VECTOR_FORMATS

    def _reviewed(self) -> bool:
        """The statement carries bandit's `# nosec` for a hard-coded password, or ruff's `# noqa:
        S105` (the file `# ruff: noqa: S107`): its author reviewed the value and says it is test
        data or a dummy (`check-test-data` reports it still)."""
        lowered = self.context.lowered
        if self._check_test_data or (b"nosec" not in lowered and b"noqa" not in lowered):
            return False
        if self._file_noqa():
            return True
        line = next((s for s in reversed(self.context.statement_stack) if isinstance(s, cst.SimpleStatementLine)), None)
        if line is None:
            return False
        comment = line.trailing_whitespace.comment
        # or on the statement's first line, where bandit reads it (`TOKEN = (  # nosec B105`,
        # the literal on the next line)
        text = comment.value if comment is not None else _first_line_comment(self.context.module, line.body[0])
        return text is not None and _marks_reviewed(text)

    def _file_noqa(self) -> bool:
        """`# ruff: noqa: S107` on a line of its own, anywhere in the module (as ruff reads it):
        the file's literals reviewed for that check."""
        def compute() -> bool:
            if b"ruff" not in self.context.lowered:
                return False
            text = self.context.lowered.decode("utf-8", "replace")
            return any(_noqa_codes(found) & _RUFF_PASSWORD_CHECKS for found in _FILE_NOQA.finditer(text))

        return self.context.memo("nhl301-file-noqa", compute)

    def in_example_settings(self, found: Found) -> bool:
        """A key of an example's or demo project's settings module, in no known token format
        (`examples/app/settings.py`, `demo/demo/settings.py`): what a deployment copied from
        it starts with, or a demo nobody deploys; the code cannot tell which."""
        return self._example_settings and found.format is None

    def development_key(self, found: Found) -> bool:
        """A key of an example's or demo project's settings module that carries Django's mark of
        the development key `startproject` writes (`django-insecure-`): the demo as generated.
        Django's deployment check (`manage.py check --deploy`, security.W009) warns of that
        prefix, so a deployment copied from the demo is told to replace it; the prefix is
        Django's own word that the key is no secret (checked against Django 5.2). So is any
        key, in no known token format, of a settings module that turns debugging on as written
        (`DEBUG = True` at its top): a development configuration, which the deployment check
        refuses as it refuses a weak key (security.W018)."""
        if self._development_settings and found.format is None:
            return True
        text = string_literal(found.node) if self._example_settings else None
        return text is not None and text.startswith(_DJANGO_DEVELOPMENT_KEY)

    def headless_key(self, found: Found) -> bool:
        """`SECRET_KEY` of a Django settings module with no web surface: `INSTALLED_APPS` but no
        `ROOT_URLCONF`, no `MIDDLEWARE` and no sessions app (a command-line tool using Django's
        ORM and migrations only, openoutreach's): the key signs no cookie, session or link
        anyone sees. A settings module that routes requests keeps it reported."""
        return self._headless_settings and found.format is None and found.where == "SECRET_KEY"

    def shipped_app_credential(self, found: Found) -> bool:
        """An application's API key, app key or client secret, in no known format, written in a
        module that is not a settings module: what an API client, a plugin or a command-line
        tool sends as the app it is (a vendor app's key, a developer's key shipped on
        purpose), which every copy of the code holds; or a deployment's own key. The code
        cannot tell which."""
        return found.format is None and not self._settings_module and bool(_APP_CREDENTIAL.search(snake_case(found.where)))

    def claim(self, node: cst.BaseExpression) -> bool:
        """One report per literal: its parts (of an implicit concatenation) are covered too."""
        if id(node) in self._reported:
            return False
        self._reported.add(id(node))
        while isinstance(node, cst.ConcatenatedString):  # every part, down the nested chain
            self._reported.update(id(part) for part in (node.left, node.right))
            node = node.right
        return True

    def documents(self, value: cst.BaseExpression) -> None:
        """A docstring or bare string statement documents a format; it authenticates nothing."""
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            self._reported.add(id(value))

    def parameter_locations(self, mapping: cst.Dict) -> None:
        """A dict mapping each parameter to where it is sent (`{"token": "form", "client_secret":
        "form"}`: an OpenAPI-generated client's location map, every value an OpenAPI location):
        it says where the secret goes, not what it is."""
        values = [string_literal(e.value) if isinstance(e, cst.DictElement) else None for e in mapping.elements]
        if values and all(value is not None and value.lower() in _PARAMETER_LOCATIONS for value in values):
            self._reported.update(id(e.value) for e in mapping.elements)
        elif len(values) > 1 and all(value is not None and _TYPE_NAME.fullmatch(value) for value in values):
            # `deserialized_types = {"client_secret": "str", "scope": "str"}`: a generated model's
            # map of each field's type
            self._reported.update(id(e.value) for e in mapping.elements)

    def display_styles(self, mapping: cst.Dict) -> None:
        """A dict mapping names to display styles (`{"Name": "cyan", "PrivateKey": "magenta"}`:
        a table's column styles, every value a style): it says how a column looks."""
        values = [string_literal(e.value) if isinstance(e, cst.DictElement) else None for e in mapping.elements]
        if len(values) > 1 and all(value is not None and _style(value) for value in values):
            self._reported.update(id(e.value) for e in mapping.elements)

    def example(self, key: str, value: cst.BaseExpression) -> bool:
        """An OpenAPI `example` / `examples`: documentation of a format, which grants nothing."""
        if key.lower() not in DOCUMENTATION_KEYS:
            return False
        self.no_secrets_in(value)
        return True

    def no_secrets_in(self, value: cst.BaseExpression, unless_known_format: bool = False) -> None:
        """Every literal in `value` is no secret (`unless_known_format`: but a literal in a known
        token format, which is a token wherever it is written)."""

        def visit(node: cst.CSTNode) -> bool:
            if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
                text = string_literal(node) if unless_known_format else None
                if text is None or known_format(text) is None:
                    self._reported.add(id(node))
            return True

        walk(value, visit)

    def enum_label(self, value: cst.BaseExpression) -> bool:
        """`MACHINE_SECRET_KEY = "machine_secret_key"` in the body of an `Enum` (or Django
        `TextChoices`): the member's value labels a kind of thing, it keys nothing. A value in a
        known token format is a token wherever it is written."""
        text = string_literal(value)
        if text is None or known_format(text):
            return False
        owner = next((s for s in reversed(self.context.statement_stack) if isinstance(s, (cst.ClassDef, cst.FunctionDef))), None)
        if not isinstance(owner, cst.ClassDef):
            return False
        return any(enum_base(dotted_name(base.value) or "") for base in owner.bases) or _names_table(owner)

    @staticmethod
    def storage_mode(value: cst.BaseExpression, name: str) -> bool:
        """`store_token="plain"`, `store_client_secret="hashed"`: how a credential is kept at
        rest, under a setting named for its storage (kernia's options), a mode."""
        text = string_literal(value)
        return text is not None and text in _STORAGE_MODES and _STORAGE_NAME.search(snake_case(name)) is not None

    def mode_word(self, value: cst.BaseExpression) -> bool:
        """`self.authorization = "standalone"` beside `self.current_execution_id = "standalone"`
        (shuffle-sdk's run outside its platform): a lowercase word the module also sets an
        attribute named for no credential to, or lists among a command-line option's choices
        (`credentials = "ec2instance"` of `--credentials` with `click.Choice(["ec2instance",
        "profile", "keys"])`), marks a mode, and so does the credential's comparison with it
        (`self.authorization == "standalone"`). A secret is not written as an identifier or a
        choice too."""
        text = string_literal(value)
        return text is not None and _MODE_WORD.fullmatch(text) is not None and text in self._attribute_words()

    def _attribute_words(self) -> Set[str]:
        """The lowercase words the module assigns to attributes named for no credential
        (`self.current_execution_id = "standalone"`) or lists as an option's choices: worked
        out once per file."""
        def compute() -> Set[str]:
            words: Set[str] = set()

            def visit(node: cst.CSTNode) -> bool:
                if isinstance(node, cst.Call):
                    # an option's choices: `click.Choice(["ec2instance", "profile", "keys"])`,
                    # argparse's `choices=[...]` (keeper's `--credentials` modes)
                    listed = [arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value == "choices"]
                    if leaf_name(node) == "Choice" and node.args:
                        listed.append(node.args[0].value)
                    for value in listed:
                        if isinstance(value, (cst.List, cst.Tuple, cst.Set)):
                            words.update(text for element in value.elements for text in (string_literal(element.value),)
                                         if text is not None and _MODE_WORD.fullmatch(text))
                if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Attribute):
                    text = string_literal(node.value)
                    name = node.targets[0].target.attr.value
                    if text is not None and _MODE_WORD.fullmatch(text) and not any(part in name.lower() for part in _CREDENTIAL_PARTS):
                        words.add(text)
                return True

            walk(self.context.module, visit)
            return words

        return self.context.memo(("attribute-words",), compute)

    def named(self, name: str, value: cst.BaseExpression) -> Optional[Found]:
        """A literal given to a credential name (no key position) that looks like the secret."""
        text = string_literal(value)
        if not secret_under_name(name, text):
            return None
        found = known_format(text)  # type: ignore[arg-type]
        if found is None and names_plain_token(name) and other_token_domain(self.context):
            return None  # `test_token = "972L..."` where tokens are a blockchain's coins: an address
        return None if self.test_data(found, name) else Found(value, found, name)

    def key_given(self, name: str, value: cst.BaseExpression) -> Optional[Found]:
        """`SECRET_KEY = "dev"`, `client_secret="..."`, `aws_secret_access_key=SECRET`,
        `{"Authorization": "Bearer abc"}`: any literal but a template placeholder, also read
        through a constant or a local."""
        found = literal_behind(self.context, value)
        if found is None or self.enum_label(value):
            return None
        literal, text = found
        if is_template(text) or is_reference(text) or self.test_data(known_format(text), name):
            return None
        if issued_placeholder(name, text):
            return None  # `aws_secret_access_key='bar'`, `client_secret="PASSWORD"`: no service issued it
        if name.lower() in _HEADER_KEY_POSITIONS and ("\n" in text or "\r" in text):
            return None  # an HTTP header's value holds no line break (RFC 9110 §5.5): a text, a docs section
        if name.lower() in _HEADER_KEY_POSITIONS and _flag_parameters(text):
            return None  # `Handle clientCert="true"`: the scheme asks for the TLS client certificate, no secret
        if _header_name_of(text, name):
            return None  # `{"encryption_key": "Encryption-Key"}`: the header the field is sent in
        if " " in text.strip() and name.lower() in text.lower():
            return None  # `errors["issuer_encryption_key"] = "issuer_encryption_key must be 33 bytes"`: a message
        return Found(literal, known_format(text), name)

    def default(self, name: str, value: cst.BaseExpression) -> Optional[Found]:
        """`def connect(secret="posonly")`: the default is the secret of every caller that passes
        none, as an environment variable's fallback is."""
        text = string_literal(value)
        if not secret_default(text) or _echoes_name(text, name):  # type: ignore[arg-type]
            return None
        if _snake_identifier(text) and not is_token_name(text):  # type: ignore[arg-type]
            return None  # `token="csrf_token"`: the name of a form field holding no credential
        found = known_format(text)  # type: ignore[arg-type]
        return None if self.test_data(found, name) else Found(value, found, name)

    def env_fallback(self, node: cst.Call) -> Optional[Found]:
        """`os.getenv("SECRET_KEY", "dev-key")`: the default is the secret wherever the variable
        is unset, in production too."""
        default = default_argument(node)
        return self.fallback(node, default) if default is not None else None

    def fallback(self, read: cst.Call, default: cst.BaseExpression) -> Optional[Found]:
        """`os.environ.get("SECRET_KEY") or "dev-key"` as `os.getenv`'s default; the variable
        also named by a constant the module cannot read (`os.environ.get(ConfigKey.SECRET_KEY)`,
        the class in another module: the constant's own name says which)."""
        facts = self.context.facts()
        name = env_var_name(self.context, read, facts)
        if name is None and self.context.qualified_name(read.func, facts) in ENV_READS:
            name = _constant_name(read)
        # the literal itself, or one read through a constant or local (`DEFAULT_TOTP_SECRET =
        # "..."` then `os.environ.get("TOTP_SECRET", DEFAULT_TOTP_SECRET)`): reported where written
        behind = literal_behind(self.context, default) if type(default) in (cst.Name, cst.Attribute) else None
        node, text = behind if behind is not None else (default, string_literal(default))
        if not secret_fallback(name, text) or self.test_data(known_format(text), name):  # type: ignore[arg-type]
            return None
        if self._bound_to_identifier(read):
            return None  # `refresh_file = os.getenv("API_KEY", "credentials")`: a file's name, by the code's own word
        if self._replaced_by_a_draw(read, default):
            return None  # `if key == DEV_SECRET: key = secrets.token_hex(32)`: the fallback is never used
        return Found(node, None, name)  # type: ignore[arg-type]

    def fallback_test(self, node: cst.Comparison) -> bool:
        """`_key == _DEV_SECRET` where `_key` was read from the environment with `_DEV_SECRET`
        as its fallback: a test whether the variable was unset, no credential checked against
        a literal (the fallback itself is judged at the read)."""
        if len(node.comparisons) != 1 or not isinstance(node.left, cst.Name):
            return False
        code = self.context.module.code_for_node
        other = code(node.comparisons[0].comparator)
        facts = self.context.facts()
        for binding in facts.bindings.get(node.left.value, ()):
            read = binding.value
            if isinstance(read, cst.Call) and self.context.qualified_name(read.func, facts) in ENV_READS \
                    and len(read.args) >= 2 and code(read.args[1].value) == other:
                return True
        return False

    def _replaced_by_a_draw(self, read: cst.Call, default: cst.BaseExpression) -> bool:
        """The read is bound to a name that a later `if` of the same block, testing whether it
        still holds the fallback (`_key == _DEV_SECRET`, also beside other conditions: `if not
        DEBUG and ...`), sets to a value drawn at random (`secrets.token_hex(32)`): the code
        replaces the fallback with a key of the process's own, outside the cases it names
        (ttsfm's web app keeps it in debug mode only)."""
        facts = self.context.facts()
        assign = facts.parent_of(read)
        if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name)):
            return False
        name = assign.targets[0].target.value
        line = facts.parent_of(assign)
        block = facts.parent_of(line) if line is not None else None
        if not isinstance(block, (cst.IndentedBlock, cst.Module)) or line not in block.body:
            return False
        code = self.context.module.code_for_node
        fallback = code(default)
        # imported when a fallback is judged, which few files have: not at every start
        from nhilint.flow.random_values import random_call

        flow = module_flow(self.context).flow(self.context.scope)
        for statement in block.body[block.body.index(line) + 1:]:  # type: ignore[arg-type]
            if isinstance(statement, cst.If) and any(
                    isinstance(test.comparisons[0].operator, cst.Equal) and len(test.comparisons) == 1
                    and {code(test.left), code(test.comparisons[0].comparator)} == {name, fallback}
                    for test in nodes_of(statement.test, cst.Comparison)) \
                    and any(len(a.targets) == 1 and code(a.targets[0].target) == name and random_call(flow, a.value)
                            for a in nodes_of(statement.body, cst.Assign)):
                return True
        return False

    def _bound_to_identifier(self, read: cst.Call) -> bool:
        """The read (or its `or` fallback) is bound to a name that says it holds a file, a path
        or an identifier (`refresh_file`, `key_path`, `token_id`): the variable is read for where
        the credential lives, or which one, and the fallback names that, no secret."""
        from nhilint.analysis.names import names_identifier

        facts = self.context.facts()
        parent = facts.parent_of(read)
        while isinstance(parent, cst.BooleanOperation):  # `os.environ.get("X") or "credentials"`
            parent = facts.parent_of(parent)
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
            return names_identifier(parent.targets[0].target.value)
        return False

    def auth_secret(self, node: cst.Call) -> Optional[Found]:
        """`BearerTokenAuth("…")`: the secret is the last positional argument."""
        positional = [a.value for a in node.args if a.keyword is None and not a.star]
        text = string_literal(positional[-1]) if positional else None
        if text is not None and secret_value(text) and not self.test_data(known_format(text)):
            return Found(positional[-1], None, leaf_name(node))
        return None

    def jwt_key(self, node: cst.Call) -> Optional[Found]:
        """A literal signing / verification key given to a JWT library (CWE-321): a key
        position, where any literal is a secret, also through a name."""
        jc = jwt_call(self.context, node) if leaf_name(node) in self.context.catalogue.leaf_names else None
        key = jc.args.get("key") if jc is not None else None
        if jc is not None and jc.api.role != ENCODE and algorithm_families(jc.value(jc.api.algorithms)) == {"public-key"}:
            key = None  # a verification key for RS / ES / PS algorithms is public
        if jc is not None and jc.api.role != ENCODE and jc.unverified_reason is not None:
            key = None  # the signature check is off (NHL102's finding): the key is never used
        if not isinstance(key, cst.BaseExpression):
            return None
        found = literal_behind(self.context, key)
        if found is None or is_template(found[1]) or is_location(found[1]) or self.test_data(known_format(found[1])):
            return None
        return Found(found[0], None, jc.callee)  # type: ignore[union-attr]

    def outer_concatenation(self, node: cst.ConcatenatedString) -> bool:
        """Whether a concatenation is not the rest of one already read whole (else quadratic in
        its parts); its own rest is marked so."""
        if id(node) in self._inner:
            return False
        right = node.right
        while isinstance(right, cst.ConcatenatedString):
            self._inner.add(id(right))
            right = right.right
        return True

    def formatted(self, node: cst.BaseExpression) -> Optional[Found]:
        """A literal in a known token format, wherever it is; not a JWT whose signature is a
        word (documentation's example)."""
        if id(node) in self._reported:
            return None
        text = string_literal(node)
        found = known_format(text) if text is not None else None
        if found == "JWT" and unsigned_example(text):  # type: ignore[arg-type]
            return None
        return Found(node, found, "") if found is not None and not self.test_data(found) else None


def parameter_defaults(params: cst.Parameters) -> Iterable[Tuple[str, cst.BaseExpression]]:
    """The parameters of a list that have a default, with it."""
    return [(p.name.value, p.default) for p in (*params.posonly_params, *params.params, *params.kwonly_params)
            if p.default is not None]


def field_defaults(cls: cst.ClassDef) -> Iterable[Tuple[str, cst.BaseExpression]]:
    """The fields of a settings class with their defaults: `url: str = "http://..."`, pydantic's
    `Field(default=...)` and `Field(default_factory=lambda: os.getenv("URL", "http://..."))`."""
    found = []
    for statement in cls.body.body if isinstance(cls.body, cst.IndentedBlock) else ():
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name) and small.value is not None:
                name, value = small.target.value, small.value
            elif isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                name, value = small.targets[0].target.value, small.value
            else:
                continue
            if isinstance(value, cst.Call) and leaf_name(value) == "Field":
                given = {arg.keyword.value: arg.value for arg in value.args if arg.keyword is not None}
                positional = [arg.value for arg in value.args if arg.keyword is None and not arg.star]
                value = given.get("default") or (positional[0] if positional else given.get("default_factory"))
                if isinstance(value, cst.Lambda):
                    value = value.body
            if value is not None:
                found.append((name, value))
    return found


# keywords through which a client is pointed at its server
_SERVER_KEYWORDS = frozenset({"base_url", "api_base", "base_uri", "api_url", "server_url", "host_url", "endpoint",
                              "openai_api_base", "endpoint_url", "url"})


_SERVER_ENDINGS = tuple(f"_{word}" for word in sorted(_SERVER_KEYWORDS))


def _server_keyword(keyword: str) -> bool:
    """A keyword or key naming the server a client talks to (`base_url`), also an environment
    variable's name ending so (`AWS_ENDPOINT_URL`, `LLM_BASE_URL`)."""
    lowered = keyword.lower()
    return lowered in _SERVER_KEYWORDS or lowered.endswith(_SERVER_ENDINGS)


def local_server(siblings: Iterable[Tuple[str, cst.BaseExpression]]) -> bool:
    """A call pointing its client at a server on this machine (`base_url="http://localhost:11434/v1"`,
    also as an environment variable's default, `os.getenv("LLM_BASE_URL", "http://localhost:1234/v1")`):
    an OpenAI-compatible local model server (Ollama, LM Studio, llama.cpp) takes any key, and
    the key written beside it (`api_key="ollama"`) is a placeholder the client library asks
    for, no secret. A deployment that points the variable elsewhere brings its own key."""
    for keyword, given in siblings:
        if not _server_keyword(keyword):
            continue
        text = string_literal(given)
        if text is None and isinstance(given, cst.Call):
            default = default_argument(given)  # `os.getenv("LLM_BASE_URL", "http://localhost:1234/v1")`
            text = string_literal(default) if default is not None else None
        if on_this_machine(text):
            return True
    return False


def unsigned_client(siblings: Iterable[Tuple[str, cst.BaseExpression]]) -> bool:
    """`session.client(..., aws_access_key_id="x", config=Config(signature_version=UNSIGNED))`:
    botocore signs nothing with the keys of an UNSIGNED client (it asks for non-empty strings
    only); a hook or a proxy supplies the real authorization, so the keys are placeholders."""
    for keyword, given in siblings:
        if keyword != "config" or not isinstance(given, cst.Call):
            continue
        for arg in given.args:
            if arg.keyword is not None and arg.keyword.value == "signature_version" \
                    and (dotted_name(arg.value) or "").rsplit(".", 1)[-1] == "UNSIGNED":
                return True
    return False


def published_pair(name: str, value: cst.BaseExpression, siblings: Iterable[Tuple[str, cst.BaseExpression]]) -> bool:
    """`client_id="feedlydev", client_secret="feedlydev"` (parameters' defaults, or keyword
    arguments of one call): an application secret written as the very value of the public id
    beside it (`client_id` / `client_key` for `client_secret`, `app_id` for `app_secret`,
    `consumer_key` for `consumer_secret`) is a pair a provider publishes for everyone (feedly's
    developer-token client), no secret of an account. A password equal to its user name is a
    default login, and stays reported."""
    lowered = name.lower()
    if not lowered.endswith("_secret"):
        return False
    text = string_literal(value)
    if not text:
        return False
    prefix = lowered[: -len("secret")]
    publics = {prefix + "id", prefix + "key"}
    return any(other.lower() in publics and string_literal(given) == text for other, given in siblings)


def unsigned_example(text: str) -> bool:
    """`eyJhbGciOi….eyJhdWQiOi….signature`: a JWT whose signature part is a word or nothing, as
    API documentation writes an example token (an OpenAPI example in generated protobuf
    descriptors); no issuer made it, and no verifier takes it."""
    signature = jwt_signature(text)
    return signature is not None and (not signature or (signature.isalpha() and len(signature) <= 16))


# the configuration class a test suite runs with: `TestingConfig`, `TestConfig`, `UnitTestConfig`
# (plain string tests: every class of every file is asked, and a pattern costs its compilation)
_TEST_CONFIG_PREFIXES = ("Test", "UnitTest")
_TEST_CONFIG_SUFFIXES = ("TestConfig", "TestingConfig")


def test_config_class(node: cst.ClassDef) -> bool:
    """`class TestingConfig(Config):`, or a configuration class that sets `TESTING = True`
    (Flask's flag for the test suite): the settings the tests run with."""
    name = node.name.value
    if name.endswith(_TEST_CONFIG_SUFFIXES) or (name.startswith(_TEST_CONFIG_PREFIXES) and name.endswith("Config")):
        return True
    for statement in node.body.body if isinstance(node.body, cst.IndentedBlock) else ():
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                        and isinstance(small.targets[0].target, cst.Name) and small.targets[0].target.value == "TESTING" \
                        and isinstance(small.value, cst.Name) and small.value.value == "True":
                    return True
    return False


def _constant_name(read: cst.Call) -> Optional[str]:
    """`SECRET_KEY` of `os.environ.get(ConfigKey.SECRET_KEY)`: an UPPER_CASE constant naming the
    variable of an environment read."""
    first = read.args[0].value if read.args and read.args[0].keyword is None else None
    leaf = first.attr.value if isinstance(first, cst.Attribute) else first.value if isinstance(first, cst.Name) else None
    return leaf if leaf is not None and leaf.isupper() else None


def _names_table(cls: cst.ClassDef) -> bool:
    """A plain class of constants each of which is its own name written out (`CACHE_NAME =
    "cachename"`, `SECRET_KEY = "secretkey"`, `CRYPTO = "crypto"`, three at least: kqlmagic's
    names of an environment variable's parameters): a table of names, as an `Enum` is."""
    constants = []
    for statement in cls.body.body if isinstance(cls.body, cst.IndentedBlock) else ():
        for small in statement.body if isinstance(statement, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
                constants.append((small.targets[0].target.value, string_literal(small.value)))
    spelled = [name for name, text in constants if name.isupper() and text is not None
               and text.lower().replace("_", "").replace("-", "") == name.lower().replace("_", "")]
    return len(spelled) >= 3 and len(spelled) == len(constants)


def _first_line_comment(module: cst.Module, statement: cst.CSTNode) -> "str | None":
    """The comment on a statement's first line (`TOKEN = (  # nosec B105`, the literal on the
    next line), if any, read by Python's tokenizer (a `#` in a string is none)."""
    code = module.code_for_node(statement)
    if "#" not in code.split("\n", 1)[0]:
        return None
    import io  # a marked multi-line statement: rare, not at every start
    import tokenize

    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.start[0] > 1:
                return None
            if token.type == tokenize.COMMENT:
                return token.string
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    return None


def _marks_reviewed(comment: str) -> bool:
    """bandit's `# nosec` (bare or naming B105–B107) or ruff's `# noqa: S105–S107`."""
    found = _NOSEC.search(comment)
    if found is not None:
        codes = {code.upper() for code in re.findall(r"B\d{3}", found.group("codes"), re.I)}
        return not codes or bool(codes & _PASSWORD_CHECKS)
    found = _NOQA.search(comment)
    return found is not None and bool(_noqa_codes(found) & _RUFF_PASSWORD_CHECKS)
