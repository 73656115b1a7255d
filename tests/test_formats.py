"""Output formats: a snapshot each on one small project, and the promises each format makes.

Snapshots live in tests/snapshots/ with the version and the project's absolute path normalised
(and, in SARIF, the rule docs, which have tests of their own). After a deliberate change:
`NHILINT_UPDATE_SNAPSHOTS=1 pytest tests/test_formats.py`, then review the diff.
"""

from __future__ import annotations

import io
import json
import os
import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Dict

import jsonschema
import pytest
from click.testing import CliRunner

from nhilint import __version__, api
from nhilint.api import RunResult
from nhilint.home import source_revision
from nhilint.cli import main
from nhilint.docs import doc_text
from nhilint.engine import check_source
from nhilint.ftypes import FileResult, Finding, Position, Settings
from nhilint.registry import rules_by_code
from nhilint.reporters import PUBLIC_FORMATS, renderer
from nhilint.reporters.github import escape_data, escape_property
from nhilint.reporters.sarif import artifact_location
from tests.helpers import ROOT, SHARED, plan

SNAPSHOTS = Path(__file__).parent / "snapshots"
OFFICIAL_SARIF_SCHEMA = SHARED / "schemas" / "sarif-2.1.0.json"
GITHUB_SARIF_SCHEMA = Path(__file__).parent / "sarif_github.schema.json"
NEW_FORMATS = {"sarif": "sarif.json", "github": "github.txt", "gitlab": "gitlab.json",
               "junit": "junit.xml", "json-lines": "json-lines.jsonl"}
PLANTED = "PLANTED-s3cr3t-key-material"  # in the flagged node's source: no format may show it

PROJECT = {
    "app/auth.py": f"""\
        import jwt


        def user(token):
            return jwt.decode(token, "{PLANTED}", algorithms=["RS256"])


        def same_again(token):
            return jwt.decode(token, "{PLANTED}", algorithms=["RS256"])


        def admin(token, key):
            return jwt.decode(
                token, key, algorithms=["RS256"]
            )
        """,
    "app/client.py": """\
        import requests

        API = "https://api.example.com"


        def repos(token):
            return requests.get(f"{API}/repos", params={"access_token": token}, timeout=10)
        """,
    "broken.py": "import jwt\ndef broken(:\n    pass\n",
    "clean.py": "import jwt\n\n\ndef claims(token, key):\n"
                "    return jwt.decode(token, key, algorithms=['RS256'], audience='orders')\n",
}
SELECT = ("NHL101", "NHL403", "NHL900")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("project").resolve()
    for name, text in PROJECT.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def result(project) -> RunResult:
    return api.check_paths([str(project)], Settings(root=str(project), select=SELECT))


def render(fmt: str, run: RunResult) -> str:
    out = io.StringIO()
    renderer(fmt)(run, out, False)
    return out.getvalue()


def _normalised(fmt: str, text: str, root: Path) -> str:
    if fmt == "sarif":
        log = json.loads(text)
        for rule in log["runs"][0]["tool"]["driver"]["rules"]:
            rule["fullDescription"]["text"] = f"<What it does of {rule['id']}>"
            rule["help"] = {"text": f"<doc of {rule['id']}>", "markdown": f"<doc of {rule['id']}>"}
        text = json.dumps(log, indent=2) + "\n"
    text = text.replace(root.as_uri(), "file:///ROOT").replace(str(root), "/ROOT")
    # documentation links name the code's commit (nhilint.home): the snapshot, any commit
    text = text.replace(f"/blob/{source_revision()}/", "/blob/<REVISION>/")
    return text.replace(f'"{__version__}"', '"<VERSION>"')


@pytest.mark.parametrize("fmt", sorted(NEW_FORMATS))
def test_snapshot(fmt, result, project):
    text = _normalised(fmt, render(fmt, result), project)
    snapshot = SNAPSHOTS / NEW_FORMATS[fmt]
    if os.environ.get("NHILINT_UPDATE_SNAPSHOTS"):
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(text, encoding="utf-8", newline="\n")
    assert text == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", PUBLIC_FORMATS)
def test_no_format_shows_source_text(fmt, result):
    assert [f.code for f in result.findings].count("NHL101") == 3
    assert PLANTED not in render(fmt, result)


# SARIF


def _sarif(run: RunResult) -> Dict[str, Any]:
    return json.loads(render("sarif", run))


