"""How wide the output may be: the terminal's width, or `COLUMNS` when set.

`COLUMNS` wins (as for rich, less and git), so a width can be chosen for a pipe or a test;
then the terminal stdout is on; then a fixed default for files and pipes, where no one's
window wraps the lines.
"""

from __future__ import annotations

import os
from typing import Optional, TextIO


def chosen_width() -> Optional[int]:
    """`COLUMNS` when it is set to a width; shells do not export it on their own, so it is
    someone's choice (`COLUMNS=80 nhilint explain NHL101 | less`)."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def output_width(stream: TextIO, default: int) -> int:
    chosen = chosen_width()
    if chosen is not None:
        return chosen
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns or default
    except (AttributeError, OSError, ValueError):  # a stream without a file descriptor
        pass
    return default
