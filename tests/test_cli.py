"""The command line through click's runner, and the installed console script in a subprocess."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from typing import List, Optional

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
GOOD = BAD.replace('algorithms=["RS256"]', 'algorithms=["RS256"], audience="orders"')


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.py").write_text(BAD)
    (tmp_path / "good.py").write_text(GOOD)
    return tmp_path


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_findings_exit_1_with_concise_lines(project):
    result = run("check", ".", "--output-format", "concise")
    assert result.exit_code == 1
    assert "bad.py:4:12: NHL101 jwt.decode() verifies the signature but binds no audience" in result.output
    assert "good.py" not in result.output


def test_clean_exit_0(project):
    result = run("check", "good.py")
    assert result.exit_code == 0, result.output


def test_exit_zero(project):
    assert run("check", "bad.py", "--exit-zero").exit_code == 0


def test_select_ignore_by_prefix(project):
    assert run("check", "bad.py", "--ignore", "NHL1").exit_code == 0
    assert run("check", "bad.py", "--select", "NHL104").exit_code == 0
    assert run("check", "bad.py", "--select", "NHL10").exit_code == 1
    assert run("check", "bad.py", "--select", "NHL102,NHL101").exit_code == 1


def test_unknown_selector_is_a_usage_error(project):
    result = run("check", "bad.py", "--select", "NHL777")
    assert result.exit_code == 2
    assert "unknown rule selector 'NHL777'" in result.output


def test_json_output_fields(project):
    result = run("check", "bad.py", "--output-format", "json")
    data = json.loads(result.output)
    assert [(d["code"], d["path"], d["start"]["line"], d["start"]["column"]) for d in data] == [
        ("NHL101", "bad.py", 4, 12)
    ]
    entry = data[0]
    assert entry["owasp"] == "NHI-03"
    assert entry["owasp-2025"][0] == "NHI4:2025"
    assert entry["cwe"][0] == "CWE-287"
    assert entry["confidence"] == "medium" and entry["severity"] == "high"
    assert len(entry["fingerprint"]) == 32


def test_full_output_shows_frame_and_tags(project):
    result = run("check", "bad.py", "--output-format", "full", "--color", "never")
    assert result.exit_code == 1
    assert "> 4 |     return jwt.decode(" in result.output
    assert "NHI-03, NHI4:2025" in result.output
    assert "Found 1 finding in 1 of 1 file." in result.output


def test_stdin_reports_under_the_given_filename(project):
    result = run("check", "--stdin-filename", "src/app/views.py", "-", input=BAD)
    assert result.exit_code == 1
    assert result.output.startswith("src/app/views.py:4:12: NHL101 ")


def test_stdin_without_filename(project):
    result = run("check", "-", input=GOOD)
    assert result.exit_code == 0


def test_empty_stdin(project):
    assert run("check", "-", input="").exit_code == 0


def test_stdin_honours_per_file_ignores(project):
    (project / "nhilint.toml").write_text('[per-file-ignores]\n"tests/*" = ["NHL101"]\n')
    assert run("check", "--stdin-filename", "tests/test_x.py", "-", input=BAD).exit_code == 0
    assert run("check", "--stdin-filename", "src/x.py", "-", input=BAD).exit_code == 1


def test_missing_path_is_an_error(project):
    result = run("check", "nope.py")
    assert result.exit_code == 2
    assert "nope.py: no such file or directory" in result.output


def test_invalid_config_exits_2_naming_file_and_key(project):
    (project / "nhilint.toml").write_text('select = "NHL101"\n')
    result = run("check", "bad.py")
    assert result.exit_code == 2
    assert "nhilint.toml: 'select' must be a list of strings, got a string" in result.output


def test_unknown_config_key_warns(project):
    (project / "nhilint.toml").write_text('selectt = ["NHL101"]\n')
    result = run("check", "bad.py")
    assert result.exit_code == 1
    assert "nhilint.toml: unknown key 'selectt' (ignored)" in result.output


def test_explicit_config_option(project):
    (project / "other.toml").write_text('ignore = ["NHL101"]\n')
    assert run("check", "bad.py", "--config", "other.toml").exit_code == 0
    assert run("check", "bad.py", "--config", "missing.toml").exit_code == 2


def test_output_file(project):
    result = run("check", "bad.py", "-o", "report.txt")
    assert result.exit_code == 1
    assert (project / "report.txt").read_text().startswith("bad.py:4:12: NHL101")


def test_rules_lists_both_owasp_mappings():
    result = run("rules")
    assert result.exit_code == 0
    assert "NHL101" in result.output and "jwt-decode-without-audience" in result.output
    assert "NHI-03" in result.output and "NHI4:2025" in result.output
    assert "NHI2:2025 is Secret" in result.output  # the two lists are told apart
    data = json.loads(run("rules", "--output-format", "json").output)
    first = next(item for item in data if item["code"] == "NHL101")
    assert first["owasp"] == "NHI-03" and first["owasp-2025"] == ["NHI4:2025", "NHI6:2025", "NHI9:2025"]


def test_explain():
    result = run("explain", "nhl101")
    assert result.exit_code == 0
    assert "## Why is this bad?" in result.output and "NHI4:2025" in result.output
    assert run("explain", "NHL999").exit_code == 2


def _explain(env_columns: Optional[str], stdout: int, code: str = "NHL101") -> "subprocess.Popen[bytes]":
    env = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    if env_columns is not None:
        env["COLUMNS"] = env_columns
    return subprocess.Popen([sys.executable, "-m", "nhilint", "explain", code], stdout=stdout, env=env)


def _explained_into_a_pipe(env_columns: Optional[str], code: str = "NHL101") -> str:
    child = _explain(env_columns, subprocess.PIPE, code)
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 0
    return out.decode()


def test_explain_into_a_pipe_is_the_markdown_as_written():
    """As `ruff rule S105 | cat`: the document itself, for a pager, a file or a Markdown viewer."""
    from nhilint.docs import doc_text
    from nhilint.registry import rules_by_code

    out = _explained_into_a_pipe(None)
    assert out == doc_text(rules_by_code()["NHL101"].meta())
    head = out.split("## What it does")[0]  # what explain adds to the rule's own doc
    assert "- CWE: CWE-287, CWE-345, CWE-863" in head.splitlines()
    assert max(len(line) for line in head.splitlines()) <= 88


def _outside_code(markdown: str) -> List[str]:
    lines, fenced = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def _code_blocks(markdown: str) -> List[str]:
    return re.findall(r"```.*?```", markdown, flags=re.S)


@pytest.mark.parametrize("code", ["NHL101", "NHL301", "NHL201"])
def test_explain_into_a_pipe_fits_the_width_columns_sets(code):
    """`COLUMNS=40 nhilint explain NHL101 | less`: still Markdown, re-flowed to 40 columns. Only
    a word or a code span wider than that (a URL) stands alone on a longer line; code blocks
    and the words are as written."""
    as_written = _explained_into_a_pipe(None, code)
    narrow = _explained_into_a_pipe("40", code)
    assert narrow != as_written
    for line in _outside_code(narrow):
        body = re.sub(r"`[^`]*`", "span", line.strip().removeprefix("- "))
        assert len(line) <= 40 or " " not in body, line
    assert _code_blocks(narrow) == _code_blocks(as_written)
    assert " ".join(" ".join(_outside_code(narrow)).split()) == " ".join(" ".join(_outside_code(as_written)).split())
    assert any(line.startswith("- CWE: ") for line in narrow.splitlines())
    assert "\n## Why is this bad?\n" in narrow


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_explain_on_a_terminal_fits_its_width():
    import pty
    import re

    master, slave = pty.openpty()
    child = _explain("50", slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert child.wait(timeout=60) == 0
    shown = b"".join(chunks).decode()
    # the characters a terminal does not show: colours, and hyperlinks' targets (OSC 8)
    shown = re.sub(r"\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)|\x1b\[[0-9;?]*[A-Za-z]|\r", "", shown)
    lines = [line.rstrip() for line in shown.splitlines()]
    assert max(len(line) for line in lines) <= 50
    assert "## " not in shown and "Why is this bad?" in lines  # rendered, not the Markdown
    assert "audience" in shown


# -- the installed console script, as users and pre-commit run it ----------------------------

def _script() -> str:
    found = shutil.which("nhilint", path=os.path.dirname(sys.executable)) or shutil.which("nhilint")
    if found is None:
        pytest.skip("the nhilint console script is not installed")
    return found


def test_console_script_exit_codes_and_stdin(project):
    script = _script()
    bad = subprocess.run([script, "check", "bad.py"], capture_output=True, text=True)
    assert bad.returncode == 1
    assert bad.stdout.startswith("bad.py:4:12: NHL101 ")  # not a terminal: concise
    good = subprocess.run([script, "check", "good.py"], capture_output=True, text=True)
    assert good.returncode == 0
    stdin = subprocess.run(
        [script, "check", "--stdin-filename", "pkg/mod.py", "-"], input=BAD, capture_output=True, text=True
    )
    assert stdin.returncode == 1 and stdin.stdout.startswith("pkg/mod.py:4:12: NHL101")
    usage = subprocess.run([script, "check", "--output-format", "nope"], capture_output=True, text=True)
    assert usage.returncode == 2


def test_python_dash_m(project):
    result = subprocess.run([sys.executable, "-m", "nhilint", "check", "bad.py"], capture_output=True, text=True)
    assert result.returncode == 1 and "NHL101" in result.stdout


@pytest.mark.parametrize(
    "args, status", [(["--version"], 0), (["check", "--bogus"], 2), (["check", "good.py"], 0), (["check", "bad.py"], 1)]
)
def test_the_command_exits_with_the_status_of_main(project, args, status):
    """`nhilint` ends with os._exit (nhilint.cli.run): the status must still be main's."""
    result = subprocess.run([sys.executable, "-m", "nhilint", *args], capture_output=True, text=True)
    assert result.returncode == status, result.stderr


