"""`python -m nhilint` in a checkout under review imports none of its modules (issue 17 item 10).

Python puts the working directory first on sys.path for `-m`, so a pull request could ship a
`click.py` or `json.py` that nhilint would import and run. nhilint's module entry drops the
working directory before importing anything else. (A folder named `nhilint/` in the checkout is
imported before any of our code runs: the README says to use the `nhilint` command or
`python -P -m nhilint` there.)
"""

from __future__ import annotations

import subprocess
import sys

import pytest

PLANTED = 'import pathlib\npathlib.Path("{marker}").write_text("ran")\nraise SystemExit("planted module ran")\n'
DECODE = 'import jwt\ndef f(t, k):\n    return jwt.decode(t, k, algorithms=["RS256"])\n'


@pytest.mark.parametrize("module", ["click", "json", "pathspec", "tomllib", "hmac", "rich", "libcst"])
def test_python_dash_m_imports_nothing_from_the_working_directory(tmp_path, module):
    marker = tmp_path / "marker"
    (tmp_path / f"{module}.py").write_text(PLANTED.format(marker=marker.as_posix()))
    (tmp_path / "app.py").write_text(DECODE)
    done = subprocess.run([sys.executable, "-m", "nhilint", "check", "--output-format", "full", "."],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert not marker.exists(), done.stderr
    assert done.returncode == 1 and "NHL101" in done.stdout, done.stderr


def test_importing_the_module_entry_changes_nothing():
    """Only running it as `python -m nhilint` touches sys.path."""
    script = "import sys; before = list(sys.path); import nhilint.__main__; print(sys.path == before)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "True", done.stderr
