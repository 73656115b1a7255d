"""The rule index says what the rule classes say, and lets a run skip libcst where no rule can fire."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from nhilint.catalogue import DEFAULT_CATALOGUE, build_catalogue
from nhilint.registry import all_rules
from nhilint.rule_index import rule_entries
from tests.helpers import ROOT


def test_the_index_data_is_generated_from_the_rule_classes():
    generated = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_rule_index.py")], capture_output=True, text=True, check=True,
        cwd=ROOT,
    ).stdout
    current = (ROOT / "nhilint" / "rule_index_data.py").read_text(encoding="utf-8")
    assert generated == current, "run: python scripts/gen_rule_index.py > nhilint/rule_index_data.py"


def test_entries_load_their_classes_and_agree_with_them():
    custom = build_catalogue({"myauth.tokens.check_token": "jwt.decode"}, {}, ("myauth.vault.fetch_secret",))
    assert [entry.code for entry in rule_entries()] == [rule.code for rule in all_rules()]
    for entry, rule in zip(rule_entries(), all_rules()):
        assert entry.load() is rule
        assert entry.meta() == rule.meta()
        assert entry.option_types() == rule.option_types()
        for catalogue in (DEFAULT_CATALOGUE, custom):
            assert entry.trigger_words(catalogue) == rule.trigger_words(catalogue)


def _imports_after(args: str, source: str, tmp_path) -> str:
    (tmp_path / "module.py").write_text(source)
    program = textwrap.dedent(f"""
        import sys
        from click.testing import CliRunner
        from nhilint.cli import main
        result = CliRunner().invoke(main, {args!r}.split() + ["module.py"])
        print(result.exit_code, "libcst" in sys.modules, "rich" in sys.modules)
    """)
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=tmp_path, check=True)
    return done.stdout.split()


PLAIN = "def area(width, height):\n    return width * height\n"
TOKEN = "import jwt\n\ndef user(token, key):\n    return jwt.decode(token, key, algorithms=['RS256'])\n"


def test_a_file_without_trigger_words_never_imports_libcst_or_rich(tmp_path):
    for args in ("check", "check --no-cache", "check --output-format concise", "check --statistics"):
        assert _imports_after(args, PLAIN, tmp_path) == ["0", "False", "False"], args


def test_a_file_with_trigger_words_is_parsed(tmp_path):
    assert _imports_after("check --no-cache", TOKEN, tmp_path)[:2] == ["1", "True"]


def test_findings_read_from_the_cache_need_no_rule_module(tmp_path):
    """A warm run reports cached findings with the metadata the index records: no libcst."""
    assert _imports_after("check", TOKEN, tmp_path)[:2] == ["1", "True"]  # fills the cache
    assert _imports_after("check", TOKEN, tmp_path) == ["1", "False", "False"]
