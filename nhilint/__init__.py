"""nhilint: a linter for token misuse (OWASP Non-Human Identity guidance)."""

__version__ = "0.1.0"

# The rule pack lives in the top-level `rules/` folder and is installed as `nhilint.rules`
# (a setuptools package-dir mapping). When this source folder itself is imported without that
# mapping (`python -m nhilint` at the root of a checkout), find the pack beside it.
import os as _os

_here = _os.path.dirname(_os.path.abspath(__file__))
_checkout = _os.path.dirname(_here)
if not _os.path.isdir(_os.path.join(_here, "rules")) and _os.path.isfile(
    _os.path.join(_checkout, "rules", "__init__.py")
):
    __path__.append(_checkout)  # type: ignore[name-defined]
