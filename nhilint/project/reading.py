"""How the project reads its own files: regular files only, within the size limit, and their
content digests. Its own module so that a warm run, which only checks that what its cached
results depend on is unchanged (nhilint.project.freshness), does not import the index and
its exports (their dataclasses cost a warm run about a sixth of its time)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional, Sized, Tuple

from nhilint.files import content_digest, read_regular_file


# How many Python files the whole-project questions read at most. A root holding more (a run
# from a home folder, or from /tmp with its virtual environments: 136,000 files, a minute
# and 360 MB to list and read for a one-file check) is no one project: those questions then
# answer "cannot tell" (nhilint.project.index.ProjectIndex.mentioning), and the modules
# a file imports are still found through the index.
MAX_PROJECT_FILES = 20_000
# the stamp of a listing over the bound: its answers ("cannot tell") hold whatever the files hold
OVER_THE_BOUND = "over-the-bound"


def too_many(files: Sized) -> bool:
    """Whether a listing of the project's files (nhilint.engine.project_files) stopped at the bound."""
    return len(files) > MAX_PROJECT_FILES


def project_stamp(digests: Iterable[Tuple[str, str]]) -> str:
    """One digest for the project's files: their paths and content digests."""
    # a file name that is not UTF-8 (`surrogateescape` from the file system) is a name like any other
    return content_digest("\n".join(f"{path}\0{digest}" for path, digest in sorted(digests)).encode("utf-8", "surrogateescape"))


def file_digest(path: str, max_bytes: int) -> Optional[str]:
    """The content digest of a project file as the index reads it; None if it cannot be read."""
    data = read_project_file(Path(path), max_bytes)
    return content_digest(data) if data is not None else None


def read_project_file(path: Path, max_bytes: int) -> Optional[bytes]:
    read = read_with_status(path, max_bytes)
    return read[1] if read is not None else None


def read_with_status(path: Path, max_bytes: int) -> Optional[Tuple[os.stat_result, bytes]]:
    """A project file's status and bytes: a regular file, not through a link, not over the size
    limit; None otherwise."""
    try:
        return read_regular_file(path, max_bytes, follow_symlinks=False)
    except OSError:
        return None
