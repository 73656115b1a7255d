"""Processes end with their parent, and Ctrl-C ends a run with 130 (issue 17 items 6 and 7).

Before: SIGTERM, SIGHUP or SIGKILL of nhilint left its pool workers running forever, and Ctrl-C
exited 1 (which means findings) with a traceback per worker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import List

import pytest

from tests.helpers import ROOT

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def alive(pid: int) -> bool:
    """Running, not a zombie (a container's init may not reap what it adopts)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def pids_in(directory: Path, count: int) -> List[int]:
    assert wait_for(lambda: len(list(directory.iterdir())) >= count, 60), "the workers did not start"
    return [int(path.name) for path in directory.iterdir()]


def end(pids: List[int]) -> None:
    """Whatever the outcome, a failing test leaves no process of its own behind."""
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


# A parent process with a pool of two workers, each of which writes its pid, then sleeps.
POOL_PARENT = textwrap.dedent("""\
    import os, sys, time
    from nhilint.parallel import map_in_order

    def work(item):
        open(os.path.join(sys.argv[1], str(os.getpid())), "w").close()
        time.sleep(600)
        return item

    map_in_order(work, list(range(8)), 2, lambda: None, (), lambda item: item)
""")


@LINUX
@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_pool_workers_end_with_their_parent(tmp_path, signal_number):
    (tmp_path / "pids").mkdir()
    parent = subprocess.Popen([sys.executable, "-c", POOL_PARENT, str(tmp_path / "pids")], cwd=ROOT)
    workers: List[int] = []
    try:
        workers = pids_in(tmp_path / "pids", 2)
        assert all(alive(pid) for pid in workers)
        parent.send_signal(signal_number)
        parent.wait(30)
        assert wait_for(lambda: not any(alive(pid) for pid in workers), 10), "orphaned workers"
    finally:
        parent.kill()
        parent.wait()
        end(workers)


ISOLATED_PARENT = textwrap.dedent("""\
    import os, sys, time
    from nhilint.parse_guard import run_isolated

    def work():
        open(os.path.join(sys.argv[1], str(os.getpid())), "w").close()
        time.sleep(600)

    run_isolated(work, timeout=600)
""")


@LINUX
def test_an_isolated_parse_ends_with_its_parent(tmp_path):
    (tmp_path / "pids").mkdir()
    parent = subprocess.Popen([sys.executable, "-c", ISOLATED_PARENT, str(tmp_path / "pids")], cwd=ROOT)
    children: List[int] = []
    try:
        children = pids_in(tmp_path / "pids", 1)
        parent.kill()
        parent.wait(30)
        assert wait_for(lambda: not alive(children[0]), 10), "an orphaned parse process"
    finally:
        parent.kill()
        parent.wait()
        end(children)


def slow_project(root: Path, files: int) -> None:
    """Files whose parse takes many seconds each (chained subscripts: quadratic in libcst)."""
    slow = b"import jwt\nx = a" + b"[0]" * 2500 + b"\n"
    for index in range(files):
        (root / f"m{index:02}.py").write_bytes(slow)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_exits_130_without_tracebacks(tmp_path, jobs):
    slow_project(tmp_path, 20)
    run = subprocess.Popen(
        [sys.executable, "-m", "nhilint", "check", "--no-cache", "--jobs", jobs, "."],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        time.sleep(3)  # well into the checks: each file takes longer than that
        os.killpg(run.pid, signal.SIGINT)  # the terminal's Ctrl-C reaches the whole group
        _, stderr = run.communicate(timeout=30)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert run.returncode == 130
    assert b"Traceback" not in stderr, stderr.decode()
    assert b"interrupted" in stderr
