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
                                  "app/demographics.py", "pkg/sampler/settings.py", "app/counterexample.py",
                                  "app/exampleservice.py", "counterexampleapp/settings.py",
                                  "pkg/my_demographics/app.py"])
def test_code_beside_documentation_is_checked(path):
    """Code under docs/ that is not an example program is checked as any: a weak key there
    is reported, as in a module whose folder only begins like an example's."""
    source = 'SECRET_KEY = "psst"\n'
    assert [f.start.line for f in findings(source, select=["NHL301"], path=path)] == [1]


@pytest.mark.parametrize("path", ["pkg-1.0/examples/simple.py", "docs/examples/client.py", "demo/app.py",
                                  "samples/login.py", "examples/multiple_files/app.py", "example.py",
                                  "pkg-1.0/demo_login.py",
                                  # a demo package named after the package (homematicip's fake cloud server)
                                  "homematicip-1.1.5/homematicip_demo/fake_cloud_server.py",
                                  # a tutorial's code (charmcraft's docs/tutorial/)
                                  "docs/tutorial/code/django/app.py"])
def test_example_scripts_are_documentation(path):
    """A script of an example is documentation: the password it logs in with is a placeholder
    its reader replaces (sharkiq's `examples/`), and the key it signs with is reported where a
    project copies it (fastapi-paseto's `examples/`); a live token format is reported anywhere."""
    assert [f.start.line for f in findings(_EXAMPLE_SOURCE, select=["NHL301"], path=path)] == [3]
    assert [f.start.line for f in findings(_EXAMPLE_SOURCE, select=["NHL301"], path="app/settings.py")] == [1, 2, 3]
    options = {"NHL301": {"check-test-data": True}}
    assert [f.start.line for f in findings(_EXAMPLE_SOURCE, select=["NHL301"], path=path, rule_options=options)] == [1, 2, 3]


@pytest.mark.parametrize("path", ["examples/settings.py", "quickstart/quickstart/settings.py", "sandbox/settings.py",
                                  "examples/react-spa/backend/backend/settings.py",
                                  "examples/service/jupyterhub_config.py", "demo/config.py",
                                  # a demo project or app named so (django-defender's `exampleapp/`)
                                  "exampleapp/settings.py", "pkg-1.0/example_project/settings.py",
                                  "pkg-1.0/example_consumer/settings.py",
                                  "demosite/config.py"])
def test_example_settings_keep_their_keys(path):
    """An example's settings or configuration module is what a deployment copied from it starts
    with: its key is reported (allauth's example projects' `SECRET_KEY`), at low confidence,
    saying so, as many are demos nobody deploys; the password it logs in with is a placeholder;
    a known token format keeps its confidence. A project's own settings keep the rule's."""
    found = {f.start.line: f for f in findings(_EXAMPLE_SOURCE, select=["NHL301"], path=path)}
    assert sorted(found) == [2, 3]
    assert found[2].confidence == "low" and "an example's settings" in found[2].message
    assert found[3].confidence != "low" and "an example's settings" not in found[3].message
    own = findings(_EXAMPLE_SOURCE, select=["NHL301"], path="app/settings.py")
    assert [(f.start.line, f.confidence) for f in own if f.start.line == 2] == [(2, "medium")]


_DEVELOPMENT_KEY_SOURCE = (
    'SECRET_KEY = "django-insecure-4q!v8t#m2r%k9z@x7w1b$e6n0p^s3h&j5c*y8u(d2f)g4a"\n'
    'JWT_SECRET_KEY = "insecure-4q!v8t#m2r%k9z@x7w1b$e6n0p^s3h&j5c*y8u(d2f)g4a"\n'
)


