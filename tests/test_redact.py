"""Secrets in printed source lines are redacted: first 4 characters, then an ellipsis."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from nhilint.cli import main
from nhilint.redact import redact_line, secret_value

GITHUB = "ghp_" + "q7Z2lW9nP4rK1vY8xJ3dH6gS0fB5mC2aE7uO9"
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


def test_a_url_is_judged_by_its_parts_not_as_one_word():
    """A versioned API URL is no secret (other modules may read it: its host decides NHL403's
    confidence); a random query value, a password, or a random path segment still is."""
    assert not secret_value("GRAPH_API_URL", "https://graph.facebook.com/v19.0")
    assert not secret_value("TOKEN_URL", "https://login.microsoftonline.com/common/oauth2/v2.0/token")
    assert secret_value("URL", "https://api.example.com/me?access_token=" + RANDOM_KEY.replace("#", "x").replace("!", "y") * 2)
    assert secret_value("URL", "https://user:pa55word@db.example.com/x")
    assert secret_value("URL", "https://api.example.com/v1?api_key=hunter2x")
    assert redact_line('URL = "https://api.example.com/v1?api_key=hunter2x"') != 'URL = "https://api.example.com/v1?api_key=hunter2x"'
    assert secret_value("HOOK", "https://hooks.example.com/services/T0A1B2C3D/B0A1B2C3D/Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1")
    assert redact_line('HOOK = "https://hooks.example.com/services/T0A1B2C3D/B0A1B2C3D/Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1"') != \
        'HOOK = "https://hooks.example.com/services/T0A1B2C3D/B0A1B2C3D/Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1"'


def test_a_path_is_judged_by_its_segments():
    """An API path kept under a name that mentions a token (pybit's `STAKE_TOKEN_ORDER =
    "/v5/..."`, study 19) is no secret, so other modules may read it; a random segment or a
    credential in its query still is."""
    assert not secret_value("STAKE_TOKEN_ORDER", "/v2/vault/token/stake")
    assert not secret_value("CHANGE_SUB_API_KEY", "/v2/member/rotate-sub-api")
    assert secret_value("HOOK_PATH", "/services/T0A1B2C3D/Zx8Yw7Vu6Ts5Rq4Po3Nm2Lk1")
    assert secret_value("PATH", "/v1/me?api_key=hunter2x")


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
