"""No output line can be forged from the checked tree (issue 17 item 5).

A newline in a file name, or in a name a message quotes from the source, put lines such as
`::add-mask::…` or `::error …` into concise output (the CI default), which GitHub Actions runs as
workflow commands; terminal escape sequences passed through raw. Every text format now escapes
control characters; the GitHub format encodes properties and data as GitHub specifies.
"""

from __future__ import annotations

import io
import sys

import pytest
from click.testing import CliRunner

from nhilint.api import RunResult
from nhilint.cli import main
from nhilint.ftypes import FileResult, Finding, Position
from nhilint.registry import rules_by_code
from nhilint.reporters import PUBLIC_FORMATS, renderer
from nhilint.reporters.escaping import printable

# A message quoting an env var name from the source, with a line break and an escape sequence:
# NHL303 shows the name (tested end to end below).
SHARED_ENV_VAR = '''\
import os

class ProductionConfig:
    PAYMENTS_TOKEN = os.environ["""PAY
::add-mask::x\x1b[2J"""]

class StagingConfig:
    PAYMENTS_TOKEN = os.environ["""PAY
::add-mask::x\x1b[2J"""]
'''
EVIL_NAME = "x\n::error file=a.py,line=1::forged\x1b[31m\u202e.py"
DECODE = 'import jwt\ndef f(t, k):\n    return jwt.decode(t, k, algorithms=["RS256"])\n'
TEXT_FORMATS = ["concise", "full", "github", "concise-quiet"]
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="a newline in a file name")


def rendered(result: RunResult, fmt: str) -> str:
    out = io.StringIO()
    renderer(fmt)(result, out, False)
    return out.getvalue()


def hostile_result() -> RunResult:
    meta = rules_by_code()["NHL303"].meta()
    finding = Finding(meta, "the name `PAY\n::add-mask::x\x1b[2J\r\u2028` is shared", EVIL_NAME,
                      Position(1, 1), Position(1, 5), "high", "f" * 32, 1)
    lines = ("x = '\x1b]0;title\x07' + '\x9b31m'",)
    return RunResult((FileResult(EVIL_NAME, (finding,), lines, True),), (meta,))


def assert_safe(text: str, fmt: str) -> None:
    """No line but our own GitHub annotations starts a workflow command; no control character."""
    for line in text.splitlines():
        ours = fmt == "github" and line.startswith(("::error file=", "::warning file=", "::notice file="))
        assert ours or not line.startswith("::"), line
    for char in ("\x1b", "\x07", "\r", "\u2028", "\u202e", "\x9b"):
        assert char not in text, (fmt, char)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_text_formats_escape_control_characters(fmt):
    text = rendered(hostile_result(), fmt)
    assert_safe(text, fmt)
    if fmt != "github":  # the GitHub format percent-encodes instead
        assert "PAY\\n::add-mask::x\\x1b[2J" in text


@pytest.mark.parametrize("fmt", ["json", "json-lines", "sarif", "gitlab", "junit"])
def test_data_formats_keep_the_text_escaped_by_their_own_rules(fmt):
    """JSON escapes control characters itself (a reader gets the message back as it was); JUnit's
    XML is printed too (`--output-format junit` on stdout), so it escapes them as text does."""
    text = rendered(hostile_result(), fmt)
    assert_safe(text, fmt)
    if fmt == "junit":
        assert "PAY\\n::add-mask::x\\x1b[2J" in text
    else:
        assert "PAY\\n::add-mask::x\\u001b[2J" in text


def test_github_properties_and_data_are_encoded_as_github_specifies():
    text = rendered(hostile_result(), "github")
    [line] = text.splitlines()
    # data: % CR LF encoded; properties also : and ,
    assert line.startswith("::error file=x%0A%3A%3Aerror file=a.py%2Cline=1%3A%3Aforged\\x1b[31m\\u202e.py,line=1")
    assert line.endswith("::the name `PAY%0A::add-mask::x\\x1b[2J%0D\\u2028` is shared")


def test_the_escape_is_visible_and_leaves_ordinary_text_alone():
    assert printable("app/ünïcode €.py: plain text") == "app/ünïcode €.py: plain text"
    assert printable("a\tb\nc\x00\x7f\u200f") == "a\\tb\\nc\\x00\\x7f\\u200f"
    assert printable("name\udc9b.py") == "name\\x9b.py"  # an undecodable byte 0x9b (CSI)
    assert printable("name\udce9.py") == "name\udce9.py"  # 0xe9 is no control: written back as is


def test_a_message_quoting_the_source_cannot_inject(tmp_path, monkeypatch):
    (tmp_path / "settings.py").write_text(SHARED_ENV_VAR)
    monkeypatch.chdir(tmp_path)
    for fmt in TEXT_FORMATS[:3]:
        result = CliRunner().invoke(main, ["check", "--no-cache", "--output-format", fmt, "."])
        assert result.exit_code == 1 and "NHL303" in result.output, result.output
        assert_safe(result.output, fmt)


@POSIX
def test_a_file_name_cannot_inject(tmp_path, monkeypatch):
    (tmp_path / EVIL_NAME).write_text(DECODE)
    monkeypatch.chdir(tmp_path)
    for fmt in TEXT_FORMATS[:3]:
        result = CliRunner().invoke(main, ["check", "--no-cache", "--output-format", fmt, "."])
        assert result.exit_code == 1 and "NHL101" in result.output, result.output
        assert_safe(result.output, fmt)


def test_warnings_and_errors_quoting_the_config_cannot_inject(tmp_path, monkeypatch):
    (tmp_path / "nhilint.toml").write_text('"evil\\n::add-mask::x\\u001b[2J" = 1\n')
    (tmp_path / "app.py").write_text(DECODE)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "."])
    assert "unknown key 'evil\\n::add-mask::x\\x1b[2J'" in result.stderr
    assert_safe(result.stderr, "stderr")
    (tmp_path / "nhilint.toml").write_text('select = ["NHL1"]\n"evil\\n::error::x" = [1, {a = 1}]\n'
                                           'respect-gitignore = "\\n::error::y"\n')
    result = CliRunner().invoke(main, ["check", "--no-cache", "."])
    assert result.exit_code == 2
    assert_safe(result.stderr, "stderr")


@pytest.mark.parametrize("fmt", PUBLIC_FORMATS)
def test_every_public_format_is_covered_here(fmt):
    assert fmt in TEXT_FORMATS or fmt in ("json", "json-lines", "sarif", "gitlab", "gitlab-sast", "junit")
