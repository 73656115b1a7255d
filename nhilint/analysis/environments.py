"""Which environment a name or a settings module configures: `prod` of `PROD_API_TOKEN`, of
`ProductionConfig`, of `shop.settings.production`. The per-environment rule (NHL303) and the
project's module shapes (nhilint.project.shape) both read names this way."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Mapping, Optional

from nhilint.patterns import compiled_on_first_use

if TYPE_CHECKING:
    from nhilint.context import FileContext

# environment words, on the snake_case form of a name, to their environment
ENVIRONMENTS: Mapping[str, str] = {
    "prod": "prod", "production": "prod", "prd": "prod",
    "staging": "staging", "stage": "staging", "stg": "staging",
    "dev": "dev", "development": "dev",
    "test": "test", "testing": "test", "qa": "test",
}
_CAMEL = compiled_on_first_use(r"(?<=[a-z0-9])(?=[A-Z])")


def name_words(name: str) -> List[str]:
    return [w for w in _CAMEL.sub("_", name).lower().split("_") if w]


def environment_of(name: str) -> Optional[str]:
    """`prod` of `PROD_API_TOKEN`, `ProductionConfig`, `production`; None without one (or two)."""
    found = {ENVIRONMENTS[w] for w in name_words(name) if w in ENVIRONMENTS}
    return found.pop() if len(found) == 1 else None


def setting_of(name: str) -> str:
    """The setting a per-environment name stands for: `api_token` of `STAGING_API_TOKEN`."""
    return "_".join(w for w in name_words(name) if w not in ENVIRONMENTS)


# packages whose modules each configure one environment (`settings/staging.py`)
_SETTINGS_PACKAGES = frozenset({"settings", "config", "configs", "conf", "configuration", "environments", "envs"})


def module_environment(context: "FileContext") -> Optional[str]:
    """The environment a per-environment settings module configures: `staging` of
    `shop.settings.staging`; None for any other module (`settings/base.py` included)."""
    return environment_of_module(context.module_name)


def environment_settings_path(path: str) -> bool:
    """Whether a file is a per-environment settings module by its path (`settings/staging.py`)."""
    parts = path.replace("\\", "/").split("/")
    if len(parts) < 2 or not parts[-1].endswith(".py"):
        return False
    return environment_of_module(f"{parts[-2]}.{parts[-1][:-3]}") is not None


def environment_of_module(module: str) -> Optional[str]:
    parts = module.split(".")
    if len(parts) < 2 or parts[-2].lower() not in _SETTINGS_PACKAGES:
        return None
    # `config/pro.py` beside `config/dev.py`: "pro" names production only as a settings module
    # (in a name it is as often a plan tier: `PRO_PLAN_TOKEN`)
    return environment_of(parts[-1]) or _MODULE_ENVIRONMENTS.get(parts[-1].lower())


_MODULE_ENVIRONMENTS = {"pro": "prod", "live": "prod", "local": "dev"}
