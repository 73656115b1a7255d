"""Where nhilint's repository lives: the one place its address is written in code.

No other public home for this code is known, so the address is the one the project has used
from the start; if the repository moves, change `REPOSITORY_URL` here (the README's snippets
use the same address, and tests/test_home.py checks that they agree). Documentation links
point at `docs/rules.md` *at this version's tag* (`v0.1.0`), never at a branch, so a link
always shows the rule as this nhilint implements it. The tag is made at release time
(see the README's "Releasing" section); SARIF also carries every rule's whole documentation
(`help.markdown`), and `nhilint explain CODE` shows it offline.
"""

from __future__ import annotations

from nhilint import __version__

REPOSITORY_URL = "https://github.com/nhilint/nhilint"


def release_tag(version: str = __version__) -> str:
    """The git tag of a release: `v` and the version."""
    return f"v{version}"


def rules_doc_url(code: str, version: str = __version__) -> str:
    """The rule's section of docs/rules.md, at the given version's tag."""
    return f"{REPOSITORY_URL}/blob/{release_tag(version)}/docs/rules.md#{code.lower()}"
