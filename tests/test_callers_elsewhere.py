"""Callers in other modules of the project (nhilint.flow.callers_elsewhere, issue 14): what
they do decides a helper's finding, a cached run sees a caller edited, and the answer does not
depend on the hash seed or the number of worker processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

from nhilint import api
from nhilint.ftypes import Settings
from tests.helpers import FIXTURES, write_project
from tests.test_project_cache import age

ROOT = Path(__file__).resolve().parents[1]

VERIFY = (
    "import jwt\n\nPUBLIC_KEY = open('public.pem').read()\n\n\n"
    "def verify_signature(token):\n"
    '    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])\n'
)
CHECKING_VIEWS = (
    "from app.verify import verify_signature\n\n\n"
    "def orders(request):\n"
    '    claims = verify_signature(request.headers["Authorization"])\n'
    '    if claims["aud"] != "orders":\n'
    '        raise PermissionError("not for the orders API")\n'
    '    return claims["sub"]\n'
)
NOT_CHECKING_VIEWS = CHECKING_VIEWS.replace('claims["aud"] != "orders"', 'claims["scope"] != "orders"')
UNCHECKED = ("app/verify.py", 7, "NHL101")

Seen = List[Tuple[str, int, str]]


def run(root: Path, cache: bool, jobs: int = 1) -> Seen:
    result = api.check_paths([str(root)], Settings(root=str(root)), cache=cache, jobs=jobs)
    return sorted((f.path, f.start.line, f.code) for f in result.findings)


def same_with_and_without_cache(root: Path) -> Seen:
    cached = run(root, cache=True)
    assert cached == run(root, cache=False)
    return cached


def test_a_caller_elsewhere_that_stops_checking_the_audience_is_seen_by_a_cached_run(tmp_path):
    write_project(tmp_path, {"verify": VERIFY, "views": CHECKING_VIEWS})
    age(*(tmp_path / "app").iterdir())
    assert UNCHECKED not in same_with_and_without_cache(tmp_path)
    views = tmp_path / "app" / "views.py"
    views.write_text(NOT_CHECKING_VIEWS)
    age(views)  # even with an mtime the fast path would trust
    assert UNCHECKED in same_with_and_without_cache(tmp_path)
    views.write_text(CHECKING_VIEWS)
    assert UNCHECKED not in same_with_and_without_cache(tmp_path)


def test_a_caller_module_created_later_is_seen_by_a_cached_run(tmp_path):
    write_project(tmp_path, {"verify": VERIFY})
    age(*(tmp_path / "app").iterdir())
    assert UNCHECKED in same_with_and_without_cache(tmp_path)  # nobody calls it: anyone may
    (tmp_path / "app" / "views.py").write_text(CHECKING_VIEWS)
    assert UNCHECKED not in same_with_and_without_cache(tmp_path)


def test_only_the_helper_file_checked_still_sees_its_callers(monkeypatch):
    """Pre-commit passes the staged files: the helper alone is checked, its callers are read."""
    project = FIXTURES / "projects" / "nhl1_callers_elsewhere_audience"
    monkeypatch.chdir(project)
    result = api.check_paths(["ordersapi/verify.py"], Settings(root=str(project)), cache=False, jobs=1)
    lines = sorted(f.start.line for f in result.findings if f.code == "NHL101")
    assert lines == [16, 21, 26, 31]  # not 11 (verify_signature) nor 43 (Verifier.validate)


def test_a_root_with_more_files_than_the_bound_is_no_one_project(tmp_path, monkeypatch):
    """A one-file check run from a folder of many projects (a home folder, /tmp with its
    virtual environments) stops listing at the bound and asks no caller elsewhere: the finding
    stays, as when too many modules name the function; the same with the cache, and again once
    the project is back under the bound."""
    from nhilint.discovery import discover
    from nhilint.project import reading

    write_project(tmp_path, {"verify": VERIFY, "views": CHECKING_VIEWS})
    for number in range(3):
        (tmp_path / f"other{number}.py").write_text("VALUE = 1\n")
    listed, _ = discover([str(tmp_path)], tmp_path, (), limit=2)
    assert len(listed) == 3  # the walk stopped one past the bound
    monkeypatch.setattr(reading, "MAX_PROJECT_FILES", 4)
    assert UNCHECKED in same_with_and_without_cache(tmp_path)
    for number in range(3):
        (tmp_path / f"other{number}.py").unlink()
    assert UNCHECKED not in same_with_and_without_cache(tmp_path)


def _check(project: Path, seed: str, jobs: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "nhilint", "check", ".", "--no-cache", "--exit-zero",
                           "--output-format", "concise", "--jobs", jobs], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_callers_elsewhere_do_not_depend_on_hash_seed_or_jobs(tmp_path):
    project = tmp_path / "fixtures"
    for name in ("nhl1_callers_elsewhere_client", "nhl1_callers_elsewhere_audience", "nhl1_callers_elsewhere_checks"):
        shutil.copytree(FIXTURES / "projects" / name, project / name, ignore=shutil.ignore_patterns("nhilint.toml"))
    (project / "nhilint.toml").write_text("")
    first = _check(project, "0", "1")
    assert (first.count("NHL101"), first.count("NHL102"), first.count("NHL103")) == (5, 4, 1)
    for seed, jobs in (("4", "1"), ("0", "2"), ("4", "2")):
        assert _check(project, seed, jobs) == first
