"""CI in one step: several reports from one run, thresholds, diff-aware runs, GitLab SAST.

Run through the installed console script or click's runner in a real directory (and, for
--diff-base, a real git repository), as a CI job runs them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from nhilint.cli import main

BAD = textwrap.dedent(
    """\
    import jwt

    def user(token, key):
        return jwt.decode(token, key, algorithms=["RS256"])
    """
)
# NHL101 (severity high, confidence medium) and NHL403 (medium / medium)
TWO = BAD + textwrap.dedent(
    """\

    def call(requests, access_token):
        return requests.get("https://api.example.com/x", params={"access_token": access_token})
    """
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.py").write_text(TWO)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_one_run_writes_sarif_to_a_file_and_concise_to_stdout(project):
    result = run("check", "--no-cache", "--output-format", "sarif:out/nhilint.sarif".replace("out/", ""),
                 "--output-format", "concise")
    assert result.exit_code == 1
    assert result.stdout.startswith("bad.py:4:12: NHL101 ")
    sarif = json.loads((project / "nhilint.sarif").read_text())
    assert sorted(r["ruleId"] for r in sarif["runs"][0]["results"]) == ["NHL101", "NHL403"]


def test_several_file_reports_and_the_dash_o_default(project):
    result = run("check", "--no-cache", "--output-format", "github", "-o", "annotations.txt",
                 "--output-format", "gitlab:cq.json", "--output-format", "junit:junit.xml")
    assert result.exit_code == 1 and result.stdout == ""
    assert (project / "annotations.txt").read_text().startswith("::error file=bad.py,line=4")
    assert len(json.loads((project / "cq.json").read_text())) == 2
    assert "<testsuites" in (project / "junit.xml").read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--output-format", "concise", "--output-format", "json"], "only one report can go to stdout"),
        (["--output-format", "json:a.json", "--output-format", "sarif:a.json"], "two reports name the same file"),
        (["--output-format", "nope"], "'nope' is not one of"),
        (["--output-format", "json:"], "names no file"),
    ],
)
def test_bad_output_specs_are_usage_errors(project, args, message):
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exit_code == 2 and message in result.output


def test_min_severity_and_confidence_from_the_command_line_and_config(project):
    def codes(*args):
        out = run("check", "--no-cache", "--output-format", "concise", "-q", *args).stdout
        return sorted(line.split()[1] for line in out.splitlines())

    assert codes() == ["NHL101", "NHL403"]
    assert codes("--min-severity", "high") == ["NHL101"]
    assert codes("--min-confidence", "high") == []
    (project / "nhilint.toml").write_text('min-severity = "high"\n')
    assert codes() == ["NHL101"]
    assert codes("--isolated") == ["NHL101", "NHL403"]  # no config file


def test_files_not_analysed_are_kept_whatever_the_minimum(project):
    (project / "broken.py").write_text("import jwt\ndef f(:\n")
    out = run("check", "--no-cache", "--output-format", "concise", "--min-severity", "high").stdout
    assert "broken.py:2:7: NHL900" in out


def test_show_settings_says_where_each_value_came_from(project):
    (project / "pyproject.toml").write_text('[tool.nhilint]\nignore = ["NHL104"]\n[tool.nhilint.rules.NHL103]\n'
                                            'max-leeway-seconds = 60\n')
    result = run("check", "--show-settings", "--select", "NHL1", "--min-confidence", "medium")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert f"config file: {project / 'pyproject.toml'}" in lines
    assert 'select = ["NHL1"]    # command line' in lines
    assert f'ignore = ["NHL104"]    # {project / "pyproject.toml"}' in lines
    assert f'rules = {{"NHL103": {{"max-leeway-seconds": 60.0}}}}    # {project / "pyproject.toml"}' in lines
    assert 'min-confidence = "medium"    # command line' in lines
    assert "respect-gitignore = true    # default" in lines
    # the excludes a run uses (ruff's defaults), not the empty list that stands for them
    [exclude] = [line for line in lines if line.startswith("exclude = ")]
    assert '".venv"' in exclude and '"node_modules"' in exclude and exclude.endswith("# default")
    assert "rules that run (5): NHL101, NHL102, NHL103, NHL105, NHL900" in lines  # NHL900 always runs
    assert "config file: (none)" in run("check", "--show-settings", "--isolated").stdout


def test_show_settings_names_the_rules_a_default_selection_runs(project):
    """`select = []` would say nothing: the default selection is shown as the codes it picks,
    with where it came from, as ruff's --show-settings lists the rules it enables."""
    from nhilint.rule_index import rule_entries

    on = [entry.code for entry in rule_entries() if entry.default_enabled]
    opt_in = [entry.code for entry in rule_entries() if not entry.default_enabled]
    assert on and opt_in  # (else the line below checks nothing about opt-in rules)
    lines = run("check", "--show-settings").stdout.splitlines()
    [select] = [line for line in lines if line.startswith("select = ")]
    value, origin = select[len("select = "):].split("    # ")
    assert json.loads(value) == on
    assert origin.startswith("default: the rules on by default")
    assert origin.endswith(f"opt-in, not in it: {', '.join(opt_in)}")
    # an empty select from the config file selects the same, and says where it came from
    (project / "nhilint.toml").write_text("select = []\n")
    [select] = [line for line in run("check", "--show-settings").stdout.splitlines() if line.startswith("select")]
    assert select == f"select = {json.dumps(on)}    # {project / 'nhilint.toml'}"
    extended = run("check", "--show-settings", "--isolated", "--extend-select", opt_in[0]).stdout.splitlines()
    assert f"rules that run ({len(on) + 1}): {', '.join(sorted([*on, opt_in[0]]))}" in extended


