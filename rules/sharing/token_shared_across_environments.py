from __future__ import annotations

from typing import Any, ClassVar, Dict, List, Mapping, Optional, Tuple

import libcst as cst

from nhilint.analysis.credentials import Credential, credential_of, string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.environments import (
    ENVIRONMENTS,
    environment_of,
    environment_of_module,
    environment_settings_path,
    module_environment,
    name_words,
    setting_of,
)
from nhilint.analysis.names import env_var_name, is_token_name
from nhilint.context import FileContext
from nhilint.project import remote
from nhilint.project.build import qualify_key
from nhilint.project.index import MAX_MENTIONING
from nhilint.rule import CHECK_TESTS, Rule

# which environment's setting is the reference when two modules share one: production's
_RANK = {"prod": 0, "staging": 1, "dev": 2, "test": 3}


class EnvironmentSetting:
    """A module-level credential setting of a per-environment settings module.
    A plain class: never compared, hashed or copied, and a dataclass costs about 3 M
    instructions to create at every start (benchmarks/README.md, speed20)."""

    __slots__ = ("environment", "setting", "key", "shown", "node", "statement")

    def __init__(self, environment: str, setting: str, key: str, shown: str, node: cst.BaseExpression,
                 statement: Optional[cst.CSTNode]) -> None:
        self.environment = environment
        self.setting = setting
        self.key = key  # module-qualified identity (nhilint.project.build.qualify_key)
        self.shown = shown
        self.node = node
        self.statement = statement


class _Use:
    """Where a credential was first seen set (a plain class, as EnvironmentSetting)."""

    __slots__ = ("environment", "shown")

    def __init__(self, environment: str, shown: str) -> None:
        self.environment = environment
        self.shown = shown


