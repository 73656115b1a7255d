"""The result cache: an unchanged file is not parsed again; anything that matters invalidates it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from nhilint import api, result_cache, runner
from nhilint.cli import main
from nhilint.ftypes import Settings
from nhilint.result_cache import CACHE_DIR, cache_key, read_cache_file, signed

DECODE = 'import jwt\n\ndef user(token, key):\n    return jwt.decode(token, key, algorithms=["RS256"])\n'
LEEWAY = 'import jwt\n\ndef user(t, k):\n    return jwt.decode(t, k, algorithms=["HS256"], audience="a", leeway=600)\n'
SECRET = "ghp_" + "Q7z2Lw9Np4Rk1Vy8Xj3Dh6Gs0Fb5Mc2Ae7Uo9"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "bad.py").write_text(DECODE)
    (tmp_path / "leeway.py").write_text(LEEWAY)
    (tmp_path / "plain.py").write_text("x = 1\n")
    (tmp_path / "broken.py").write_text("import jwt\ndef broken(:\n")
    return tmp_path


def check(root: Path, **settings):
    return api.check_paths([str(root)], Settings(root=str(root), **settings), cache=True)


def age(*paths: Path) -> None:
    """Old enough for the size+mtime fast path (recent mtimes are confirmed by content)."""
    past = time.time() - 3600
    for path in paths:
        os.utime(path, (past, past))


@pytest.fixture
def no_parsing(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("parsed a file the cache should have answered for")

    return lambda: monkeypatch.setattr(runner, "check_source", fail)


@pytest.fixture
def no_reading(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("read a file whose size and mtime are unchanged")

    return lambda: monkeypatch.setattr(runner, "run_job", fail)


def parsed_paths(monkeypatch):
    seen = []
    real = runner.check_source

    def spy(source, path, plan):
        seen.append(path)
        return real(source, path, plan)

    monkeypatch.setattr(runner, "check_source", spy)
    return seen


def test_warm_run_returns_identical_results_without_parsing(project, no_parsing):
    cold = check(project)
    assert {f.code for f in cold.findings} == {"NHL101", "NHL103", "NHL900"}
    no_parsing()
    warm = check(project)
    assert warm == cold  # source lines for code frames included, read again


def test_unchanged_size_and_mtime_do_not_even_read(project, no_reading):
    age(*project.iterdir())
    cold = check(project)
    no_reading()
    assert check(project) == cold


def test_new_mtime_same_content_still_hits(project, no_parsing):
    age(*project.iterdir())
    cold = check(project)
    os.utime(project / "bad.py")  # a fresh checkout: new mtimes, same bytes
    no_parsing()
    assert check(project) == cold


def test_changed_content_is_checked_again(project, monkeypatch):
    check(project)
    (project / "bad.py").write_text(DECODE.replace('algorithms=["RS256"]', 'algorithms=["RS256"], audience="a"'))
    seen = parsed_paths(monkeypatch)
    result = check(project)
    assert seen == ["bad.py"]
    assert "bad.py" not in {f.path for f in result.findings}


def test_other_settings_do_not_share_results(project, monkeypatch):
    check(project)
    seen = parsed_paths(monkeypatch)
    relaxed = check(project, rule_options={"NHL103": {"max-leeway-seconds": 900.0}})
    assert "leeway.py" in seen and "NHL103" not in {f.code for f in relaxed.findings}
    seen.clear()
    check(project, select=("NHL101",))
    assert "bad.py" in seen
    seen.clear()
    check(project)  # the first configuration's results are still there
    assert seen == []


def test_per_file_ignores_apply_to_cached_results(project, no_parsing):
    check(project)
    no_parsing()
    result = check(project, per_file_ignores=(("bad.py", ("NHL101",)),))
    assert "bad.py" not in {f.path for f in result.findings}


@pytest.mark.parametrize("garbage", [b"\x00\xffnot json", b"[]", b'{"format": 1, "files": []}',
                                     b'{"format": 1, "files": {"x": 1}}'])
def test_a_corrupt_cache_is_ignored_and_replaced(project, garbage):
    cold = check(project)
    (cache_file,) = (project / CACHE_DIR).glob("results-*.json")
    cache_file.write_bytes(garbage)
    assert check(project) == cold
    assert read_cache_file(cache_file, cache_key())["format"] == result_cache._FORMAT


@pytest.mark.parametrize("row", [["NHL101", "too short"], ["NHL101", 7, 1, 1, 1, 1, "high", "f", 1],
                                 ["NHL777", "unknown code", 1, 1, 1, 1, "high", "f", 1]])
def test_a_corrupt_entry_is_checked_again(project, monkeypatch, row):
    cold = check(project)
    (cache_file,) = (project / CACHE_DIR).glob("results-*.json")
    data = read_cache_file(cache_file, cache_key())
    for entry in data["files"].values():
        entry["findings"] = [row]
    # what an older or buggy nhilint could have written, with our own key
    cache_file.write_bytes(signed(cache_file.name, json.dumps(data).encode(), cache_key()))
    seen = parsed_paths(monkeypatch)
    assert check(project) == cold
    assert sorted(seen) == ["bad.py", "broken.py", "leeway.py", "plain.py"]


def test_an_unwritable_cache_is_skipped(project):
    (project / CACHE_DIR).write_text("a file where the cache directory should be")
    assert check(project).findings
    assert (project / CACHE_DIR).is_file()


def test_cache_directory_is_tagged_and_ignored_by_git(project):
    check(project)
    cache = project / CACHE_DIR
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"


def test_the_cache_holds_no_source_text(tmp_path):
    (tmp_path / "leak.py").write_text(DECODE + f'\nGITHUB = "{SECRET}"\nuser(GITHUB, "{SECRET}")\n')
    result = check(tmp_path)
    assert result.findings and any(SECRET in line for file in result.files for line in file.lines)
    for path in (tmp_path / CACHE_DIR).rglob("*"):
        data = path.read_bytes()
        assert SECRET.encode() not in data and b"ghp_" not in data and b"jwt.decode(token" not in data


def test_files_gone_from_disk_leave_the_cache(project):
    check(project)
    (project / "plain.py").unlink()
    check(project)
    (cache_file,) = (project / CACHE_DIR).glob("results-*.json")
    assert not any(path.endswith("plain.py") for path in read_cache_file(cache_file, cache_key())["files"])


def test_api_default_and_no_cache_write_nothing(project, monkeypatch):
    api.check_paths([str(project)], Settings(root=str(project)))
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", ".", "--no-cache"])
    assert result.exit_code == 1
    assert not (project / CACHE_DIR).exists()
    stdin = CliRunner().invoke(main, ["check", "--stdin-filename", "x.py", "-"], input=DECODE)
    assert stdin.exit_code == 1
    # a buffer's result is never kept; the exports of other modules its check read may be (here
    # bad.py's, read for callers of the buffer's `user`), as for a buffer importing the project
    assert not list((project / CACHE_DIR).glob("results-*"))


def test_cli_warm_run_prints_the_same_report(project, monkeypatch):
    monkeypatch.chdir(project)
    args = ["check", ".", "--output-format", "full", "--color", "never"]
    cold = CliRunner().invoke(main, args)
    assert (project / CACHE_DIR).is_dir()
    warm = CliRunner().invoke(main, args)
    assert warm.output == cold.output and "> " in warm.output  # code frames from re-read lines


def test_an_edited_source_file_of_nhilint_changes_the_code_digest(tmp_path, monkeypatch):
    """The cache key follows nhilint's source files (by path, size and modification time):
    an edit in a development install, where the version does not move, invalidates results."""
    import nhilint
    import nhilint.rules
    from nhilint import result_cache

    package = tmp_path / "nhilint"
    rules = package / "rules"
    rules.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    rule = rules / "some_rule.py"
    rule.write_text("CODE = 'NHL999'\n")
    os.utime(rule, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    monkeypatch.setattr(nhilint, "__file__", str(package / "__init__.py"))
    monkeypatch.setattr(nhilint.rules, "__path__", [str(rules)])
    result_cache.code_digest.cache_clear()
    try:
        before = result_cache.code_digest()
        result_cache.code_digest.cache_clear()
        assert result_cache.code_digest() == before  # nothing changed
        rule.write_text("CODE = 'NHL998'\n")  # same size, a new modification time
        result_cache.code_digest.cache_clear()
        assert result_cache.code_digest() != before
    finally:
        result_cache.code_digest.cache_clear()
