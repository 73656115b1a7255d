"""Checks the files of a run: cached results first, the rest in turn or in a process pool.

A file is read once, by whoever checks it; an exception while checking one file becomes that
file's NHL900 and the run goes on.
"""

from __future__ import annotations

import os
import tokenize
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Callable, List, Optional, Sequence, Tuple

from nhilint.collector import settle
from nhilint.discovery import Candidate
from nhilint.engine import CheckPlan, check_source, internal_error, too_large, unanalysed
from nhilint.files import FileTooLarge, NotRegularFile, read_regular_file
from nhilint.ftypes import FileResult, Settings
from nhilint.notebooks import check_notebook, is_notebook
from nhilint.parallel import map_in_order

if TYPE_CHECKING:  # a run without the result cache (`--no-cache`) does not import it
    from nhilint.result_cache import Cached, ResultCache, Stamp


# Told (files done, files in the run) once per file as its result is known, cached ones included.
Progress = Callable[[int, int], None]


class FileJob:
    """One file to check, as sent to a worker process. A plain class (as FileOutcome): never
    compared, hashed or copied, and a dataclass costs about 3 M instructions to create at every
    start (benchmarks/README.md, speed20); pickled as any object with `__slots__`."""

    __slots__ = ("candidate", "stamp", "known_digest")

    def __init__(self, candidate: Candidate, stamp: bool = False, known_digest: Optional[str] = None) -> None:
        self.candidate = candidate
        self.stamp = stamp  # stamp the content read, for the result cache
        self.known_digest = known_digest  # content digest of the cached result, if any


class FileOutcome:
    """What checking one file gave, as sent back by a worker process. A plain class, as FileJob."""

    __slots__ = ("result", "stamp")

    def __init__(self, result: Optional[FileResult], stamp: Optional[Stamp] = None) -> None:
        self.result = result  # None: the content matches `known_digest`, the cached result stands
        self.stamp = stamp  # set when the result may be cached


def check_file(candidate: Candidate, plan: CheckPlan) -> FileResult:
    outcome = run_job(FileJob(candidate), plan)
    assert outcome.result is not None
    return outcome.result


def run_job(job: FileJob, plan: CheckPlan) -> FileOutcome:
    display = job.candidate.display
    if job.candidate.problem is not None:
        return FileOutcome(unanalysed(display, plan, job.candidate.problem))
    try:  # not a FIFO (the read would block), nor a file over the limit (not even read)
        status, source = read_regular_file(job.candidate.path, plan.read_limit)
    except FileTooLarge as error:
        return FileOutcome(too_large(display, plan, error.size))
    except NotRegularFile:
        return FileOutcome(unanalysed(display, plan, "not a regular file"))
    except OSError as error:
        return FileOutcome(unanalysed(display, plan, f"cannot read: {error.strerror or error}"))
    # notebooks are not cached: the cache keeps no cell numbers (nhilint.notebooks)
    stamp = _stamp(status, source) if job.stamp and not is_notebook(display) else None
    if stamp is not None and stamp.digest == job.known_digest:
        return FileOutcome(None, stamp)
    try:
        checker = check_notebook if is_notebook(display) else check_source
        return FileOutcome(checker(source, display, plan), stamp)
    except Exception as error:  # a bug of ours costs one file, not the run (SPEC §8); never cached
        return FileOutcome(unanalysed(display, plan, internal_error(error)))


_worker_plan: Optional[CheckPlan] = None


def _start_worker(settings: Settings, export_cache: bool) -> None:
    """Each worker process builds the plan once, from the (picklable) settings."""
    from nhilint.api import make_plan

    global _worker_plan
    _worker_plan = make_plan(settings, export_cache=export_cache)
    settle()  # a worker started afresh; a forked one inherited the parent's frozen objects


def _run_in_worker(job: FileJob) -> FileOutcome:
    assert _worker_plan is not None
    return run_job(job, _worker_plan)


# A worker process costs tens of milliseconds before it is up to speed (fork, copy-on-write,
# warming up); checking fewer files than this per worker is faster in this process.
FILES_PER_WORKER = 8


