"""A worker thread whose current job can be stopped: the language server's outdated checks.

A check of a large file takes a few hundred milliseconds and Python threads cannot be killed,
so a check for a version the user has already typed past would hold up the check of the latest
one. `Worker.interrupt()` raises `Interrupted` inside the running job (CPython's
PyThreadState_SetAsyncExc, through ctypes), where it unwinds like any exception at the next
Python instruction: the job's `finally` blocks and `with` statements still run. `Interrupted`
derives from BaseException, so no `except Exception` of the engine (which turns a failing rule
into NHL900) swallows it.

The one hazard of an asynchronous exception is its arriving after the job, in the worker's own
bookkeeping. So at most one is raised per job, only while the job is marked running (under a
lock), and the worker clears any still pending once the job is over, before it touches anything
else. Jobs that import modules should not be interrupted (an import cut short leaves a module
half-initialised): the server interrupts only after a first check has imported everything.
"""

from __future__ import annotations

import ctypes
import platform
import queue
import threading
from concurrent.futures import Future
from typing import Any, Callable, Optional, Tuple

# Only CPython has PyThreadState_SetAsyncExc; elsewhere an outdated check runs to its end and
# its result is dropped.
SUPPORTED = platform.python_implementation() == "CPython"


class Interrupted(BaseException):
    """Raised inside a job that `Worker.interrupt()` stopped."""


def _set_async_exc(thread_id: int, exception: Optional[type]) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception is not None else None
    )


class Worker:
    """One daemon thread running submitted jobs in turn."""

    def __init__(self, name: str) -> None:
        self._jobs: "queue.Queue[Tuple[Future[Any], Callable[..., Any], Tuple[Any, ...]]]" = queue.Queue()
        self._lock = threading.Lock()
        self._running = False  # a job is between its start and its end
        self._raised = False  # the running job was interrupted already
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._thread.start()

    def submit(self, job: Callable[..., Any], *args: Any) -> "Future[Any]":
        future: "Future[Any]" = Future()
        self._jobs.put((future, job, args))
        return future

    def interrupt(self) -> bool:
        """Stops the running job, if any; its future then raises Interrupted."""
        if not SUPPORTED:
            return False
        with self._lock:
            if not self._running or self._raised or self._thread.ident is None:
                return False
            self._raised = True
            _set_async_exc(self._thread.ident, Interrupted)
            return True

    def _serve(self) -> None:
        while True:
            future, job, args = self._jobs.get()
            outcome: Any = None
            failure: Optional[BaseException] = None
            try:
                try:
                    with self._lock:
                        self._running, self._raised = True, False
                    outcome = job(*args)
                finally:
                    with self._lock:
                        self._running = False
                    if SUPPORTED and self._thread.ident is not None:
                        _set_async_exc(self._thread.ident, None)  # drop one raised too late to land
            except Interrupted as stopped:
                with self._lock:
                    self._running = False
                failure = stopped
            except BaseException as error:  # the job's own failure belongs to its caller
                failure = error
            # no asynchronous exception can reach this thread from here on
            if failure is not None:
                future.set_exception(failure)
            else:
                future.set_result(outcome)
