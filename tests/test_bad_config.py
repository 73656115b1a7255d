"""Configuration and input errors: a message and exit 2, never a traceback, never ignored
(issue 17 items 4 and 6).

Before: a malformed, BOM-prefixed or non-UTF-8 pyproject.toml was skipped (a parent directory's
config applied instead); an empty code turned every rule off; deeply nested TOML, a bad exclude
pattern, `tool = "x"` and some baselines ended in a traceback and exit 1, which means findings.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Dict, Sequence

import pytest
from click.testing import CliRunner

from nhilint.cli import main

DECODE = 'import jwt\n\ndef user(token, key):\n    return jwt.decode(token, key, algorithms=["RS256"])\n'


def run(root: Path, files: Dict[str, bytes], args: Sequence[str] = (), cwd: str = "."):
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    previous = os.getcwd()
    os.chdir(root / cwd)
    try:
        return CliRunner().invoke(main, ["check", "--no-cache", "--output-format", "concise", *args])
    finally:
        os.chdir(previous)


def assert_error(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "nhilint: error: " in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


# -- configuration files that cannot be read are errors, not skipped -------------------------

PARENT_CONFIG = b'[tool.nhilint]\nselect = ["NHL4"]\n'  # would hide NHL101 if it applied


@pytest.mark.parametrize(
    "data, words",
    [
        (b'[tool.nhilint]\nselect = ["NHL1"\n', ("pyproject.toml", "invalid TOML")),
        (b'\xef\xbb\xbf[tool.nhilint]\nselect = ["NHL1"]\n', ("pyproject.toml", "byte order mark")),
        (b'[tool.nhilint]\n# caf\xe9\nselect = ["NHL1"]\n', ("pyproject.toml", "UTF-8")),
        (b"[tool.nhilint]\nselect = " + b"[" * 5000 + b"]" * 5000 + b"\n", ("pyproject.toml", "nested")),
        (b"x = " + b"{a = " * 5000 + b"1" + b"}" * 5000 + b"\n", ("pyproject.toml", "nested")),
        (b'tool = "x"\n', ("pyproject.toml", "'tool' must be a table")),
        (b'[tool]\nnhilint = "x"\n', ("pyproject.toml", "'tool.nhilint' must be a table")),
    ],
    ids=["malformed", "bom", "latin-1", "deep-arrays", "deep-tables", "tool-string", "nhilint-string"],
)
def test_an_unreadable_pyproject_is_an_error_not_skipped(tmp_path, data, words):
    files = {"pyproject.toml": PARENT_CONFIG, "project/pyproject.toml": data, "project/app.py": DECODE.encode()}
    assert_error(run(tmp_path, files, cwd="project"), *words)


def test_an_unreadable_pyproject_given_with_config_is_an_error(tmp_path):
    result = run(tmp_path, {"app.py": DECODE.encode(), "cfg.toml": b'tool = "x"\nselect = [\n'},
                 ("--config", "cfg.toml"))
    assert_error(result, "cfg.toml", "invalid TOML")


@pytest.mark.parametrize("name", ["nhilint.toml", ".nhilint.toml"])
def test_an_unreadable_nhilint_toml_is_an_error(tmp_path, name):
    assert_error(run(tmp_path, {name: b"select = [[[\n", "app.py": DECODE.encode()}), name, "invalid TOML")


def test_a_pyproject_without_our_table_still_lets_a_parent_config_apply(tmp_path):
    files = {"pyproject.toml": b'[tool.nhilint]\nignore = ["NHL101"]\n',
             "project/pyproject.toml": b"[tool.black]\nline-length = 100\n", "project/app.py": DECODE.encode()}
    result = run(tmp_path, files, cwd="project")
    assert result.exit_code == 0, result.output


# -- empty codes ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "config, key",
    [
        (b'[tool.nhilint]\nignore = [""]\n', "ignore"),
        (b'[tool.nhilint]\nselect = ["NHL1", " "]\n', "select"),
        (b'[tool.nhilint]\nextend-select = [""]\n', "extend-select"),
        (b'[tool.nhilint.per-file-ignores]\n"*.py" = [""]\n', "per-file-ignores.*.py"),
    ],
    ids=["ignore", "select", "extend-select", "per-file-ignores"],
)
def test_an_empty_code_is_an_error_not_every_rule(tmp_path, config, key):
    result = run(tmp_path, {"pyproject.toml": config, "app.py": DECODE.encode()})
    assert_error(result, "pyproject.toml", f"'{key}'", "empty")


# -- exclude patterns -------------------------------------------------------------------------

@pytest.mark.parametrize("pattern", ["!", "\\\\", "[z-a]"], ids=["bang", "backslash", "bad-range"])
def test_an_invalid_exclude_pattern_is_an_error(tmp_path, pattern):
    config = f'[tool.nhilint]\nextend-exclude = ["build", "{pattern}"]\n'.encode()
    result = run(tmp_path, {"pyproject.toml": config, "app.py": DECODE.encode()})
    assert_error(result, "pyproject.toml", "exclude pattern")


def test_an_invalid_gitignore_line_is_skipped_as_git_skips_it(tmp_path):
    """The checked tree's .gitignore is not our configuration: git ignores a bad line, so do we."""
    result = run(tmp_path, {".gitignore": b"!\n[z-a]\nskipped.py\n", "app.py": DECODE.encode(),
                            "skipped.py": DECODE.encode()})
    assert result.exit_code == 1, result.output
    assert [line.split(":")[0] for line in result.stdout.splitlines()[:-1]] == ["app.py"]


