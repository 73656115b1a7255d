"""nhilint as a pre-commit hook, run by the real pre-commit in a throwaway git repository.

The local-hook tests work offline: the hook runs this interpreter's nhilint with the arguments
and file types of our own .pre-commit-hooks.yaml. The `slow` test installs the hook the way a
user's config does (by repository and pinned rev, in pre-commit's own virtualenv), which needs
the package index.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml  # a dependency of pre-commit

from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

BAD = 'import jwt\ndef f(t, k):\n    return jwt.decode(t, k, algorithms=["RS256"])\n'
GOOD = BAD.replace('algorithms=["RS256"]', 'algorithms=["RS256"], audience="orders"')
FINDING = "bad.py:3:12: NHL101 jwt.decode() verifies the signature but binds no audience"
MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def manifest_hook() -> Dict[str, Any]:
    [hook] = [hook for hook in yaml.safe_load(MANIFEST.read_text(encoding="utf-8")) if hook["id"] == "nhilint"]
    return hook


@pytest.fixture
def env(tmp_path: Path) -> Dict[str, str]:
    """Hermetic git and pre-commit: no user or system git config, pre-commit's cache in tmp."""
    (tmp_path / "gitconfig").write_text("")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    clean.pop("NO_COLOR", None)
    clean.update(
        GIT_CONFIG_GLOBAL=str(tmp_path / "gitconfig"),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
    )
    return clean


@pytest.fixture
def repo(tmp_path: Path, env: Dict[str, str]) -> Path:
    path = tmp_path / "repo"
    path.mkdir()
    git(path, env, "init", "-q")
    git(path, env, "config", "user.name", "nhilint tests")
    git(path, env, "config", "user.email", "tests@nhilint.invalid")
    git(path, env, "config", "commit.gpgsign", "false")
    return path


def git(repo: Path, env: Dict[str, str], *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def pre_commit(repo: Path, env: Dict[str, str], *args: str, timeout: float = 120) -> "subprocess.CompletedProcess[str]":
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=timeout)


def write_config(repo: Path, hooks_repo: Dict[str, Any]) -> None:
    # JSON is YAML: no quoting surprises in paths
    (repo / ".pre-commit-config.yaml").write_text(json.dumps({"repos": [hooks_repo]}, indent=2))


def local_hook_repo() -> Dict[str, Any]:
    """Our manifest's hook as a `repo: local` hook on this interpreter, which needs no install."""
    hook = manifest_hook()
    arguments = shlex.split(hook["entry"])
    assert arguments[0] == "nhilint"
    entry = shlex.join([sys.executable, "-m", "nhilint", *arguments[1:]])
    return {"repo": "local", "hooks": [dict(hook, entry=entry, language="system")]}


def hook_output(result: "subprocess.CompletedProcess[str]") -> List[str]:
    """The hook's own lines, after pre-commit's (coloured) header; pty line ends removed."""
    marker = "- exit code: "
    assert marker in result.stdout, result.stdout + result.stderr
    return [line.rstrip("\r") for line in result.stdout.split(marker, 1)[1].splitlines()[1:]]


def test_manifest_is_valid_for_pre_commit(env):
    result = pre_commit(ROOT, env, "validate-manifest", str(MANIFEST))
    assert result.returncode == 0, result.stdout + result.stderr
    hook = manifest_hook()
    assert "--force-exclude" in shlex.split(hook["entry"])  # pre-commit names excluded files
    assert set(hook["types_or"]) == {"python", "pyi", "jupyter"}


@pytest.mark.parametrize("color", ["always", "never"])
def test_local_hook_fails_on_a_finding_concise_and_uncoloured(repo, env, color):
    """`--color always` gives the hook a terminal: PRE_COMMIT=1 must still mean concise, no colour."""
    write_config(repo, local_hook_repo())
    (repo / "bad.py").write_text(BAD)
    git(repo, env, "add", ".")
    assert pre_commit(repo, env, "validate-config").returncode == 0
    result = pre_commit(repo, env, "run", "--color", color, "--files", "bad.py")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = hook_output(result)
    [finding] = [line for line in lines if "NHL101" in line]
    assert finding.startswith(FINDING), lines
    assert not any("\x1b[" in line for line in lines), lines
    assert not any("|" in line for line in lines), lines  # no rich code frame


def test_local_hook_passes_a_clean_file(repo, env):
    write_config(repo, local_hook_repo())
    (repo / "good.py").write_text(GOOD)
    (repo / "notes.txt").write_text(BAD)  # not Python: never handed to the hook
    git(repo, env, "add", ".")
    result = pre_commit(repo, env, "run", "--color", "never", "--files", "good.py", "notes.txt")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_local_hook_honours_excludes_for_named_files(repo, env):
    """pre-commit passes every staged file by name: `--force-exclude` keeps excludes working."""
    write_config(repo, local_hook_repo())
    (repo / "pyproject.toml").write_text('[tool.nhilint]\nextend-exclude = ["legacy"]\n')
    (repo / "legacy").mkdir()
    (repo / "legacy" / "bad.py").write_text(BAD)
    (repo / "stub.pyi").write_text(BAD)
    git(repo, env, "add", ".")
    result = pre_commit(repo, env, "run", "--color", "never", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    [finding] = [line for line in hook_output(result) if "NHL" in line]
    assert finding.startswith("stub.pyi:3:12: NHL101 ")  # legacy/bad.py is excluded


def test_installed_hook_blocks_the_commit(repo, env):
    write_config(repo, local_hook_repo())
    git(repo, env, "add", ".pre-commit-config.yaml")
    git(repo, env, "commit", "-q", "-m", "config")
    assert pre_commit(repo, env, "install").returncode == 0
    (repo / "bad.py").write_text(BAD)
    git(repo, env, "add", "bad.py")
    blocked = subprocess.run(["git", "commit", "-m", "bad"], cwd=repo, env=env, capture_output=True, text=True)
    assert blocked.returncode != 0
    assert FINDING in blocked.stdout + blocked.stderr
    (repo / "bad.py").write_text(GOOD)
    git(repo, env, "add", "bad.py")
    git(repo, env, "commit", "-q", "-m", "fixed")
    assert git(repo, env, "log", "--format=%s") == "fixed\nconfig\n"


def _source_checkout_head(env: Dict[str, str]) -> str:
    try:
        top = git(ROOT, env, "rev-parse", "--show-toplevel").strip()
        head = git(ROOT, env, "rev-parse", "HEAD").strip()
    except subprocess.CalledProcessError:
        pytest.skip("the source tree is not a git checkout")
    if Path(top).resolve() != ROOT.resolve():
        pytest.skip("the source tree is not the root of a git checkout")
    return head


@pytest.mark.slow
def test_hook_installed_from_the_repository_at_a_pinned_rev(repo, env):
    """What a user's config does: pre-commit clones this repository at HEAD (committed changes
    only) and builds the hook's virtualenv with `pip install .`. ~15 s with a warm pip cache."""
    head = _source_checkout_head(env)
    write_config(repo, {"repo": str(ROOT), "rev": head, "hooks": [{"id": "nhilint"}]})
    (repo / "bad.py").write_text(BAD)
    (repo / "good.py").write_text(GOOD)
    git(repo, env, "add", ".")
    result = pre_commit(repo, env, "run", "--color", "always", "--files", "bad.py", "good.py", timeout=600)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = hook_output(result)
    [finding] = [line for line in lines if "NHL" in line]
    assert finding.startswith(FINDING), lines
    assert not any("\x1b[" in line for line in lines), lines
    assert pre_commit(repo, env, "run", "--color", "never", "--files", "good.py").returncode == 0
