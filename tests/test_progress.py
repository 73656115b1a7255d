"""The progress bar: on stderr for long runs on a terminal only; the report never changes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from nhilint import progress
from nhilint.cli import main
from nhilint.progress import ProgressBar, file_progress

DECODE = 'import jwt\n\ndef user(token, key):\n    return jwt.decode(token, key, algorithms=["RS256"])\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    for index in range(20):
        (tmp_path / f"m{index:02}.py").write_text(DECODE if index % 2 else "x = 1\n")
    monkeypatch.chdir(tmp_path)
    for variable in ("NHILINT_PROGRESS", "PRE_COMMIT", "NO_COLOR", "TERM"):
        monkeypatch.delenv(variable, raising=False)
    return tmp_path


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def bar_for(**kwargs):
    with file_progress(**kwargs) as bar:
        return bar


def test_a_bar_only_on_a_terminal_outside_pre_commit(project, monkeypatch):
    assert isinstance(bar_for(disabled=False, stream=Terminal()), ProgressBar)
    assert bar_for(disabled=False, stream=io.StringIO()) is None  # piped or redirected
    assert bar_for(disabled=True, stream=Terminal()) is None  # -q, --no-progress
    monkeypatch.setenv("NHILINT_PROGRESS", "0")
    assert bar_for(disabled=False, stream=Terminal()) is None
    monkeypatch.delenv("NHILINT_PROGRESS")
    monkeypatch.setenv("PRE_COMMIT", "1")
    assert bar_for(disabled=False, stream=Terminal()) is None
    monkeypatch.setenv("NHILINT_PROGRESS", "1")  # forced: any stream, even under pre-commit
    assert isinstance(bar_for(disabled=False, stream=io.StringIO()), ProgressBar)
    assert bar_for(disabled=True, stream=io.StringIO()) is None


def test_a_short_run_draws_nothing():
    stream = Terminal()
    bar = ProgressBar(stream, delay=60.0)
    for done in range(1, 501):
        bar(done, 500)
    bar.close()
    assert not bar.shown and stream.getvalue() == ""


def test_a_long_run_draws_a_bar_on_its_stream():
    stream = Terminal()
    bar = ProgressBar(stream, delay=0.0, forced=True)
    bar(1, 3)
    bar(2, 3)
    bar(3, 3)
    bar.close()
    assert bar.shown and "3/3" in stream.getvalue()


def test_no_bar_when_stderr_is_not_a_terminal(project, monkeypatch):
    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)
    result = CliRunner().invoke(main, ["check", ".", "--no-cache"])
    assert result.exit_code == 1 and result.stdout and result.stderr == ""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_report_is_the_same_with_the_bar_forced_on(project, monkeypatch, jobs):
    args = ["check", ".", "--no-cache", "--jobs", jobs]
    plain = CliRunner().invoke(main, args)
    monkeypatch.setenv("NHILINT_PROGRESS", "1")
    with_bar = CliRunner().invoke(main, args)
    assert plain.exit_code == with_bar.exit_code == 1
    assert with_bar.stdout == plain.stdout
    assert "/20" in with_bar.stderr  # the bar was drawn, on stderr
    for quiet in (["-q"], ["--no-progress"]):
        assert CliRunner().invoke(main, args + quiet).stderr == ""


def test_no_bar_for_stdin(project, monkeypatch):
    monkeypatch.setenv("NHILINT_PROGRESS", "1")
    result = CliRunner().invoke(main, ["check", "--stdin-filename", "a.py", "-"], input=DECODE)
    assert result.exit_code == 1 and result.stderr == ""


def test_baseline_shows_the_bar_on_stderr_only(project, monkeypatch):
    monkeypatch.setenv("NHILINT_PROGRESS", "1")
    result = CliRunner().invoke(main, ["baseline", "-o", "baseline.json"])
    assert result.exit_code == 0 and result.stdout == "" and "/20" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_short_run_on_a_terminal_does_not_import_rich(project):
    """stderr on a real pseudo-terminal; stdout piped, as in `nhilint check . | less`."""
    import pty

    # "short" is below the bar's delay, raised here so a busy machine (a loaded CI runner can
    # take over a second to start the worker processes) cannot turn the run into a long one
    script = (
        "import sys\n"
        "import nhilint.progress\n"
        "nhilint.progress.DELAY_SECONDS = 60.0\n"
        "from nhilint.cli import main\n"
        "main(['check', '.', '--output-format', 'concise'], standalone_mode=False)\n"
        "print('rich' in sys.modules)\n"
    )
    master, slave = pty.openpty()
    try:
        env = {key: value for key, value in os.environ.items() if key not in ("NHILINT_PROGRESS", "PRE_COMMIT")}
        result = subprocess.run(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=slave, cwd=project, env=env, timeout=60
        )
    finally:
        os.close(slave)
        os.close(master)
    assert result.returncode == 0
    assert result.stdout.decode().splitlines()[-1] == "False"
