"""`check --show-settings` and `check --show-files`: what a run would use, and why.

--show-settings prints the resolved settings, each with where it came from: the config file,
the command line, or the default. --show-files prints the files a run would check and, for the
paths it leaves out, the reason (an exclude pattern, a .gitignore, --force-exclude).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Sequence, TextIO, Tuple

from nhilint.ftypes import Settings

# config key -> Settings field, where the two names differ by more than '-' / '_'
_FIELDS = {"rules": "rule_options", "per-file-ignores": "per_file_ignores"}
COMMAND_LINE = "command line"
DEFAULT = "default"


def field_of(key: str) -> str:
    return _FIELDS.get(key, key.replace("-", "_"))


def key_of(field: str) -> str:
    return {value: key for key, value in _FIELDS.items()}.get(field, field.replace("_", "-"))


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {key_of(f.name): _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        if all(isinstance(item, tuple) and len(item) == 2 for item in value) and value:
            return {str(k): _plain(v) for k, v in value}  # per-file-ignores pairs
        return [_plain(item) for item in value]
    return value


def sources(settings: Settings, config_keys: Sequence[str], from_command_line: Sequence[str]) -> Dict[str, str]:
    """Settings field -> where its value came from."""
    where: Dict[str, str] = {}
    for field in dataclasses.fields(settings):
        if field.name in ("root", "config_file"):
            continue
        if field.name in from_command_line:
            where[field.name] = COMMAND_LINE
        elif key_of(field.name) in config_keys and settings.config_file:
            where[field.name] = settings.config_file
        else:
            where[field.name] = DEFAULT
    return where


@dataclass(frozen=True)
class RuleSet:
    """The rules as --show-settings names them: which are on by default, which run."""

    on_by_default: Tuple[str, ...]
    opt_in: Tuple[str, ...]  # off unless selected by code or family
    selected: Tuple[str, ...]  # what this run's settings make run


def _resolved(settings: Settings, field: str, rules: RuleSet) -> Any:
    """The value a run uses where the setting's empty value stands for a default a user reading
    `exclude = []` or `select = []` would not guess: the default excludes
    (nhilint.api.excludes) and the rules on by default (nhilint.selection.select_rules)."""
    from nhilint.discovery import DEFAULT_EXCLUDE

    if field == "exclude" and not settings.exclude:
        return list(DEFAULT_EXCLUDE)
    if field == "select" and not settings.select:
        return list(rules.on_by_default)
    return getattr(settings, field)


def _origin(settings: Settings, field: str, origin: str, rules: RuleSet) -> str:
    if field == "select" and origin == DEFAULT and not settings.select:
        opt_in = f"; opt-in, not in it: {', '.join(rules.opt_in)}" if rules.opt_in else ""
        return f"default: the rules on by default (`nhilint rules`, column Default){opt_in}"
    return origin


def write_settings(settings: Settings, where: Dict[str, str], rules: RuleSet, out: TextIO) -> None:
    out.write(f"config file: {settings.config_file or '(none)'}\n")
    out.write(f"root: {settings.root}\n")
    for field, origin in where.items():
        value = json.dumps(_plain(_resolved(settings, field, rules)), sort_keys=True)
        out.write(f"{key_of(field)} = {value}    # {_origin(settings, field, origin, rules)}\n")
    out.write(f"rules that run ({len(rules.selected)}): {', '.join(rules.selected)}\n")


def rule_set(settings: Settings) -> RuleSet:
    from nhilint.api import make_plan
    from nhilint.rule_index import rule_entries

    entries = rule_entries()
    return RuleSet(
        on_by_default=tuple(entry.code for entry in entries if entry.default_enabled),
        opt_in=tuple(entry.code for entry in entries if not entry.default_enabled),
        selected=tuple(rule.code for rule in make_plan(settings).rules),
    )


def write_files(checked: Sequence[str], skipped: Sequence[Tuple[str, str]], missing: Sequence[Tuple[str, str]],
                out: TextIO) -> None:
    lines: List[str] = [f"check  {path}" for path in checked]
    lines += [f"skip   {path}  ({reason})" for path, reason in sorted(skipped)]
    lines += [f"error  {path}  ({reason})" for path, reason in missing]
    for line in lines:
        out.write(line + "\n")
    out.write(f"{len(checked)} file{'s' if len(checked) != 1 else ''} to check, {len(skipped)} path"
              f"{'s' if len(skipped) != 1 else ''} left out\n")


def show(settings: Settings, paths: Sequence[str], force_exclude: bool, show_settings: bool, out: TextIO,
         from_command_line: Mapping[str, Any]) -> bool:
    """`--show-settings` (when `show_settings`), else `--show-files`. False when a path given
    does not exist: the check would stop there too (exit 2)."""
    from pathlib import Path

    from nhilint.api import excludes
    from nhilint.config import load_table
    from nhilint.discovery import discover

    if show_settings:
        keys = list(load_table(Path(settings.config_file))) if settings.config_file else []
        given = [field for field, value in from_command_line.items() if value]
        write_settings(settings, sources(settings, keys, given), rule_set(settings), out)
        return True
    skipped: List[Tuple[str, str]] = []
    candidates, missing = discover(paths, Path(settings.root), excludes(settings), settings.respect_gitignore,
                                   force_exclude, lambda path, reason: skipped.append((path, reason)))
    write_files([candidate.display for candidate in candidates], skipped, missing, out)
    return not missing
