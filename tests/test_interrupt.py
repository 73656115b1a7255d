"""The language server's check worker: an outdated job is stopped, the next one runs."""

from __future__ import annotations

import threading
import time

import pytest

from nhilint.interrupt import SUPPORTED, Interrupted, Worker

pytestmark = pytest.mark.skipif(not SUPPORTED, reason="CPython only")


def spin(started: threading.Event, cleaned: list) -> str:
    started.set()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # pure Python: interruptible at any instruction
            pass
        return "finished"
    finally:
        cleaned.append(True)  # `finally` blocks of the job still run


def test_a_running_job_is_stopped_and_the_worker_goes_on():
    worker = Worker("test-worker")
    started, cleaned = threading.Event(), []
    job = worker.submit(spin, started, cleaned)
    assert started.wait(10)
    begun = time.monotonic()
    assert worker.interrupt()
    with pytest.raises(Interrupted):
        job.result(timeout=10)
    assert time.monotonic() - begun < 5 and cleaned == [True]
    assert not worker.interrupt()  # nothing runs now: nothing to stop
    assert worker.submit(lambda x: x * 2, 21).result(timeout=10) == 42


def test_a_job_that_raises_hands_its_error_to_the_caller():
    worker = Worker("test-worker")
    with pytest.raises(ZeroDivisionError):
        worker.submit(lambda: 1 / 0).result(timeout=10)
    assert worker.submit(str, 7).result(timeout=10) == "7"


def test_interrupting_between_jobs_never_reaches_the_next_one():
    worker = Worker("test-worker")
    for value in range(200):  # interrupts racing with jobs that end at once
        future = worker.submit(lambda v: v, value)
        worker.interrupt()
        try:
            assert future.result(timeout=10) == value
        except Interrupted:
            pass
    assert worker.submit(lambda: "alive").result(timeout=10) == "alive"
