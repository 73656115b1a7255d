"""The README's install, pre-commit, GitHub Action and GitLab CI steps, run as a user runs them.

The one change made to them: the repository's address (nhilint.home.REPOSITORY_URL) is replaced
by a local clone of this checkout, so the tests run offline against the committed code. These
are `slow`: each builds nhilint into a fresh virtualenv (pip needs the package index).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from nhilint.home import REPOSITORY_URL
from tests.helpers import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]

README = (ROOT / "README.md").read_text(encoding="utf-8")
DEMO = ROOT / "fixtures" / "demo"


def section(heading: str) -> str:
    return re.split(r"\n#{2,3} ", README.split(heading, 1)[1], maxsplit=1)[0]


def blocks(text: str, language: str) -> List[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


@pytest.fixture
def env(tmp_path: Path) -> Dict[str, str]:
    (tmp_path / "gitconfig").write_text("[user]\n\tname = t\n\temail = t@t.invalid\n[commit]\n\tgpgsign = false\n")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV"))}
    clean.update(GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"), GIT_CONFIG_NOSYSTEM="1",
                 PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    return clean


@pytest.fixture
def clone(tmp_path: Path, env: Dict[str, str]) -> Path:
    """A local clone of this checkout's committed HEAD: the repository a user would name."""
    inside = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=ROOT, env=env, capture_output=True, text=True)
    if inside.returncode != 0 or Path(inside.stdout.strip()).resolve() != ROOT.resolve():
        pytest.skip("the source tree is not the root of a git checkout")
    target = tmp_path / "nhilint-clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], env=env, check=True, capture_output=True)
    return target


def head(repo: Path, env: Dict[str, str]) -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def sh(command: str, cwd: Path, env: Dict[str, str]) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture
def venv(tmp_path: Path, env: Dict[str, str]) -> Dict[str, str]:
    """A fresh virtualenv first on PATH, as `image: python:3.12` or setup-python gives a job."""
    target = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
    # a current pip, as python:3.12 images and setup-python have (the pip bundled with an older
    # Python refuses `git+file:` URLs, which stand in for the repository's https address here)
    subprocess.run([str(target / "bin" / "python"), "-m", "pip", "install", "-q", "--upgrade", "pip"],
                   check=True, capture_output=True, timeout=600)
    return dict(env, PATH=f"{target / 'bin'}{os.pathsep}{env.get('PATH', '')}", VIRTUAL_ENV=str(target))


def project(tmp_path: Path, env: Dict[str, str]) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DEMO, target)
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "demo"]):
        subprocess.run(["git", *args], cwd=target, env=env, check=True, capture_output=True)
    return target


def test_pre_commit_snippet_pins_a_commit_and_blocks_the_finding(tmp_path, env, clone):
    hook_section = section("### As a pre-commit hook")
    [config] = blocks(hook_section, "yaml")
    [commands] = blocks(hook_section, "bash")
    repo = project(tmp_path, env)
    (repo / ".pre-commit-config.yaml").write_text(config.replace(REPOSITORY_URL, str(clone)))
    pre_commit = f"{sys.executable} -m pre_commit"
    lines = [line.replace(REPOSITORY_URL, str(clone)).replace("pre-commit ", f"{pre_commit} ", 1)
             for line in commands.strip().splitlines()]
    update = sh(lines[0], repo, env)
    assert update.returncode == 0, update.stdout + update.stderr
    [pinned] = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"]
    assert pinned["rev"] == head(clone, env)  # a commit the repository has
    run = sh(lines[1], repo, env)
    assert run.returncode == 1, run.stdout + run.stderr
    assert re.search(r"orders_service/\S+\.py:\d+:\d+: NHL\d{3} ", run.stdout), run.stdout


def test_gitlab_snippet_installs_by_url_and_writes_both_reports(tmp_path, venv, clone):
    [job] = blocks(section("### In CI"), "yaml")[1:]
    script = yaml.safe_load(job)["nhilint"]["script"]
    assert script[0].startswith('pip install "nhilint @ git+' + REPOSITORY_URL)
    repo = project(tmp_path, venv)
    install = sh(script[0].replace(REPOSITORY_URL, f"file://{clone}"), repo, venv)
    assert install.returncode == 0, install.stdout + install.stderr
    check = sh(script[1], repo, venv)
    assert check.returncode == 1, check.stdout + check.stderr
    assert re.search(r"^orders_service/\S+\.py:\d+:\d+: NHL\d{3} ", check.stdout, flags=re.M)
    quality = json.loads((repo / "gl-code-quality-report.json").read_text())
    sast = json.loads((repo / "gl-sast-report.json").read_text())
    assert quality and len(sast["vulnerabilities"]) == len(quality)
    # pip recorded the commit it installed (PEP 610): the rule links name it, a revision the
    # repository has (no release is tagged yet)
    links = {identifier["url"] for vulnerability in sast["vulnerabilities"]
             for identifier in vulnerability["identifiers"] if identifier["type"] == "nhilint_rule_id"}
    assert links and all(link.startswith(f"{REPOSITORY_URL}/blob/{head(clone, venv)}/docs/rules.md#nhl")
                         for link in links), links


def downloaded_action(tmp_path: Path, clone: Path, env: Dict[str, str]) -> Path:
    """The action as GitHub fetches it for `uses: owner/repo@ref`: the files at the ref, no history."""
    target = tmp_path / "action"
    target.mkdir()
    archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=clone, env=env, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def test_the_action_installs_from_its_ref_and_writes_sarif_and_annotations(tmp_path, venv, clone):
    action_path = downloaded_action(tmp_path, clone, venv)
    action = yaml.safe_load((action_path / "action.yml").read_text())
    steps = {step.get("name", step.get("uses", "")): step for step in action["runs"]["steps"]}
    repo = project(tmp_path, venv)
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    outputs = tmp_path / "github_output"
    env = dict(venv, GITHUB_ACTION_PATH=str(action_path), GITHUB_OUTPUT=str(outputs))
    install = sh(steps["Install nhilint from this action's ref"]["run"], repo, env)
    assert install.returncode == 0, install.stdout + install.stderr
    check_step = steps["Check"]
    for key, value in check_step["env"].items():  # `${{ inputs.name }}`, as the runner expands it
        env[key] = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], value)
    check = sh(check_step["run"], repo, env)
    assert check.returncode == 0, check.stdout + check.stderr  # findings fail the job later, after the upload
    assert outputs.read_text().strip() == "exit-code=1"
    assert re.search(r"^::(error|warning|notice) file=orders_service/", check.stdout, flags=re.M)
    sarif = json.loads((repo / inputs["sarif-file"]).read_text())
    assert sarif["runs"][0]["results"]
    # the download has no history and 0.1.0 no release tag: no rule link names a revision the
    # repository may not have; the documentation is in the SARIF, which GitHub shows
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules and not any("helpUri" in rule for rule in rules), rules[0].get("helpUri")
    assert all(rule["help"]["markdown"].startswith(f"# {rule['id']} ") for rule in rules)
    assert steps["Fail on findings"]["if"] == "steps.check.outputs.exit-code == '1'"
