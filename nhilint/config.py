"""Configuration: `[tool.nhilint]` in pyproject.toml, or nhilint.toml / .nhilint.toml.

Keys follow ruff's names. The table is first checked against the shipped JSON Schema
(nhilint.config_schema): unknown keys warn (file and key); values of the wrong type, out of
range, or naming rule codes nhilint does not have raise ConfigError, which the CLI turns into
exit code 2 with the file and key.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from nhilint.catalogue import CatalogueError, build_catalogue
from nhilint.config_schema import SchemaError, validate
from nhilint.ftypes import ApiExtensions, Settings

if TYPE_CHECKING:
    from nhilint.rule_index import RuleEntry

CONFIG_NAMES = ("pyproject.toml", "nhilint.toml", ".nhilint.toml")


class ConfigError(Exception):
    """An invalid configuration: the run stops with exit code 2."""


def _string_list(file: str, key: str, value: Any) -> Tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{file}: '{key}' must be a list of strings, got {_type_name(value)}")
    return tuple(value)


def _codes(file: str, key: str, value: Any) -> Tuple[str, ...]:
    """A list of rule codes or prefixes: an empty one would match every rule."""
    codes = _string_list(file, key, value)
    if any(not code.strip() for code in codes):
        raise ConfigError(f"{file}: '{key}' contains an empty code, which would match every rule")
    return codes


def _byte_count(file: str, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{file}: '{key}' must be a number of bytes (0: no limit), got {value!r}")
    return value


def _type_name(value: Any) -> str:
    return {str: "a string", bool: "a boolean", int: "an integer", float: "a number", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__)


def find_config(start: Path) -> Optional[Path]:
    """The nearest config file at or above `start` that configures nhilint.

    A pyproject.toml that cannot be read is an error, not skipped: skipping it would let a
    parent directory's config, or none, apply in its place (issue 17 item 4).
    """
    start = start.resolve()
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(pyproject: Path) -> bool:
    return "nhilint" in _tool_table(pyproject, read_toml(pyproject))


def _tool_table(path: Path, data: Mapping[str, Any]) -> Mapping[str, Any]:
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table, got {_type_name(tool)}")
    return tool


# Far above any real configuration; a bound on what a config file can make us read and hold.
_MAX_CONFIG_BYTES = 10 * 1024 * 1024


def read_toml(path: Path) -> Dict[str, Any]:
    """A TOML file as a table, or ConfigError saying what is wrong with it."""
    from nhilint.files import read_regular_file

    try:
        data = read_regular_file(path, _MAX_CONFIG_BYTES)[1]
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        raise ConfigError(f"{path}: starts with a byte order mark (BOM), which TOML does not allow: "
                          "save it as UTF-8 without one")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8 (byte {error.start} cannot be decoded): TOML files are UTF-8") from None
    if not text:
        return {}  # an empty file is an empty table, without importing the parser (below)
    # here, not at the top: tomllib compiles its regular expressions at import, ~37 M
    # instructions, which a run reading no config file (or an empty one) never needs
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python < 3.11 only
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: arrays or tables nested too deeply") from None


def load_table(path: Path) -> Dict[str, Any]:
    data = read_toml(path)
    if path.name == "pyproject.toml":
        table = _tool_table(path, data).get("nhilint", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: 'tool.nhilint' must be a table")
        return table
    return data


def _rule_options(file: str, value: Any, rule_types: Mapping[str, Mapping[str, type]],
                  warn: Callable[[str], None]) -> Dict[str, Dict[str, Any]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{file}: 'rules' must be a table of rule codes, got {_type_name(value)}")
    result: Dict[str, Dict[str, Any]] = {}
    for code, options in value.items():
        if code not in rule_types:
            raise ConfigError(f"{file}: 'rules.{code}' is not a rule code (see `nhilint rules`)")
        if not isinstance(options, dict):
            raise ConfigError(f"{file}: 'rules.{code}' must be a table, got {_type_name(options)}")
        for key, option in options.items():
            expected = rule_types[code].get(key)
            if expected is None:
                continue  # the schema check warned
            is_number = expected is float and isinstance(option, (int, float))
            if isinstance(option, bool) != (expected is bool) or not (is_number or isinstance(option, expected)):
                raise ConfigError(
                    f"{file}: 'rules.{code}.{key}' must be {_type_name(expected())}, got {_type_name(option)}"
                )
            result.setdefault(code, {})[key] = float(option) if expected is float else option
    return result


def _apis(file: str, value: Any, warn: Callable[[str], None]) -> ApiExtensions:
    if not isinstance(value, dict):
        raise ConfigError(f"{file}: 'apis' must be a table, got {_type_name(value)}")
    tables: Dict[str, Dict[str, str]] = {"jwt-decoders": {}, "cache-decorators": {}}
    sources: Tuple[str, ...] = ()
    for key, entries in value.items():
        if key == "token-sources":
            sources = _string_list(file, "apis.token-sources", entries)
        elif key in tables:
            if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
                raise ConfigError(
                    f"{file}: 'apis.{key}' must be a table of \"qualified.name\" = \"known.api\" strings"
                )
            tables[key] = dict(entries)
        # other keys: the schema check warned
    try:
        build_catalogue(tables["jwt-decoders"], tables["cache-decorators"], sources)
    except CatalogueError as error:
        raise ConfigError(f"{file}: 'apis': {error}") from error
    return ApiExtensions(
        jwt_decoders=tables["jwt-decoders"], cache_decorators=tables["cache-decorators"], token_sources=sources
    )


def _per_file_ignores(file: str, value: Any) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{file}: 'per-file-ignores' must be a table of glob = [codes], got {_type_name(value)}")
    return tuple((pattern, _codes(file, f"per-file-ignores.{pattern}", codes))
                 for pattern, codes in value.items())


def settings_from_table(
    table: Mapping[str, Any],
    file: str,
    root: Path,
    rule_types: Mapping[str, Mapping[str, type]],
    warn: Callable[[str], None],
) -> Settings:
    try:  # the shipped JSON Schema: types, ranges, rule codes; unknown keys warn
        validate(table, lambda message: warn(f"{file}: {message}"))
    except SchemaError as error:
        raise ConfigError(f"{file}: {error}") from None
    values: Dict[str, Any] = {}
    for key, value in table.items():
        if key in ("select", "ignore", "extend-select"):
            values[key.replace("-", "_")] = _codes(file, key, value)
        elif key in ("exclude", "extend-exclude"):
            values[key.replace("-", "_")] = _string_list(file, key, value)
        elif key == "respect-gitignore":
            if not isinstance(value, bool):
                raise ConfigError(f"{file}: 'respect-gitignore' must be a boolean, got {_type_name(value)}")
            values["respect_gitignore"] = value
        elif key == "max-file-bytes":
            values["max_file_bytes"] = _byte_count(file, key, value)
        elif key == "per-file-ignores":
            values["per_file_ignores"] = _per_file_ignores(file, value)
        elif key == "rules":
            values["rule_options"] = _rule_options(file, value, rule_types, warn)
        elif key == "apis":
            values["apis"] = _apis(file, value, warn)
        elif key in ("min-severity", "min-confidence"):
            values[key.replace("-", "_")] = value
        # other keys: the schema check warned
    return Settings(root=str(root), config_file=file, **values)


def load_settings(
    config: Optional[Path],
    cwd: Path,
    rule_types: Mapping[str, Mapping[str, type]],
    warn: Callable[[str], None],
) -> Settings:
    """Settings from `config` if given, else from the nearest config file, else defaults."""
    path = config if config is not None else find_config(cwd)
    if path is None:
        return Settings(root=str(cwd.resolve()))
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    table = load_table(path)
    return settings_from_table(table, str(path), path.resolve().parent, rule_types, warn)


def codes_option(values: Sequence[str]) -> Tuple[str, ...]:
    """`--select NHL101,NHL2` and repeated options both give ('NHL101', 'NHL2')."""
    codes: List[str] = []
    for value in values:
        codes.extend(part.strip().upper() for part in value.split(",") if part.strip())
    return tuple(codes)


def rule_option_types(rules: Sequence["RuleEntry"]) -> Dict[str, Dict[str, type]]:
    return {rule.code: rule.option_types() for rule in rules}
