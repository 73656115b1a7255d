"""Runs one function over many items in a process pool (`--jobs`), results in input order."""

from __future__ import annotations

import os
import sys
from typing import Any, Callable, List, Optional, Sequence, Tuple, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def default_jobs() -> int:
    """The CPUs this process may run on (a container's limit), else the machine's count."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def end_with_parent(parent: int) -> None:
    """Makes this process (a pool worker, a parse child) end when `parent`, which started it,
    ends, even by SIGKILL: an orphaned worker would otherwise wait for work forever (issue 17
    item 7). On Linux the kernel kills it (PR_SET_PDEATHSIG); elsewhere, or when a fork server
    stands in between, a daemon thread checks every second whether its parent has changed."""
    watched = os.getppid()
    if watched != parent and os.name == "posix" and not _alive(parent):
        os._exit(1)  # `parent` ended before this process got here
    if watched == parent and _is_linux() and _kill_when_parent_dies():
        if os.getppid() != parent:  # it ended before the request took effect
            os._exit(1)
        return
    import threading
    import time

    def watch() -> None:
        while os.getppid() == watched:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="nhilint-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # POSIX only: signal 0 checks, sends nothing
    except ProcessLookupError:
        return False
    except OSError:  # it exists, under another user
        return True
    return True


def _is_linux() -> bool:
    return sys.platform.startswith("linux")


def _kill_when_parent_dies() -> bool:
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError, ImportError):  # no libc with prctl
        return False


_PR_SET_PDEATHSIG = 1


def chunk_size(count: int, workers: int) -> int:
    """At least eight chunks a worker, of at most 16 files: a round trip costs well under a
    millisecond, and sorted files cluster (one package's large modules in one chunk), so small
    chunks keep a slow one from holding up the end of the run."""
    return max(1, min(16, count // (workers * 8)))


def map_in_order(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    initializer: Callable[..., None],
    initargs: Tuple[Any, ...],
    on_crash: Callable[[Item], Result],
    on_result: Optional[Callable[[Result], None]] = None,
) -> List[Result]:
    """`function` over `items` in `workers` processes, each set up once by `initializer`;
    `on_result` sees each result as it arrives, in the order of `items` (a progress bar).

    `function` turns its own exceptions into results. A worker process that dies outright
    (a crash in native code, the OOM killer) breaks the pool: the items left without a result
    are then run one at a time, and an item that kills its process again gets `on_crash(item)`.
    Where no process can be started, the rest runs in this process.
    """
    # imported here: multiprocessing costs ~10 ms, which a one-file run on save need not pay
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    results: List[Result] = []

    def keep(result: Result) -> None:
        results.append(result)  # kept one by one: on a crash, what came back stands
        if on_result is not None:
            on_result(result)

    setup = (os.getpid(), initializer, initargs)
    try:
        pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=setup)
        try:
            for result in pool.map(function, items, chunksize=chunk_size(len(items), workers)):
                keep(result)
        except BaseException:  # Ctrl-C, a broken pool: the workers stop now, not after their chunks
            _stop(pool)
            raise
        pool.shutdown(wait=True)
    except BrokenProcessPool:
        _one_at_a_time(function, items[len(results):], setup, on_crash, keep)
    except (OSError, ImportError, NotImplementedError):  # no processes to be had (a sandbox, a limit)
        initializer(*initargs)
        for item in items[len(results):]:
            keep(function(item))
    return results


def _start_worker(parent: int, initializer: Callable[..., None], initargs: Tuple[Any, ...]) -> None:
    """A worker ends with the process that started it, and leaves Ctrl-C to it (which then stops
    the pool): otherwise every worker would print its own KeyboardInterrupt traceback."""
    import signal

    end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    initializer(*initargs)


def _stop(pool: Any) -> None:
    """Ends a pool at once: queued work is dropped and the workers are killed."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # the executor's own table
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        try:
            worker.kill()
        except (OSError, ValueError, AttributeError):  # already gone, or closed
            pass


def _one_at_a_time(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    setup: Tuple[int, Callable[..., None], Tuple[Any, ...]],
    on_crash: Callable[[Item], Result],
    keep: Callable[[Result], None],
) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool: Optional[ProcessPoolExecutor] = None
    try:
        for item in items:
            if pool is None:
                pool = ProcessPoolExecutor(1, initializer=_start_worker, initargs=setup)
            try:
                keep(pool.submit(function, item).result())
            except BrokenProcessPool:
                keep(on_crash(item))
                pool.shutdown(wait=True)
                pool = None
    except BaseException:
        if pool is not None:
            _stop(pool)
            pool = None
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
