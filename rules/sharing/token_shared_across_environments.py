from __future__ import annotations

from typing import Any, ClassVar, Dict, List, Mapping, Optional, Tuple

import libcst as cst

from nhilint.analysis.credentials import Credential, credential_of, string_literal
from nhilint.analysis.environment_settings import (
    EnvironmentSetting,
    class_environment,
    crossed_from,
    named_environment,
    reference_elsewhere,
    settings_in,
)
from nhilint.analysis.environments import ENVIRONMENTS, environment_of, module_environment, setting_of
from nhilint.analysis.imports import dotted_name
from nhilint.analysis.names import is_token_name
from nhilint.context import FileContext
from nhilint.project import remote
from nhilint.project.build import qualify_key
from nhilint.rule import CHECK_TESTS, Rule


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
      `test_<package>/` directory (or `testproject/`, `testapp/`, `testsite/`; or one named for a kind of
      tests, `functionaltests/`, `integration_tests/`), a package's CI
      settings (`ci_settings.py`), a pytest plugin module defining fixtures, a module whose docstring says it is for tests
      only). Without it the rule is silent there: test code handles test
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
            if named_environment(value) is None:  # those are taken in visit_Call
                self._environment_instance(environment_of(name), value)
            return
        if not is_token_name(name):
            return
        environment = environment_of(name) or class_environment(self.context)
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
        environment = named_environment(node)
        if environment is not None:  # `ClusterTarget(name="qa", token=...)`, in a list or not
            self._environment_instance(environment, node)

    def _environment_instance(self, environment: Optional[str], call: cst.Call) -> None:
        """`STAGING = Environment(api_token=...)`, `Environment(name="staging", ...)`: one
        environment's settings as the keywords of an object."""
        settings = settings_in(self.context, call)
        if not settings or environment is None:
            return
        for setting, expr in settings:
            if not self._crosses(environment, setting, expr):
                self._record(0, environment, setting, expr, f"`{setting}`")

    def _module_mapping(self, environment: str, mapping: cst.Dict) -> None:
        """`test = {"callback_token": ..., ...}` in config/test.py: the module's environment's
        settings, as a mapping (a project that keeps one dict per environment module)."""
        for setting, expr in settings_in(self.context, mapping):
            if not self._crosses(environment, setting, expr):
                self._record(0, environment, setting_of(setting), expr, f"`{setting}`", True)

    def _crosses(self, environment: str, name: str, value: cst.BaseExpression) -> bool:
        """`STAGING_TOKEN = PROD_TOKEN` or `= os.environ["PROD_TOKEN"]`, also as a fallback
        (`os.environ.get("DEV_TOKEN", PROD_TOKEN)`, `os.getenv("DEV_TOKEN") or PROD_TOKEN`):
        reported at once."""
        crossed = crossed_from(self.context, environment, value)
        if crossed is None:
            return False
        other, shown = crossed
        self.report(value, f"the {environment} credential `{name}` is set from the {other} one, `{shown}`")
        return True

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
            for setting, expr in settings_in(self.context, value):
                if not self._crosses(environment, setting or key, expr):
                    self._record(group, environment, setting, expr, f"`{setting}`" if setting else f'`"{key}"`')

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
            first = reference_elsewhere(self.context, use, here)
            if first is None:
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
