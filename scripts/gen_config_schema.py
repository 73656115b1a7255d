"""Writes nhilint/config_schema.json from the rule index (tests/test_config_schema.py checks it).

Run after adding a rule or a rule option:  python scripts/gen_config_schema.py
"""

import json
from pathlib import Path

from nhilint.config_schema import SCHEMA_FILE, build_schema
from nhilint.rule_index import rule_entries

target = Path(__file__).resolve().parent.parent / "nhilint" / SCHEMA_FILE
target.write_text(json.dumps(build_schema(rule_entries()), indent=2) + "\n", encoding="utf-8")
print(f"wrote {target}")
