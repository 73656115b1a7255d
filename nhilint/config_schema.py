"""The configuration's JSON Schema: built from the rule index, shipped as config_schema.json,
and what `[tool.nhilint]` / nhilint.toml are validated against.

One schema serves three readers: nhilint itself (through the small validator below, which
knows the few keywords the schema uses, so nhilint needs no jsonschema package), editors that
complete and check TOML from a JSON Schema (Even Better TOML / taplo, by the `$schema` or their
own schema settings), and tests/test_config_schema.py, which checks the shipped file against
`build_schema()` and the validator against the `jsonschema` package.

Errors (exit 2) name the file and the key: a value of the wrong type, a number out of range, a
rule code or prefix nhilint does not have (`select`, `ignore`, `extend-select`,
`per-file-ignores`, `[rules.CODE]`). Keys nhilint does not know warn and are ignored, as the
SPEC says (`additionalProperties: false` in the schema; editors show them too).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Any, Callable, Dict, List, Mapping, Sequence

SCHEMA_FILE = "config_schema.json"
LEVELS = ["low", "medium", "high"]
# schema type -> (Python test, how a message names it)
_TYPES: Mapping[str, Any] = {
    "object": (lambda v: isinstance(v, dict), "a table"),
    "array": (lambda v: isinstance(v, list), "a list"),
    "string": (lambda v: isinstance(v, str), "a string"),
    "boolean": (lambda v: isinstance(v, bool), "a boolean"),
    "integer": (lambda v: isinstance(v, int) and not isinstance(v, bool), "an integer"),
    "number": (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "a number"),
}


class SchemaError(ValueError):
    """A value the schema refuses; the message names the key."""


def _selectors(codes: Sequence[str]) -> List[str]:
    """Every code and every prefix of one that selects something (`NHL`, `NHL1`, `NHL10`, ...)."""
    found = {code[:length] for code in codes for length in range(3, len(code) + 1)}
    return sorted(found, key=lambda s: (len(s), s))


def _option_schema(type_name: str) -> Dict[str, Any]:
    # every numeric option of the pack is a limit (seconds): negative values make no sense
    return {
        "bool": {"type": "boolean"},
        "int": {"type": "integer", "minimum": 0},
        "float": {"type": "number", "minimum": 0},
        "str": {"type": "string"},
        "list": {"type": "array", "items": {"type": "string"}, "x-expected": "a list of strings"},
    }.get(type_name, {"type": "array"})


def build_schema(rules: Sequence[Any]) -> Dict[str, Any]:
    """The schema for the given rule index entries (nhilint.rule_index.rule_entries())."""
    codes = [rule.code for rule in rules]
    selectors = {
        "type": "array",
        "items": {"type": "string", "enum": _selectors(codes), "x-expected": "a rule code or code prefix"},
        "x-expected": "a list of strings",
    }
    strings = {"type": "array", "items": {"type": "string"}, "x-expected": "a list of strings"}
    qualified_names = {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "x-expected": 'a table of "qualified.name" = "known.api" strings',
    }
    rule_tables = {
        rule.code: {
            "type": "object",
            "description": f"Options of {rule.code} ({rule.name}).",
            "properties": {key: _option_schema(type_name) for key, type_name in rule.options},
            "additionalProperties": False,
        }
        for rule in rules
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "nhilint configuration",
        "description": "[tool.nhilint] in pyproject.toml, or the top level of nhilint.toml / .nhilint.toml.",
        "type": "object",
        "properties": {
            "select": dict(selectors, description="Rules to run (code prefixes), replacing the default set."),
            "extend-select": dict(selectors, description="Rules to add to the selection."),
            "ignore": dict(selectors, description="Rules to leave out."),
            "exclude": dict(strings, description="Paths to skip (gitignore syntax), replacing the defaults."),
            "extend-exclude": dict(strings, description="Paths to skip besides the defaults."),
            "respect-gitignore": {"type": "boolean", "description": "Skip what .gitignore files skip."},
            "min-severity": {"type": "string", "enum": LEVELS, "x-expected": "low, medium or high",
                             "description": "Leave out findings of rules below this severity."},
            "min-confidence": {"type": "string", "enum": LEVELS, "x-expected": "low, medium or high",
                               "description": "Leave out findings below this confidence."},
            "per-file-ignores": {
                "type": "object", "additionalProperties": selectors, "x-expected": "a table of glob = [codes]",
                "description": "Rules to leave out per file: glob = [code prefixes].",
            },
            "rules": {
                "type": "object", "properties": rule_tables,
                "propertyNames": {"enum": codes, "x-expected": "a rule code"},
                "x-expected": "a table of rule codes", "description": "Per-rule options.",
            },
            "apis": {
                "type": "object",
                "properties": {
                    "token-sources": dict(strings, description="Functions that return an access token."),
                    "jwt-decoders": dict(qualified_names, description="Your JWT decoders and the API each behaves like."),
                    "cache-decorators": dict(qualified_names, description="Your cache decorators and the one each behaves like."),
                },
                "additionalProperties": False,
                "x-expected": "a table",
            },
        },
        "additionalProperties": False,
    }


@lru_cache(maxsize=1)
def shipped_schema() -> Dict[str, Any]:
    """The schema file in the package: what nhilint validates against and editors read."""
    # beside this module (package data): a plain read, cheaper to import than importlib.resources
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), SCHEMA_FILE), encoding="utf-8") as file:
        return json.load(file)  # type: ignore[no-any-return]


def _expected(schema: Mapping[str, Any]) -> str:
    if "x-expected" in schema:
        return str(schema["x-expected"])
    return _TYPES[schema["type"]][1] if "type" in schema else "something else"


def _type_name(value: Any) -> str:
    for name in ("boolean", "integer", "number", "string", "array", "object"):
        if _TYPES[name][0](value):
            return _TYPES[name][1]
    return type(value).__name__


def _check(value: Any, schema: Mapping[str, Any], key: str, warn: Callable[[str], None]) -> None:
    kind = schema.get("type")
    if kind is not None and not _TYPES[kind][0](value):
        raise SchemaError(f"'{key}' must be {_expected(schema)}, got {_type_name(value)}")
    if "enum" in schema and value not in schema["enum"]:
        raise SchemaError(f"'{key}' must be {_expected(schema)}, got {value!r}")
    if "minimum" in schema and value < schema["minimum"]:
        raise SchemaError(f"'{key}' must be at least {schema['minimum']}, got {value!r}")
    if kind == "array" and "items" in schema:
        items = schema["items"]
        for item in value:
            if not _TYPES[items.get("type", "string")][0](item):
                raise SchemaError(f"'{key}' must be {_expected(schema)}, got a list holding {_type_name(item)}")
            if "enum" in items and item not in items["enum"]:
                raise SchemaError(f"'{key}': {item!r} is not {_expected(items)} (see `nhilint rules`)")
    if kind == "object":
        _check_table(value, schema, key, warn)


def _check_table(table: Mapping[str, Any], schema: Mapping[str, Any], key: str, warn: Callable[[str], None]) -> None:
    properties = schema.get("properties", {})
    names = schema.get("propertyNames", {})
    extra = schema.get("additionalProperties", True)
    for name, value in table.items():
        path = f"{key}.{name}" if key else name
        if "enum" in names and name not in names["enum"]:
            raise SchemaError(f"'{path}' is not {_expected(names)} (see `nhilint rules`)")
        if name in properties:
            _check(value, properties[name], path, warn)
        elif extra is False:
            warn(f"unknown key '{path}' (ignored)")
        elif isinstance(extra, dict):
            _check(value, extra, path, warn)


def validate(table: Mapping[str, Any], warn: Callable[[str], None], schema: Any = None) -> None:
    """Raises SchemaError for the first invalid value; `warn` hears of each unknown key."""
    _check_table(table, schema if schema is not None else shipped_schema(), "", warn)
