"""Test files: the rules about how code handles tokens are silent there unless `check-tests`."""

from __future__ import annotations

import pytest

from nhilint.registry import all_rules
from nhilint.testfiles import is_test_file
from tests.helpers import codes

# NHL101 and NHL401 in one module: a decode without audience, a token minted without `exp`.
SOURCE = '''
import jwt

def check(token, key):
    return jwt.decode(token, key, algorithms=["HS256"])

def mint(key):
    return jwt.encode({"sub": "svc"}, key, algorithm="HS256")
'''


@pytest.mark.parametrize(
    "path", ["tests/test_auth.py", "pkg/auth_test.py", "app/tests.py", "conftest.py", "tests/unit/conftest.py",
             "tests\\test_win.py", "test_top.py", "stubs/test_api.pyi",
             # helpers in a test directory are test code too: fakes, factories, load tests
             "tests/cases/auth.py", "test/helpers.py", "src/app/tests/factories.py", "tests/loadtests/locustfile.py"],
)
def test_test_files(path):
    assert is_test_file(path)


@pytest.mark.parametrize("path", ["app/auth.py", "pkg/testing.py", "contest.py", "latest/api.py", "attestation.py",
                                  "pkg/contests/auth.py", "testsuite_runner/api.py", "app/attests/x.py"])
def test_not_test_files(path):
    assert not is_test_file(path)


def test_behaviour_rules_are_silent_in_test_files():
    assert codes(SOURCE, path="app/auth.py") == {"NHL101": 1, "NHL401": 1}
    assert codes(SOURCE, path="tests/test_auth.py") == {}


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
