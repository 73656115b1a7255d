"""Where nhilint's repository lives, and which revision of it this nhilint's code is.

The address is the one place it is written in code. No other public home for this code is
known, so it is the one the project has used from the start; if the repository moves, change
`REPOSITORY_URL` here (the README's snippets use the same address, and tests/test_home.py checks
that they agree).

Documentation links (SARIF `helpUri`, JSON `url`, GitLab's rule link, the editor's rule link)
point at `docs/rules.md` at a revision the repository has, never at a branch, so a link shows
the rule as this nhilint implements it: the commit it was installed from by URL (pip records
it, PEP 610: `pip install "nhilint @ git+…@rev"`), else the commit of the checkout it runs or
was installed from (`pip install -e .`, `pip install .`, pre-commit's clone), else this
version's release tag (`v0.1.0`) once the version is released (listed in `RELEASED`, see the
README's "Releasing"). Otherwise (the GitHub Action, which GitHub downloads without history; a
wheel or an sdist of a version never released) no link is given: a link that leads nowhere
helps no one, and the documentation is there anyway: SARIF carries every rule's whole
documentation (`help.markdown`, which GitHub shows), `nhilint explain CODE` shows it offline,
and the editor's hover shows it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path
from typing import Optional, Tuple
from urllib.parse import unquote, urlparse

from nhilint.patterns import compiled_on_first_use
from nhilint import __version__

REPOSITORY_URL = "https://github.com/nhilint/nhilint"
# The versions released so far, each tagged `v<version>` in the repository: a release adds its
# version here in the commit it tags (the README's "Releasing"). None yet, so no link names a tag.
RELEASED: Tuple[str, ...] = ()
_COMMIT = compiled_on_first_use(r"[0-9a-f]{40}")


def release_tag(version: str = __version__) -> str:
    """The git tag of a release: `v` and the version."""
    return f"v{version}"


def rules_doc_url(code: str, revision: Optional[str] = None) -> Optional[str]:
    """The rule's section of docs/rules.md at `revision` (default: this code's, `source_revision`);
    None when no revision the repository has is known."""
    revision = revision or source_revision()
    return f"{REPOSITORY_URL}/blob/{revision}/docs/rules.md#{code.lower()}" if revision else None


def released_tag(version: str = __version__) -> Optional[str]:
    """The version's release tag, when the version was released (so the tag exists)."""
    return release_tag(version) if version in RELEASED else None


@lru_cache(maxsize=1)
def source_revision() -> Optional[str]:
    """The commit this code was installed from or runs from, else its release tag, else None
    (module doc).

    Once a process: a link is built for every finding, and the answer does not change."""
    recorded = _direct_url()
    vcs = recorded.get("vcs_info") if isinstance(recorded.get("vcs_info"), dict) else None
    if vcs is not None:
        commit = vcs.get("commit_id")
        return commit if vcs.get("vcs") == "git" and isinstance(commit, str) and _COMMIT.fullmatch(commit) \
            else released_tag()
    here = Path(__file__).resolve().parents[1]  # a checkout's root when run from source
    source = _local_path(recorded.get("url")) if "dir_info" in recorded else None
    for root in ([here] if source is None or source == here else [source, here]):
        commit = _checkout_commit(root)
        if commit:
            return commit
    return released_tag()


def _direct_url() -> dict:
    """How pip installed nhilint (PEP 610), or {} when not installed or not recorded.

    Read from the dist-info folder itself: importlib.metadata costs ~25 ms to import. Only
    absolute entries of the path: a relative one is the working directory, the tree being
    checked, which must not choose what nhilint reads (nor where it runs git)."""
    name = f"nhilint-{__version__}.dist-info"
    for entry in (str(Path(__file__).resolve().parents[1]), *sys.path):
        if not entry or not os.path.isabs(entry):
            continue
        try:
            data = json.loads((Path(entry) / name / "direct_url.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return data if isinstance(data, dict) else {}
    return {}


def _local_path(url: object) -> Optional[Path]:
    if not isinstance(url, str) or not url.startswith("file://"):
        return None
    return Path(unquote(urlparse(url).path)).resolve()


def _checkout_commit(root: Path) -> Optional[str]:
    """HEAD of `root` when `root` is the top of a git checkout of nhilint itself: not, say, the
    user's project a virtualenv holding nhilint happens to sit in."""
    if not (root / "nhilint" / "home.py").is_file():
        return None
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel", "HEAD"], cwd=root, env=env,
                              capture_output=True, text=True, timeout=10, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):  # no git, or it hangs
        return None
    lines = done.stdout.split()
    if done.returncode != 0 or len(lines) != 2 or not _COMMIT.fullmatch(lines[1]):
        return None
    return lines[1] if Path(lines[0]).resolve() == root else None
