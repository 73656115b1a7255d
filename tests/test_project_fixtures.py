"""Multi-module fixture projects (issue 14): each project under fixtures/projects/ is checked as a
whole, and the exact multiset of (file, line, code) equals its `# expect:` annotations.

A case the analysis misses is annotated `# expect-missing: CODE reason` instead: it is a known
gap, listed as an xfail with its reason, and the run must not report it (when it starts to,
the annotation becomes `# expect:`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Counter as CounterType, List, Tuple

import pytest
from click.testing import CliRunner

from nhilint.api import check_paths
from nhilint.cli import main
from nhilint.config import load_settings, rule_option_types
from nhilint.project.index import index_for
from nhilint.rule_index import rule_entries
from tests.helpers import FIXTURES, expected_pairs, findings

PROJECTS = sorted(p for p in (FIXTURES / "projects").iterdir() if (p / "nhilint.toml").is_file())
_MISSING = re.compile(r"#\s*expect-missing:\s*(NHL\d{3})\s+(\S.*)$")

Site = Tuple[str, int, str]  # project-relative path, line, code


def _sources(project: Path) -> List[Path]:
    return sorted(project.rglob("*.py"))


def expected_sites(project: Path) -> CounterType[Site]:
    expected: CounterType[Site] = Counter()
    for path in _sources(project):
        relative = path.relative_to(project).as_posix()
        for (line, code), count in expected_pairs(path.read_text(encoding="utf-8")).items():
            expected[(relative, line, code)] += count
    return expected


def known_gaps(project: Path) -> List[Tuple[Site, str]]:
    gaps = []
    for path in _sources(project):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = _MISSING.search(line)
            if match:
                gaps.append(((path.relative_to(project).as_posix(), number, match.group(1)), match.group(2)))
    return gaps


@lru_cache(maxsize=None)
def _checked(project: Path) -> Tuple[Tuple[Site, ...], Tuple[Tuple[str, str], ...]]:
    """The findings of a whole-project run (root and cwd: the project), and the index's build errors."""
    settings = load_settings(None, project, rule_option_types(rule_entries()), lambda message: None)
    assert Path(settings.root).resolve() == project.resolve()  # its own nhilint.toml, not the repository's
    result = check_paths([str(project)], settings)
    sites = tuple((f.path, f.start.line, f.code) for f in result.findings)
    return sites, tuple(index_for(str(project.resolve())).errors)


def test_there_are_projects_for_every_family():
    """At least two projects per rule family whose pieces can sit in two modules."""
    families: CounterType[str] = Counter(p.name[:4] for p in PROJECTS)
    for family in ("nhl1", "nhl2", "nhl3", "nhl4"):
        assert families[family] >= 2, family


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.name)
def test_project_findings_match_annotations(project, monkeypatch):
    monkeypatch.chdir(project)
    sites, errors = _checked(project)
    assert errors == ()
    expected = expected_sites(project)
    actual = Counter(sites)
    missing = sorted((expected - actual).elements())
    unexpected = sorted((actual - expected).elements())
    assert not missing and not unexpected, f"missing {missing}, unexpected {unexpected}"


@pytest.mark.parametrize("project, site, reason", [
    pytest.param(project, site, reason, id=f"{project.name}/{site[0]}:{site[1]}:{site[2]}")
    for project in PROJECTS for site, reason in known_gaps(project)
])
def test_known_gap(project, site, reason, monkeypatch):
    monkeypatch.chdir(project)
    sites, _ = _checked(project)
    if site in sites:
        pytest.fail(f"{project.name}/{site[0]}:{site[1]} now reports {site[2]}: annotate it `# expect:`")
    pytest.xfail(f"{project.name}: {reason}")


def _concise(output: str) -> CounterType[Site]:
    found: CounterType[Site] = Counter()
    for line in output.splitlines():
        match = re.match(r"^(\S+?):(\d+):\d+: (NHL\d{3})\b", line)
        if match:
            found[(match.group(1), int(match.group(2)), match.group(3))] += 1
    return found


@pytest.mark.parametrize("project_name, changed", [
    ("nhl2_cached_verifier", "app/views.py"),  # the verifier is in app/auth.py
    ("nhl2_verdict_store_helper", "svc/auth.py"),  # the redis writes are in svc/cache_helpers.py
    ("nhl3_inbound_forwarded", "app/middleware.py"),  # the sending helper is in app/downstream.py
    ("nhl4_url_and_log_helpers", "app/sync.py"),  # the token getter is in app/auth.py
    ("nhl3_shared_credential", "app/paging.py"),  # the first use of the credential is in app/github_sync.py
    ("nhl3_environments", "shop/settings/staging.py"),  # production's settings are in their own module
])
def test_one_changed_file_sees_the_rest_of_the_project(project_name, changed, monkeypatch):
    """Pre-commit passes only the staged files: the finding whose other half lives in an
    unchanged module is still reported, and only that file's findings are."""
    project = FIXTURES / "projects" / project_name
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", changed, "--output-format", "concise", "--no-cache"])
    expected = Counter({site: n for site, n in expected_sites(project).items() if site[0] == changed})
    assert expected, "the changed file must hold a cross-module finding"
    assert result.exit_code == 1, result.output
    assert _concise(result.output) == expected


def test_isolated_one_file_run_still_works(monkeypatch):
    """`--isolated` (no config file): the file is still checked, and reports nothing that the
    annotations do not claim."""
    project = FIXTURES / "projects" / "nhl2_cached_verifier"
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["check", "--isolated", "app/views.py", "--output-format", "json", "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    sites = Counter((f["path"], f["start"]["line"], f["code"]) for f in json.loads(result.output))
    assert not sites - expected_sites(project)


def test_a_module_checked_with_no_project_keeps_its_one_file_view():
    """Without the project (a buffer on its own) the module keeps its one-file view: no error,
    and nothing reported that the whole-project run does not report."""
    project = FIXTURES / "projects" / "nhl2_cached_verifier"
    source = (project / "app" / "views.py").read_text(encoding="utf-8")
    found = Counter(("app/views.py", f.start.line, f.code) for f in findings(source, path="-"))
    assert "NHL900" not in {code for _, _, code in found}
    assert not found - expected_sites(project)
