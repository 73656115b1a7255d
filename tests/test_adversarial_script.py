"""benchmarks/adversarial.py's sorting of outcomes and its figures table; nothing is run here
(benchmarks/robustness.py runs the cases by hand)."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

from tests.helpers import ROOT


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("adversarial", ROOT / "benchmarks" / "adversarial.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


adv = _load()
CASE = adv.Case("deep chains", "a chain", must_show=(("NHL101", "NHL900"),))


def run(status, stdout="", stderr=""):
    return adv.Run(status, stdout, stderr, 0.1)


def test_outcomes():
    assert adv.classify(CASE, run(None)) == "hang"
    assert adv.classify(CASE, run(-11)) == "crash"
    assert adv.classify(CASE, run(1, stderr="Traceback (most recent call last):\n")) == "crash"
    assert adv.classify(CASE, run(1, "a.py:1:1: NHL900 file not analysed")) == "handled"
    assert adv.classify(CASE, run(0, "")) == "wrong"  # the file was dropped
    assert adv.classify(CASE, run(1, "a.py:1:1: NHL404 …")) == "wrong"


def test_errors_must_be_clear():
    case = adv.Case("config errors", "bad", error=True)
    assert adv.classify(case, run(2, stderr="nhilint: error: pyproject.toml: invalid TOML")) == "clear error"
    assert adv.classify(case, run(0)) == "wrong"  # ignored
    assert adv.classify(case, run(1, stderr="Traceback (most recent call last):")) == "crash"


def test_secrets_and_forged_lines():
    secret = adv.Case("planted secrets", "full", secrets=("Zq8vL2pXw9rT4mKj7s",))
    assert adv.classify(secret, run(1, 'KEY = "Zq8v…"')) == "handled"
    assert adv.classify(secret, run(1, 'KEY = "Zq8vL2pXw9…"')) == "secret shown"  # 6 characters past 4
    names = adv.Case("injected names", "newline")
    assert adv.classify(names, run(1, "x\\n::error::forged.py:1:1: NHL101")) == "handled"
    assert adv.classify(names, run(1, "x\n::error::forged.py:1:1: NHL101")) == "wrong"
    assert adv.classify(names, run(1, "::error file=a.py,line=1::NHL101")) == "handled"  # ours
    assert adv.classify(names, run(1, "a\x1b[2J.py:1:1: NHL101")) == "wrong"


def test_figures_table():
    results = [(CASE, "handled", run(1)), (CASE, "crash", run(-11)),
               (adv.Case("config errors", "x", error=True), "clear error", run(2))]
    table = adv.figures(results)
    assert table["all"]["inputs"] == 3 and table["deep chains"]["crash"] == 1
    text = adv.figures_table(table)
    assert text.splitlines()[0].startswith("| category | inputs | handled | clear errors | crashes | hangs |")
    assert "| **all** | 3 | 1 | 1 | 1 | 0 | 0 | 0 |" in text


def test_every_category_of_the_issue_has_cases():
    categories = {case.category for case in adv.all_cases()}
    assert {"deep chains", "huge inputs", "hostile caches", "planted secrets", "injected names"} <= categories
    formats = {arg for case in adv.all_cases() if case.category == "planted secrets" for arg in case.args}
    assert {"full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit"} <= formats
