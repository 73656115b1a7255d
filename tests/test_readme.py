"""The README opens with the two commands, CI runs the second verbatim, the rule list is whole."""

from __future__ import annotations

import re

from nhilint.registry import all_rules
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```bash\n(.*?)```", README, flags=re.S)


def test_readme_opens_with_the_two_commands():
    before_first_prose = README.split("\n## ", 1)[0]
    assert before_first_prose.count("```bash") == 2
    assert BLOCKS[0].strip() == "pip install . && nhilint check fixtures/demo"
    assert BLOCKS[1].strip() == "pip install -e '.[test]' && pytest"


def test_ci_runs_the_second_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert BLOCKS[1].strip() in ci.splitlines()


def test_every_rule_is_in_the_readme_table():
    for rule in all_rules():
        assert f"| {rule.code} | {rule.name} |" in README, rule.code
