"""Test files: the rules about how code handles tokens are silent there unless `check-tests`."""

from __future__ import annotations

import pytest

from nhilint.api import check_paths
from nhilint.config import Settings
from nhilint.registry import all_rules
from nhilint.testfiles import is_test_environment_settings, is_test_file
from tests.helpers import codes

# NHL101 and NHL401 in one module: a decode without audience, a token minted without `exp`.
SOURCE = '''
import jwt

def check(token, key):
    return jwt.decode(token, key, algorithms=["RS256"])

def mint(key):
    return jwt.encode({"sub": "svc"}, key, algorithm="HS256")
'''


@pytest.mark.parametrize(
    "path", ["tests/test_auth.py", "pkg/auth_test.py", "app/tests.py", "conftest.py", "tests/unit/conftest.py",
             "tests\\test_win.py", "test_top.py", "stubs/test_api.pyi",
             # helpers in a test directory are test code too: fakes, factories, load tests
             "tests/cases/auth.py", "test/helpers.py", "src/app/tests/factories.py", "tests/loadtests/locustfile.py",
             "tests_user_model/settings.py", "pkg/tests_integration/app.py",
             # a package's own test folder, and the mocks a package ships for its users' tests
             "test_devpi_server/functional.py", "pkg/testing.py", "pkg/testing/fakes.py",
             # the Django project a package's tests run
             "pkg-1.0/testproject/settings.py", "testapp/views.py", "src/testsite/urls.py",
             # the settings of a package's own CI test runs
             "defender/ci_settings.py", "ci_settings.py", "app/settings_ci.py", "config/ci.py",
             # a directory named for a kind of tests
             "functionaltests/cli/behaviors.py", "pkg/integration_tests/app.py", "unit_tests/x.py", "e2etests/a.py",
             "sdk-9.20.0/contract-tests/client_entity.py", "contract_tests/service.py"],
)
def test_test_files(path):
    assert is_test_file(path)


@pytest.mark.parametrize("path", ["app/auth.py", "test_login3/settings.py", "contest.py", "latest/api.py", "attestation.py",
                                  "pkg/contests/auth.py", "testsuite_runner/api.py", "app/attests/x.py",
                                  "contestproject/settings.py", "latestapp/views.py",
                                  "app/ci.py", "ci/settings.py", "app/cli_settings.py", "functional/api.py",
                                  "unittest_helpers/x.py", "pkg/integration/tests_helper.py", "pkg/contracts/api.py",
                                  "/tmp/pytest-of-ci/pytest-7/test_login0/app.py"])
def test_not_test_files(path):
    assert not is_test_file(path)


def test_behaviour_rules_are_silent_in_test_files():
    assert codes(SOURCE, path="app/auth.py") == {"NHL101": 1, "NHL401": 1}
    assert codes(SOURCE, path="tests/test_auth.py") == {}


# A pytest plugin a package ships for its users' tests (`requests_auth/testing.py`): fixtures
# that mint test tokens with a literal key, one without `exp` on purpose.
PLUGIN = '''
import jwt
import pytest

@pytest.fixture
def token_without_expiry():
    return jwt.encode({"sub": "svc"}, "secret")
'''


@pytest.mark.parametrize("fixture", ["@pytest.fixture", "@pytest.fixture(scope='session')"])
def test_a_pytest_plugin_module_is_test_code(fixture):
    source = PLUGIN.replace("@pytest.fixture", fixture)
    assert codes(source, path="pkg/plugin.py") == {}


def test_a_module_importing_pytest_without_fixtures_is_not_test_code():
    # the same helpers in production code, pytest imported for its `approx` only: still reported
    source = PLUGIN.replace("@pytest.fixture\n", "")
    assert codes(source, path="pkg/plugin.py") == {"NHL301": 1, "NHL401": 1}
    # a decorator of another library named `fixture` is not pytest's
    source = PLUGIN.replace("import pytest", "import myfixtures as pytest")
    assert codes(source, path="pkg/plugin.py") == {"NHL301": 1, "NHL401": 1}


def test_check_tests_option_reports_in_test_files():
    options = {"NHL101": {"check-tests": True}}
    assert codes(SOURCE, path="tests/test_auth.py", rule_options=options) == {"NHL101": 1}


def test_every_behaviour_rule_has_the_option_and_documents_it():
    # NHL301 has its own test-data logic (`check-test-data`); NHL900/NHL901 are about nhilint itself
    exempt = {"NHL301", "NHL900", "NHL901"}
    for rule in all_rules():
        if rule.code in exempt:
            assert "check-tests" not in rule.options, rule.code
        else:
            assert "check-tests" in rule.options, rule.code
            assert "`check-tests`" in rule.__doc__, rule.code


def test_test_environment_settings_modules():
    assert is_test_environment_settings("config/test.py")
    assert is_test_environment_settings("shop/settings/qa.py")
    assert not is_test_environment_settings("tests/config/test.py")  # under tests/: test code
    assert not is_test_environment_settings("config/pro.py")
    assert not is_test_environment_settings("app/test.py")
    assert is_test_environment_settings("config/ci.py")


ENVIRONMENT_SETTINGS = """\
from .pro import pro

test = {"callback_token": pro["callback_token"]}
"""
PRODUCTION_SETTINGS = """\
import os

pro = {"callback_token": os.environ.get("PRO_CALLBACK_TOKEN", "")}
"""


@pytest.mark.parametrize("folder, reported", [("config", 1), ("tests/config", 0), ("app", 0)])
def test_environment_rule_reads_the_test_environments_settings_only(tmp_path, monkeypatch, folder, reported):
    # config/test.py is a test file by its name, but it configures the test environment
    package = tmp_path / folder
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "pro.py").write_text(PRODUCTION_SETTINGS, encoding="utf-8")
    (package / "test.py").write_text(ENVIRONMENT_SETTINGS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = check_paths([str(tmp_path)], Settings(root=str(tmp_path)))
    assert [f.code for f in result.findings].count("NHL303") == reported


@pytest.mark.parametrize("docstring", ["Test-only HTTP runner. Production transports never allow plain HTTP.",
                                       "Test helpers for the API client.", "For testing purposes only: a fake IdP."])
def test_a_module_that_says_it_is_for_tests_only_is_test_code(docstring):
    # a harness kept outside the tests folder (a `lab/` runner), its key a test vector
    assert codes(f'"""{docstring}"""\n' + PLUGIN.replace("@pytest.fixture\n", ""), path="lab/client.py") == {}


@pytest.mark.parametrize("docstring", ["Test the connection to the identity provider.", "Token helpers.",
                                       "Helpers; see the tests for test-only fakes."])
def test_a_docstring_that_only_mentions_tests_says_nothing(docstring):
    assert codes(f'"""{docstring}"""\n' + PLUGIN.replace("@pytest.fixture\n", ""), path="lab/client.py") == {
        "NHL301": 1, "NHL401": 1}
