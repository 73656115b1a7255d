"""Secrets in printed source lines are redacted: first 4 characters, then an ellipsis."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from nhilint.cli import main
from nhilint.redact import redact_line

GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
RANDOM_KEY = "Zq8#vL2p!Xw9rT4mKj7s"


@pytest.mark.parametrize("secret", [GITHUB, RANDOM_KEY, "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "eyJhbGciOi.eyJzdWIi.sig"])
def test_secret_literals_are_redacted(secret):
    line = f'API_KEY = "{secret}"'
    assert redact_line(line) == f'API_KEY = "{secret[:4]}…"'


@pytest.mark.parametrize(
    "line",
    ['ALGORITHMS = ["RS256"]', 'URL = "https://login.example.com/oauth/token"', 'msg = "token expired, log in again"',
     'AUDIENCE = "orders"'],
)
def test_ordinary_strings_are_kept(line):
    assert redact_line(line) == line


def test_full_output_never_prints_a_neighbouring_secret(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(textwrap.dedent(f"""\
        import jwt
        TOKEN = "{GITHUB}"
        def user(token, key):
            return jwt.decode(token, key, algorithms=["RS256"])
        """))
    result = CliRunner().invoke(main, ["check", "app.py", "--output-format", "full", "--color", "never"])
    assert result.exit_code == 1 and "ghp_…" in result.output
    assert GITHUB not in result.output and GITHUB[4:12] not in result.output
