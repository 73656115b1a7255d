"""The export cache (issue 14): a pre-commit run on one changed file reads what the modules it
imports offer from `.nhilint_cache/` and parses that file alone; an export is used only while
the modules it was built from are unchanged, and only if it carries our key."""

from __future__ import annotations

from pathlib import Path
from typing import List

import libcst
import pytest

from nhilint import api
from nhilint.ftypes import Settings
from nhilint.project import index as project_index

from tests.helpers import write_project
from tests.test_project_cache import SETTINGS, VIEWS, age, make_project

Seen = List[tuple]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


@pytest.fixture
def parsed(monkeypatch) -> List[bytes]:
    """The sources libcst parses."""
    seen: List[bytes] = []
    real = libcst.parse_module

    def spy(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(libcst, "parse_module", spy)
    return seen


def new_process() -> None:
    """What a new `nhilint` process starts with: no index in memory."""
    project_index._indexes.clear()


def check(root: Path, paths: List[str], cache: bool) -> Seen:
    result = api.check_paths([str(root / p) for p in paths], Settings(root=str(root)), cache=cache, jobs=1)
    return sorted((f.path, f.start.line, f.code) for f in result.findings)


def edit_views(root: Path) -> None:
    views = root / "app" / "views.py"
    views.write_text(VIEWS + "\n# edited\n")
    age(views)


def test_a_run_on_one_changed_file_parses_that_file_alone(project, parsed):
    check(project, ["app"], cache=True)  # the project's first run fills the cache
    edit_views(project)
    new_process()
    parsed.clear()
    found = check(project, ["app/views.py"], cache=True)
    assert parsed == [(project / "app" / "views.py").read_bytes()]
    assert ("app/views.py", 6, "NHL203") in found  # the verifier in app/auth.py, from the cache
    new_process()
    assert found == check(project, ["app/views.py"], cache=False)


def test_without_a_cache_the_imported_module_is_parsed(project, parsed):
    edit_views(project)
    new_process()
    found = check(project, ["app/views.py"], cache=False)
    assert (project / "app" / "auth.py").read_bytes() in parsed
    assert ("app/views.py", 6, "NHL203") in found


def test_an_export_built_from_a_module_since_changed_is_built_again(project, parsed):
    check(project, ["app"], cache=True)
    settings = project / "app" / "settings.py"
    settings.write_text(SETTINGS.replace('"verify_aud": False', '"verify_aud": True') + "\nTTL = 300\n")
    age(settings)
    # auth.py's export was built from settings.py as it was: not used, auth.py is read again
    assert_auth_read_again(project, parsed)


def test_an_export_not_made_with_our_key_is_not_used(project, parsed, monkeypatch):
    check(project, ["app"], cache=True)
    exports = list((project / ".nhilint_cache").glob("exports-*/*.json"))
    assert exports
    for file in exports:  # a forged export: the verifier's place moved, the MAC left as it was
        file.write_bytes(file.read_bytes().replace(b'"line":', b'"line":1'))
    assert_auth_read_again(project, parsed)
    # and exports made with another key are not used either
    monkeypatch.setenv("NHILINT_CACHE_KEY", "another key of at least thirty-two characters")
    assert_auth_read_again(project, parsed)


def assert_auth_read_again(project: Path, parsed: List[bytes]) -> None:
    """A run on views.py (changed) does not use auth.py's cached export, and reports what a
    run without the cache reports."""
    edit_views(project)
    new_process()
    parsed.clear()
    found = check(project, ["app/views.py"], cache=True)
    assert (project / "app" / "auth.py").read_bytes() in parsed
    new_process()
    assert found == check(project, ["app/views.py"], cache=False)


PROJECTS = Path(__file__).resolve().parent.parent / "fixtures" / "projects"


@pytest.mark.parametrize("name", sorted(p.name for p in PROJECTS.iterdir() if p.is_dir()))
def test_an_export_computed_in_full_reads_back_the_same(name):
    """Every value of every module of the fixture projects, written as the cache writes it and
    read back: the same export (what `store` cannot write it would skip without a word)."""
    import json

    from nhilint.project.exports import from_json
    from nhilint.project.index import ProjectIndex
    from nhilint.project.parses import parse_live

    root = PROJECTS / name
    index = ProjectIndex(root, parse_live)
    kept = 0
    for path in sorted(root.rglob("*.py")):
        index.begin()
        export = index.export_at(path)
        assert export is not None
        for values in (export.constants, export.functions):
            for key in values:
                values.get(key)
        for cls in export.classes.values():
            assert isinstance(cls.bases, tuple)
            for values in (cls.methods, cls.attributes):
                for key in values:
                    values.get(key)
        for function in [*export.functions.values(), *(m for c in export.classes.values() for m in c.methods.values())]:
            assert isinstance(function.returns, tuple)  # its summary, computed
            assert isinstance(function.stores, tuple)  # the caches it keeps its parameters in, computed
        assert isinstance(export.mints, tuple)
        written = export.to_json()
        assert written["computed"]["functions"] or written["computed"]["constants"] or not export.functions
        assert from_json(json.loads(json.dumps(written))).to_json() == written
        kept += sum(bool(f["stores"]) for f in written["computed"]["functions"].values())
    assert index.errors == []
    if name == "nhl2_verdict_store_helper":
        assert kept == 3  # remember_client, remember_client_for_good, remember_profile


def test_no_secret_is_kept_of_another_module(tmp_path):
    """What one module offers others, and the export cache on disk, hold no secret's value:
    the cache may be restored from a CI cache or copied about (README: never a secret)."""
    import json

    secret, weak, url_password = "django-insecure-8f3kq2vz7x1m9w4p0c6r", "hunter2", "pw4postgres"
    settings = (
        f'SECRET_KEY = "{secret}"\nDB_PASSWORD = "{weak}"\n'
        f'DATABASE_URL = "postgres://app:{url_password}@db/app"\n'
        'JWT_ALGORITHM = "HS256"\nMSG_TOKEN_EXPIRED = "token expired: {reason}"\n'
        f'OAUTH = {{"client_secret": "{secret}", "audience": "orders"}}\n'
    )
    auth = (
        "import jwt\n\nfrom app import settings\n\n\ndef verify(token):\n"
        "    return jwt.decode(token, settings.SECRET_KEY, algorithms=[settings.JWT_ALGORITHM],\n"
        "                      audience=settings.OAUTH['audience'])\n\n\n"
        "def describe():\n    return settings.DB_PASSWORD, settings.DATABASE_URL, settings.MSG_TOKEN_EXPIRED\n"
    )
    age(*(write_project(tmp_path, {"settings": settings, "auth": auth}) / "app").iterdir())
    new_process()
    check(tmp_path, ["app"], cache=True)
    export = project_index._indexes[str(tmp_path.resolve())].export_of("app.settings")
    assert export is not None
    assert [name for name in ("SECRET_KEY", "DB_PASSWORD", "DATABASE_URL") if export.constants[name].known] == []
    assert export.constants["JWT_ALGORITHM"].value == "HS256"  # what other modules need stays
    assert export.constants["MSG_TOKEN_EXPIRED"].value == "token expired: {reason}"
    assert export.constants["OAUTH"].value["__dict__"]["audience"] == "orders"
    written = b"".join(f.read_bytes() for f in (tmp_path / ".nhilint_cache").glob("exports-*/*.json"))
    assert b"OAUTH" in written and b"HS256" in written  # the cache was written, with the values it may hold
    for value in (secret, weak, url_password):
        assert value.encode() not in written
    assert json.dumps(export.to_json()).find(secret) == -1
