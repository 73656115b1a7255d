"""One check consults at most MAX_MODULES other modules of the project directly (issue 14's
bounds): a module that calls into hundreds of others stays a bounded check, the first modules it
asks about are the ones followed, and a cached run still equals a `--no-cache` one."""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

from nhilint import api
from nhilint.ftypes import Settings
from nhilint.project import index
from tests.helpers import write_project
from tests.test_project_cache import age

OPTIONS = 'DECODE_OPTIONS = {"verify_aud": False}\n'


def _main(count: int) -> str:
    imports = "".join(f"from app.options{n} import DECODE_OPTIONS as OPTIONS_{n}\n" for n in range(count))
    decodes = "".join(
        f"\n\ndef verify_{n}(token, key):\n"
        f'    return jwt.decode(token, key, algorithms=["RS256"], options=OPTIONS_{n})\n'
        for n in range(count)
    )
    return "import jwt\n\n" + imports + decodes


def _project(root: Path, count: int) -> Path:
    modules = {f"options{n}": OPTIONS for n in range(count)}
    modules["main"] = _main(count)
    write_project(root, modules)
    age(*(root / "app").iterdir())
    return root


def _findings(root: Path, cache: bool) -> List[Tuple[int, str, bool]]:
    """(line, code, whether the message owes the options to their module)."""
    result = api.check_paths([str(root / "app" / "main.py")], Settings(root=str(root)), cache=cache, jobs=1)
    return sorted((f.start.line, f.code, "verify_aud=False" in f.message) for f in result.findings)


def test_every_module_is_followed_within_the_bound(tmp_path):
    root = _project(tmp_path, 4)
    # each decode's options, read in their module, switch the audience check off
    assert _findings(root, cache=False) == [(line, "NHL101", True) for line in (10, 14, 18, 22)]


def test_past_the_bound_the_first_modules_asked_about_are_followed(tmp_path, monkeypatch):
    monkeypatch.setattr(index, "MAX_MODULES", 2)
    root = _project(tmp_path, 4)
    # the options of the first two decodes are read; the other two modules are not: their
    # decodes still bind no audience, but nothing is said of options nhilint did not read
    assert _findings(root, cache=False) == [
        (10, "NHL101", True), (14, "NHL101", True), (18, "NHL101", False), (22, "NHL101", False),
    ]


def test_past_the_bound_a_cached_run_equals_a_run_without_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(index, "MAX_MODULES", 2)
    root = _project(tmp_path, 4)
    uncached = _findings(root, cache=False)
    assert _findings(root, cache=True) == uncached  # fills the cache (the exports of options0..3)
    assert _findings(root, cache=True) == uncached  # from it


def test_a_part_of_another_module_consults_a_bounded_number_of_modules(tmp_path, monkeypatch):
    """The options reach the decodes through two functions of one module, each returning the
    options of another module: each part of that module's export (a function's returned value)
    counts the modules it reads on its own, so with one allowed per part both are read (a count
    per module, or per check, would leave the second out)."""
    monkeypatch.setattr(index, "MAX_PART_MODULES", 1)
    write_project(tmp_path, {
        "options0": OPTIONS,
        "options1": OPTIONS,
        "combined": "from app.options0 import DECODE_OPTIONS as FIRST\nfrom app.options1 import DECODE_OPTIONS as SECOND\n\n"
                    "def first():\n    return FIRST\n\n\ndef second():\n    return SECOND\n",
        "main": "import jwt\n\nfrom app.combined import first, second\n\n\n"
                "def verify_first(token, key):\n"
                '    return jwt.decode(token, key, algorithms=["RS256"], options=first())\n\n\n'
                "def verify_second(token, key):\n"
                '    return jwt.decode(token, key, algorithms=["RS256"], options=second())\n',
    })
    age(*(tmp_path / "app").iterdir())
    # each function's returned value is its own part: one module each, within the bound
    assert _findings(tmp_path, cache=False) == [(7, "NHL101", True), (11, "NHL101", True)]
    assert _findings(tmp_path, cache=True) == _findings(tmp_path, cache=False)
