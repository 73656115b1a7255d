"""A rule finds the same whether it runs alone or beside every other rule.

The flow layer is shared and memoised: an answer computed for one rule (in whatever scope the
visit was in) must be the answer every rule gets. Checked on every rule fixture and the demo.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.helpers import FIXTURES, pairs

FILES = sorted((FIXTURES / "rules").glob("*.py")) + sorted((FIXTURES / "demo").rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_each_rule_finds_the_same_alone_and_with_the_others(path):
    source = path.read_text(encoding="utf-8")
    together = pairs(source)
    codes = sorted({code for _, code in together} | {path.name[:6].upper()} - {"__INIT"})
    for code in codes:
        if not code.startswith("NHL"):
            continue
        alone = pairs(source, select=[code])
        mine = Counter({key: count for key, count in together.items() if key[1] == code})
        assert alone == mine, code
