"""`nhilint baseline -o FILE` and `check --baseline FILE`: a multiset of fingerprints (SPEC §6)."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from nhilint import api
from nhilint.baseline import (
    Baseline, BaselineEntry, BaselineError, baselinable, dumps, from_findings, load, parse,
)
from nhilint.cli import main
from nhilint.ftypes import Settings

SECRET = "ghp_16C7e42F292c6912E7710c838347Ae178B4a"
BAD = textwrap.dedent(
    f"""\
    import jwt
    import requests

    SERVICE_TOKEN = "{SECRET}"

    def user(token, key):
        return jwt.decode(token, key, algorithms=["RS256"])

    def invoices():
        return requests.get("http://billing.example.com/x", headers={{"Authorization": "Bearer " + SERVICE_TOKEN}})
    """
)
DECODE = '        return jwt.decode(token, key, algorithms=["RS256"])\n'


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "src" / "app").mkdir(parents=True)
    (tmp_path / "src" / "app" / "auth.py").write_text(BAD)
    return tmp_path


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def concise(*args):
    return run("check", "--output-format", "concise", *args)


def codes_reported(result):
    return sorted(line.split(": ")[1].split()[0] for line in result.output.splitlines() if line.startswith("src/"))


def test_baseline_records_code_path_fingerprint_count_and_nothing_else(project):
    result = run("baseline", "-o", "nhilint-baseline.json")
    assert result.exit_code == 0, result.output
    text = (project / "nhilint-baseline.json").read_text()
    data = json.loads(text)
    assert data["version"] == 1
    assert [(e["code"], e["path"], e["count"]) for e in data["findings"]] == [
        ("NHL101", "src/app/auth.py", 1), ("NHL301", "src/app/auth.py", 1), ("NHL405", "src/app/auth.py", 1)
    ]
    assert all(set(entry) == {"code", "path", "fingerprint", "count"} for entry in data["findings"])
    for clear in (SECRET, SECRET[:8], "jwt.decode", "requests.get", "audience", "SERVICE_TOKEN"):
        assert clear not in text
    assert "wrote 3 findings to nhilint-baseline.json" in result.output


def test_baseline_is_deterministic(project):
    run("baseline", "-o", "one.json")
    run("baseline", "src", "-o", "two.json")
    assert (project / "one.json").read_bytes() == (project / "two.json").read_bytes()


def test_check_with_baseline_is_clean(project):
    run("baseline", "-o", "b.json")
    result = concise("--baseline", "b.json")
    assert result.exit_code == 0, result.output
    assert "NHL" not in result.output


def test_lines_inserted_above_still_match(project):
    run("baseline", "-o", "b.json")
    auth = project / "src" / "app" / "auth.py"
    auth.write_text('"""Docstring."""\n\nimport os\n\n\n' + auth.read_text())
    assert concise("--baseline", "b.json").exit_code == 0


def test_a_second_copy_of_a_baselined_line_is_new(project):
    run("baseline", "-o", "b.json")
    auth = project / "src" / "app" / "auth.py"
    auth.write_text(auth.read_text() + "\n\ndef admin(token, key):\n" + DECODE[4:])
    result = concise("--baseline", "b.json")
    assert result.exit_code == 1
    assert codes_reported(result) == ["NHL101"]
    assert result.output.startswith("src/app/auth.py:14:12: NHL101")  # the copy, not the original


def test_new_findings_are_reported_and_set_the_exit_code(project):
    run("baseline", "-o", "b.json")
    (project / "src" / "new.py").write_text("import jwt\n\ndef f(t, k):\n" + DECODE[4:])
    result = concise("--baseline", "b.json")
    assert result.exit_code == 1
    assert result.output.startswith("src/new.py:4:12: NHL101")
    assert "auth.py" not in result.output


def test_fixed_finding_leaves_a_stale_entry_that_matches_nothing(project):
    run("baseline", "-o", "b.json")
    auth = project / "src" / "app" / "auth.py"
    auth.write_text(auth.read_text().replace('algorithms=["RS256"])', 'algorithms=["RS256"], audience="a")'))
    assert concise("--baseline", "b.json").exit_code == 0


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "baseline file 'b.json' not found"),
        ("{not json", "baseline file 'b.json' is not valid JSON"),
        ('{"version": 2, "findings": []}', "baseline file 'b.json': unsupported version 2"),
        ('[]', "baseline file 'b.json': expected an object"),
        ('{"version": 1, "findings": {}}', "baseline file 'b.json': 'findings' must be a list"),
        ('{"version": 1, "findings": [{"code": "NHL101", "path": "a.py", "fingerprint": "ab"}]}',
         "baseline file 'b.json': findings[0]: 'count' must be a positive integer"),
        ('{"version": 1, "findings": [{"code": "NHL101", "path": 3, "fingerprint": "ab", "count": 1}]}',
         "baseline file 'b.json': findings[0]: 'path' must be a non-empty string"),
    ],
)
def test_missing_or_corrupt_baseline_is_a_usage_error(project, content, message):
    if content is not None:
        (project / "b.json").write_text(content)
    result = run("check", "--baseline", "b.json")
    assert result.exit_code == 2
    assert f"nhilint: error: {message}" in result.output


def test_baseline_honours_selection_and_config(project):
    assert run("baseline", "--select", "NHL104", "-o", "none.json").exit_code == 0
    assert json.loads((project / "none.json").read_text())["findings"] == []
    (project / "quiet.toml").write_text('ignore = ["NHL4"]\n')
    run("baseline", "--config", "quiet.toml", "-o", "b.json")
    assert [e["code"] for e in json.loads((project / "b.json").read_text())["findings"]] == ["NHL101", "NHL301"]
    result = concise("--baseline", "b.json")
    assert result.exit_code == 1 and codes_reported(result) == ["NHL405"]


def test_baseline_command_errors(project):
    result = run("baseline", "nope.py", "-o", "b.json")
    assert result.exit_code == 2 and "nope.py: no such file or directory" in result.output
    assert not (project / "b.json").exists()
    assert run("baseline").exit_code == 2  # -o is required
    assert run("baseline", "-", "-o", "b.json").exit_code == 2
    result = run("baseline", "-o", "no/such/dir/b.json")
    assert result.exit_code == 2 and "cannot write baseline file 'no/such/dir/b.json'" in result.output


def test_files_not_analysed_are_never_baselined(project):
    (project / "src" / "broken.py").write_text("import jwt\ndef f(:\n")
    result = run("baseline", "-o", "b.json")
    assert result.exit_code == 0
    assert "1 file(s) not analysed (NHL900) are not in the baseline" in result.output
    assert {e["code"] for e in json.loads((project / "b.json").read_text())["findings"]} == {"NHL101", "NHL301", "NHL405"}
    checked = concise("--baseline", "b.json")
    assert checked.exit_code == 1 and codes_reported(checked) == ["NHL900"]


def test_baseline_applies_to_stdin(project):
    run("baseline", "-o", "b.json")
    result = run("check", "--baseline", "b.json", "--stdin-filename", "src/app/auth.py", "-", input=BAD)
    assert result.exit_code == 0, result.output
    result = run("check", "--baseline", "b.json", "--stdin-filename", "src/app/other.py", "-", input=BAD)
    assert result.exit_code == 1


# -- the API -----------------------------------------------------------------------------------

def _settings(root) -> Settings:
    return Settings(root=str(root))


def test_api_round_trip(project):
    settings = _settings(project)
    baseline = from_findings(baselinable(api.check_paths(["."], settings).files))
    assert baseline.finding_count == 3
    (project / "written.json").write_text(dumps(baseline))
    assert load(project / "written.json") == baseline
    assert api.check_paths(["."], settings, baseline=baseline).findings == ()
    assert api.check_stdin(BAD.encode(), settings, "src/app/auth.py", baseline=baseline).findings == ()


def test_api_multiset_counts(project):
    settings = _settings(project)
    auth = project / "src" / "app" / "auth.py"
    auth.write_text(auth.read_text() + "\n\ndef again(token, key):\n" + DECODE[4:] * 2)
    findings = api.check_paths(["."], settings).findings
    decodes = [f for f in findings if f.code == "NHL101"]
    assert len(decodes) == 3 and len({f.fingerprint for f in decodes}) == 1
    entry = BaselineEntry("NHL101", "src/app/auth.py", decodes[0].fingerprint, 2)
    left = api.check_paths(["."], settings, baseline=Baseline((entry,))).findings
    assert [(f.code, f.start.line) for f in left] == [("NHL301", 4), ("NHL405", 10), ("NHL101", 15)]


def test_entries_for_the_same_key_add_up():
    entry = BaselineEntry("NHL101", "a.py", "ff", 1)
    assert Baseline((entry, entry)).counts() == {("NHL101", "a.py", "ff"): 2}


def test_parse_rejects_a_boolean_count():
    with pytest.raises(BaselineError, match="'count' must be a positive integer"):
        parse({"version": 1, "findings": [{"code": "NHL101", "path": "a.py", "fingerprint": "f", "count": True}]}, "x")
