"""An exception class of another module is not parsed to learn what its constructor does with
its arguments (`raise TokenError(token)` makes a message); any other class there is
(`Reporter(token)` may log it). nhilint.flow.module, `_EXCEPTION_ENDINGS`."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

from nhilint import api
from nhilint.ftypes import Settings
from nhilint.project import parses
from tests.helpers import write_project

ERRORS = (
    "import logging\n\nlog = logging.getLogger(__name__)\n\n\n"
    "class TokenError(Exception):\n"
    "    def __init__(self, token):\n"
    "        super().__init__('the token was refused')\n\n\n"
)
REPORTERS = (
    "import logging\n\nlog = logging.getLogger(__name__)\n\n\n"
    "class Reporter:\n"
    "    def __init__(self, value):\n"
    "        log.info('refused: %s', value)\n"
)
RAISING = (
    "import os\n\nfrom app.errors import TokenError\n\n\n"
    "def check(request):\n"
    "    token = os.environ['API_TOKEN']\n"
    "    if request.headers.get('X-Token') != token:\n"
    "        raise TokenError(token)\n"
)
REPORTING = RAISING.replace("from app.errors import TokenError", "from app.reporters import Reporter").replace(
    "raise TokenError(token)", "Reporter(token)")


def _parsed(monkeypatch, root: Path, checked: str) -> Tuple[List[str], List[Tuple[str, int, str]]]:
    """The project's modules parsed while `checked` alone is checked, and its findings."""
    read: List[str] = []
    original = parses.parse_live

    def recording(data, *args, **kwargs):
        read.append(data.decode())
        return original(data, *args, **kwargs)

    monkeypatch.setattr(parses, "parse_live", recording)  # looked up when the project's index is made
    result = api.check_paths([str(root / "app" / checked)], Settings(root=str(root)), cache=False, jobs=1)
    return read, sorted((f.path.rsplit("/", 1)[-1], f.start.line, f.code) for f in result.findings)


def test_an_exception_class_elsewhere_is_not_parsed(tmp_path, monkeypatch):
    root = write_project(tmp_path, {"errors": ERRORS, "reporters": REPORTERS, "views": RAISING})
    read, _ = _parsed(monkeypatch, root, "views.py")
    assert not any("class TokenError" in source for source in read)


def test_another_class_elsewhere_is_parsed_and_its_constructor_followed(tmp_path, monkeypatch):
    root = write_project(tmp_path, {"errors": ERRORS, "reporters": REPORTERS, "views": REPORTING})
    read, findings = _parsed(monkeypatch, root, "views.py")
    assert any("class Reporter" in source for source in read)
    assert ("views.py", 9, "NHL404") in findings
