"""NHL101 with the project (issue 14 and 15): a token the project mints, of one kind, with the
HMAC secret it verifies with has one audience, wherever in the project it is minted. The verifier
here switches the audience check off, so with no issuer in sight it is reported (its tokens carry
an audience); with the check on and no issuer in sight the code cannot tell, and it is silent."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from nhilint.cli import main
from tests.helpers import write_project

SETTINGS = 'import os\n\nJWT_SECRET = os.environ["JWT_SECRET"]\nOTHER = os.environ["OTHER"]\n'
AUTH = ("import jwt\n\nfrom app.settings import JWT_SECRET\n\n\n"
        "def current_user(token):\n"
        '    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"], options={"verify_aud": False})["sub"]\n')
MINT = ("import datetime\n\nimport jwt\n\nfrom app.settings import {key}\n\n\n"
        "def issue(user_id):\n"
        "    now = datetime.datetime.now(datetime.timezone.utc)\n"
        "{lines}"
        "    return token\n")
ONE_KIND = '    token = jwt.encode({{"sub": user_id, "exp": now + datetime.timedelta(minutes=15)}}, {key}, algorithm="HS256")\n'
TWO_KINDS = (
    '    token = jwt.encode({{"sub": user_id, "kind": "access", "exp": now}}, {key}, algorithm="HS256")\n'
    '    refresh = jwt.encode({{"sub": user_id, "kind": "refresh", "exp": now}}, {key}, algorithm="HS256")\n'
)


def mint(key: str, lines: str) -> str:
    return MINT.format(key=key, lines=lines.format(key=key))


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    write_project(tmp_path, {"settings": SETTINGS, "auth": AUTH})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(*args: str):
    out = CliRunner().invoke(main, ["check", "--output-format", "json", "--select", "NHL101", *args]).stdout
    return [(f["path"], f["start"]["line"], f["message"].split(": ", 1)[1], f["related"]) for f in json.loads(out)]


def write(path: Path, text: str) -> None:
    path.write_text(text)
    past = time.time() - 3600  # an mtime the result cache's fast path trusts
    os.utime(path, (past, past))


def test_no_issuer_in_sight_is_reported_when_the_check_is_off(project):
    assert [f[:2] for f in findings("--no-cache")] == [("app/auth.py", 7)]


def test_no_issuer_in_sight_with_the_check_on_is_not(project):
    write(project / "app" / "auth.py", AUTH.replace(', options={"verify_aud": False}', ""))
    assert findings("--no-cache") == []


def test_the_projects_own_token_of_one_kind_is_not(project):
    write(project / "app" / "tokens.py", mint("JWT_SECRET", ONE_KIND))
    assert findings("--no-cache") == []
    assert findings("--no-cache", "app/auth.py") == []  # one file, as pre-commit checks it


def test_a_token_a_test_mints_is_no_kind_of_the_project(project):
    # a test's fake token under the same secret (the tests folder is checked too)
    write(project / "app" / "tokens.py", mint("JWT_SECRET", ONE_KIND))
    (project / "tests").mkdir()
    write(project / "tests" / "test_auth.py", mint("JWT_SECRET", TWO_KINDS).replace("def issue", "def test_issue"))
    assert findings("--no-cache") == []


def test_a_token_minted_with_another_secret_does_not_count(project):
    write(project / "app" / "tokens.py", mint("OTHER", ONE_KIND))
    assert [f[:2] for f in findings("--no-cache")] == [("app/auth.py", 7)]


def test_two_kinds_under_one_secret_are_reported_with_the_minting_place(project):
    write(project / "app" / "tokens.py", mint("JWT_SECRET", TWO_KINDS))
    [(path, line, why, related)] = findings("--no-cache")
    assert (path, line) == ("app/auth.py", 7)
    assert why.startswith("the same secret signs access, refresh tokens in this project")
    assert related == [{"path": "app/tokens.py", "line": 10, "message": "access tokens are signed with this secret here"}]


def test_the_cache_sees_a_minting_module_come_and_change(project):
    """A project-wide question: any project file may change its answer."""
    assert len(findings()) == 1
    write(project / "app" / "tokens.py", mint("JWT_SECRET", ONE_KIND))
    assert findings() == findings("--no-cache") == []
    write(project / "app" / "tokens.py", mint("JWT_SECRET", TWO_KINDS))
    assert findings() == findings("--no-cache") != []
    (project / "app" / "tokens.py").unlink()
    assert findings() == findings("--no-cache") != []


def test_the_key_imported_under_another_name_or_read_from_its_module_counts(project):
    # the minting module's shape says whether its imports can name the key (may_qualify_to)
    aliased = mint("JWT_SECRET", TWO_KINDS).replace("import JWT_SECRET", "import JWT_SECRET as KEY")
    write(project / "app" / "tokens.py", aliased.replace(", JWT_SECRET,", ", KEY,"))
    assert [f[:2] for f in findings("--no-cache")] == [("app/auth.py", 7)]
    through_module = mint("JWT_SECRET", TWO_KINDS).replace("from app.settings import JWT_SECRET", "from app import settings")
    write(project / "app" / "tokens.py", through_module.replace(", JWT_SECRET,", ", settings.JWT_SECRET,"))
    [(_, _, why, _)] = findings("--no-cache")
    assert why.startswith("the same secret signs access, refresh tokens in this project")


def test_a_module_that_imports_the_key_only_inside_a_function_mints_with_a_name_of_its_own(project):
    # `from app.settings import JWT_SECRET` inside the function: `name:JWT_SECRET` there is the
    # module's own name (qualify_key reads module-level imports), as before the shape's test
    inside = mint("JWT_SECRET", TWO_KINDS).replace("from app.settings import JWT_SECRET\n", "")
    inside = inside.replace("    now = ", "    from app.settings import JWT_SECRET\n    now = ")
    write(project / "app" / "tokens.py", inside)
    assert [f[:2] for f in findings("--no-cache")] == [("app/auth.py", 7)]


@pytest.mark.parametrize("key", ["name:SECRET", "name:KEY", "attr:settings.SECRET", "attr:conf.SECRET",
                                 "attr:django_settings.SECRET_KEY", "attr:self.key", "env:JWT_SECRET",
                                 "attr:settings.a.b", "call:signing_key", "literal:abc"])
@pytest.mark.parametrize("imports", [
    {}, {"KEY": "app.settings.SECRET"}, {"SECRET": "app.settings.SECRET"}, {"settings": "app.settings"},
    {"conf": "app.conf"}, {"django_settings": "django.conf.settings"},
])
def test_may_qualify_to_is_true_wherever_qualify_key_gives_the_key(key, imports):
    from types import SimpleNamespace

    from nhilint.project.build import qualify_key
    from nhilint.project.key_imports import may_qualify_to

    qualified = qualify_key(SimpleNamespace(imports=imports, module_name="app.tokens"), key)
    assert may_qualify_to(qualified, "app.tokens", imports)


def test_may_qualify_to_is_false_where_no_import_names_the_key():
    from nhilint.project.key_imports import may_qualify_to

    assert not may_qualify_to("module:app.settings.SECRET", "app.tokens", {"other": "app.other"})
    assert not may_qualify_to("setting:SECRET_KEY", "app.tokens", {"settings": "app.settings"})
    assert may_qualify_to("module:app.tokens.SECRET", "app.tokens", {})  # its own module-level name
