"""The configuration's JSON Schema: shipped, current, valid, and agreeing with nhilint's checks."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import jsonschema
import pytest

from nhilint.config_schema import SCHEMA_FILE, SchemaError, build_schema, shipped_schema, validate
from nhilint.rule_index import rule_entries
from tests.helpers import ROOT


def test_the_shipped_schema_is_current():
    assert shipped_schema() == build_schema(rule_entries()), "regenerate: python scripts/gen_config_schema.py"
    jsonschema.Draft7Validator.check_schema(shipped_schema())


GOOD = [
    {},
    {"select": ["NHL1"], "ignore": ["NHL104"], "extend-select": ["NHL901"], "min-severity": "high"},
    {"per-file-ignores": {"tests/*": ["NHL1", "NHL301"]}, "respect-gitignore": False},
    {"rules": {"NHL103": {"max-leeway-seconds": 120}, "NHL204": {"max-ttl-seconds": 0.5}}},
    {"apis": {"token-sources": ["a.b"], "jwt-decoders": {"a.verify": "jwt.decode"}}},
]
BAD = [
    {"select": "NHL1"},
    {"select": ["NHL7"]},
    {"per-file-ignores": {"x": ["E501"]}},
    {"rules": {"NHL999": {}}},
    {"rules": {"NHL103": {"max-leeway-seconds": -1}}},
    {"rules": {"NHL103": {"max-leeway-seconds": True}}},
    {"min-confidence": "certain"},
    {"apis": {"jwt-decoders": {"a.verify": 3}}},
]


@pytest.mark.parametrize("table", GOOD)
def test_valid_tables_pass_both_validators(table):
    warnings = []
    validate(table, warnings.append)
    assert warnings == []
    jsonschema.validate(table, shipped_schema())


@pytest.mark.parametrize("table", BAD)
def test_invalid_tables_fail_both_validators(table):
    with pytest.raises(SchemaError):
        validate(table, lambda message: None)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(table, shipped_schema())


def test_unknown_keys_warn_here_and_are_errors_for_editors():
    warnings = []
    validate({"line-length": 3}, warnings.append)
    assert warnings == ["unknown key 'line-length' (ignored)"]
    with pytest.raises(jsonschema.ValidationError):  # an editor underlines it
        jsonschema.validate({"line-length": 3}, shipped_schema())


@pytest.mark.slow
def test_the_wheel_ships_the_schema(tmp_path):
    """Built as pip builds it: the schema is package data, found by importlib.resources."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("nhilint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert json.loads(archive.read(f"nhilint/{SCHEMA_FILE}")) == shipped_schema()
