"""The cyclic garbage collector's pace for a run of nhilint.

A check allocates millions of small container objects (libcst nodes, labels, scope facts) and
keeps many of them for the run (the trees and flows the project index keeps). At Python's
default pace (a young collection every 700 allocations, an older one every 10 of those) the
collector ran so often that it took about a sixth of the CPU of a one-process cold run of the
quick benchmark corpus (measured with the collector off). With a young collection every 10,000
allocations the run took as long as with the collector off, within the noise, at the same peak
memory (108 MB); the older generations keep their default ratios, so memory that only the
collector can free (cycles of flows and summaries) is still freed.
"""

from __future__ import annotations

import gc

YOUNG_COLLECTION_EVERY = 10_000  # allocations (Python's default: 700)


def pace_for_a_run() -> None:
    """Collect less often: for a process that checks files (the CLI, its workers)."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)
