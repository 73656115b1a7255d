"""One address for the repository, versioned documentation links, and snippets that agree."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from nhilint import __version__
from nhilint import home
from nhilint.home import REPOSITORY_URL, rules_doc_url, source_revision
from nhilint.registry import rules_by_code
from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _git(cwd: Path, *args: str) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def test_documentation_links_point_at_the_code_s_commit_never_a_branch():
    """Run from this checkout (as the test suite is), a link names the checkout's commit: a
    revision the repository has, unlike a release tag made only at release (`git tag` lists none)."""
    meta = rules_by_code()["NHL101"].meta()
    is_checkout = shutil.which("git") and (ROOT / ".git").exists()
    if not is_checkout:
        pytest.skip("the suite runs from a checkout (.ci/run, the README's command)")
    revision = _git(ROOT, "rev-parse", "HEAD")
    assert meta.url == f"{REPOSITORY_URL}/blob/{revision}/docs/rules.md#nhl101" == rules_doc_url("NHL101")
    for branch in ("/main/", "/master/", "/HEAD/"):
        assert branch not in meta.url
    anchors = re.findall(r'<a id="([a-z0-9]+)"></a>', (ROOT / "docs" / "rules.md").read_text(encoding="utf-8"))
    assert all(rule.meta().url.rsplit("#", 1)[1] in anchors for rule in rules_by_code().values())


@pytest.fixture
def fresh_revision():
    source_revision.cache_clear()
    yield
    source_revision.cache_clear()


COMMIT = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize("recorded, expected", [
    ({"url": "https://github.com/x/y", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}, COMMIT),  # pip's git+URL
    # not a commit: no link, as long as this version was never released (and so has no tag)
    ({"url": "https://github.com/x/y", "vcs_info": {"vcs": "git", "commit_id": "main; rm -rf /"}}, None),
    ({"url": "https://github.com/x/y", "vcs_info": {"vcs": "hg", "commit_id": COMMIT}}, None),
])
def test_an_install_by_url_links_to_the_commit_pip_recorded(monkeypatch, fresh_revision, recorded, expected):
    monkeypatch.setattr(home, "_direct_url", lambda: recorded)
    assert source_revision() == expected
    link = rules_doc_url("NHL405")
    assert link == (f"{REPOSITORY_URL}/blob/{expected}/docs/rules.md#nhl405" if expected else None)


@pytest.fixture
def nothing_known(monkeypatch, fresh_revision):
    """nhilint as the GitHub Action or a wheel runs it: not installed by URL, not a checkout."""
    monkeypatch.setattr(home, "_direct_url", lambda: {})
    monkeypatch.setattr(home, "_checkout_commit", lambda root: None)


def test_without_a_known_revision_a_version_never_released_has_no_link(nothing_known):
    assert __version__ not in home.RELEASED  # 0.1.0 is not released: no tag v0.1.0 exists
    assert source_revision() is None
    assert rules_doc_url("NHL101") is None and rules_by_code()["NHL101"].meta().url is None


def test_without_a_known_revision_a_released_version_links_to_its_tag(nothing_known, monkeypatch):
    monkeypatch.setattr(home, "RELEASED", (__version__,))
    assert source_revision() == f"v{__version__}"
    assert rules_doc_url("NHL101") == f"{REPOSITORY_URL}/blob/v{__version__}/docs/rules.md#nhl101"


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs the git checkout")
def test_every_version_called_released_has_its_tag_in_the_repository():
    """A tag named in RELEASED must be one the repository has: a link names it. (Run from a
    clone with its tags, as `git clone` makes.)"""
    tags = set(_git(ROOT, "tag", "--list").split())
    missing = [home.release_tag(version) for version in home.RELEASED if home.release_tag(version) not in tags]
    assert not missing, f"RELEASED names versions the repository has no tag for: {missing}"


def test_outputs_without_a_link_still_carry_the_documentation(nothing_known, tmp_path, monkeypatch):
    """What a user of the Action or a wheel sees: no dead link, and the rule's documentation
    where the format has room for it (SARIF's help, which GitHub shows)."""
    import jsonschema
    from click.testing import CliRunner

    from nhilint.cli import main
    from nhilint.docs import doc_text

    (tmp_path / "bad.py").write_text("import jwt\n\n\ndef claims(token, key):\n"
                                     "    return jwt.decode(token, key, algorithms=['RS256'])\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--output-format", "sarif:out.sarif",
                                       "--output-format", "json:out.json", "--output-format",
                                       "gitlab-sast:out-sast.json", "bad.py"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    sarif = json.loads((tmp_path / "out.sarif").read_text())
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert not any("helpUri" in rule for rule in rules.values())
    assert rules["NHL101"]["help"]["markdown"] == doc_text(rules_by_code()["NHL101"].meta())
    schema = ROOT.parent / "shared" / "schemas" / "sarif-2.1.0.json"
    if schema.is_file():
        jsonschema.validate(sarif, json.loads(schema.read_text(encoding="utf-8")))
    [finding] = json.loads((tmp_path / "out.json").read_text())
    assert finding["url"] is None
    [vulnerability] = json.loads((tmp_path / "out-sast.json").read_text())["vulnerabilities"]
    assert vulnerability["identifiers"][0] == {"type": "nhilint_rule_id", "name": "NHL101 jwt-decode-without-audience",
                                               "value": "NHL101"}
    assert "/blob/" not in (tmp_path / "out.sarif").read_text() + (tmp_path / "out-sast.json").read_text()


def _repository(path: Path, *files: str) -> str:
    path.mkdir(parents=True, exist_ok=True)
    _git(path, "init", "-q")
    for name in files:
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text("")
    _git(path, "add", "-A")
    _git(path, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "-c", "commit.gpgsign=false",
         "commit", "-q", "--allow-empty", "-m", "one")
    return _git(path, "rev-parse", "HEAD")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_checkout_s_commit_only_when_the_checkout_is_nhilint_s(tmp_path):
    commit = _repository(tmp_path / "nhilint-checkout", "nhilint/home.py")
    assert home._checkout_commit(tmp_path / "nhilint-checkout") == commit
    # a virtualenv inside the user's project: the project's commit is not nhilint's
    _repository(tmp_path / "project", ".venv/lib/site-packages/nhilint/home.py")
    assert home._checkout_commit(tmp_path / "project" / ".venv" / "lib" / "site-packages") is None
    _repository(tmp_path / "other", "README.md")
    assert home._checkout_commit(tmp_path / "other") is None
    assert home._checkout_commit(tmp_path / "not-a-repository") is None


def test_the_working_directory_cannot_choose_the_revision(tmp_path, monkeypatch):
    """The checked tree is the working directory: a dist-info planted there is never read."""
    planted = tmp_path / f"nhilint-{__version__}.dist-info"
    planted.mkdir()
    (planted / "direct_url.json").write_text(json.dumps({"url": "x", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", ["", "."])
    assert home._direct_url() == {}


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


def test_the_editor_gets_no_rule_link_without_a_known_revision(nothing_known):
    pytest.importorskip("pygls")
    from pygls.workspace import TextDocument

    from nhilint.engine import check_source
    from nhilint.server import _diagnostic
    from tests.helpers import plan

    source = "import jwt\n\n\ndef claims(token, key):\n    return jwt.decode(token, key, algorithms=['RS256'])\n"
    [finding] = check_source(source.encode(), "bad.py", plan(["NHL101"])).findings
    document = TextDocument("file:///tmp/bad.py", source)
    diagnostic = _diagnostic(finding, source.splitlines(), document)
    assert diagnostic.code == "NHL101" and diagnostic.code_description is None
