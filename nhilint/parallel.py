"""Runs one function over many items in a process pool (`--jobs`), results in input order."""

from __future__ import annotations

import os
import sys
from collections import deque
from typing import Any, Callable, Deque, Dict, List, Optional, Sequence, Tuple, TypeVar

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
    millisecond, and small chunks let a worker that is done early take over the end of
    another's lane (`Lanes`) in small pieces."""
    return max(1, min(16, count // (workers * 8)))


class Lanes:
    """Contiguous chunks of the items, dealt into one contiguous lane per worker process.

    Neighbouring files are one package's modules, which import each other: kept in one
    process, each module's export (nhilint.project) is built once in it, where chunks dealt
    round-robin made every process build most of them (the quick corpus cost a fifth more
    CPU with two processes than with one). A worker that finishes its lane takes chunks from
    the far end of the lane with the most weight left, so the run still ends together.
    """

    def __init__(self, weights: Sequence[int], workers: int, size: int) -> None:
        count = len(weights)
        chunks = [range(start, min(start + size, count)) for start in range(0, count, size)]
        total = sum(max(weight, 1) for weight in weights)
        self._weights = weights
        self._lanes: List[Deque[range]] = [deque() for _ in range(workers)]
        self._left = [0] * workers  # the weight of each lane's chunks not yet handed out
        reached = 0
        for chunk in chunks:
            weight = sum(max(weights[index], 1) for index in chunk)
            lane = min(workers - 1, (reached + weight // 2) * workers // total)  # by the chunk's middle
            self._lanes[lane].append(chunk)
            self._left[lane] += weight
            reached += weight

    def next(self, lane: int) -> Optional[range]:
        """The next chunk for the worker of `lane`: its own, else the last one of the lane with
        the most weight left; None when every chunk is handed out."""
        if not self._lanes[lane]:
            lane = max(range(len(self._lanes)), key=lambda other: self._left[other])
            if not self._lanes[lane]:
                return None
            chunk = self._lanes[lane].pop()
        else:
            chunk = self._lanes[lane].popleft()
        self._left[lane] -= sum(max(self._weights[index], 1) for index in chunk)
        return chunk


# chunks sent to each worker at a time: one, so that at the end of a run no chunk waits behind
# a busy worker that another, idle, could have taken (a round trip costs about a millisecond)
_IN_FLIGHT = 1


def map_in_order(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    initializer: Callable[..., None],
    initargs: Tuple[Any, ...],
    on_crash: Callable[[Item], Result],
    on_result: Optional[Callable[[Result], None]] = None,
    weights: Optional[Sequence[int]] = None,
) -> List[Result]:
    """`function` over `items` in `workers` processes, each set up once by `initializer`;
    the results in the order of `items`. `on_result` sees each result as it arrives (a
    progress bar). `weights`: how much work each item is likely to be (its size), for dealing
    the items into the workers' lanes (`Lanes`).

    `function` turns its own exceptions into results. A worker process that dies outright
    (a crash in native code, the OOM killer) breaks its pool: the items left without a result
    are then run one at a time, and an item that kills its process again gets `on_crash(item)`.
    Where no process can be started, the rest runs in this process.
    """
    # imported here: multiprocessing costs ~10 ms, which a one-file run on save need not pay
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    results: List[Optional[Result]] = [None] * len(items)
    done = [False] * len(items)

    def keep(index: int, result: Result) -> None:
        results[index], done[index] = result, True  # kept one by one: on a crash, what came back stands
        if on_result is not None:
            on_result(result)

    def left() -> List[int]:
        return [index for index in range(len(items)) if not done[index]]

    setup = (os.getpid(), initializer, initargs)
    lanes = Lanes(weights if weights is not None else [1] * len(items), workers, chunk_size(len(items), workers))
    pools: List[Any] = []
    pending: Dict["Future[List[Result]]", Tuple[int, range]] = {}

    def send(lane: int) -> None:
        chunk = lanes.next(lane)
        if chunk is not None:
            future = pools[lane].submit(_run_chunk, function, [items[index] for index in chunk])
            pending[future] = (lane, chunk)

    try:
        try:
            for lane in range(workers):
                pools.append(ProcessPoolExecutor(1, initializer=_start_worker, initargs=setup))
                for _ in range(_IN_FLIGHT):
                    send(lane)
            while pending:
                finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for future in finished:
                    lane, chunk = pending.pop(future)
                    for index, result in zip(chunk, future.result()):
                        keep(index, result)
                    send(lane)
        except BaseException:  # Ctrl-C, a broken pool: the workers stop now, not after their chunks
            for pool in pools:
                _stop(pool)
            raise
        for pool in pools:
            pool.shutdown(wait=True)
    except BrokenProcessPool:
        _one_at_a_time(function, [(index, items[index]) for index in left()], setup, on_crash, keep)
    except (OSError, ImportError, NotImplementedError):  # no processes to be had (a sandbox, a limit)
        initializer(*initargs)
        for index in left():
            keep(index, function(items[index]))
    return [result for result in results]  # type: ignore[misc]  # every item has one by now


def _run_chunk(function: Callable[[Item], Result], chunk: List[Item]) -> List[Result]:
    """One chunk of a lane, in a worker process."""
    return [function(item) for item in chunk]


def _start_worker(parent: int, initializer: Callable[..., None], initargs: Tuple[Any, ...]) -> None:
    """A worker ends with the process that started it, and leaves Ctrl-C to it (which then stops
    the pool): otherwise every worker would print its own KeyboardInterrupt traceback."""
    import signal

    from nhilint.collector import pace_for_a_run

    end_with_parent(parent)
    pace_for_a_run()  # a worker started afresh (not forked from the CLI) does not have it yet
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    initializer(*initargs)


def _stop(pool: Any) -> None:
    """Ends a pool at once: queued work is dropped and the workers are killed."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # the executor's own table
    results = getattr(pool, "_result_queue", None)  # (shutdown drops the executor's references)
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        try:
            worker.kill()
            worker.join(1)
        except (OSError, ValueError, AttributeError, AssertionError):  # already gone, or closed
            pass
    # A worker killed while it wrote a result leaves half a message in the result pipe, and the
    # pool's manager thread waits for the rest for ever (the interpreter then hangs at its exit,
    # joining that thread). With the workers dead, this process holds the pipe's last writing
    # end: closed, the manager reads the pipe's end, finds the pool broken and winds down.
    writer = getattr(results, "_writer", None)
    if writer is not None:
        try:
            writer.close()
        except OSError:
            pass


def _one_at_a_time(
    function: Callable[[Item], Result],
    items: Sequence[Tuple[int, Item]],
    setup: Tuple[int, Callable[..., None], Tuple[Any, ...]],
    on_crash: Callable[[Item], Result],
    keep: Callable[[int, Result], None],
) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool: Optional[ProcessPoolExecutor] = None
    try:
        for index, item in items:
            if pool is None:
                pool = ProcessPoolExecutor(1, initializer=_start_worker, initargs=setup)
            try:
                keep(index, pool.submit(function, item).result())
            except BrokenProcessPool:
                keep(index, on_crash(item))
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
