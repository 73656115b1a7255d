"""The rank of each project module a module's text imports (nhilint.project.import_ranks): the
fact a check's breadth bound goes by, whatever order the analysis asks in."""

from __future__ import annotations

from nhilint.project.import_ranks import import_ranks

PROJECT = ("app", "app.a", "app.b", "app.c", "app.sub", "app.sub.d", "app.sub.e")


def _ranks(text: str, module: str = "app.main", is_package: bool = False):
    return import_ranks(text.encode(), module, is_package, lambda name: name in PROJECT)


def test_project_modules_rank_in_the_order_their_statements_stand():
    ranks = _ranks("import os\nimport jwt\nfrom app import b\nimport app.a\n\n\ndef f():\n    from app.sub import d\n")
    # a library's import takes no rank; `from app import b` imports the package, then its module b
    assert [ranks.rank(name) for name in ("os", "jwt", "app", "app.b", "app.a", "app.sub", "app.sub.d")] == [
        None, None, 0, 1, 2, 3, 4,
    ]


def test_relative_imports_are_made_absolute():
    ranks = _ranks("from .sub import d, e\nfrom . import c\nfrom .. import x\n", module="app.main")
    assert [ranks.rank(name) for name in ("app.sub", "app", "app.sub.d", "app.sub.e", "app.c")] == [0, 0, 1, 2, 3]
    assert _ranks("from . import a\n", module="app", is_package=True).rank("app.a") == 1


def test_a_module_under_an_imported_package_takes_the_packages_rank():
    ranks = _ranks("import app.b\nimport app\n")
    assert ranks.rank("app.sub.d") == 0  # read as an attribute of `app`, ranked by `import app.b`
    assert _ranks("import jwt\n").rank("app.a") is None  # named by no import: ranked elsewhere


def test_several_names_parentheses_and_aliases():
    ranks = _ranks("from app.sub import (d,\n    e)\nimport app.a as first, app.b\n")
    # the names on the lines after the parenthesis are not read: they rank with their package
    assert [ranks.rank(name) for name in ("app.sub", "app.sub.d", "app.sub.e", "app.a", "app.b")] == [0, 1, 0, 2, 3]
