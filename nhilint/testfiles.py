"""Is this file test code? `test_*.py`, `*_test.py`, `tests.py`, `conftest.py`, by file name.

A leaf module without libcst. In test code tokens are test vectors and the services are fakes:
a decode there authenticates no one and a minted token reaches no one, so the rules about how
code handles tokens stay silent in it (option `check-tests`), and NHL301 takes literals that
are only shaped like secrets for test data (option `check-test-data`).

By name only, as pytest and unittest find tests: a directory called `tests/` may hold anything,
such as the project itself when a harness or monorepo puts it there, and helpers in a test
directory (factories, fake servers) are not test modules.
"""

from __future__ import annotations

import re

_TEST_FILE = re.compile(r"(^|/)(test_[^/]*\.pyi?|[^/]*_test\.pyi?|tests?\.pyi?|conftest\.py)$")


def is_test_file(path: str) -> bool:
    """`tests/test_api.py`, `pkg/client_test.py`, `app/tests.py`, `conftest.py` yes; `pkg/testing.py` no."""
    return bool(_TEST_FILE.search(path.replace("\\", "/")))
