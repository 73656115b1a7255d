"""The cyclic garbage collector's pace for a run of nhilint.

A check allocates millions of small container objects (libcst nodes, labels, scope facts) and
keeps many of them for the run (the trees and flows the project index keeps). At Python's
default pace (a young collection every 700 allocations, an older one every 10 of those) the
collector ran so often that it took about a sixth of the CPU of a one-process cold run of the
quick benchmark corpus (measured with the collector off). With a young collection every 10,000
allocations the run took as long as with the collector off, within the noise, at the same peak
memory (108 MB); the older generations keep their default ratios, so memory that only the
collector can free (cycles of flows and summaries) is still freed.

Once the rules are loaded, what the process has made so far (the modules of nhilint, libcst and
click, the plan, the list of files) lives until it exits: `settle` moves it out of the
collector's reach (`gc.freeze`), so the older collections no longer walk it. On pyjwt's
`api_jwt.py` checked alone (a pre-commit hook's or an editor's one-file check, at this pace) the
collections took about 9 ms instead of 13 (the middle one no longer came due); a larger run
walks the frozen modules at each older collection it makes. Only a process that checks files
and ends does it (the CLI and its workers): a long-lived one (the language server) frees what it
stops using, and a freeze there would keep it.
"""

from __future__ import annotations

import gc

YOUNG_COLLECTION_EVERY = 10_000  # allocations (Python's default: 700)

_paced = False
_settled = False


def pace_for_a_run() -> None:
    """Collect less often: for a process that checks files (the CLI, its workers)."""
    global _paced
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)
    _paced = True


def settle() -> None:
    """Before the first file of a run: what exists now is kept to the end, out of the
    collector's walks. Once a process, and only in one paced for a run (not the language server,
    not the tests' in-process runs). A worker forked after it inherits the frozen objects."""
    global _settled
    if _paced and not _settled:
        gc.freeze()
        _settled = True
