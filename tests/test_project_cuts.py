"""Issue 14's bounds never make a file's findings depend on its context: a part of another
module's export computed where the depth bound cut it (a chain of helpers deeper than the index
follows, a cycle of modules) is neither kept nor reused, and a part kept in full is not given to
an asker deeper than it needed. Whatever was checked before in the process (the pool's batches,
the server) and whatever the export cache holds, each file gets the findings of a `--no-cache`
check of it alone.

The project (fixtures/projects/nhl4_deep_chain_cycle): app/c.py returns a fetched token, app/b.py,
a.py and e.py pass it up one helper each; x.py logs e's (past the depth followed from x), y.py
b's (within it). app/p.py and app/q.py form a cycle: w.py logs p.direct() (within the depth),
z.py p.relayed() (through q and back into p, past it)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import List, Sequence, Tuple

import pytest
from click.testing import CliRunner

from nhilint import api
from nhilint.cli import main
from nhilint.ftypes import Settings
from nhilint.project import index as project_index
from tests.helpers import FIXTURES
from tests.test_project_cache import age

PROJECT = FIXTURES / "projects" / "nhl4_deep_chain_cycle"
FILES = ("app/x.py", "app/y.py", "app/w.py", "app/z.py", "app/a.py", "app/p.py")
Seen = List[Tuple[str, int, str]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(PROJECT, root)
    age(*(root / "app").iterdir())
    return root


def new_process() -> None:
    """What a new `nhilint` process starts with: no index in memory."""
    project_index._indexes.clear()


def check(root: Path, paths: Sequence[str], cache: bool = False) -> Seen:
    """One run of the api over `paths`, in that order, one process."""
    result = api.check_paths([str(root / p) for p in paths], Settings(root=str(root)), cache=cache, jobs=1)
    return sorted((f.path, f.start.line, f.code) for f in result.findings)


def alone(root: Path, path: str) -> Seen:
    """A `--no-cache` check of `path` alone, in a new process."""
    new_process()
    try:
        return check(root, [path])
    finally:
        new_process()


def test_the_fixture_holds_a_finding_within_the_depth_and_none_past_it(project):
    assert alone(project, "app/y.py") == [("app/y.py", 11, "NHL404")]
    assert alone(project, "app/w.py") == [("app/w.py", 11, "NHL404")]
    assert alone(project, "app/x.py") == []
    assert alone(project, "app/z.py") == []


@pytest.mark.parametrize("first, then", [
    ("app/x.py", "app/y.py"),  # b's part, cut under x, then asked from y
    ("app/y.py", "app/x.py"),  # b's part, in full from y, then asked from x past the depth
    ("app/a.py", "app/x.py"),
    ("app/z.py", "app/w.py"),  # p.direct(), cut through the cycle, then asked from w
    ("app/w.py", "app/z.py"),  # p.direct(), in full from w, then asked through the cycle
    ("app/p.py", "app/z.py"),
])
def test_a_file_checked_after_another_in_one_process_gets_its_own_findings(project, first, then):
    expected = alone(project, then)
    new_process()
    check(project, [first])  # the process keeps what checking `first` left (the server, a worker)
    assert check(project, [then]) == expected


@pytest.mark.parametrize("order", [
    ("app/x.py", "app/y.py", "app/z.py", "app/w.py"),
    ("app/y.py", "app/x.py", "app/w.py", "app/z.py"),
    ("app/a.py", "app/x.py", "app/p.py", "app/z.py", "app/y.py", "app/w.py"),
], ids=["cut-first", "full-first", "importers-first"])
def test_one_run_over_several_files_gives_each_its_own_findings(project, order):
    expected = sorted(f for path in order for f in alone(project, path))
    new_process()
    assert check(project, list(order)) == expected


def test_the_whole_project_gives_each_file_its_own_findings(project):
    expected = sorted(f for path in sorted(p.relative_to(project).as_posix() for p in (project / "app").glob("*.py"))
                      for f in alone(project, path))
    new_process()
    assert check(project, ["."]) == expected


def test_a_warm_export_cache_gives_each_file_its_own_findings(project, tmp_path):
    expected = {path: alone(project, path) for path in FILES}
    cache, warmed = project / ".nhilint_cache", tmp_path / "warmed"
    for warm in FILES:
        new_process()
        shutil.rmtree(cache, ignore_errors=True)
        check(project, [warm], cache=True)  # fills the export cache from `warm`'s context
        shutil.rmtree(warmed, ignore_errors=True)
        shutil.copytree(cache, warmed)
        for path in FILES:
            new_process()
            shutil.rmtree(cache)
            shutil.copytree(warmed, cache)
            assert check(project, [path], cache=True) == expected[path], (warm, path)
    new_process()


def test_the_command_line_in_an_order_that_matters(project, monkeypatch):
    """`check X Y --jobs 1`: x first (b's part cut under it), then y."""
    monkeypatch.chdir(project)
    new_process()
    result = CliRunner().invoke(main, ["check", "app/x.py", "app/y.py", "--jobs", "1", "--no-cache",
                                       "--output-format", "concise"])
    assert "app/y.py:11:5: NHL404" in result.output
    assert "app/x.py" not in result.output
