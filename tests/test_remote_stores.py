"""What another module of the project keeps or sets: a verdict kept through a helper
(nhilint.project.exports.StoreExport), a batch of tokens saved by a token-file helper, a
lifetime read off a settings getter. The finding follows the other module when it changes,
with the cache as without."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from nhilint.cli import main
from tests.helpers import FIXTURES

PROJECT = FIXTURES / "projects" / "nhl2_verdict_store_helper"


def _codes(project: Path, *extra: str, checked: str = "svc/auth.py") -> list:
    result = CliRunner().invoke(main, ["check", str(project / checked), "--output-format", "concise", *extra])
    return sorted(line.split(": ")[1].split()[0] + "@" + line.split(":")[1]
                  for line in result.output.splitlines() if ": NHL" in line)


def test_a_helper_that_now_keeps_the_verdict_briefly_is_no_longer_reported(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    monkeypatch.chdir(project)
    assert _codes(project) == ["NHL203@29", "NHL204@14"]  # warms the cache
    helpers = project / "svc" / "cache_helpers.py"
    helpers.write_text(helpers.read_text().replace("client_id, ttl=3600)", "client_id, ttl=45)"))
    assert _codes(project) == ["NHL203@29"]
    assert _codes(project, "--no-cache") == ["NHL203@29"]


def test_a_helper_that_no_longer_keeps_its_argument_is_no_longer_reported(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(PROJECT, project)
    monkeypatch.chdir(project)
    assert _codes(project) == ["NHL203@29", "NHL204@14"]
    helpers = project / "svc" / "cache_helpers.py"
    helpers.write_text(helpers.read_text().replace('r.set(f"auth:forever:{token}", client_id)', "pass"))
    assert _codes(project) == ["NHL204@14"]
    assert _codes(project, "--no-cache") == ["NHL204@14"]


BATCH = FIXTURES / "projects" / "nhl2_token_file_batch"


def _signin_codes(project: Path, *extra: str) -> list:
    return _codes(project, *extra, checked="app/signin.py")


def test_a_batch_helper_that_now_keeps_each_expiry_is_no_longer_reported(tmp_path, monkeypatch):
    """The helper saves each entry of its batch with the entry's expiry: the calls that hand it
    tokens are no longer reported, with the export cache as without it."""
    project = tmp_path / "project"
    shutil.copytree(BATCH, project)
    monkeypatch.chdir(project)
    before = ["NHL201@22", "NHL201@39", "NHL202@22", "NHL202@32", "NHL202@39", "NHL202@46"]
    assert _signin_codes(project) == before  # warms the cache
    helpers = project / "app" / "token_file.py"
    helpers.write_text(helpers.read_text().replace(
        "stored[entry.key] = entry.value",
        'stored[entry.key] = {"value": entry.value, "expires_at": time.time() + 300}'))
    after = ["NHL201@39", "NHL202@39", "NHL202@46"]
    assert _signin_codes(project) == after
    assert _signin_codes(project, "--no-cache") == after


def test_a_batch_helper_that_no_longer_saves_its_dict_is_no_longer_reported(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(BATCH, project)
    monkeypatch.chdir(project)
    assert "NHL202@46" in _signin_codes(project)
    helpers = project / "app" / "token_file.py"
    helpers.write_text(helpers.read_text().replace("pickle.dump(stored, handle)", "pickle.dump({}, handle)"))
    assert "NHL202@46" not in _signin_codes(project)
    assert "NHL202@46" not in _signin_codes(project, "--no-cache")


LIFETIMES = FIXTURES / "projects" / "nhl4_lifetimes"


def test_a_settings_getter_whose_default_shrinks_is_no_longer_reported(tmp_path, monkeypatch):
    """`settings = get_session_settings()` (annotated to return the settings class): the
    lifetime is the class default; editing it changes the finding, with the cache as without."""
    project = tmp_path / "project"
    shutil.copytree(LIFETIMES, project)
    monkeypatch.chdir(project)
    assert _codes(project, checked="app/sessions.py") == ["NHL402@16"]
    config = project / "app" / "core" / "config.py"
    config.write_text(config.read_text().replace("session_hours: int = 48", "session_hours: int = 1"))
    assert _codes(project, checked="app/sessions.py") == []
    assert _codes(project, "--no-cache", checked="app/sessions.py") == []
