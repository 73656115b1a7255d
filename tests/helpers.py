"""Shared test helpers: run nhilint on source text, read `# expect:` annotations."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Counter as CounterType, Iterable, Mapping, Optional, Tuple

from nhilint.engine import CheckPlan, check_source
from nhilint.rule_index import rule_entries
from nhilint.selection import select_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"

_EXPECT = re.compile(r"#\s*expect:\s*(NHL\d{3}(?:\s*,\s*NHL\d{3})*)")


def plan(select: Iterable[str] = (), rule_options: Optional[dict] = None) -> CheckPlan:
    rules = select_rules(rule_entries(), tuple(select))
    known = tuple(rule.code for rule in rule_entries())
    return CheckPlan(rules=rules, rule_options=rule_options or {}, known_codes=known)


def findings(source: str, select: Iterable[str] = (), path: str = "snippet.py", **kwargs):
    return check_source(source.encode(), path, plan(select, **kwargs)).findings


def pairs(source: str, select: Iterable[str] = (), **kwargs) -> CounterType[Tuple[int, str]]:
    return Counter((f.start.line, f.code) for f in findings(source, select, **kwargs))


def codes(source: str, select: Iterable[str] = (), **kwargs) -> CounterType[str]:
    return Counter(f.code for f in findings(source, select, **kwargs))


def expected_pairs(source: str) -> CounterType[Tuple[int, str]]:
    expected: CounterType[Tuple[int, str]] = Counter()
    for number, line in enumerate(source.splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            for code in re.split(r"\s*,\s*", match.group(1)):
                expected[(number, code)] += 1
    return expected


def write_project(root: Path, modules: Mapping[str, str]) -> Path:
    """A project at `root` (an empty nhilint.toml) with an `app` package of these modules
    (name -> source); `root` back."""
    (root / "nhilint.toml").write_text("")
    app = root / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    for name, source in modules.items():
        (app / f"{name}.py").write_text(source)
    return root


def load_benchmark_script(name: str, filename: str) -> "ModuleType":
    """A script of benchmarks/ (not a package) loaded as a module, to test its pure helpers."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / filename)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module
