"""The README's first command: the demo project shows exactly these findings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from click.testing import CliRunner

from nhilint.cli import main
from tests.helpers import ROOT

EXPECTED = [
    "fixtures/demo/orders_service/auth.py:42:14: NHL101",  # admin token: no audience
    "fixtures/demo/orders_service/auth.py:50:12: NHL101",  # Google sign-in: no client id
    "fixtures/demo/orders_service/auth.py:58:14: NHL104",  # python-jose: no algorithms
    "fixtures/demo/orders_service/auth.py:64:14: NHL102",  # support tool trusts unverified claims
    "fixtures/demo/orders_service/auth.py:81:14: NHL103",  # a day of leeway
    "fixtures/demo/orders_service/auth.py:93:14: NHL105",  # partner webhook claims never validated
]


def _findings(output: str):
    return [" ".join(line.split(" ")[:2]) for line in output.splitlines() if ": NHL" in line]


def test_demo_findings(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["check", "fixtures/demo", "--output-format", "concise", "--no-cache"])
    assert result.exit_code == 1
    assert _findings(result.output) == EXPECTED


def test_readme_demo_command_through_the_console_script():
    script = shutil.which("nhilint", path=os.path.dirname(sys.executable)) or shutil.which("nhilint")
    command = [script] if script else [sys.executable, "-m", "nhilint"]
    # --no-cache: the suite leaves no .nhilint_cache/ in the checkout
    result = subprocess.run(
        [*command, "check", "fixtures/demo", "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert _findings(result.stdout) == EXPECTED
