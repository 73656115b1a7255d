"""One address for the repository, versioned documentation links, and snippets that agree."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import yaml

from nhilint import __version__
from nhilint.home import REPOSITORY_URL, rules_doc_url
from nhilint.registry import rules_by_code
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_documentation_links_point_at_the_versions_tag_never_a_branch():
    meta = rules_by_code()["NHL101"].meta()
    assert meta.url == f"{REPOSITORY_URL}/blob/v{__version__}/docs/rules.md#nhl101" == rules_doc_url("NHL101")
    for branch in ("/main/", "/master/", "/HEAD/"):
        assert branch not in meta.url
    anchors = re.findall(r'<a id="([a-z0-9]+)"></a>', (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"))
    assert all(rule.meta().url.rsplit("#", 1)[1] in anchors for rule in rules_by_code().values())


def test_the_address_is_written_once_in_the_code():
    # the repository's address, not its host: rule docs may cite GitHub's own documentation
    owner_repo = urlparse(REPOSITORY_URL).path.strip("/")
    for path in (ROOT / "nhilint").rglob("*.py"):
        if path.name != "home.py":
            assert owner_repo not in path.read_text(encoding="utf-8"), path


def test_every_snippet_names_the_same_repository():
    owner_repo = urlparse(REPOSITORY_URL).path.strip("/")
    urls = set(re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", README))
    assert urls == {REPOSITORY_URL}, urls
    action_uses = re.findall(r"uses: ([\w.-]+/[\w.-]+)@", README)
    ours = [uses for uses in action_uses if uses.split("/")[0] not in ("actions", "github")]
    assert ours == [owner_repo]


def test_the_action_installs_from_its_own_ref_and_uploads_with_the_current_major():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert 'pip install --disable-pip-version-check --quiet "$GITHUB_ACTION_PATH"' in runs
    assert runs.count("nhilint check ") == 1  # one run for both reports
    assert '--output-format "sarif:$NHILINT_SARIF" --output-format github' in runs
    uploads = [step["uses"] for step in steps if "upload-sarif" in step.get("uses", "")]
    assert uploads == ["github/codeql-action/upload-sarif@v4"]
    assert "upload-sarif@v3" not in README and "pip install nhilint\n" not in README
    json.dumps(action)  # plain data: no YAML-only types