class TokenSharedAcrossEnvironments(Rule):
    """
    ## What it does
    Finds one credential used in two environments (prod / production, staging / stage,
    dev / development, test / qa):

    - a mapping keyed by environments whose token settings hold the same value, variable or env
      var (`{"prod": {"api_token": …}, "staging": {"api_token": …}}`, `{"prod": TOKEN,
      "dev": TOKEN}`);
    - per-environment classes (`ProductionConfig`, `StagingConfig`…) whose token settings hold
      the same value, variable or env var;
    - per-environment objects: `STAGING = Environment(api_token=…)`, or any
      `Target(name="qa", token=…)`, whose credential keywords hold the same;
    - per-environment names (`PROD_API_TOKEN`, `DEV_API_TOKEN`) holding the same credential;
    - one environment's credential assigned to another's: `STAGING_TOKEN = PROD_TOKEN`,
      `DEV_TOKEN = os.environ["PROD_TOKEN"]`, `MAPS_API_KEY = ProductionConfig.MAPS_API_KEY`,
      `grafana_token=PRODUCTION.grafana_token`, `"webhook_secret": env("WEBHOOK_SECRET_PROD")`
      in the staging entry; also as a fallback: `os.environ.get("DEV_BOT_TOKEN", PROD_BOT_TOKEN)`,
      `os.getenv("DEV_TOKEN") or PROD_TOKEN`;
    - per-environment settings modules (`settings/staging.py`, `config/pro.py`) whose
      credential settings, as names or as the entries of one dict per module (`staging =
      {"callback_token": …}`), hold the same credential across modules, or read another
      environment's (`"callback_token": pro["callback_token"]` with `from .pro import pro`).
      A module of a settings package named `pro`, `live` or `local` configures production,
      production and development (as a name, "pro" is as often a plan tier). The test
      environment's settings module (`config/test.py`, `settings/qa.py`, not one under a
      `tests/` directory) is read although its name makes it a test file: it configures an
      environment, and a production credential there is the finding.

    Credential settings are those with a credential name (`api_token`, `webhook_secret`), and
    `*_key` settings whose value is named as a credential (`"datadog_key": DD_API_KEY`). Env vars
    are read by `os.environ` / `os.getenv`, django-environ's `env("X")` and decouple's
    `config("X")`. The later environment is reported; the message names the first. Empty
    values, `None` and placeholders are not credentials, and development and test may share
    a credential: both run with test credentials, on purpose (`STRIPE_TEST_SECRET_KEY` in both
    is Stripe's test mode).
    Settings inherited from a base class are not compared: only what each environment sets
    itself. Across modules, only per-environment settings modules (by their path) that name
    the setting are read, and none when more than 64 do.

    ## Why is this bad?
    Environments are separated so that a mistake or a breach in one does not reach another.
    A production credential in staging or a developer's laptop is as exposed as the least
    protected environment holding it, and whatever runs there acts on production (OWASP NHI-02;
    NHI8:2025 Environment Isolation, NHI9:2025 NHI Reuse; CWE-653).

    ## Example
    ```python
    import os

    class ProductionConfig:
        PAYMENTS_TOKEN = os.environ["PAYMENTS_TOKEN"]

    class StagingConfig:
        PAYMENTS_TOKEN = os.environ["PAYMENTS_TOKEN"]
    ```

    ## Use instead
    ```python
    import os

    class ProductionConfig:
        PAYMENTS_TOKEN = os.environ["PROD_PAYMENTS_TOKEN"]

    class StagingConfig:
        PAYMENTS_TOKEN = os.environ["STAGING_PAYMENTS_TOKEN"]
    ```

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `testing.py`, `conftest.py`, files under a `tests/`, `test/`, `testing/`, `tests_*/` or
      `test_<package>/` directory, a pytest plugin
      module defining fixtures). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [OWASP Non-Human Identities Top 10 2025: NHI8 Environment Isolation](https://owasp.org/www-project-non-human-identities-top-10/2025/8-environment-isolation/)
    - [OWASP Non-Human Identities Top 10 2025: NHI9 NHI Reuse](https://owasp.org/www-project-non-human-identities-top-10/2025/9-nhi-reuse/)
    - CWE-653
    """

    code = "NHL303"
    name = "token-shared-across-environments"
    family: ClassVar[str] = "token-sharing"
    summary = "One credential is used in two environments"
    severity = "high"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI8:2025", "NHI9:2025")
    cwe = (653,)
    options = {"check-tests": CHECK_TESTS}
    # a credential name is needed, and a file has fewer of those than environment words
    words = ("token", "bearer", "jwt", "api_key", "apikey", "secret", "credential", "password", "passwd")
    # `config/test.py` configures the test environment: a production credential there is this
    # rule's concern even though the file's name makes it a test file
    reads_test_settings = True

    def __init__(self, context: FileContext, options: Mapping[str, Any]) -> None:
        super().__init__(context, options)
        # (group, setting, credential) -> first use; a group is one mapping, or the file
        self._seen: Dict[Tuple[int, str, str], _Use] = {}
        # the environment of a per-environment settings module, and its credential settings
        self._module_environment = module_environment(context)
        self.module_settings: List[EnvironmentSetting] = []
        # set when the module is read for its export: record, compare nothing across modules
        self.collect_only = False

    # -- per-environment names and classes ------------------------------------------------------
    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._assigned(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._assigned(node.target, node.value)

    def _assigned(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        dotted = dotted_name(target) if isinstance(target, (cst.Name, cst.Attribute)) else None
        if dotted is None:
            return
        name = dotted.rsplit(".", 1)[-1]
        if (isinstance(target, cst.Name) and isinstance(value, cst.Dict) and self._module_environment is not None
                and len(self.context.statement_stack) == 1):
            self._module_mapping(self._module_environment, value)
            return
        if isinstance(target, cst.Name) and isinstance(value, cst.Call) and not is_token_name(name):
            if self._named_environment(value) is None:  # those are taken in visit_Call
                self._environment_instance(environment_of(name), value)
            return
        if not is_token_name(name):
            return
        environment = environment_of(name) or self._class_environment()
        from_module = False
        if environment is None and len(self.context.statement_stack) == 1 and isinstance(target, cst.Name):
            environment = self._module_environment  # `API_TOKEN = ...` in settings/staging.py
            from_module = environment is not None
        if environment is None:
            return
        if self._crosses(environment, name, value):
            return
        self._record(0, environment, setting_of(name), value, f"`{name}`", from_module)

    def visit_Call(self, node: cst.Call) -> None:
        environment = self._named_environment(node)
        if environment is not None:  # `ClusterTarget(name="qa", token=...)`, in a list or not
            self._environment_instance(environment, node)

    def _environment_instance(self, environment: Optional[str], call: cst.Call) -> None:
        """`STAGING = Environment(api_token=...)`, `Environment(name="staging", ...)`: one
        environment's settings as the keywords of an object."""
        settings = self._settings_in(call)
        if not settings or environment is None:
            return
        for setting, expr in settings:
            if not self._crosses(environment, setting, expr):
                self._record(0, environment, setting, expr, f"`{setting}`")

    @staticmethod
    def _named_environment(call: cst.Call) -> Optional[str]:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in ("name", "env", "environment", "stage"):
                text = string_literal(arg.value)
                return ENVIRONMENTS.get(text.lower()) if text is not None else None
        return None

    def _module_mapping(self, environment: str, mapping: cst.Dict) -> None:
        """`test = {"callback_token": ..., ...}` in config/test.py: the module's environment's
        settings, as a mapping (a project that keeps one dict per environment module)."""
        for setting, expr in self._settings_in(mapping):
            if not self._crosses(environment, setting, expr):
                self._record(0, environment, setting_of(setting), expr, f"`{setting}`", True)

    def _class_environment(self) -> Optional[str]:
        """The environment of the class whose body holds the current statement."""
        stack = self.context.statement_stack
        if len(stack) >= 2 and isinstance(stack[-2], cst.ClassDef):
            return environment_of(stack[-2].name.value)
        return None

    def _crosses(self, environment: str, name: str, value: cst.BaseExpression) -> bool:
        """`STAGING_TOKEN = PROD_TOKEN` or `= os.environ["PROD_TOKEN"]`, also as a fallback
        (`os.environ.get("DEV_TOKEN", PROD_TOKEN)`, `os.getenv("DEV_TOKEN") or PROD_TOKEN`):
        reported at once."""
        return any(self._crosses_from(environment, name, value, source) for source in _fallbacks(value))

    def _crosses_from(self, environment: str, name: str, report_at: cst.BaseExpression, value: cst.BaseExpression) -> bool:
        source = self._source_name(value)
        owner = (dotted_name(value) or "").rpartition(".")[0] if isinstance(value, (cst.Name, cst.Attribute)) else ""
        if isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index):
            # `pro["callback_token"]`: an entry of another environment's settings mapping
            source = string_literal(value.slice[0].slice.value)
            owner = dotted_name(value.value) or ""
        if not source or not is_token_name(source):
            return False
        # `PROD_TOKEN`, or another environment's own: `ProductionConfig.MAPS_API_KEY`, `PRODUCTION.token`,
        # or what a settings module of another environment holds (`from .pro import pro`)
        other = environment_of(source) or (
            (environment_of(owner) or self._imported_environment(owner)) if owner and "." not in owner else None
        )
        if other is None or other == environment or {other, environment} == {"dev", "test"}:
            return False  # dev and test: `STRIPE_TEST_SECRET_KEY` in development names a test-mode key
        shown = f"{owner}.{source}" if owner else source
        if isinstance(value, cst.Subscript):
            shown = self.context.module.code_for_node(value)
        self.report(report_at, f"the {environment} credential `{name}` is set from the {other} one, `{shown}`")
        return True

    def _imported_environment(self, name: str) -> Optional[str]:
        """The environment of the settings module `name` is imported from (`from .pro import
        pro`, `from config import staging`)."""
        qualified = self.context.imports.get(name)
        if qualified is None:
            return None
        return environment_of_module(qualified.rpartition(".")[0]) or environment_of_module(qualified)

    # -- mappings keyed by environment ----------------------------------------------------------
    def visit_Dict(self, node: cst.Dict) -> None:
        entries = []
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                continue
            key = string_literal(element.key)
            environment = ENVIRONMENTS.get(key.lower()) if key is not None else None
            if environment is not None:
                entries.append((environment, key, element.value))
        if len({entry[0] for entry in entries}) < 2:
            return
        group = id(node)
        for environment, key, value in entries:
            for setting, expr in self._settings_in(value):
                if not self._crosses(environment, setting or key, expr):
                    self._record(group, environment, setting, expr, f"`{setting}`" if setting else f'`"{key}"`')

    def _settings_in(self, value: cst.BaseExpression) -> List[Tuple[str, cst.BaseExpression]]:
        """The token settings of one environment's entry: a dict, a call's keywords, or itself."""
        if isinstance(value, cst.Dict):
            found = []
            for element in value.elements:
                key = string_literal(element.key) if isinstance(element, cst.DictElement) else None
                if key is not None and self._is_credentialsetting_of(key, element.value):
                    found.append((key, element.value))
            return found
        if isinstance(value, cst.Call):
            return [(a.keyword.value, a.value) for a in value.args
                    if a.keyword and self._is_credentialsetting_of(a.keyword.value, a.value)]
        owner = self._assigned_name()
        return [("", value)] if owner is not None and is_token_name(owner) else []

    def _is_credentialsetting_of(self, name: str, value: cst.BaseExpression) -> bool:
        """`api_token`, or a `*_key` whose value is named as a credential (`"datadog_key":
        DD_API_KEY`, `env("PAYMENTS_API_KEY")`)."""
        if is_token_name(name):
            return True
        if not name_words(name) or name_words(name)[-1] != "key":
            return False
        source = self._source_name(value)
        return source is not None and is_token_name(source)

    def _source_name(self, value: cst.BaseExpression) -> Optional[str]:
        """The name a value is read from: a variable's, an attribute's last, an env var's."""
        if isinstance(value, (cst.Name, cst.Attribute)):
            return (dotted_name(value) or "").rsplit(".", 1)[-1] or None
        return env_var_name(self.context, value, self.context.facts())

    def _assigned_name(self) -> Optional[str]:
        """`TOKENS` of `TOKENS = {"prod": …, "dev": …}`: the name a flat mapping is bound to."""
        statement = self.context.statement_stack[-1] if self.context.statement_stack else None
        if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
            small = statement.body[0]
            target = None
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target = small.targets[0].target
            elif isinstance(small, cst.AnnAssign):
                target = small.target
            dotted = dotted_name(target) if isinstance(target, (cst.Name, cst.Attribute)) else None
            return dotted.rsplit(".", 1)[-1] if dotted else None
        return None

    # -- comparing ------------------------------------------------------------------------------
    def _record(self, group: int, environment: str, setting: str, value: cst.BaseExpression, shown: str,
                from_module: bool = False) -> None:
        credential = credential_of(self.context, value, self.context.facts())
        if credential is None:
            return
        if from_module:
            statement = self.context.statement_stack[-1] if self.context.statement_stack else None
            self.module_settings.append(EnvironmentSetting(
                environment, setting, qualify_key(self.context, credential.key), shown, value, statement))
        key = (group, setting, credential.key)
        first = self._seen.get(key)
        if first is None:
            self._seen[key] = _Use(environment, shown)
        elif first.environment != environment and {first.environment, environment} != {"dev", "test"}:
            # development and test share test-mode keys on purpose (`STRIPE_TEST_SECRET_KEY`)
            self.report(value, self._message(environment, shown, first, credential))

    # -- per-environment settings modules ---------------------------------------------------------
    def leave_Module(self, original_node: cst.Module) -> None:
        """`STRIPE_SECRET_KEY = config("STRIPE_LIVE_SECRET_KEY")` in settings/production.py and in
        settings/staging.py: reported in the module of the lesser environment (production is
        the reference; then by path), naming the other."""
        if self.collect_only or self.context.project is None or not self.module_settings:
            return
        here = remote.own_path(self.context)
        for use in self.module_settings:
            others = remote.elsewhere(self.context, use.setting, where=environment_settings_path, limit=MAX_MENTIONING)
            if others is None:
                continue
            first = min((other for export in others
                         for other in export.environment_settings
                         if other.setting == use.setting and other.key == use.key
                         and other.environment != use.environment
                         and {other.environment, use.environment} != {"dev", "test"}),
                        key=lambda other: _order(other.environment, other.place.path, other.place.line), default=None)
            if first is None or _order(first.environment, first.place.path, 0) > _order(use.environment, here, 0):
                continue
            where = remote.shown_path(self.context, first.place.path)
            self.report(
                use.node,
                f"the {use.environment} setting {use.shown} holds the same credential as the {first.environment} "
                f"setting {first.shown} (in {where}:{first.place.line}): give each environment its own",
                statement=use.statement,
                related=[(first.place.path, first.place.line,
                          f"the {first.environment} setting {first.shown} holds it here")],
            )

    @staticmethod
    def _message(environment: str, shown: str, first: _Use, credential: Credential) -> str:
        return (
            f"the {environment} setting {shown} holds the same credential ({credential.shown}) as the "
            f"{first.environment} setting {first.shown}: give each environment its own"
        )


def _fallbacks(value: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The value and what it falls back to: an env read's default, the right of an `or`."""
    found = [value]
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        found += _fallbacks(value.right)
    elif isinstance(value, cst.Call) and leaf_name(value) in ("get", "getenv", "config", "str") and value.args:
        default = next((a.value for a in value.args if a.keyword and a.keyword.value == "default"), None)
        positional = [a.value for a in value.args if a.keyword is None and not a.star]
        if default is None and len(positional) > 1:
            default = positional[1]
        if default is not None:
            found.append(default)
    return found


def _order(environment: str, path: str, line: int) -> Tuple[int, str, int]:
    return _RANK.get(environment, len(_RANK)), path, line