@pytest.mark.parametrize("path, reported", [
    # a demo project's settings as startproject wrote them (django-cognito-m2m's `demo/demo/`)
    ("demo/demo/settings.py", [2]), ("sample/settings.py", [2]), ("sandbox/settings.py", [2]),
    # a tutorial's sample project (charmcraft's docs/tutorial/code/django/)
    ("docs/tutorial/code/django/settings_local_run.py", [2]),
    # a project's own settings: the key it may deploy with, whatever its prefix
    ("backend/core/settings.py", [1, 2]), ("mysite/settings.py", [1, 2]),
])
def test_a_demo_keeps_djangos_development_key(path, reported):
    """Django's `startproject` marks the key it writes `django-insecure-`, and its deployment
    check (security.W009) warns of that prefix: in an example's or demo project's settings the
    key is the demo as generated, not reported; in a project's own settings it is; any other
    key of the demo is reported at low confidence, as before; `check-test-data` reports all."""
    assert [f.start.line for f in findings(_DEVELOPMENT_KEY_SOURCE, select=["NHL301"], path=path)] == reported
    options = {"NHL301": {"check-test-data": True}}
    assert [f.start.line for f in findings(_DEVELOPMENT_KEY_SOURCE, select=["NHL301"], path=path,
                                          rule_options=options)] == [1, 2]


_DEBUG_SETTINGS_SOURCE = (
    'import os\n'
    'DEBUG = {debug}\n'
    'SECRET_KEY = "k7#m2r%v8t!z@x9w1b$e6n0p^s3h&j5c*y8u(d2f)g4q"\n'
    'JWT_SECRET_KEY = os.environ.get("JWT_SECRET_KEY", "dev-jwt-key")\n'
    f'GH = "{GITHUB}"\n'
)


@pytest.mark.parametrize("debug, reported", [
    # a development configuration as written (warrant's cdu/, tomtoolkit's tom_base/)
    ("True", [5]),
    # debugging left to the deployment: its keys are the deployment's
    ('os.environ.get("DEBUG") == "1"', [3, 4, 5]), ("False", [3, 4, 5]),
])
def test_a_development_settings_module_keeps_its_keys(debug, reported):
    """A settings module that turns DEBUG on as written is a development configuration (Django's
    deployment check refuses it, security.W018): its keys are not reported, a known token format
    is; where DEBUG is read from the environment or off, the keys are reported;
    `check-test-data` reports all."""
    source = _DEBUG_SETTINGS_SOURCE.format(debug=debug)
    assert [f.start.line for f in findings(source, select=["NHL301"], path="mysite/settings.py")] == reported
    options = {"NHL301": {"check-test-data": True}}
    assert [f.start.line for f in findings(source, select=["NHL301"], path="mysite/settings.py",
                                          rule_options=options)] == [3, 4, 5]
    # not a settings module: a module that happens to set DEBUG keeps the rule's reading
    assert [f.start.line for f in findings(source, select=["NHL301"], path="mysite/app.py")] == [3, 4, 5]


_EXAMPLE_SOURCE = (
    "PASSWORD = '$7r0nkP@s$w0rD'\n"
    'SECRET_KEY = "dummy-secret-key"\n'
    f'GH = "{GITHUB}"\n'
)


def test_check_test_data_option():
    source = f'API_TOKEN = "{GENERIC}"\n'
    options = {"NHL301": {"check-test-data": True}}
    assert len(findings(source, select=["NHL301"], path="tests/test_x.py", rule_options=options)) == 1


