"""`--jobs`: a process pool over files, same results in the same order, one bad file costs one file."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from nhilint import api, runner
from nhilint.cli import main
from nhilint.ftypes import Settings
from nhilint.parallel import chunk_size
from nhilint.runner import FILES_PER_WORKER

DECODE = 'import jwt\n\ndef user(token, key):\n    return jwt.decode(token, key, algorithms=["RS256"])\n'

# Patches made in the test reach the workers only when they are forked from it.
forked = pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="needs forked workers")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for index in range(2 * FILES_PER_WORKER + 4):  # enough files for two workers
        (tmp_path / f"m{index:02}.py").write_text(DECODE if index % 3 else "x = 1\n")
    (tmp_path / "broken.py").write_text("import jwt\ndef broken(:\n")
    return tmp_path


def check(root: Path, jobs: int):
    return api.check_paths([str(root)], Settings(root=str(root)), jobs=jobs)


def test_two_jobs_give_the_same_results_in_the_same_order(project):
    serial = check(project, 1)
    assert serial.findings and [f.path for f in serial.files] == sorted(f.path for f in serial.files)
    assert check(project, 2) == serial


def fail_on(name: str, monkeypatch, action) -> None:
    real = runner.check_source

    def check_source(source, path, plan):
        if path == name:
            action()
        return real(source, path, plan)

    monkeypatch.setattr(runner, "check_source", check_source)


def raise_error():
    raise KeyError("a message that may quote the source: ghp_secret")


@pytest.mark.parametrize("jobs", [1, pytest.param(2, marks=forked)])
def test_an_exception_on_one_file_is_its_nhl900(project, monkeypatch, jobs):
    expected = {f.path: f.code for f in check(project, 1).findings}
    fail_on("m04.py", monkeypatch, raise_error)
    found = {f.path: (f.code, f.message) for f in check(project, jobs).findings}
    code, message = found.pop("m04.py")
    assert code == "NHL900" and message.startswith("file not analysed: internal error: KeyError in ")
    assert "ghp_" not in message  # the exception's text may quote the source: not shown
    assert {path: code for path, (code, _) in found.items()} == {
        path: code for path, code in expected.items() if path != "m04.py"
    }


@forked
def test_a_worker_process_that_dies_costs_one_file(project, monkeypatch):
    expected = {f.path: f.code for f in check(project, 1).findings}
    fail_on("m05.py", monkeypatch, lambda: os._exit(3))
    found = {f.path: (f.code, f.message) for f in check(project, 2).findings}
    assert found.pop("m05.py") == ("NHL900", "file not analysed: internal error: the worker process died")
    assert {path: code for path, (code, _) in found.items()} == {
        path: code for path, code in expected.items() if path != "m05.py"
    }


def test_no_pool_for_one_file_few_files_or_one_job(project, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("started a process pool")

    monkeypatch.setattr(runner, "map_in_order", no_pool)
    settings = Settings(root=str(project))
    assert api.check_paths([str(project / "m01.py")], settings, jobs=8).findings
    few = [str(path) for path in sorted(project.iterdir())[:FILES_PER_WORKER + 1]]
    assert api.check_paths(few, settings, jobs=8).findings
    assert check(project, 1).findings


def test_a_pool_when_there_is_work_for_two(project, monkeypatch):
    calls = []
    real = runner.map_in_order
    monkeypatch.setattr(runner, "map_in_order", lambda *args: calls.append(args[2]) or real(*args))
    assert check(project, 8).findings and calls == [2]


def test_without_processes_the_run_goes_on_in_this_one(project, monkeypatch):
    def no_processes(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_processes)
    assert check(project, 2) == check(project, 1)


def test_chunks_are_small_enough_to_spread_the_work():
    assert chunk_size(1, 2) == 1
    assert chunk_size(3000, 2) == 16
    assert chunk_size(80, 2) == 5


def test_jobs_option(project, monkeypatch):
    monkeypatch.chdir(project)
    assert CliRunner().invoke(main, ["check", ".", "--jobs", "0", "--no-cache"]).exit_code == 2
    serial = CliRunner().invoke(main, ["check", ".", "--jobs", "1", "--no-cache"])
    parallel = CliRunner().invoke(main, ["check", ".", "--jobs", "2", "--no-cache"])
    assert serial.exit_code == parallel.exit_code == 1 and serial.output == parallel.output


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_is_told_once_per_file_in_order(project, monkeypatch, jobs):
    pools = []
    real = runner.map_in_order
    monkeypatch.setattr(runner, "map_in_order", lambda *args: pools.append(args[2]) or real(*args))
    calls = []
    settings = Settings(root=str(project))
    api.check_paths([str(project)], settings, jobs=jobs, progress=lambda *call: calls.append(call))
    total = len(list(project.glob("*.py")))
    assert calls == [(done, total) for done in range(1, total + 1)]
    assert pools == ([2] if jobs == 2 else [])


def test_cached_files_count_as_done(project):
    settings = Settings(root=str(project))
    api.check_paths([str(project)], settings, jobs=2, cache=True)
    (project / "m07.py").write_text(DECODE + "# edited\n")  # one file to check again
    calls = []
    api.check_paths([str(project)], settings, jobs=2, cache=True, progress=lambda *call: calls.append(call))
    total = len(list(project.glob("*.py")))
    assert calls == [(done, total) for done in range(1, total + 1)]


@forked
def test_progress_goes_on_when_a_worker_process_dies(project, monkeypatch):
    fail_on("m05.py", monkeypatch, lambda: os._exit(3))
    calls = []
    api.check_paths([str(project)], Settings(root=str(project)), jobs=2, progress=lambda *call: calls.append(call))
    total = len(list(project.glob("*.py")))
    assert calls == [(done, total) for done in range(1, total + 1)]


@forked
def test_a_pool_stopped_with_half_a_result_in_its_pipe_winds_down():
    """A worker killed while it wrote its result leaves half a message in the pool's result
    pipe: the pool's manager thread must not wait for the rest for ever (the interpreter would
    then hang at its exit, joining that thread: a stopped check in the language server)."""
    import struct
    from concurrent.futures import ProcessPoolExecutor

    from nhilint.parallel import _stop

    pool = ProcessPoolExecutor(1)
    assert pool.submit(abs, -1).result(timeout=60) == 1
    manager = pool._executor_manager_thread  # type: ignore[attr-defined]
    # a message's length header saying 100 bytes, and one byte of them, as a killed writer leaves
    pool._result_queue._writer._send(struct.pack("!i", 100) + b"x")  # type: ignore[attr-defined]
    _stop(pool)
    manager.join(timeout=30)
    assert not manager.is_alive()
