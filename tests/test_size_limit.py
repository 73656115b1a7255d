"""A size limit: a file over `max-file-bytes` is NHL900 "too large", not parsed for minutes
(issue 17 item 9). Before: a 22.8 MB file took 290 s and 6.4 GB; a 5 MB buffer blocked the
language server for 26 s. The default is semgrep's --max-target-bytes, 1,000,000; 0 is no limit.
"""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from nhilint import api
from nhilint.cli import main
from nhilint.config import ConfigError, load_settings, rule_option_types
from nhilint.ftypes import DEFAULT_MAX_FILE_BYTES, Settings
from nhilint.rule_index import rule_entries

DECODE = b'import jwt\ndef f(t, k):\n    return jwt.decode(t, k, algorithms=["RS256"])\n'


def padded(size: int) -> bytes:
    """A JWT decode followed by statements up to `size` bytes: slow to parse if it were parsed."""
    line = b"x = a + b\n"
    return DECODE + line * ((size - len(DECODE)) // len(line) + 1)


def test_the_default_is_semgreps():
    assert DEFAULT_MAX_FILE_BYTES == Settings().max_file_bytes == 1_000_000


def test_a_file_over_the_limit_is_nhl900_and_not_parsed(tmp_path):
    (tmp_path / "big.py").write_bytes(padded(3_000_000))
    (tmp_path / "small.py").write_bytes(DECODE)
    started = time.monotonic()
    result = api.check_paths([str(tmp_path)], Settings(root=str(tmp_path)))
    assert time.monotonic() - started < 10  # parsing 3 MB of statements takes libcst ~30 s
    found = {(f.path, f.code): f.message for f in result.findings}
    message = found[("big.py", "NHL900")]
    assert message.startswith("file not analysed: too large (")
    assert "the limit is 1,000,000" in message and "max-file-bytes" in message
    assert ("small.py", "NHL101") in found


def test_the_limit_is_counted_in_bytes_up_to_and_including_it(tmp_path):
    (tmp_path / "exact.py").write_bytes(padded(2000)[:2000])
    (tmp_path / "over.py").write_bytes(padded(2001)[:2001])
    result = api.check_paths([str(tmp_path)], Settings(root=str(tmp_path), max_file_bytes=2000))
    assert {f.path for f in result.findings if f.code == "NHL900"} == {"over.py"}


def test_the_config_key_and_the_flag(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_bytes(padded(5000))
    monkeypatch.chdir(tmp_path)
    args = ["check", "--no-cache", "--output-format", "concise", "."]
    (tmp_path / "nhilint.toml").write_text("max-file-bytes = 4000\n")
    assert "NHL900 file not analysed: too large" in CliRunner().invoke(main, args).output
    assert "NHL101" in CliRunner().invoke(main, [*args, "--max-file-bytes", "6000"]).output
    (tmp_path / "nhilint.toml").write_text("max-file-bytes = 0\n")  # no limit
    assert "NHL101" in CliRunner().invoke(main, args).output


@pytest.mark.parametrize("value", ["-1", "'1MB'", "true", "1.5"])
def test_an_invalid_limit_is_an_error(tmp_path, value):
    (tmp_path / "nhilint.toml").write_text(f"max-file-bytes = {value}\n")
    with pytest.raises(ConfigError, match="'max-file-bytes' must be"):
        load_settings(None, tmp_path, rule_option_types(rule_entries()), lambda message: None)


def test_a_buffer_over_the_limit_is_nhl900(tmp_path):
    """stdin and the language server (which checks through check_stdin) have the same limit."""
    result = api.check_stdin(padded(5000), Settings(root=str(tmp_path), max_file_bytes=4000), "app.py")
    [finding] = result.findings
    assert finding.code == "NHL900" and "too large (5,0" in finding.message


def test_a_large_file_below_a_raised_limit_is_analysed(tmp_path):
    """10 MB of lines in one string literal (fast to parse) with a finding after it."""
    data = b'import jwt\nNOTES = """\n' + b"the token is refreshed here\n" * 370_000 + b'"""\n' + DECODE
    (tmp_path / "big.py").write_bytes(data)
    result = api.check_paths([str(tmp_path)], Settings(root=str(tmp_path), max_file_bytes=0))
    assert [f.code for f in result.findings] == ["NHL101"]
