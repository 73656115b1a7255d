"""Reading a file the checked tree supplies, without blocking, looping or reading without end.

A path under review may name a FIFO (a read blocks until someone writes), a link to /dev/zero
(a read never ends), a device, or a file of gigabytes. Every file nhilint reads (sources, config,
.gitignore, baseline, cache) goes through `read_regular_file`: opened without blocking, checked
to be a regular file on the open descriptor (no window between a check and the read), and read
up to a limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Tuple, Union

try:
    # hashlib's own BLAKE2 (hashlib.blake2b is this class) without importing hashlib, which loads
    # OpenSSL first: ~11 M instructions at every start, for a digest that never needs it
    from _blake2 import blake2b as _blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b as _blake2b


class NotRegularFile(OSError):
    """The path names a directory, FIFO, socket or device."""

    def __init__(self, path: Union[str, Path]) -> None:
        super().__init__(errno.EINVAL, "not a regular file", str(path))


class FileTooLarge(OSError):
    """The file is over the size it may have; `size` is what it has."""

    def __init__(self, path: Union[str, Path], size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"too large ({size:,} bytes; the limit is {limit:,})", str(path))
        self.size, self.limit = size, limit


def read_regular_file(
    path: Union[str, Path], limit: int, follow_symlinks: bool = True
) -> Tuple[os.stat_result, bytes]:
    """(its status, its bytes) if it is a regular file of at most `limit` bytes; else OSError
    (NotRegularFile, FileTooLarge among them). `follow_symlinks=False` refuses a symbolic link
    itself (ELOOP), where the platform can.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFile(path)
        if status.st_size > limit:
            raise FileTooLarge(path, status.st_size, limit)
        chunks = []
        remaining = limit + 1  # one byte more than allowed: a file that grew since fstat is seen
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise FileTooLarge(path, len(data), limit)
        return status, data
    finally:
        os.close(descriptor)


def content_digest(data: bytes) -> str:
    """The digest that identifies a file's content, in the result cache and the project index."""
    return _blake2b(data, digest_size=16).hexdigest()
