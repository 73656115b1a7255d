"""The result cache is a hint, never a source of truth (issue 17 item 2).

Before: its key was predictable and an entry was trusted when the content digest matched, so a
pull request committing a forged `.nhilint_cache/` (or poisoning one actions/cache restores)
made CI pass with its findings hidden; symlinks at or in `.nhilint_cache` made nhilint write
outside the project; a crafted cache file (deep JSON, a link to /dev/zero, a FIFO) crashed or
hung every later run. Now the cache file is authenticated with a key that never lives in the
checked tree, is read only as a bounded regular file, and anything wrong means checking again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import sys
import threading
import time
from pathlib import Path

import pytest

from nhilint import api, result_cache
from nhilint.ftypes import Settings
from nhilint.result_cache import CACHE_DIR, KEY_VARIABLE, cache_key, read_cache_file

DECODE = 'import jwt\n\ndef user(token, key):\n    return jwt.decode(token, key, algorithms=["RS256"])\n'
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, FIFOs and modes")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "bad.py").write_text(DECODE)
    (root / "plain.py").write_text("x = 1\n")
    return root


def check(root: Path):
    return api.check_paths([str(root)], Settings(root=str(root)), cache=True)


def cache_file(root: Path) -> Path:
    (found,) = (root / CACHE_DIR).glob("results-*.json")
    return found


def hidden_findings_entry(data: dict) -> None:
    """What a forger writes: every entry says its file has no findings."""
    for entry in data["files"].values():
        entry["findings"] = []


# -- the key --------------------------------------------------------------------------------------

@POSIX
def test_the_key_is_created_once_private_in_the_user_cache_dir(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    key = cache_key()
    path = tmp_path / "xdg" / "nhilint" / "key"
    assert key is not None and len(key) >= 32 and path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0
    assert cache_key() == key


def test_the_environment_variable_names_the_key(monkeypatch):
    monkeypatch.setenv(KEY_VARIABLE, "shared by the CI jobs of one repository")
    assert cache_key() == b"shared by the CI jobs of one repository"


@POSIX
def test_a_key_file_others_can_write_is_not_used(tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_key() is not None
    (tmp_path / "xdg" / "nhilint" / "key").chmod(0o666)
    assert cache_key() is None


def test_without_a_key_there_is_no_cache(project, monkeypatch):
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    monkeypatch.setattr(result_cache, "cache_key", lambda: None)
    assert check(project).findings
    assert not (project / CACHE_DIR).exists()


# -- forged and tampered caches -------------------------------------------------------------------

def test_a_cache_written_with_another_key_is_not_trusted(project, monkeypatch):
    """A cache committed to the tree, or restored from elsewhere, by someone without our key."""
    monkeypatch.setenv(KEY_VARIABLE, "the attacker's key")
    cold = check(project)
    data = read_cache_file(cache_file(project), b"the attacker's key")
    hidden_findings_entry(data)
    body = json.dumps(data).encode()
    _write(cache_file(project), b"the attacker's key", body)
    monkeypatch.setenv(KEY_VARIABLE, "our key")
    assert check(project) == cold


def test_a_tampered_cache_is_not_trusted(project):
    cold = check(project)
    path = cache_file(project)
    path.write_bytes(path.read_bytes().replace(b'"NHL101"', b'"NHL999"').replace(b'"findings":[[', b'"findings":[], "x":[['))
    assert check(project) == cold


def test_a_cache_with_a_guessable_mac_is_not_trusted(project):
    """A MAC without the key (a plain hash of the content) is what a forger can compute."""
    cold = check(project)
    path = cache_file(project)
    header, _, body = path.read_bytes().partition(b"\n")
    data = json.loads(body)
    hidden_findings_entry(data)
    forged = json.dumps(data).encode()
    path.write_bytes(result_cache._MAGIC + hashlib.sha256(forged).hexdigest().encode() + b"\n" + forged)
    assert check(project) == cold


@pytest.mark.parametrize("cut", [0, 10, 40, 80, -1])
def test_a_truncated_cache_is_ignored_and_replaced(project, cut):
    cold = check(project)
    path = cache_file(project)
    data = path.read_bytes()
    path.write_bytes(data[:cut] if cut >= 0 else data[:-1])
    assert check(project) == cold
    assert read_cache_file(path, cache_key())["files"]  # written afresh, and trusted again


def test_deeply_nested_and_oversized_caches_are_ignored(project, monkeypatch):
    cold = check(project)
    path = cache_file(project)
    nested = b"[" * 1_000_000 + b"]" * 1_000_000
    _write(path, cache_key(), nested)  # even with the right key: never parsed past a bound
    assert check(project) == cold
    monkeypatch.setattr(result_cache, "MAX_CACHE_BYTES", 1000)
    path.write_bytes(result_cache._MAGIC + b"0" * 64 + b"\n" + b" " * 5000)
    assert check(project) == cold


# -- links and special files ----------------------------------------------------------------------

@POSIX
def test_a_cache_directory_that_is_a_link_is_neither_read_nor_written(project, tmp_path):
    elsewhere = tmp_path / "another-repository"
    elsewhere.mkdir()
    os.symlink(elsewhere, project / CACHE_DIR)
    assert check(project).findings
    assert list(elsewhere.iterdir()) == []


@POSIX
@pytest.mark.parametrize("marker", [".gitignore", "CACHEDIR.TAG"])
def test_markers_that_are_links_are_not_written_through(project, tmp_path, marker):
    elsewhere = tmp_path / "another-repository"
    elsewhere.mkdir()
    (project / CACHE_DIR).mkdir()
    os.symlink(elsewhere / marker, project / CACHE_DIR / marker)  # dangling: writing would create it
    assert check(project).findings
    assert not (elsewhere / marker).exists()


@POSIX
def test_a_results_file_that_is_a_link_is_not_read(project, tmp_path):
    cold = check(project)
    path = cache_file(project)
    real = tmp_path / "valid-elsewhere.json"
    data = read_cache_file(path, cache_key())
    hidden_findings_entry(data)
    _write(real, cache_key(), json.dumps(data).encode())
    path.unlink()
    os.symlink(real, path)
    assert check(project) == cold


@POSIX
def test_a_results_file_linked_to_dev_zero_does_not_hang(project):
    cold = check(project)
    path = cache_file(project)
    path.unlink()
    os.symlink("/dev/zero", path)
    started = time.monotonic()
    assert check(project) == cold
    assert time.monotonic() - started < 10


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_results_file_that_is_a_fifo_does_not_hang(project):
    cold = check(project)
    path = cache_file(project)
    path.unlink()
    os.mkfifo(path)
    unblock = threading.Timer(10, lambda: os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK)))
    unblock.daemon = True
    started = time.monotonic()
    unblock.start()
    try:
        assert check(project) == cold
    finally:
        unblock.cancel()
    assert time.monotonic() - started < 10


def _write(path: Path, key: bytes, body: bytes) -> None:
    """A cache file as nhilint writes one, with `key`."""
    mac = hmac.new(key, result_cache.mac_input(path.name, body), hashlib.sha256).hexdigest()
    path.write_bytes(result_cache._MAGIC + mac.encode() + b"\n" + body)
    assert path.read_bytes() == result_cache.signed(path.name, body, key)