def _run_jobs(
    jobs: Sequence[FileJob], plan: CheckPlan, settings: Settings, workers: int,
    on_outcome: Callable[[FileOutcome], None],
) -> List[FileOutcome]:
    workers = min(workers, len(jobs) // FILES_PER_WORKER)
    settle()  # the rules are loaded: what exists now lives to the end (nhilint.collector)
    if workers <= 1:  # a few files, or --jobs 1: no pool to pay for
        outcomes = []
        for job in jobs:
            outcomes.append(run_job(job, plan))
            on_outcome(outcomes[-1])
        return outcomes

    def crashed(job: FileJob) -> FileOutcome:
        return FileOutcome(unanalysed(job.candidate.display, plan, "internal error: the worker process died"))

    return map_in_order(_run_in_worker, jobs, workers, _start_worker, (settings, plan.export_cache), crashed,
                        on_outcome, [_size(job.candidate.path) for job in jobs])


def _size(path: Path) -> int:
    """A file's size: how the files are dealt to the worker processes (nhilint.parallel.Lanes)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _source_lines(path: Path, limit: int) -> Tuple[str, ...]:
    """The lines code frames show, read again for a cached result: the cache keeps no source."""
    try:
        data = read_regular_file(path, limit)[1]
        encoding = tokenize.detect_encoding(BytesIO(data).readline)[0]
        return tuple(data.decode(encoding, errors="replace").splitlines())
    except (OSError, SyntaxError, LookupError):
        return ()


def _stamp(status: os.stat_result, source: bytes) -> "Stamp":
    from nhilint.result_cache import stamp_of

    return stamp_of(status, source)


def _from_cache(cached: Cached, path: Path, plan: CheckPlan) -> FileResult:
    if cached.result.parsed and cached.result.findings:
        return replace(cached.result, lines=_source_lines(path, plan.read_limit))
    return cached.result


def _digest(cached: Optional[Cached]) -> Optional[str]:
    return cached.stamp.digest if cached is not None else None


def check_candidates(
    candidates: Sequence[Candidate], plan: CheckPlan, settings: Settings, jobs: int,
    cache: Optional[ResultCache], progress: Optional[Progress] = None,
) -> List[FileResult]:
    """Results in the order of `candidates`; `jobs` processes for the files the cache lacks.

    `progress` is told of each file once: first the cached ones, then the others as they finish.
    """
    done = 0

    def one_more_done(_outcome: object = None) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, len(candidates))

    locations = [os.path.abspath(candidate.path) for candidate in candidates]
    results: List[Optional[FileResult]] = [None] * len(candidates)
    earlier: List[Optional[Cached]] = [None] * len(candidates)
    todo: List[int] = []
    dependencies = None
    if cache is not None:
        from nhilint.project.freshness import DependencyCheck

        dependencies = DependencyCheck(cache, plan)
    for index, candidate in enumerate(candidates):
        cached = cache.lookup(locations[index], candidate.display) if cache is not None else None
        if cached is not None and dependencies is not None and not dependencies.fresh(cached.result.depends):
            cached = None  # a module it used has changed: check it again, even if it has not
        if cached is not None and cached.unchanged_on_disk(locations[index]):
            results[index] = _from_cache(cached, candidate.path, plan)
            one_more_done()
        else:
            earlier[index] = cached
            todo.append(index)
    to_run = [
        FileJob(candidates[index], stamp=cache is not None, known_digest=_digest(earlier[index])) for index in todo
    ]
    for index, outcome in zip(todo, _run_jobs(to_run, plan, settings, jobs, one_more_done)):
        cached = earlier[index]
        if outcome.result is None and cached is not None:  # same content as cached: not checked
            result = _from_cache(cached, candidates[index].path, plan)
        else:
            result = outcome.result or FileResult(candidates[index].display)
        results[index] = result
        if cache is not None and outcome.stamp is not None:
            cache.store(locations[index], outcome.stamp, result)
    if cache is not None:
        cache.save(set(locations))
    return [result or FileResult(candidate.display) for result, candidate in zip(results, candidates)]
