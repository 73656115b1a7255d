"""NHL901 unused-suppression: off by default; judges only NHL codes whose rules all ran."""

from __future__ import annotations

import textwrap

from click.testing import CliRunner

from nhilint import api
from nhilint.cli import main
from nhilint.ftypes import Settings
from tests.helpers import findings, pairs

ON = ("NHL", "NHL901")  # the default rules plus NHL901
BASE = "import jwt\n\ndef f(token, key):\n"
UNBOUND = 'return jwt.decode(token, key, algorithms=["RS256"])'
BOUND = 'return jwt.decode(token, key, algorithms=["RS256"], audience="orders")'


def src(body: str) -> str:
    return BASE + textwrap.indent(textwrap.dedent(body), "    ")


# -- reported ----------------------------------------------------------------------------------

def test_noqa_that_silenced_nothing():
    found = findings(src(f"{BOUND}  # noqa: NHL101\n"), ON)
    assert [(f.code, f.start.line, f.start.column, f.message) for f in found] == [
        ("NHL901", 4, 77, "suppression of NHL101 silenced nothing")
    ]
    assert found[0].end.column == 77 + len("# noqa: NHL101")


def test_nhilint_ignore_that_silenced_nothing():
    assert pairs(src(f"{BOUND}  # nhilint: ignore[NHL101] legacy\n"), ON) == {(4, "NHL901"): 1}


def test_only_the_unused_codes_of_a_comment_are_named():
    found = findings(src(f"{UNBOUND}  # noqa: NHL101, NHL104\n"), ON)
    assert [(f.code, f.message) for f in found] == [("NHL901", "suppression of NHL104 silenced nothing")]


def test_family_prefix_that_silenced_nothing():
    assert pairs(src(f"{BOUND}  # noqa: NHL1\n"), ON) == {(4, "NHL901"): 1}


def test_comment_for_another_line():
    body = f"# noqa: NHL101\n{UNBOUND}\n"
    assert pairs(src(body), ON) == {(4, "NHL901"): 1, (5, "NHL101"): 1}


def test_file_with_no_other_trigger_word_is_still_judged():
    # no rule's prefilter word but NHL901's own: the file is parsed for it
    assert pairs("x = 1  # noqa: NHL404\n", ON) == {(1, "NHL901"): 1}


def test_a_malformed_comment_in_a_file_with_no_other_trigger_word_is_judged():
    # a bare `# nhilint: ignore` or a rule's name holds no "nhl": the prefilter must still let
    # NHL901 see the file, or the comment silently does nothing
    assert pairs("x = 1  # nhilint: ignore\ny = 2  # nhilint: ignore[token-logged]\n", ON) == {
        (1, "NHL901"): 1, (2, "NHL901"): 1,
    }


def test_enabled_from_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(src(f"{BOUND}  # noqa: NHL101\n"))
    runner = CliRunner()
    assert runner.invoke(main, ["check", "a.py"]).exit_code == 0
    result = runner.invoke(main, ["check", "a.py", "--extend-select", "NHL901", "--output-format", "concise"])
    assert result.exit_code == 1
    assert result.output.startswith("a.py:4:77: NHL901 suppression of NHL101 silenced nothing")
    (tmp_path / "nhilint.toml").write_text('extend-select = ["NHL901"]\n')
    assert runner.invoke(main, ["check", "a.py"]).exit_code == 1


# -- silent ------------------------------------------------------------------------------------

def test_off_by_default():
    assert not pairs(src(f"{BOUND}  # noqa: NHL101\n"))
    assert not pairs(src(f"{BOUND}  # noqa: NHL101\n"), ["NHL"])  # `NHL` alone leaves opt-in rules off
    assert not pairs(src(f"{BOUND}  # noqa: NHL101\n"), ["NHL9"])  # ... and so does the family


def test_used_suppressions_are_silent():
    assert not pairs(src(f"{UNBOUND}  # noqa: NHL101\n"), ON)
    assert not pairs(src(f"{UNBOUND}  # nhilint: ignore[NHL1] internal service\n"), ON)
    multiline = """\
    claims = (  # nhilint: ignore[NHL101]
        jwt.decode(token, key, algorithms=["RS256"])
    )
    return claims
    """
    assert not pairs(src(multiline), ON)


def test_other_tools_codes_are_ignored():
    assert not pairs(src(f"{BOUND}  # noqa: E501\n"), ON)
    assert not pairs(src(f"{UNBOUND}  # noqa: E501, NHL101\n"), ON)
    assert pairs(src(f"{BOUND}  # noqa: E501,NHL101 W291\n"), ON) == {(4, "NHL901"): 1}


def test_codes_nhilint_does_not_know_are_reported_as_malformed():
    """Issue 16: a suppression naming no real code is never silently ignored."""
    assert pairs(src(f"{BOUND}  # noqa: NHL999\n"), ON) == {(4, "NHL901"): 1}


def test_codes_of_rules_not_selected_are_silent():
    comment = f"{BOUND}  # noqa: NHL101\n"
    assert not pairs(src(comment), ["NHL104", "NHL901"])
    # a family with one rule left out may be meant for that rule
    assert not pairs(src(f"{BOUND}  # noqa: NHL1\n"), ["NHL101", "NHL901"])
    settings = Settings(extend_select=("NHL901",), ignore=("NHL101",))
    result = api.check_stdin(src(comment).encode(), settings, None)
    assert not result.findings


def test_a_comment_naming_nhl901_keeps_itself():
    assert not pairs(src(f"{BOUND}  # noqa: NHL101, NHL901\n"), ON)
    assert not pairs(src(f"{BOUND}  # noqa: NHL901\n"), ON)


def test_comment_text_inside_a_string_is_not_a_suppression():
    assert not pairs(src(f'{BOUND}, "# noqa: NHL101"\n'), ON)


def test_files_not_parsed_are_not_judged():
    assert pairs("import jwt\ndef f(:  # noqa: NHL101\n", ON) == {(2, "NHL900"): 1}


def test_per_file_ignores_apply_to_nhl901(tmp_path):
    (tmp_path / "legacy.py").write_text(src(f"{BOUND}  # noqa: NHL101\n"))
    settings = Settings(root=str(tmp_path), extend_select=("NHL901",))
    assert [f.code for f in api.check_paths([str(tmp_path)], settings).findings] == ["NHL901"]
    ignoring = Settings(
        root=str(tmp_path), extend_select=("NHL901",), per_file_ignores=(("legacy.py", ("NHL901",)),)
    )
    assert not api.check_paths([str(tmp_path)], ignoring).findings