def test_sarif_is_valid_against_the_official_schema(result):
    if not OFFICIAL_SARIF_SCHEMA.is_file():
        pytest.skip(f"no {OFFICIAL_SARIF_SCHEMA} beside the repository")
    schema = json.loads(OFFICIAL_SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(_sarif(result), schema, format_checker=jsonschema.FormatChecker())


def test_sarif_has_what_github_code_scanning_requires(result):
    schema = json.loads(GITHUB_SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(_sarif(result), schema)


def test_sarif_rules_carry_security_metadata_and_docs(result):
    run = _sarif(result)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(SELECT)
    by_id = {rule["id"]: rule for rule in rules}
    nhl101 = by_id["NHL101"]
    meta = rules_by_code()["NHL101"].meta()
    assert nhl101["properties"]["tags"] == [
        "security", "external/cwe/cwe-287", "external/cwe/cwe-345", "external/cwe/cwe-863",
        "owasp-nhi/NHI-03", "NHI4:2025", "NHI6:2025", "NHI9:2025",
    ]
    assert nhl101["properties"]["security-severity"] == "8.0"
    assert nhl101["properties"]["precision"] == "medium"
    assert nhl101["defaultConfiguration"] == {"level": "error"}
    assert nhl101["helpUri"] == meta.url
    assert nhl101["help"]["markdown"] == doc_text(meta)
    assert by_id["NHL403"]["properties"]["security-severity"] == "5.5"
    # about nhilint itself, not a security finding
    assert "security" not in by_id["NHL900"]["properties"]["tags"]
    assert "security-severity" not in by_id["NHL900"]["properties"]
    for item in run["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_results_have_repo_relative_locations_and_fingerprints(result):
    run = _sarif(result)["runs"][0]
    first = run["results"][0]
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "app/auth.py", "uriBaseId": "%SRCROOT%"}
    line = textwrap.dedent(PROJECT["app/auth.py"]).splitlines()[4]
    assert location["region"] == {  # endColumn: the column after the node, as libcst's end
        "startLine": 5, "startColumn": line.index("jwt.decode") + 1, "endLine": 5, "endColumn": len(line) + 1,
    }
    assert first["partialFingerprints"] == {"nhilint/v1": result.findings[0].fingerprint}
    fingerprints = [item["partialFingerprints"]["nhilint/v1"] for item in run["results"]]
    assert len(set(fingerprints)) == len(fingerprints)  # user() and same_again() decode alike
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path(result.root).as_uri() + "/"


def test_sarif_files_not_analysed_are_notifications_and_results(result):
    run = _sarif(result)["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is True
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"].startswith("file not analysed: syntax error")
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.py"
    assert note["associatedRule"]["id"] == "NHL900"
    assert [item["ruleId"] for item in run["results"]].count("NHL900") == 1


def test_sarif_missing_path_is_an_unsuccessful_execution(project):
    missing = api.check_paths([str(project / "nope.py")], Settings(root=str(project)))
    invocation = _sarif(missing)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "nope.py" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_sarif_columns_count_code_points():
    line = '    return ("é😀", jwt.decode(t, k, algorithms=["RS256"]))'
    checked = check_source(f"import jwt\ndef f(t, k):\n{line}\n".encode(), "x.py", plan(["NHL101"]))
    run = _sarif(RunResult((checked,), ()))["runs"][0]
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == line.index("jwt.decode") + 1


def test_sarif_of_an_empty_run_is_valid():
    log = _sarif(RunResult((), ()))
    assert log["runs"][0]["results"] == []
    jsonschema.validate(log, json.loads(GITHUB_SARIF_SCHEMA.read_text(encoding="utf-8")))


def test_sarif_uri_is_percent_encoded_and_absolute_paths_are_file_uris():
    assert artifact_location("my dir/a#b.py") == {"uri": "my%20dir/a%23b.py", "uriBaseId": "%SRCROOT%"}
    absolute = str(Path("/elsewhere/x.py").resolve())
    assert artifact_location(absolute) == {"uri": Path(absolute).as_uri()}


# GitHub annotations


def _finding(message: str, path: str = "src/app.py", start=(3, 5), end=(3, 9), code="NHL101") -> Finding:
    return Finding(
        rule=rules_by_code()[code].meta(), message=message, path=path,
        start=Position(*start), end=Position(*end), confidence="high", fingerprint="f" * 32,
    )


def test_github_escapes_like_the_actions_toolkit():
    assert escape_data("100% a:b, c\r\nd") == "100%25 a:b, c%0D%0Ad"
    assert escape_property("100% a:b, c\r\nd") == "100%25 a%3Ab%2C c%0D%0Ad"
    assert escape_property("%3A") == "%253A"  # `%` first, so an escape in the text stays text
    run = RunResult((FileResult("dir:x/a,b.py", (
        _finding("100% sure: a, b\nnext\r line", path="dir:x/a,b.py"),
    )),), ())
    assert render("github", run) == (
        "::error file=dir%3Ax/a%2Cb.py,line=3,col=5,endLine=3,endColumn=9,"
        "title=NHL101 jwt-decode-without-audience::100%25 sure: a, b%0Anext%0D line\n"
    )


def test_github_multi_line_finding_has_no_columns_and_severity_picks_the_command():
    run = RunResult((FileResult("a.py", (
        _finding("spans", start=(3, 5), end=(5, 2)),
        _finding("medium", code="NHL403"),
        _finding("low", code="NHL900"),
    )),), ())
    lines = render("github", run).splitlines()
    assert lines[0].startswith("::error file=src/app.py,line=3,endLine=5,title=")
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning", "::notice"]


def test_github_first_line_on_the_demo_is_a_workflow_command(monkeypatch):
    monkeypatch.chdir(ROOT)
    output = CliRunner().invoke(main, ["check", "fixtures/demo", "--output-format", "github"]).output
    first = output.splitlines()[0]
    assert re.match(r"^::(error|warning|notice) file=[^,:]+,line=\d+,(col=\d+,)?endLine=\d+,"
                    r"(endColumn=\d+,)?title=NHL\d{3} [a-z-]+::\S", first), first


# GitLab Code Quality


def test_gitlab_fingerprints_are_unique_for_identical_findings():
    source = 'import jwt\ndef f(t, k):\n    a = jwt.decode(t, k, algorithms=["RS256"])\n' \
             '    b = jwt.decode(t, k, algorithms=["RS256"])\n    return a, b\n'
    result = check_source(source.encode(), "same.py", plan(["NHL101"]))
    first, second = result.findings
    assert first.fingerprint == second.fingerprint
    run = RunResult((result,), ())
    issues = json.loads(render("gitlab", run))
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == 2 and fingerprints[0] == first.fingerprint
    assert json.loads(render("gitlab", run)) == issues  # stable from run to run
    assert {issue["severity"] for issue in issues} <= {"info", "minor", "major", "critical", "blocker"}
    assert issues[1]["location"] == {"path": "same.py", "lines": {"begin": 4, "end": 4}}


# JUnit


def test_junit_one_testsuite_per_file_checked(result):
    root = ET.fromstring(render("junit", result))
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert list(suites) == [file.path for file in result.files]
    assert suites["clean.py"].find("testcase/failure") is None
    assert suites["broken.py"].find("testcase/error").get("type") == "NHL900"
    failures = suites["app/auth.py"].findall("testcase/failure")
    assert [(f.get("type"), f.get("message")[:10]) for f in failures] == [("NHL101", "jwt.decode")] * 3
    assert root.get("tests") == "6" and root.get("failures") == "4" and root.get("errors") == "1"


def test_junit_escapes_markup_and_drops_what_xml_cannot_hold():
    message = 'a <b> & "c" \x00\x1b é 😀 \udcff'
    run = RunResult((FileResult("ü.py", (_finding(message, path="ü.py"),)),), ())
    text = render("junit", run)
    assert text.isascii()
    failure = ET.fromstring(text).find("testsuite/testcase/failure")
    # control characters escaped as in every text format; a lone surrogate XML cannot hold
    assert failure.get("message") == 'a <b> & "c" \\x00\\x1b é 😀 \ufffd'
    assert failure.text.startswith("ü.py:3:5: NHL101 a <b> &")


# JSON Lines


def test_json_lines_has_the_json_fields_one_finding_a_line(result):
    lines = render("json-lines", result).splitlines()
    assert [json.loads(line) for line in lines] == json.loads(render("json", result))


# CLI


def test_help_lists_every_format():
    output = CliRunner().invoke(main, ["check", "--help"]).output
    for fmt in NEW_FORMATS:
        assert fmt in output


@pytest.mark.parametrize("fmt", sorted(NEW_FORMATS))
def test_output_file_holds_what_stdout_shows(fmt, project, monkeypatch, tmp_path):
    monkeypatch.chdir(project)
    target = tmp_path / f"report.{fmt}"
    common = ["check", ".", "--select", ",".join(SELECT), "--output-format", fmt]
    to_stdout = CliRunner().invoke(main, common)
    to_file = CliRunner().invoke(main, [*common, "-o", str(target)])
    assert to_stdout.exit_code == to_file.exit_code == 1
    assert isinstance(to_file.exception, SystemExit), to_file.exception
    assert to_file.output == ""
    assert target.read_text(encoding="utf-8") == to_stdout.output


def test_output_file_takes_undecodable_file_names(tmp_path, monkeypatch):
    name = b"bad\xff.py"
    try:
        (tmp_path / os.fsdecode(name)).write_bytes(
            b'import jwt\nclaims = jwt.decode(t, options={"verify_signature": False})\nuser = claims["sub"]\n')
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only valid file names")
    monkeypatch.chdir(tmp_path)
    for fmt in PUBLIC_FORMATS:
        target = tmp_path / f"report.{fmt}"
        outcome = CliRunner().invoke(main, ["check", ".", "--output-format", fmt, "-o", str(target)])
        assert outcome.exit_code == 1 and isinstance(outcome.exception, SystemExit), (fmt, outcome.exception)
        assert target.stat().st_size > 0
    result = json.loads((tmp_path / "report.sarif").read_text(encoding="utf-8", errors="surrogateescape"))[
        "runs"][0]["results"][0]
    assert result["ruleId"] == "NHL102"  # the finding itself, not an error reading the project
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad%FF.py"
