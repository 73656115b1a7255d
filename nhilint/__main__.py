"""`python -m nhilint`: the `nhilint` command.

For `-m`, Python puts the working directory first on sys.path. In a checkout under review that
would import its `click.py`, `json.py` or `libcst/` in place of the real ones, and run them
(issue 17 item 10). So the working directory leaves sys.path before anything else is imported.
The `nhilint` package itself was found before this runs: a checkout with a folder named
`nhilint/` is imported instead of nhilint, which only the `nhilint` command, `python -P -m
nhilint` or PYTHONSAFEPATH=1 (Python 3.11+) prevent.
"""

import os
import sys


def _drop_working_directory() -> None:
    if getattr(sys.flags, "safe_path", False) or not sys.path:
        return  # `python -P` / PYTHONSAFEPATH: Python added nothing
    first = sys.path[0]
    if os.path.abspath(first or os.curdir) == os.path.abspath(os.getcwd()):
        del sys.path[0]


if __name__ == "__main__":
    _drop_working_directory()
    from nhilint.cli import run

    run()
