"""Every package of the source tree is listed for setuptools, so `pip install .` ships it."""

from __future__ import annotations

import sys

from tests.helpers import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def test_every_package_is_listed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(("nhilint",) + p.parent.relative_to(ROOT / "nhilint").parts)
             for p in (ROOT / "nhilint").rglob("__init__.py")}
    found |= {".".join(("nhilint", "rules") + p.parent.relative_to(ROOT / "rules").parts)
              for p in (ROOT / "rules").rglob("__init__.py")}
    assert found == listed
    assert config["package-dir"] == {"nhilint.rules": "rules"}
