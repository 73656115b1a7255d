"""NHL301 beyond the fixture: test files, the option, and secrets never shown in any output."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner

from nhilint.cli import main
from nhilint.reporters import PUBLIC_FORMATS
from nhilint.secret_formats import is_reference, is_setting_value, known_format, secret_value
from tests.helpers import codes, findings

GITHUB = "ghp_" + "Zk3mQ9xL2vB7nR4tW8yC1pD6fH0jS5aE3uGq"
GENERIC = "w3Hn8QzT1rVb6KmX2pLd"
BEARER = "Xk9mQ2vLp7rT4wZs8Nd3"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdmMifQ.c2lnbmF0dXJlMTIz"
SECRETS = (GITHUB, GENERIC, BEARER, JWT)

PLANTED = textwrap.dedent(f"""\
    import logging
    import requests

    API_TOKEN = "{GENERIC}"
    GH = "{GITHUB}"
    SERVICE_JWT = "{JWT}"

    def call(url):
        logging.info("token {GITHUB}")
        return requests.get(url, headers={{"Authorization": "Bearer {BEARER}"}}, params={{"token": API_TOKEN}})
    """)


@pytest.mark.parametrize("fmt", PUBLIC_FORMATS)
def test_no_output_format_shows_a_planted_secret(tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(PLANTED)
    args = ["check", "app.py", "--output-format", fmt, "--color", "never"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 1
    assert "NHL301" in result.output
    for secret in SECRETS:
        assert secret not in result.output
        assert secret[8:] not in result.output  # not even most of it


def test_quiet_output_and_output_file_show_no_secret(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(PLANTED)
    result = CliRunner().invoke(main, ["check", "app.py", "-q", "-o", "out.txt"], catch_exceptions=False)
    written = (tmp_path / "out.txt").read_text() + result.output
    assert "NHL301" in written
    assert not any(secret[8:] in written for secret in SECRETS)


def test_message_names_the_variable_or_format():
    found = findings(PLANTED, select=["NHL301"])
    messages = sorted(f.message for f in found)
    assert any("`API_TOKEN`" in m for m in messages)
    assert any("GitHub token" in m for m in messages)
    assert any("JWT" in m for m in messages)
    assert any("`Authorization`" in m for m in messages)


def test_shape_only_literals_in_test_files_are_test_data():
    source = f'API_TOKEN = "{GENERIC}"\nGH = "{GITHUB}"\n'
    assert codes(source, select=["NHL301"])["NHL301"] == 2
    in_tests = findings(source, select=["NHL301"], path="tests/test_client.py")
    assert [f.start.line for f in in_tests] == [2]  # the GitHub format is still reported
    assert len(findings(source, select=["NHL301"], path="pkg/client_test.py")) == 1
    assert len(findings(source, select=["NHL301"], path="conftest.py")) == 1


def test_jwts_in_test_files_are_test_vectors():
    jwt_literal = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
    source = f'TOKEN = "{jwt_literal}"\nheaders = {{"Authorization": "Bearer {jwt_literal}"}}\nGH = "{GITHUB}"\n'
    assert codes(source, select=["NHL301"])["NHL301"] == 3
    for path in ("tests/test_auth.py", "app/tests.py", "conftest.py"):
        assert [f.start.line for f in findings(source, select=["NHL301"], path=path)] == [3], path
    options = {"NHL301": {"check-test-data": True}}
    assert len(findings(source, select=["NHL301"], path="tests/test_auth.py", rule_options=options)) == 3


SHORT_LIVED = "ghs_" + "1llwuELtXN5HDOB99XhpcTXdJxbOuF0ZlSmj"


def test_short_lived_tokens_and_key_ids_in_test_files_are_test_data():
    """Recorded replay data (PyGithub's `ghs_` installation tokens, one hour) and AWS key ids
    (an id signs nothing; hvac's fake `AKIA…`, a presigned URL's `X-Amz-Credential`)."""
    source = (
        f'INSTALLATION = "{SHORT_LIVED}"\n'
        'KEY_ID = "AKIAZ7Q3K9M2P4R8T6W1"\n'
        'URL = "https://s3.amazonaws.com/x?X-Amz-Credential=AKIAISTNZFOVBIJMK3TQ%2F20180913"\n'
        f'GH = "{GITHUB}"\n'
    )
    assert [f.start.line for f in findings(source, select=["NHL301"])] == [1, 2, 3, 4]
    assert [f.start.line for f in findings(source, select=["NHL301"], path="tests/GithubIntegration.py")] == [4]
    options = {"NHL301": {"check-test-data": True}}
    assert len(findings(source, select=["NHL301"], path="tests/test_x.py", rule_options=options)) == 4


@pytest.mark.parametrize("path", ["docs/conf.py", "docs/settings.py", "doc/source/conf.py"])
def test_documentation_builds_hold_documentation_data(path):
    """Sphinx's conf.py and the settings autodoc imports deploy nothing: a weak `SECRET_KEY`
    there is documentation data; a live token is still reported."""
    source = (
        'from django.conf import settings\n'
        'settings.configure(SECRET_KEY="a random key to use")\n'
        'SECRET_KEY = "psst"\n'
        f'GH = "{GITHUB}"\n'
    )
    assert [f.start.line for f in findings(source, select=["NHL301"], path=path)] == [4]


@pytest.mark.parametrize("path", ["docs/src/app.py", "app/conf.py", "mydocs/conf.py", "counterexamples/settings.py",
                                  "app/demographics.py", "pkg/sampler/settings.py"])
def test_code_beside_documentation_is_checked(path):
    """Code under docs/ that is not an example program is checked as any: a weak key there
    is reported, as in a module whose folder only begins like an example's."""
    source = 'SECRET_KEY = "psst"\n'
    assert [f.start.line for f in findings(source, select=["NHL301"], path=path)] == [1]


@pytest.mark.parametrize("path", ["examples/settings.py", "pkg-1.0/examples/simple.py", "docs/examples/client.py",
                                  "demo/app.py", "quickstart/quickstart/settings.py", "samples/login.py"])
def test_example_programs_log_in_with_placeholders(path):
    """The password an example logs in with is a placeholder its reader replaces (sharkiq's
    `examples/`); a key the example signs with works as written, and every copy shares it
    (allauth's example projects' `SECRET_KEY`); a live token format is reported anywhere."""
    source = (
        "PASSWORD = '$7r0nkP@s$w0rD'\n"
        'SECRET_KEY = "dummy-secret-key"\n'
        f'GH = "{GITHUB}"\n'
    )
    assert [f.start.line for f in findings(source, select=["NHL301"], path=path)] == [2, 3]
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/settings.py")] == [1, 2, 3]
    options = {"NHL301": {"check-test-data": True}}
    assert [f.start.line for f in findings(source, select=["NHL301"], path=path, rule_options=options)] == [1, 2, 3]


def test_published_test_keys_are_no_secret():
    """reCAPTCHA's, hCaptcha's and Turnstile's documented test keys are public by design (the
    study 15 piccolo-api findings); one character off, a key is reported again."""
    source = (
        'RECAPTCHA_SECRET_KEY = "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe"\n'
        'HCAPTCHA_RESPONSE_TOKEN = "10000000-aaaa-bbbb-cccc-000000000001"\n'
        'TURNSTILE_SECRET_KEY = "1x0000000000000000000000000000000AA"\n'
        'OTHER_SECRET_KEY = "6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWf"\n'
    )
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/captcha.py")] == [4]