@pytest.mark.parametrize(
    "value, expected",
    [
        (GITHUB, "GitHub token"),
        ("github_pat_11QZKXWMR0qTzLwNpRkVyX_jDhGsFbMcAeUo7305918264", "GitHub fine-grained token"),
        ("AKIAZ7Q3K9M2P4R8T6W1", "AWS access key id"),
        ("AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", "Google API key"),
        ("ghs_" + "1llwuELtXN5HDOB99XhpcTXdJxbOuF0ZlSmj", "GitHub App token"),
        ("sk-ant-api03-Zk3mQ9xL2vB7nR4tW8yC1pD6fH0jS5aE3uGqXk9mQ2vL", "Anthropic API key"),
        ("sk-proj-Zk3mQ9xL2vB7nR4tW8yC1pD6fH0jS5aE3uG", "OpenAI API key"),
        ("sk-ant-oat01-MINTED-SECRET", None),
        ("sk-ant-oat01-SECRETMATERIAL", None),
        # typed counting up after the prefix (chuk-mcp-client-oauth's test, study 63): made up
        ("sk-1234567890abcdefghij", None),
        ("ghp_" + "0123456789abcdefghijABCDEFGHIJ012345", None),
        # letters and digits counting up in turns (html-golive's scanner tests, study 65)
        ("sk-abc123def456ghi789jkl012mno345pq", None),
        ("ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8", None),
        ("token: " + GITHUB, "GitHub token"),
        ("AKIAIOSFODNN7EXAMPLE", None),
        ("ghp_" + "x" * 36, None),
        ("ghp_short", None),
        ("task-management-service-2024", None),
    ],
)
def test_known_formats(value, expected):
    assert known_format(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (GENERIC, True),
        ("Bearer " + BEARER, True),
        ("3f9a8b7c6d5e4f3a2b1c", True),
        ("OAUTH2_ACCESS_TOKEN", False),
        ("access-token-v2", False),
        ("your-token-here", False),
        ("${API_TOKEN}", False),
        (r"[-!#$%&'*+.^_`|~0-9a-zA-Z]+", False),
        ("https://example.com/a1b2c3d4", False),
        ("Bearer", False),
        ("postgres123", False),
        ("aaaaaaaaaaaa1111", False),
    ],
)
def test_secret_values(value, expected):
    assert secret_value(value) is expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("AZURE_CLIENT_SECRET", True),
        ("private_key", True),
        ("AWSSecretKey", True),
        ("oauth.client_secret", True),
        ("clientSecret", True),
        ("keys/jwt-private.pem", True),
        ("True", True),
        ("secret", False),
        ("my_jwt_key", False),
        ("dev_secret_key", False),
        ("SigningKey2", False),
        ("secret-key", False),
    ],
)
def test_references(value, expected):
    """What names, locates or configures a secret, not a secret."""
    assert is_reference(value) is expected


@pytest.mark.parametrize(
    "value, expected",
    [("8192", True), ("1h", True), ("4w", True), ("30 days", True), ("0.5", True), ("False", True),
     ("123456a", False), ("1h-token", False), ("s3cr3t", False), ("9" * 40, False)],
)
def test_setting_values(value, expected):
    assert is_setting_value(value) is expected


