"""The progress bar of a long run on a terminal: rich, on stderr, never on stdout (SPEC §2).

Shown only when stderr is a terminal, not under pre-commit (`PRE_COMMIT=1`), not with `-q` or
`--no-progress`, never for stdin, and only once a run has lasted `DELAY_SECONDS` with files left.
`NHILINT_PROGRESS=1` forces the bar (at once, on any stream: for tests and terminals that are
not detected); `NHILINT_PROGRESS=0` turns it off like `--no-progress`.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import Any, Iterator, Optional, TextIO

# Time, not a file count, decides: 2,000 files found in the result cache take well under a
# second and need no bar, while 50 large uncached modules can take several. A run that ends
# before this (a pre-commit hook's staged files, a warm cache, one file from an editor) never
# pays for importing rich and never flickers a bar.
DELAY_SECONDS = 1.0
FORCE_VARIABLE = "NHILINT_PROGRESS"


class ProgressBar:
    """Call it as `(files done, files in the run)` after each file; it draws once the run is long."""

    def __init__(self, stream: TextIO, delay: float, forced: bool = False, color: bool = True) -> None:
        self._stream, self._delay, self._forced, self._color = stream, delay, forced, color
        self._started = time.monotonic()
        self._bar: Any = None  # a rich Progress, once shown
        self._task: Any = None

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if done >= total or time.monotonic() - self._started < self._delay:
                return
            self._open(total)
        self._bar.update(self._task, completed=done)

    def _open(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=self._stream, force_terminal=True if self._forced else None, no_color=not self._color)
        self._bar = Progress(
            TextColumn("nhilint: checking"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
            TimeElapsedColumn(),
            console=console,
            transient=True,  # gone before the report is printed
            redirect_stdout=False,  # the report must never pass through the bar's console
        )
        self._task = self._bar.add_task("check", total=total)
        self._bar.start()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


@contextmanager
def file_progress(
    disabled: bool, color: str = "auto", stream: Optional[TextIO] = None
) -> Iterator[Optional[ProgressBar]]:
    """A `ProgressBar` for `api.check_paths(progress=...)`, or None where no bar belongs."""
    stream = stream if stream is not None else sys.stderr
    setting = os.environ.get(FORCE_VARIABLE, "")
    forced = setting == "1"
    if disabled or setting == "0":
        yield None
        return
    if not forced and (
        os.environ.get("PRE_COMMIT") == "1" or os.environ.get("TERM") == "dumb" or not _is_terminal(stream)
    ):
        yield None
        return
    use_color = color != "never" and not os.environ.get("NO_COLOR")
    bar = ProgressBar(stream, 0.0 if forced else DELAY_SECONDS, forced, use_color)
    try:
        yield bar
    finally:
        bar.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
