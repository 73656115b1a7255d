"""A check follows the modules named by the first MAX_MODULES import statements of the project's
modules in its module's text (issue 14's bounds): a module that calls into hundreds of others
stays a bounded check; which modules are followed is a fact of the text, never of the order in
which the analysis asks (set iteration changes with the hash seed from run to run), and a cached
run still equals a `--no-cache` one."""

from __future__ import annotations

from pathlib import Path
from typing import List, Sequence, Tuple

from nhilint import api
from nhilint.ftypes import Settings
from nhilint.project import index
from tests.helpers import write_project
from tests.test_project_cache import age

OPTIONS = 'DECODE_OPTIONS = {"verify_aud": False}\n'


def _main(count: int, order: Sequence[int] = ()) -> str:
    """Imports options0.. in that order; the decodes use them in `order` (the same by default)."""
    imports = "".join(f"from app.options{n} import DECODE_OPTIONS as OPTIONS_{n}\n" for n in range(count))
    decodes = "".join(
        f"\n\ndef verify_{n}(token, key):\n"
        f'    return jwt.decode(token, key, algorithms=["RS256"], options=OPTIONS_{n})\n'
        for n in (order or range(count))
    )
    return "import jwt\n\n" + imports + decodes


def _project(root: Path, count: int, order: Sequence[int] = ()) -> Path:
    modules = {f"options{n}": OPTIONS for n in range(count)}
    modules["main"] = _main(count, order)
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


def test_past_the_bound_the_first_modules_imported_are_followed(tmp_path, monkeypatch):
    monkeypatch.setattr(index, "MAX_MODULES", 2)
    root = _project(tmp_path, 4)
    # the options of the first two imports are read; the other two modules are not: their
    # decodes still bind no audience, but nothing is said of options nhilint did not read
    assert _findings(root, cache=False) == [
        (10, "NHL101", True), (14, "NHL101", True), (18, "NHL101", False), (22, "NHL101", False),
    ]


def test_past_the_bound_the_order_of_asking_does_not_choose(tmp_path, monkeypatch):
    """The decodes ask about options3, 2, 1, 0 in that order: still the modules of the first two
    imports are the ones read (a bound counting the modules as asked about would read options3
    and options2; the analysis's order of asking changes from run to run)."""
    monkeypatch.setattr(index, "MAX_MODULES", 2)
    root = _project(tmp_path, 4, order=(3, 2, 1, 0))
    assert _findings(root, cache=False) == [
        (10, "NHL101", False), (14, "NHL101", False), (18, "NHL101", True), (22, "NHL101", True),
    ]


def test_past_the_bound_a_cached_run_equals_a_run_without_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(index, "MAX_MODULES", 2)
    root = _project(tmp_path, 4)
    uncached = _findings(root, cache=False)
    assert _findings(root, cache=True) == uncached  # fills the cache (the exports of options0..3)
    assert _findings(root, cache=True) == uncached  # from it


def test_a_part_of_another_module_follows_that_modules_first_imports(tmp_path, monkeypatch):
    """The options reach the decodes through two functions of one module, each returning the
    options of another module: a part of that module's export follows the modules of its
    first MAX_PART_MODULES imports of the project (`jwt` takes no rank), whichever part asks
    first; the checked module itself follows its own first MAX_MODULES."""
    monkeypatch.setattr(index, "MAX_PART_MODULES", 1)
    write_project(tmp_path, {
        "options0": OPTIONS,
        "options1": OPTIONS,
        "combined": "import jwt\nfrom app.options0 import DECODE_OPTIONS as FIRST\nfrom app.options1 import DECODE_OPTIONS as SECOND\n\n"
                    "def first():\n    return FIRST\n\n\ndef second():\n    return SECOND\n",
        "main": "import jwt\n\nfrom app.combined import first, second\n\n\n"
                "def verify_second(token, key):\n"
                '    return jwt.decode(token, key, algorithms=["RS256"], options=second())\n\n\n'
                "def verify_first(token, key):\n"
                '    return jwt.decode(token, key, algorithms=["RS256"], options=first())\n',
    })
    age(*(tmp_path / "app").iterdir())
    assert _findings(tmp_path, cache=False) == [(7, "NHL101", False), (11, "NHL101", True)]
    assert _findings(tmp_path, cache=True) == _findings(tmp_path, cache=False)


def test_a_reexport_is_followed_among_the_first_imports_of_the_module_reexporting_it(tmp_path, monkeypatch):
    """`from app.api import OPTIONS_1` with app/api.py re-exporting it from options1: the
    re-export is followed (within the bound of api's imports, not a part's)."""
    monkeypatch.setattr(index, "MAX_PART_MODULES", 1)
    write_project(tmp_path, {
        "options0": OPTIONS,
        "options1": OPTIONS,
        "api": "from app.options0 import DECODE_OPTIONS as OPTIONS_0\nfrom app.options1 import DECODE_OPTIONS as OPTIONS_1\n",
        "main": "import jwt\n\nfrom app.api import OPTIONS_1\n\n\n"
                "def verify(token, key):\n"
                '    return jwt.decode(token, key, algorithms=["RS256"], options=OPTIONS_1)\n',
    })
    age(*(tmp_path / "app").iterdir())
    assert _findings(tmp_path, cache=False) == [(7, "NHL101", True)]


_SETTINGS = 'import os\n\nBOT_TOKEN = os.environ["BOT_TOKEN"]\n'
_GITHUB = (
    "import requests\n\nfrom app.settings import BOT_TOKEN\n\n\n"
    "def sync():\n"
    '    return requests.get("https://api.github.com/repos", headers={"Authorization": f"token {BOT_TOKEN}"}, timeout=5)\n'
)
_PAGING = (
    "import requests\n\nfrom app.settings import BOT_TOKEN\n\n\n"
    "def page():\n"
    '    return requests.post("https://api.pagerduty.com/incidents", headers={"Authorization": f"Token token={BOT_TOKEN}"}, timeout=5)\n'
)


def _sharing(root: Path, mentions: int) -> List[str]:
    """NHL302 across modules, with `mentions` more modules naming the setting in a comment."""
    modules = {"settings": _SETTINGS, "github_sync": _GITHUB, "paging": _PAGING}
    modules.update({f"note{n}": f"# BOT_TOKEN is read in settings\nVALUE = {n}\n" for n in range(mentions)})
    root.mkdir()
    write_project(root, modules)
    result = api.check_paths([str(root / "app" / "paging.py")], Settings(root=str(root)), cache=False, jobs=1)
    return [f.code for f in result.findings]


def test_a_question_over_the_whole_project_reads_a_bounded_number_of_modules(tmp_path):
    # the credential given to GitHub in one module and to PagerDuty in another: reported
    assert _sharing(tmp_path / "few", 3) == ["NHL302"]
    # a name more than MAX_MENTIONING other modules hold is not followed through all of them
    # (each would be parsed and summarised): silent, rather than slow
    assert _sharing(tmp_path / "many", index.MAX_MENTIONING + 1) == []
