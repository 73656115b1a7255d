"""The prefilter is sound: it never drops a finding the rules would report.

Each top-level statement of every rule fixture is checked on its own (with the file's imports),
where the words of other cases cannot mask a missing trigger word: findings with and without
the prefilter must be identical.
"""

from __future__ import annotations

import re
from typing import List, Set

import libcst as cst
import pytest

from nhilint.engine import CheckPlan
from tests.helpers import FIXTURES, pairs

FIXTURE_FILES = sorted((FIXTURES / "rules").glob("*.py"))


def _bound_names(statement: cst.SimpleStatementLine) -> Set[str]:
    names = set()
    for small in statement.body:
        if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(small.names, cst.ImportStar):
            for alias in small.names:
                bound = alias.asname.name if alias.asname is not None else alias.name
                names.add(cst.Module([]).code_for_node(bound).split(".")[0])
    return names


def _snippets(source: str) -> List[str]:
    """Each statement with only the imports it uses: no other case's words come along."""
    module = cst.parse_module(source)
    imports = [s for s in module.body if isinstance(s, cst.SimpleStatementLine) and _bound_names(s)]
    snippets = []
    for statement in module.body:
        if statement in imports:
            continue
        code = module.code_for_node(statement)
        used = set(re.findall(r"\w+", code))
        header = "".join(module.code_for_node(s) for s in imports if _bound_names(s) & used)
        snippets.append(header + code)
    return snippets


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_findings_are_the_same_without_the_prefilter(path, monkeypatch):
    snippets = _snippets(path.read_text(encoding="utf-8"))
    filtered = [pairs(snippet) for snippet in snippets]
    monkeypatch.setattr(CheckPlan, "active_rules", lambda self, source: list(self.rules))
    unfiltered = [pairs(snippet) for snippet in snippets]
    # a fixture of look-alikes only (no `# expect:`) checks that both runs stay silent
    assert sum(sum(c.values()) for c in unfiltered) > 0 or "# expect:" not in path.read_text(encoding="utf-8")
    for snippet, with_filter, without in zip(snippets, filtered, unfiltered):
        assert with_filter == without, snippet


def test_a_file_without_trigger_words_is_not_parsed(monkeypatch):
    import nhilint.engine as engine

    def fail(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(engine, "_analyse", fail)
    assert pairs("import os\n\ndef add(a, b):\n    return a + b\n") == {}