def test_the_baseline_holds_no_planted_secret(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(PLANTED)
    result = CliRunner().invoke(main, ["baseline", "-o", "baseline.json"], catch_exceptions=False)
    assert result.exit_code == 0
    written = (tmp_path / "baseline.json").read_text()
    assert "NHL301" in written
    assert not any(secret[8:] in written for secret in SECRETS)


def test_the_result_cache_holds_no_planted_secret(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "app.py").write_text(PLANTED)
    for _ in range(2):  # the second run answers from the cache and must still show no secret
        result = CliRunner().invoke(main, ["check", "app.py", "--output-format", "full"], catch_exceptions=False)
        assert "NHL301" in result.output
        assert not any(secret[8:] in result.output for secret in SECRETS)
    cache_files = [path for path in (tmp_path / ".nhilint_cache").rglob("*") if path.is_file()]
    assert any(path.name.startswith("results-") for path in cache_files)
    for path in cache_files:
        assert not any(secret[8:].encode() in path.read_bytes() for secret in SECRETS)


def test_a_long_implicit_concatenation_is_read_once():
    """The standard library's pydoc_data/topics.py joins thousands of literals: each nested
    concatenation used to be read whole again (quadratic, past the 30 s parse guard)."""
    import time

    token = "ghp_" + "Q7z2Lw9Np4Rk1Vy8Xj3Dh6Gs0Fb5Mc2Ae7Uo9"
    parts = "\n".join(f"    'help text line {n} with a password word '" for n in range(600))
    source = f"TOPICS = (\n{parts}\n    '{token}'\n)\n"
    started = time.perf_counter()
    found = findings(source, ["NHL301"])
    assert time.perf_counter() - started < 10
    assert [f.code for f in found] == ["NHL301"]


def test_an_all_zero_value_is_a_placeholder_even_in_a_key_position():
    from nhilint.secret_formats import is_template

    assert is_template("0x0000000000000000000000000000000000000000")  # hCaptcha's published test secret
    assert is_template("00000000")
    assert not is_template("0x0000000000000000000000000000000000000001")
    assert not is_template("0000")  # too short to tell from a PIN


def test_a_negative_number_is_a_no_key_sentinel():
    """python-okx's `secret_key="-1"` (study 19): the client signs only when the key is not "-1"."""
    from nhilint.secret_formats import is_template

    assert is_template("-1")
    assert is_template("-999")
    assert not is_template("-1a")
    assert not is_template("1234")  # a weak secret, not a sentinel


def test_a_value_that_calls_itself_a_placeholder_is_none():
    """kfp's client (study 35) puts the word "placeholder" in the Authorization slot a refresh
    hook fills before every request; a weak word that does not say so stays a secret."""
    source = (
        'config.api_key["authorization"] = "placeholder"\n'
        'API_KEY = "PLACEHOLDER-API-KEY"\n'
        'config.api_key["authorization"] = "letmein"\n'
    )
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/client.py")] == [3]


def test_an_ntlm_negotiate_message_holds_no_credential():
    """trevorspray (study 36) sends a fixed NTLMSSP NEGOTIATE message (type 1) to get the
    server's challenge; an AUTHENTICATE message (type 3) carries the user's response and stays
    reported, as does a Bearer token."""
    import base64

    negotiate = "TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw=="
    authenticate = base64.b64encode(b"NTLMSSP\x00\x03\x00\x00\x00" + bytes(range(40))).decode()
    source = (
        f'h1 = {{"Authorization": "NTLM {negotiate}"}}\n'
        f'h2 = {{"Authorization": "Negotiate {negotiate}"}}\n'
        f'h3 = {{"Authorization": "NTLM {authenticate}"}}\n'
        'h4 = {"Authorization": "Bearer q8Zt3LwP0vXk2RmN7sYe4HdB9cJf6GaU"}\n'
    )
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/discover.py")] == [3, 4]


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


def test_a_test_suite_configuration_class_holds_test_data():
    """privacyIDEA's `TestingConfig` (study 16): the key the test suite runs with is test data;
    the development configuration's literal fallback, its variable named by a constant of
    another module, is a secret wherever the variable is unset."""
    source = (
        "import os\n"
        "from app.keys import ConfigKey\n"
        "class Config:\n"
        "    DEBUG = False\n"
        "class DevelopmentConfig(Config):\n"
        "    SECRET_KEY = os.environ.get(ConfigKey.SECRET_KEY) or 't0p s3cr3t'\n"
        "class TestingConfig(Config):\n"
        "    SECRET_KEY = 'secret-key-for-testing-only-0123456789'\n"
        "class Suite(Config):\n"
        "    TESTING = True\n"
        "    SECRET_KEY = 'another-testing-key'\n"
        "class ProductionConfig(Config):\n"
        "    SECRET_KEY = 'production-key-0123456789'\n"
        "LABEL = get_label(ConfigKey.SECRET_KEY) or 'plain text'\n"
    )
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/config.py")] == [6, 13]
    options = {"NHL301": {"check-test-data": True}}
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/config.py", rule_options=options)] == [6, 8, 11, 13]


def test_a_format_prefix_followed_by_words_is_a_canary():
    """changedetection-io's test canaries (study 17): `sk-` and words is no issued key; random
    keys of the same formats are still found, in test files too."""
    from nhilint.secret_formats import known_format

    assert known_format("sk-CANARY-SECRET-DO-NOT-EXPOSE-12345") is None
    assert known_format("sk-should-survive-absence") is None
    assert known_format("sk-proj-Qz7Lw2Np9Rk4Vy1Xj8Dh3Gs6Fb0Mc5Ae2Uo7Ti9Ks4Pb1") == "OpenAI API key"
    assert known_format("xoxb-418273659012-7305918264173-QzLwNpRkVyXjDhGsFbMcAeUo") == "Slack token"
    # lowercase words after the prefix (slack-machine's settings test, study 38): no digit, no capital
    assert known_format("xoxo-somethingelse") is None
    assert known_format("xoxb-made_up_token") is None
    assert known_format("xoxo-2411983265-somethingelse") == "Slack token"
    # ids typed counting up (apprise's documented example, cos-alerter's tests, study 68)
    assert known_format("xoxb-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d") is None
    assert known_format("xoxb-123456-1234-4ddbc191d40ee098cbaae6f3523ada2d") is None
    assert known_format("xoxb-1243-1234-4ddbc191d40ee098cbaae6f3523ada2d") == "Slack token"
    assert known_format("xoxb-7358204961-5830174926483-Qm7ZtR4kWp9LxB2vN8sYc3Hd") == "Slack token"
    source = (
        "CANARY_KEY = 'sk-CANARY-SECRET-DO-NOT-EXPOSE-12345'\n"
        "LIVE_KEY = 'sk-proj-Qz7Lw2Np9Rk4Vy1Xj8Dh3Gs6Fb0Mc5Ae2Uo7Ti9Ks4Pb1'\n"
        "ENV = {'SM_SLACK_API_TOKEN': 'xoxo-somethingelse'}\n"
        "BOT = {'SM_SLACK_API_TOKEN': 'xoxb-2411983265-7742119038421-qW3rT9yUiOpAsDfGhJkLzXcV'}\n"
    )
    assert [f.start.line for f in findings(source, select=["NHL301"], path="tests/test_llm.py")] == [2, 4]


def test_bandit_nosec_marks_a_reviewed_test_value():
    """bandit's `# nosec` (bare, or naming its hard-coded password checks B105-B107) says the
    author reviewed the value as test data (privacyIDEA's `__main__` self-test); a nosec for
    another check, or a known token format, stays reported; check-test-data reports them all."""
    source = (
        'password = "topSekr3t"  # nosec B105 # used for testing\n'
        'passwd = "x7Kq2mZ9"  # nosec\n'
        'api_key = "Zr8LxV7mKp4TnW9b"  # nosec: B106, B107\n'
        'secret = "Lq9Wm2Xr7Tb4Kp8Z"  # nosec B603\n'
        f'GH = "{GITHUB}"  # nosec B105\n'
        'token = "Vb3Nq8Lm2Xr7Tk9W"\n'
    )
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/crypto.py")] == [4, 5, 6]
    options = {"NHL301": {"check-test-data": True}}
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/crypto.py",
                                           rule_options=options)] == [1, 2, 3, 4, 5, 6]