def test_show_files_lists_what_is_checked_and_why_the_rest_is_not(project):
    (project / "nhilint.toml").write_text('extend-exclude = ["legacy"]\n')
    (project / ".gitignore").write_text("generated_*.py\n")
    for name in ("legacy/old.py", "generated_client.py", "pkg/mod.py", ".venv/lib.py"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(BAD)
    result = run("check", "--show-files")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == ["check  bad.py", "check  pkg/mod.py"]
    assert "skip   legacy/  (excluded (exclude / extend-exclude))" in lines
    assert "skip   .venv/  (excluded (exclude / extend-exclude))" in lines
    assert "skip   generated_client.py  (ignored by .gitignore)" in lines
    assert lines[-1] == "2 files to check, 3 paths left out"
    forced = run("check", "--show-files", "--force-exclude", "legacy/old.py").stdout
    assert "skip   legacy/old.py  (excluded (exclude / extend-exclude), with --force-exclude)" in forced
    # a path that does not exist stops a check (exit 2): the preview says so the same way
    missing = run("check", "--show-files", "bad.py", "no_such.py")
    assert missing.exit_code == 2
    assert missing.stdout.splitlines()[:2] == ["check  bad.py", "error  no_such.py  (no such file or directory)"]


def test_gitlab_sast_report(project):
    result = run("check", "--no-cache", "--output-format", "gitlab-sast:gl-sast-report.json")
    assert result.exit_code == 1
    report = json.loads((project / "gl-sast-report.json").read_text())
    assert re.fullmatch(r"15\.\d+\.\d+", report["version"])
    scan = report["scan"]
    assert scan["type"] == "sast" and scan["status"] == "success"
    assert scan["analyzer"]["id"] == scan["scanner"]["id"] == "nhilint"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", scan["start_time"])
    [first, second] = report["vulnerabilities"]
    assert first["severity"] == "High" and second["severity"] == "Medium"
    assert first["location"] == {"file": "bad.py", "start_line": 4, "end_line": 4}
    assert first["identifiers"][0]["value"] == "NHL101"
    assert {"type": "cwe", "name": "CWE-287", "value": "287",
            "url": "https://cwe.mitre.org/data/definitions/287.html"} in first["identifiers"]
    assert len({v["id"] for v in report["vulnerabilities"]}) == 2
    again = run("check", "--no-cache", "--output-format", "gitlab-sast")
    assert [v["id"] for v in json.loads(again.stdout)["vulnerabilities"]] == [first["id"], second["id"]]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_diff_base_reports_only_changed_lines(project, tmp_path_factory):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=str(project / "gitconfig"), GIT_CONFIG_NOSYSTEM="1")
    (project / "gitconfig").write_text("[user]\n\tname = t\n\temail = t@t.invalid\n")

    def git(*args):
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", "bad.py")
    git("commit", "-q", "-m", "legacy")
    # a new finding below the old ones, a changed line with a finding, and an untracked file
    (project / "bad.py").write_text(TWO.replace("key, algorithms", "key,  algorithms") + "\n"
                                    "def more(token, key):\n    return jwt.decode(token, key, algorithms=['RS256'])\n")
    (project / "new.py").write_text(BAD)
    script = [sys.executable, "-m", "nhilint", "check", "--no-cache", "--output-format", "concise", "-q"]
    done = subprocess.run([*script, "--diff-base", "HEAD"], cwd=project, env=env, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "bad.py:4:12: NHL101 jwt.decode() verifies the signature but binds no audience: "
        "tokens issued for other services are accepted",
        "bad.py:10:12: NHL101 jwt.decode() verifies the signature but binds no audience: "
        "tokens issued for other services are accepted",
        "new.py:4:12: NHL101 jwt.decode() verifies the signature but binds no audience: "
        "tokens issued for other services are accepted",
    ]  # bad.py:7 (NHL403) is unchanged since HEAD
    # a job that checks the checkout from outside it: git is asked where the checked path is
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # not in a git repository
    outside = subprocess.run([*script, "--diff-base", "HEAD", str(project / "bad.py")], cwd=elsewhere, env=env,
                             capture_output=True, text=True)
    assert outside.returncode == 1, outside.stderr
    assert [line.split(": NHL")[0] for line in outside.stdout.splitlines()] == [
        f"{project / 'bad.py'}:4:12", f"{project / 'bad.py'}:10:12"]
    git("add", ".")
    git("commit", "-q", "-m", "more")
    clean = subprocess.run([*script, "--diff-base", "HEAD"], cwd=project, env=env, capture_output=True, text=True)
    assert clean.returncode == 0 and clean.stdout == ""
    bad_ref = subprocess.run([*script, "--diff-base", "no-such-ref"], cwd=project, env=env,
                             capture_output=True, text=True)
    assert bad_ref.returncode == 2 and "'no-such-ref' is not a commit" in bad_ref.stderr


