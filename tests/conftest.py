"""Every test run has its own per-user cache directory (the result cache's key lives there),
and no shared key from the environment: tests never touch the real ~/.cache."""

from __future__ import annotations

import os
import tempfile

_CACHE_HOME = tempfile.mkdtemp(prefix="nhilint-tests-cache-")


def pytest_configure(config) -> None:  # type: ignore[no-untyped-def]
    os.environ["XDG_CACHE_HOME"] = _CACHE_HOME  # subprocesses inherit it too
    os.environ.pop("NHILINT_CACHE_KEY", None)