def test_nosec_on_the_first_line_of_a_parenthesised_statement():
    """bandit reads a `# nosec` on a statement's first line for the whole statement: `TOKEN = (
    # nosec B105` with the literal on the next line (imnot's mock token, study 68). A `#
    # nosec` inside a string on that line is no comment; a nosec on another statement's
    line covers nothing else."""
    jwt_like = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtb2NrIn0.Xk3pQ9vR2mT7bLw8cN4yH1dF6sJ0aZ5uE2gK9oV7iYq"
    source = (
        'STATIC_TOKEN = (  # nosec B105 - mock server\n'
        f'    "{jwt_like}"\n'
        ')\n'
        'OTHER_TOKEN = ("# nosec",\n'
        f'    "{jwt_like}")\n'
        'x = 1  # nosec\n'
        'api_key = (\n'
        '    "Zr8LxV7mKp4TnW9b"\n'
        ')\n'
    )
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/mock.py")] == [5, 8]


def test_ruff_noqa_for_the_password_checks_marks_a_reviewed_value():
    """ruff's `# noqa: S105` (S106, S107: flake8-bandit's hard-coded password checks) on the
    line, or `# ruff: noqa: S107` on a line of its own anywhere in the file (vercel-queue's
    emulator, study 65), says the same as bandit's `# nosec B105`; a noqa for another check,
    or a known token format, stays reported."""
    source = (
        'password = "topSekr3t"  # noqa: S105\n'
        'api_key = "Zr8LxV7mKp4TnW9b"  # noqa: E501, S106\n'
        'secret = "Lq9Wm2Xr7Tb4Kp8Z"  # noqa: E501\n'
        f'GH = "{GITHUB}"  # noqa: S105\n'
    )
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/crypto.py")] == [3, 4]
    whole = (
        '"""An in-process emulator."""\n'
        '\n'
        '# ruff: noqa: S107  # dummy token\n'
        'def client(token="local-tok3n-Zr8LxV7m"):\n'
        '    return token\n'
    )
    assert not findings(whole, select=["NHL301"], path="app/embedded.py")
    other = whole.replace("S107", "E501")
    assert [f.start.line for f in findings(other, select=["NHL301"], path="app/embedded.py")] == [4]