def test_add_noqa_suppresses_every_finding_and_keeps_the_rest_of_the_file(project):
    source = ('# -*- coding: latin-1 -*-\r\nimport jwt\r\nNOTE = "caf\xe9"\r\n'
              'def user(token, key):\r\n    return jwt.decode(token, key, algorithms=["RS256"])  # noqa: E501\r\n'
              'def user2(token, key):\r\n    return jwt.decode(\r\n        token, key, algorithms=["RS256"],\r\n    )\r\n'
              'def user3(token, key):\r\n    return jwt.decode(token, key, options={"verify_exp": False}, algorithms=["RS256"])'
              '  # nhilint: ignore[NHL101]\r\n').encode("latin-1")
    (project / "bad.py").write_bytes(source)
    result = run("check", "--no-cache", "--add-noqa")
    assert result.exit_code == 0
    assert "added 3 suppression comments to 1 file" in result.stderr
    edited = (project / "bad.py").read_bytes()
    expected = (source
                .replace(b"# noqa: E501\r\n", b"# noqa: E501  # nhilint: ignore[NHL101]\r\n")
                .replace(b"return jwt.decode(\r\n", b"return jwt.decode(  # nhilint: ignore[NHL101]\r\n"))
    assert edited.replace(b"ignore[NHL101, NHL103]", b"ignore[NHL101]") == expected
    assert b"ignore[NHL101, NHL103]" in edited
    assert run("check", "--no-cache").exit_code == 0


def test_full_output_fits_the_terminal_width_and_ends_each_finding_with_help(project):
    (project / "bad.py").write_text(BAD.replace("key, algorithms", "key, " + "x" * 150 + ", algorithms"))
    env = dict(os.environ, COLUMNS="90")
    done = subprocess.run([sys.executable, "-m", "nhilint", "check", "--no-cache", "--output-format", "full",
                           "--color", "never", "bad.py"], cwd=project, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 90
    assert "    help: nhilint explain NHL101" in lines
    words = " ".join(lines)
    assert "binds no audience" in words  # the message wrapped between words, not inside one
    table = subprocess.run([sys.executable, "-m", "nhilint", "rules"], env=env, capture_output=True, text=True)
    assert table.returncode == 0 and max(len(line) for line in table.stdout.splitlines()) <= 90
    wide = subprocess.run([sys.executable, "-m", "nhilint", "rules"], env=dict(os.environ, COLUMNS="200"),
                          capture_output=True, text=True)
    assert max(len(line) for line in wide.stdout.splitlines()) > 120
