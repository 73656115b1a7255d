"""Is this file test code? `test_*.py`, `*_test.py`, `tests.py`, `testing.py`, `conftest.py`, and
any file under a `tests/`, `test/`, `testing/`, `tests_*/`, `test_*/` or `testproject/` (`testapp/`,
`testsite/`) directory of the project
(not a numbered `test_*0/`: pytest's temporary directories). (A pytest plugin module a package
ships under another name, defining fixtures, is test code by its content: FileContext.is_test_code.)

A leaf module without libcst. In test code tokens are test vectors and the services are fakes:
a decode there authenticates no one and a minted token reaches no one, so the rules about how
code handles tokens stay silent in it (option `check-tests`), and NHL301 takes literals that
are only shaped like secrets for test data (option `check-test-data`).

Helpers in a test directory (factories, fake servers, load tests, recorded responses) are test
code too: they hold test tokens and never run in production, and on real packages they were the
largest source of wrong findings. The path is the one shown (relative to the project root), so
a project checked from inside its own `tests/` directory is not affected; a project that keeps
production code under a directory named `tests` sets `check-tests`.
"""

from __future__ import annotations

import re

from nhilint.patterns import compiled_on_first_use


# a test directory: `tests/`, `test/`, one named for a kind of tests (`tests_user_model/`: a
# test project's settings and fixtures) or for the package it tests (`test_devpi_server/`);
# a Django project the package's tests run (`testproject/`, `testapp/`, `testsite/`); one named
# for a kind of tests (`functionaltests/`, `integration_tests/`, `unit_tests/`, `e2e_tests/`,
# `contract-tests/`: the service an SDK's contract test harness drives);
# not pytest's own temporary directories, `test_login0/`, named for a test and numbered, where
# the code under check is not a test. A package's `testing.py` (or `testing/`) holds the mocks
# and fakes it ships for its users' tests (`openeo.rest.auth.testing`).
_TEST_FILE = compiled_on_first_use(
    r"(^|/)(test_[^/]*\.pyi?|[^/]*_test\.pyi?|tests?\.pyi?|testing\.pyi?|conftest\.py)$"
    r"|(^|/)(test|tests|testing|tests_[^/]*|test_[^/]*[^/0-9]|test(?:project|app|site)s?)/"
    # a directory named for a kind of tests (`functionaltests/`: python-barbicanclient's harness)
    r"|(^|/)(functional|integration|unit|e2e|system|acceptance|smoke|end_to_end|contract)[-_]?tests?/"
)


# `settings/test.py`, `config/qa.py`, `config/ci.py`: the settings of the test environment, a
# place a production credential must not reach (NHL303 compares them with the other
# environments'); by its name a test file for every other rule
_TEST_ENVIRONMENT_SETTINGS = compiled_on_first_use(
    r"(^|/)(settings|config|configs|conf|configuration|environments|envs)/(test|testing|tests|qa|ci)\.py$"
)
_UNDER_TESTS = compiled_on_first_use(r"(^|/)tests?/")
# A package's settings for its own test runs on CI (django-defender's `ci_settings.py`, which its
# CI names in DJANGO_SETTINGS_MODULE): test data, as `test_settings.py` is. Tested by name:
# these paths hold no `test` for the pattern above to be compiled for.
_CI_SETTINGS_FILES = ("ci_settings.py", "settings_ci.py")


def _ci_settings(path: str) -> bool:
    return path.rsplit("/", 1)[-1] in _CI_SETTINGS_FILES or (path.endswith("/ci.py") and is_test_environment_settings(path))


def is_test_environment_settings(path: str) -> bool:
    """`config/test.py` of a settings package (not one under a `tests/` directory)."""
    path = path.replace("\\", "/")
    return bool(_TEST_ENVIRONMENT_SETTINGS.search(path)) and not _UNDER_TESTS.search(path)


def is_test_file(path: str) -> bool:
    """`tests/test_api.py`, `tests/fakes.py`, `pkg/client_test.py`, `app/tests.py`, `conftest.py`,
    `test_pkg/functional.py`, `pkg/testing.py`, `testproject/settings.py` yes; `test_login0/app.py`, `pkg/contests/x.py` no."""
    # every branch of the pattern says `test`: a path without it is not compiled for (a million
    # instructions a run)
    path = path.replace("\\", "/")
    return ("test" in path and bool(_TEST_FILE.search(path))) or _ci_settings(path)


# A module docstring whose first words say the module serves tests alone ("Test-only HTTP
# runner.", "Test helpers for ...", "For tests only."): a harness kept outside the tests folder
# (fixplesk's `lab/client.py`), its tokens test vectors as a test file's are
_TEST_ONLY_DOCSTRING = compiled_on_first_use(
    r"^\s*(test[- ]only\b|(only )?(used )?(in|for) tests? only\b|for testing( purposes)? only\b"
    r"|test (harness|helpers?|fixtures|doubles?|fakes?|utilities|utils|stubs?|mocks?)\b)", re.I)


def says_test_only(docstring: "str | None") -> bool:
    """Whether a module's docstring says the module is for tests only (above)."""
    return docstring is not None and bool(_TEST_ONLY_DOCSTRING.match(docstring[:200]))