def test_a_name_for_show_holds_test_data():
    """`DEMO_TOKEN` (a provider's published demo account), `FAKE_API_KEY`, `dummy_secret`: the
    name says the value is for show; a known token format, or the same literal under a plain
    name, is reported."""
    source = (
        'DEMO_TOKEN = "3A77EECF61BD445F47241A5A36202185C35AF3AF58609E19B53F3A8872AD7BE1"\n'
        'FAKE_API_KEY = "Zr8LxV7mKp4TnW9bYc2Q"\n'
        'dummy_secret = "Lq9Wm2Xr7Tb4Kp8Z"\n'
        f'DEMO_GH = "{GITHUB}"\n'
        'API_TOKEN = "3A77EECF61BD445F47241A5A36202185C35AF3AF58609E19B53F3A8872AD7BE1"\n'
        'DEMOGRAPHICS_TOKEN = "Zr8LxV7mKp4TnW9bYc2Q"\n'
    )
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/const.py")] == [4, 5, 6]
    options = {"NHL301": {"check-test-data": True}}
    assert [f.start.line for f in findings(source, select=["NHL301"], path="app/const.py",
                                           rule_options=options)] == [1, 2, 3, 4, 5, 6]


APP_CREDENTIALS = textwrap.dedent(f"""\
    API_KEY = "{GENERIC}"
    FORD_APP_SECRET = "{BEARER}"
    OAUTH_CLIENT_SECRET = "{GENERIC}x"
    ACCESS_TOKEN = "{BEARER}x"
    GH = "{GITHUB}"
    """)


@pytest.mark.parametrize("path, app_confidence", [("const.py", "low"), ("client/api.py", "low"), ("settings.py", "medium"),
                                                  ("app/config.py", "medium")])
def test_an_app_credential_outside_settings_is_low_confidence_and_says_why(path, app_confidence):
    """An API key, app secret or client secret written in a library's module is what an API
    client sends as the app it is (shipped with every copy) as often as a deployment's own
    key: the code cannot tell, so low confidence, saying so. In a settings module it is the
    deployment's; a user's token and a known token format keep their confidence."""
    found = {f.start.line: f for f in findings(APP_CREDENTIALS, select=["NHL301"], path=path)}
    assert sorted(found) == [1, 2, 3, 4, 5]
    for line in (1, 2, 3):
        assert found[line].confidence == app_confidence
        assert ("public client's" in found[line].message) == (app_confidence == "low")
    assert found[4].confidence == "medium" and found[5].confidence == "medium"
    assert "public client's" not in found[4].message + found[5].message