def fifo(path: Path) -> threading.Timer:
    """A named pipe, which blocks whoever reads it; a timer unblocks it so a test fails, not hangs."""
    os.mkfifo(path)

    def unblock() -> None:
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:  # nobody is reading
            pass

    timer = threading.Timer(10, unblock)
    timer.daemon = True
    timer.start()
    return timer


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_gitignore_that_is_not_a_regular_file_is_not_read(tmp_path):
    started = time.monotonic()
    timer = fifo(tmp_path / ".gitignore")
    result = run(tmp_path, {"app.py": DECODE.encode()})
    timer.cancel()
    assert result.exit_code == 1, result.output
    assert time.monotonic() - started < 10


# -- baselines and output files ---------------------------------------------------------------

@pytest.mark.parametrize(
    "data, words",
    [
        (b'{"version": 1, "findings": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", ("nested too deeply",)),
        (b'{"version": 1, "findings": [{"code": "NHL101", "path": "a.py", "fingerprint": "x", '
         b'"count": 1e999}]}', ("'count' must be a positive integer",)),
        (b"\xff\xfe{}", ("cannot read",)),
        (b"[]", ("expected an object",)),
    ],
    ids=["deep-json", "infinite-count", "not-utf8", "a-list"],
)
def test_a_bad_baseline_is_an_error(tmp_path, data, words):
    result = run(tmp_path, {"app.py": DECODE.encode(), "base.json": data}, ("--baseline", "base.json"))
    assert_error(result, "base.json", *words)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_baseline_that_is_not_a_regular_file_is_an_error_not_a_hang(tmp_path):
    timer = fifo(tmp_path / "base.json")
    result = run(tmp_path, {"app.py": DECODE.encode()}, ("--baseline", "base.json"))
    timer.cancel()
    assert_error(result, "base.json", "not a regular file")


def test_an_output_file_that_cannot_be_written_is_an_error(tmp_path):
    result = run(tmp_path, {"app.py": DECODE.encode()}, ("-o", str(tmp_path / "missing" / "report.txt")))
    assert_error(result, "report.txt")


def test_a_baseline_that_cannot_be_written_is_an_error(tmp_path):
    os.chdir(tmp_path)
    (tmp_path / "app.py").write_text(DECODE)
    result = CliRunner().invoke(main, ["baseline", "-o", str(tmp_path / "missing" / "base.json")])
    assert_error(result, "base.json")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_config_file_that_is_a_directory_is_a_usage_error(tmp_path):
    (tmp_path / "cfg.toml").mkdir()
    result = run(tmp_path, {"app.py": DECODE.encode()}, ("--config", "cfg.toml"))
    assert result.exit_code == 2 and "'cfg.toml' is a directory" in result.stderr, result.output
