"""Which files a run checks: .gitignore, exclude / extend-exclude, explicit files, --force-exclude."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from nhilint.discovery import DEFAULT_EXCLUDE, discover, is_excluded


def make(root: Path, *paths: str) -> None:
    for path in paths:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x = 1\n")


def found(root: Path, paths=(".",), exclude=DEFAULT_EXCLUDE, **kwargs):
    old = os.getcwd()
    os.chdir(root)
    try:
        candidates, missing = discover(list(paths), root, exclude, **kwargs)
    finally:
        os.chdir(old)
    return [c.display for c in candidates], missing


def test_walks_python_files_in_sorted_order(tmp_path):
    make(tmp_path, "b.py", "a/z.py", "a/y.pyi", "notes.txt", "a/b/c.py")
    assert found(tmp_path)[0] == ["a/b/c.py", "a/y.pyi", "a/z.py", "b.py"]


def test_default_excludes(tmp_path):
    make(tmp_path, ".venv/lib/x.py", "node_modules/y.py", "build/z.py", "src/ok.py")
    assert found(tmp_path)[0] == ["src/ok.py"]


def test_gitignore_at_root_and_nested(tmp_path):
    make(tmp_path, "gen/a.py", "src/keep.py", "src/secret_stub.py", "src/sub/tmp_x.py")
    (tmp_path / ".gitignore").write_text("gen/\n")
    (tmp_path / "src" / ".gitignore").write_text("secret_*.py\nsub/tmp_*\n")
    assert found(tmp_path)[0] == ["src/keep.py"]
    everything = found(tmp_path, respect_gitignore=False)[0]
    assert "gen/a.py" in everything and "src/secret_stub.py" in everything


def test_exclude_and_extend_exclude_patterns(tmp_path):
    make(tmp_path, "migrations/0001.py", "app/tests/test_a.py", "app/models.py")
    files = found(tmp_path, exclude=(*DEFAULT_EXCLUDE, "migrations", "tests/"))[0]
    assert files == ["app/models.py"]


def test_plain_names_match_at_any_depth_as_gitignore_says(tmp_path):
    """Plain names are matched as a set of path parts (no pathspec): a file or a folder of that
    name, at any depth; a name that only contains one (`rebuild`) is kept; a pattern with a
    wildcard or a slash beside them still goes through gitignore matching."""
    make(tmp_path, "src/build/a.py", "src/rebuild/b.py", "src/gen_x.py", "settings_local.py", "src/ok.py")
    files = found(tmp_path, exclude=("build", "settings_local.py", "src/gen_*.py"))[0]
    assert files == ["src/ok.py", "src/rebuild/b.py"]
    assert found(tmp_path, ["src/build/a.py"], ("build",), force_exclude=True)[0] == []


def test_explicit_file_is_checked_even_when_excluded_unless_forced(tmp_path):
    make(tmp_path, "migrations/0001.py")
    exclude = (*DEFAULT_EXCLUDE, "migrations")
    assert found(tmp_path, ["migrations/0001.py"], exclude)[0] == ["migrations/0001.py"]
    assert found(tmp_path, ["migrations/0001.py"], exclude, force_exclude=True)[0] == []


def test_explicit_file_of_any_suffix(tmp_path):
    make(tmp_path, "script")
    assert found(tmp_path, ["script"])[0] == ["script"]


def test_missing_path_is_reported(tmp_path):
    assert found(tmp_path, ["nope.py"]) == ([], [("nope.py", "no such file or directory")])


def test_symlink_loop_is_not_followed(tmp_path):
    make(tmp_path, "pkg/a.py")
    os.symlink(tmp_path / "pkg", tmp_path / "pkg" / "loop")
    assert found(tmp_path)[0] == ["pkg/a.py"]


def test_directory_named_like_a_python_file_is_walked_not_read(tmp_path):
    make(tmp_path, "weird.py/inner.py")
    assert found(tmp_path)[0] == ["weird.py/inner.py"]


@pytest.mark.parametrize("path, excluded", [("migrations/x.py", True), ("app/x.py", False)])
def test_is_excluded_for_a_buffer_that_need_not_exist(tmp_path, monkeypatch, path, excluded):
    monkeypatch.chdir(tmp_path)  # an editor's relative path is relative to the working directory
    assert is_excluded(path, tmp_path, ("migrations",)) is excluded
