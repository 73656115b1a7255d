"""The result cache with the project index (issue 14): a cached run always equals a `--no-cache`
run, whatever happens to the modules a file's result depends on."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import List, Tuple

import pytest

from nhilint import api, runner
from nhilint.ftypes import Settings
from tests.helpers import write_project

SETTINGS = 'import os\n\nJWT_SECRET = os.environ["JWT_SECRET"]\nDECODE_OPTIONS = {"verify_aud": False}\n'
AUTH = (
    "import jwt\n\nfrom app.settings import DECODE_OPTIONS, JWT_SECRET\n\n\n"
    "def verify(token):\n"
    '    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"], options=DECODE_OPTIONS)\n'
)
VIEWS = (
    "import functools\n\nfrom app.auth import verify\n\n\n"
    "@functools.lru_cache(maxsize=1024)\n"
    "def current_user(token):\n"
    "    return verify(token)\n"
)
Seen = List[Tuple[str, int, str, str]]
OFF = ("app/auth.py", 7, "NHL101", "switched off")  # the options from app/settings.py
CACHED_VERDICT = ("app/views.py", 6, "NHL203", "verdict")  # the verifier from app/auth.py


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def make_project(tmp_path: Path) -> Path:
    """app/settings.py (decode options), app/auth.py (a verifier using them), app/views.py
    (caches the verifier's verdict)."""
    write_project(tmp_path, {"settings": SETTINGS, "auth": AUTH, "views": VIEWS})
    age(*(tmp_path / "app").iterdir())
    return tmp_path


def age(*paths: Path) -> None:
    """Old enough for the size+mtime fast path (recent mtimes are confirmed by content)."""
    past = time.time() - 3600
    for path in paths:
        os.utime(path, (past, past))


def run(root: Path, cache: bool) -> Seen:
    result = api.check_paths([str(root)], Settings(root=str(root)), cache=cache, jobs=1)
    # the message says what the finding owes to the other module
    return sorted((f.path, f.start.line, f.code, _gist(f.message)) for f in result.findings)


def _gist(message: str) -> str:
    return "switched off" if "verify_aud=False" in message else "verdict" if "verdict" in message else "other"


def same_with_and_without_cache(root: Path) -> Seen:
    cached = run(root, cache=True)
    assert cached == run(root, cache=False)
    return cached


def test_the_findings_need_the_other_modules(project):
    found = same_with_and_without_cache(project)
    assert OFF in found
    assert CACHED_VERDICT in found


def test_editing_an_imported_module_checks_its_importers_again(project):
    same_with_and_without_cache(project)
    settings = project / "app" / "settings.py"
    settings.write_text(SETTINGS.replace('"verify_aud": False', '"verify_aud": True'))
    age(settings)  # even with an mtime the fast path would trust
    found = same_with_and_without_cache(project)
    assert OFF not in found
    settings.write_text(SETTINGS)
    assert OFF in same_with_and_without_cache(project)


def test_an_unchanged_project_is_not_checked_again(project, monkeypatch):
    same_with_and_without_cache(project)
    checked = []
    monkeypatch.setattr(runner, "check_source", lambda source, path, plan: checked.append(path))
    run(project, cache=True)
    assert checked == []


def test_only_the_dependents_of_an_edit_are_checked_again(project, monkeypatch):
    run(project, cache=True)
    (project / "app" / "settings.py").write_text(SETTINGS + "\nTTL = 300\n")
    real = runner.check_source
    checked = []

    def spy(source, path, plan):
        checked.append(path)
        return real(source, path, plan)

    monkeypatch.setattr(runner, "check_source", spy)
    run(project, cache=True)
    # settings.py changed; auth.py imports it, views.py uses auth.py's export built from it
    assert sorted(checked) == ["app/auth.py", "app/settings.py", "app/views.py"]


def test_deleting_and_renaming_a_module(project):
    same_with_and_without_cache(project)
    auth = project / "app" / "auth.py"
    auth.rename(project / "app" / "authentication.py")
    found = same_with_and_without_cache(project)
    assert CACHED_VERDICT not in found  # its import no longer resolves
    (project / "app" / "authentication.py").rename(auth)
    assert CACHED_VERDICT in same_with_and_without_cache(project)
    (project / "app" / "settings.py").unlink()
    assert OFF not in same_with_and_without_cache(project)  # the options are no longer known


def test_creating_a_module_an_import_named(project):
    views = project / "app" / "views.py"
    views.write_text(VIEWS.replace("from app.auth import verify", "from app.verifiers import verify"))
    age(views)
    assert CACHED_VERDICT not in same_with_and_without_cache(project)
    (project / "app" / "verifiers.py").write_text(AUTH)
    assert CACHED_VERDICT in same_with_and_without_cache(project)


def test_one_file_checked_alone_sees_the_project(project, monkeypatch):
    """As pre-commit runs it: only the staged file, the rest through the index."""
    monkeypatch.chdir(project)
    for cache in (True, False, True):
        result = api.check_paths(["app/views.py"], Settings(root=str(project)), cache=cache, jobs=1)
        assert [(f.path, f.start.line, f.code) for f in result.findings] == [CACHED_VERDICT[:3]]


def test_a_long_lived_index_sees_edits_of_what_an_export_was_built_from(project):
    """The editor's server keeps the index: an export built from another module's constants is
    built again when that module changes, even if its own file did not."""
    from nhilint.project.index import index_for

    index = index_for(str(project))
    index.begin()
    auth = index.export_of("app.auth")
    assert auth is not None and str(project / "app" / "settings.py") not in index.dependencies.modules
    assert auth.functions["verify"].verifier is not None  # a summary is built when asked for
    assert str(project / "app" / "settings.py") in index.dependencies.modules
    index.begin()
    assert index.export_of("app.auth") is auth  # nothing changed: the same export
    assert str(project / "app" / "settings.py") in index.dependencies.modules
    settings = project / "app" / "settings.py"
    settings.write_text(SETTINGS.replace('"verify_aud": False', '"verify_aud": True'))
    age(settings)
    index.begin()
    again = index.export_of("app.auth")
    assert again is not auth and again.functions["verify"].verifier is not None
    assert str(settings) in index.dependencies.modules


def test_exports_built_from_each_other_are_checked_again_without_end(tmp_path):
    """a.py's summary uses b.py's and b.py's uses a.py's: in a long-lived index, a new
    generation checks each export's dependencies once (it checked them in a circle before, and
    every file importing either was NHL900 'nesting too deep to analyse')."""
    from nhilint.project.index import index_for

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text(
        "import logging\nfrom pkg import b\n\n\ndef note(token):\n    logging.info(token)\n\n\n"
        "def relay(token):\n    return b.forward(token)\n"
    )
    (tmp_path / "pkg" / "b.py").write_text(
        "from pkg import a\n\n\ndef forward(token):\n    a.note(token)\n    return a.relay(token)\n"
    )
    age(*(tmp_path / "pkg").iterdir())
    index = index_for(str(tmp_path))
    for _ in range(3):
        index.begin()
        relay = index.function("pkg.a.relay")
        assert relay is not None and "token" in relay.param_sinks  # logged through b, then a
    assert index.errors == []
    # and a run that checks every module again, in the same process, analyses each of them
    for _ in range(2):
        result = api.check_paths([str(tmp_path)], Settings(root=str(tmp_path)), cache=False, jobs=1)
        assert [(f.path, f.code) for f in result.findings] == [("pkg/a.py", "NHL404")]  # note() logs it

