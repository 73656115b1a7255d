"""The credential settings of one environment (NHL303): the token settings of an environment's
entry (a dict, an object's keywords, a value bound to a credential name), the name a value is
read from, the other environment's credential a value is set from (`STAGING_TOKEN =
PROD_TOKEN`, also as a fallback), and across the project the setting of another environment
that holds the same credential (production first).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.environments import ENVIRONMENTS, environment_of, environment_of_module, environment_settings_path, name_words
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.syntax import default_argument
from nhilint.analysis.names import env_var_name, is_token_name
from nhilint.project import remote
from nhilint.project.index import MAX_MENTIONING

if TYPE_CHECKING:
    from nhilint.context import FileContext
    from nhilint.project.facts import EnvironmentSettingExport

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


def named_environment(call: cst.Call) -> Optional[str]:
    """`Target(name="qa", ...)`: the environment a call names by keyword."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in ("name", "env", "environment", "stage"):
            text = string_literal(arg.value)
            return ENVIRONMENTS.get(text.lower()) if text is not None else None
    return None


def class_environment(context: "FileContext") -> Optional[str]:
    """The environment of the class whose body holds the current statement."""
    stack = context.statement_stack
    if len(stack) >= 2 and isinstance(stack[-2], cst.ClassDef):
        return environment_of(stack[-2].name.value)
    return None


def settings_in(context: "FileContext", value: cst.BaseExpression) -> List[Tuple[str, cst.BaseExpression]]:
    """The token settings of one environment's entry: a dict, a call's keywords, or itself."""
    if isinstance(value, cst.Dict):
        found = []
        for element in value.elements:
            key = string_literal(element.key) if isinstance(element, cst.DictElement) else None
            if key is not None and _is_credential_setting(context, key, element.value):
                found.append((key, element.value))
        return found
    if isinstance(value, cst.Call):
        return [(a.keyword.value, a.value) for a in value.args
                if a.keyword and _is_credential_setting(context, a.keyword.value, a.value)]
    owner = _assigned_name(context)
    return [("", value)] if owner is not None and is_token_name(owner) else []


def crossed_from(context: "FileContext", environment: str, value: cst.BaseExpression) -> Optional[Tuple[str, str]]:
    """The other environment whose credential `value` (or what it falls back to: an env read's
    default, the right of an `or`) is read from, and that credential as shown: `PROD_TOKEN`,
    `os.environ["PROD_TOKEN"]`, `ProductionConfig.MAPS_API_KEY`, `pro["callback_token"]`. None
    when it is this environment's own (development and test may share one)."""
    for source in _fallbacks(value):
        crossed = _crossed(context, environment, source)
        if crossed is not None:
            return crossed
    return None


def reference_elsewhere(context: "FileContext", use: EnvironmentSetting, here: str) -> Optional["EnvironmentSettingExport"]:
    """The setting of another environment, in another module of the project, that holds the
    credential `use` holds and is the reference (production first, then by path); None when
    there is none or `use` (in the module at `here`) is the reference itself."""
    others = remote.elsewhere(context, use.setting, where=environment_settings_path, limit=MAX_MENTIONING)
    if others is None:
        return None
    first = min((other for export in others
                 for other in export.environment_settings
                 if other.setting == use.setting and other.key == use.key
                 and other.environment != use.environment
                 and {other.environment, use.environment} != {"dev", "test"}),
                key=lambda other: _order(other.environment, other.place.path, other.place.line), default=None)
    if first is None or _order(first.environment, first.place.path, 0) > _order(use.environment, here, 0):
        return None
    return first


def _crossed(context: "FileContext", environment: str, value: cst.BaseExpression) -> Optional[Tuple[str, str]]:
    source = _source_name(context, value)
    owner = (dotted_name(value) or "").rpartition(".")[0] if isinstance(value, (cst.Name, cst.Attribute)) else ""
    if isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index):
        # `pro["callback_token"]`: an entry of another environment's settings mapping
        source = string_literal(value.slice[0].slice.value)
        owner = dotted_name(value.value) or ""
    if not source or not is_token_name(source):
        return None
    # `PROD_TOKEN`, or another environment's own: `ProductionConfig.MAPS_API_KEY`, `PRODUCTION.token`,
    # or what a settings module of another environment holds (`from .pro import pro`)
    other = environment_of(source) or (
        (environment_of(owner) or _imported_environment(context, owner)) if owner and "." not in owner else None
    )
    if other is None or other == environment or {other, environment} == {"dev", "test"}:
        return None  # dev and test: `STRIPE_TEST_SECRET_KEY` in development names a test-mode key
    shown = f"{owner}.{source}" if owner else source
    if isinstance(value, cst.Subscript):
        shown = context.module.code_for_node(value)
    return other, shown


def _imported_environment(context: "FileContext", name: str) -> Optional[str]:
    """The environment of the settings module `name` is imported from (`from .pro import
    pro`, `from config import staging`)."""
    qualified = context.imports.get(name)
    if qualified is None:
        return None
    return environment_of_module(qualified.rpartition(".")[0]) or environment_of_module(qualified)


def _is_credential_setting(context: "FileContext", name: str, value: cst.BaseExpression) -> bool:
    """`api_token`, or a `*_key` whose value is named as a credential (`"datadog_key":
    DD_API_KEY`, `env("PAYMENTS_API_KEY")`)."""
    if is_token_name(name):
        return True
    if not name_words(name) or name_words(name)[-1] != "key":
        return False
    source = _source_name(context, value)
    return source is not None and is_token_name(source)


def _source_name(context: "FileContext", value: cst.BaseExpression) -> Optional[str]:
    """The name a value is read from: a variable's, an attribute's last, an env var's."""
    if isinstance(value, (cst.Name, cst.Attribute)):
        return (dotted_name(value) or "").rsplit(".", 1)[-1] or None
    return env_var_name(context, value, context.facts())


def _assigned_name(context: "FileContext") -> Optional[str]:
    """`TOKENS` of `TOKENS = {"prod": …, "dev": …}`: the name a flat mapping is bound to."""
    statement = context.statement_stack[-1] if context.statement_stack else None
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


def _fallbacks(value: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The value and what it falls back to: an env read's default, the right of an `or`."""
    found = [value]
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        found += _fallbacks(value.right)
    elif isinstance(value, cst.Call) and leaf_name(value) in ("get", "getenv", "config", "str") and value.args:
        default = default_argument(value)
        if default is not None:
            found.append(default)
    return found


def _order(environment: str, path: str, line: int) -> Tuple[int, str, int]:
    return _RANK.get(environment, len(_RANK)), path, line
