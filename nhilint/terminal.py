"""How wide the output may be: the terminal's width, or `COLUMNS` when set.

`COLUMNS` wins (as for rich, less and git), so a width can be chosen for a pipe or a test;
then the terminal stdout is on; then a fixed default for files and pipes, where no one's
window wraps the lines.
"""

from __future__ import annotations

import os
from typing import TextIO


def output_width(stream: TextIO, default: int) -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns or default
    except (AttributeError, OSError, ValueError):  # a stream without a file descriptor
        pass
    return default
