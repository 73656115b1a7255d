"""A finding's second places (issue 14): in the message's formats, the result cache and SARIF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from nhilint.cli import main

AUTH = "import jwt\n\n\ndef verify(token):\n    return jwt.decode(token, 'k', algorithms=['HS256'], audience='a')\n"
VIEWS = ("import functools\n\nfrom app.auth import verify\n\n\n@functools.lru_cache(maxsize=64)\n"
         "def current_user(token):\n    return verify(token)\n")
AUDIT = ("import logging\n\nlog = logging.getLogger(__name__)\n\n\n"
         "def audit(value):\n    log.info('sent %s', value)\n")
CLIENT = ("import requests\n\nfrom app.audit import audit\n\n\n"
          "def call(url, access_token):\n    audit(access_token)\n"
          "    return requests.get(url, headers={'Authorization': f'Bearer {access_token}'})\n")
SHARED = ("import os\n\nimport requests\n\nTOKEN = os.environ['API_TOKEN']\n\n\n"
          "def billing():\n    return requests.get('https://billing.example.com/v1', headers={'Authorization': TOKEN})\n\n\n"
          "def mail():\n    return requests.get('https://mail.example.org/v1', headers={'Authorization': TOKEN})\n")

CONFIG = "class Settings:\n    session_minutes: int = 60 * 24\n\n\nsettings = Settings()\n"
TOKENS = ("import time\n\nimport jwt\n\nfrom app.config import settings\n\n\n"
          "def mint(user, key):\n    exp = int(time.time()) + settings.session_minutes * 60\n"
          "    return jwt.encode({'sub': user, 'exp': exp}, key, algorithm='HS256')\n")


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "nhilint.toml").write_text("")
    app = tmp_path / "app"
    app.mkdir()
    for name, text in (("__init__", ""), ("auth", AUTH), ("views", VIEWS), ("audit", AUDIT), ("client", CLIENT),
                       ("shared", SHARED), ("config", CONFIG), ("tokens", TOKENS)):
        (app / f"{name}.py").write_text(text)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> str:
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False).stdout


def related_by_code(*args: str):
    return {(f["path"], f["code"]): f["related"] for f in json.loads(run("--output-format", "json", *args))}


def test_the_places_in_json(project):
    found = related_by_code("--no-cache")
    assert found[("app/views.py", "NHL203")] == [
        {"path": "app/auth.py", "line": 5, "message": "verify() verifies the token here"}]
    assert found[("app/client.py", "NHL404")] == [
        {"path": "app/audit.py", "line": 7, "message": "audit() writes its parameter `value` to the log here"}]
    assert found[("app/shared.py", "NHL302")] == [
        {"path": "app/shared.py", "line": 9, "message": "env var `API_TOKEN` is first given to `billing.example.com` here"}]
    # a lifetime written in another module: reported at the mint, naming where it is written
    assert found[("app/tokens.py", "NHL402")] == [
        {"path": "app/config.py", "line": 2, "message": "the lifetime is written here: Settings.session_minutes"}]


def test_a_cached_finding_keeps_its_places(project):
    cold = related_by_code()
    assert cold == related_by_code() == related_by_code("--no-cache")


def test_sarif_related_locations(project):
    log = json.loads(run("--output-format", "sarif", "--no-cache"))
    [result] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "NHL203"]
    [place] = result["relatedLocations"]
    assert place["physicalLocation"]["artifactLocation"]["uri"] == "app/auth.py"
    assert place["physicalLocation"]["region"] == {"startLine": 5}
    assert place["message"]["text"] == "verify() verifies the token here"
    assert place["id"] == 1
    # a finding with no second place has no relatedLocations at all
    assert all("relatedLocations" not in r for r in log["runs"][0]["results"] if r["ruleId"] == "NHL101")


def test_full_output_notes_them(project):
    text = run("--output-format", "full", "--no-cache", "--color", "never")
    assert "    note: app/auth.py:5: verify() verifies the token here" in text.splitlines()