@pytest.fixture
def many_findings(project):
    """A report larger than a pipe's buffer (64 KiB on Linux): 1,000 NHL101 findings."""
    calls = "".join(f"    jwt.decode(token, key, algorithms=['RS256'])  # {n}\n" for n in range(1000))
    (project / "many.py").write_text(f"import jwt\n\ndef user(token, key):\n{calls}")
    return ["check", "many.py", "--output-format", "concise", "--no-cache"]


def test_the_command_flushes_all_its_output_into_a_pipe(many_findings):
    """os._exit skips the flush at exit; the whole report still arrives."""
    in_process = run(*many_findings).output
    piped = subprocess.run([sys.executable, "-m", "nhilint", *many_findings], capture_output=True, text=True)
    assert piped.returncode == 1 and len(piped.stdout.encode()) > 65536
    assert piped.stdout == in_process


def test_the_command_on_a_closed_pipe_exits_quietly(many_findings):
    """`nhilint check | head -1`: no traceback once the reader has gone."""
    process = subprocess.Popen([sys.executable, "-m", "nhilint", *many_findings],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(10)
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=60) != 0 and "Traceback" not in error, error


@pytest.mark.parametrize("code, status", [(None, 0), (0, 0), (3, 3), ("a message", 1)])
def test_exit_status_follows_python(code, status, capsys):
    from nhilint.cli import _exit_status

    assert _exit_status(code) == status
    assert capsys.readouterr().err == ("a message\n" if isinstance(code, str) else "")


def test_pre_commit_env_gives_concise_uncoloured(project):
    env = dict(os.environ, PRE_COMMIT="1")
    result = subprocess.run([_script(), "check", "bad.py"], capture_output=True, text=True, env=env)
    assert result.stdout.startswith("bad.py:4:12: NHL101") and "\x1b[" not in result.stdout


def test_python_dash_m_from_a_source_checkout():
    """`python -m nhilint` at the checkout root imports the source folder: rules still load."""
    from tests.helpers import ROOT

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "nhilint", "rules", "--output-format", "json"],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "NHL101" in {rule["code"] for rule in json.loads(result.stdout)}
