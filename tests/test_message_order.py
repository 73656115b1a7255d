"""A finding's message is the same on every run: where a helper logs several of the tokens a
call hands it, the message names the one bound to its first parameter, not the first of a
set whose order follows the hash seed (litellm's `get_azure_ad_token_from_entra_id(...)` call
was named after either of two arguments, run to run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SOURCE = '''
import logging

log = logging.getLogger(__name__)


def audit(note, first_key, second_key):
    entry = {"second": second_key, "note": note, "first": first_key}
    log.debug(f"audit {entry}")


def call(api_key, password):
    audit("start", api_key, password)
'''


def test_the_first_leaking_parameter_names_the_finding_whatever_the_hash_seed(tmp_path: Path) -> None:
    (tmp_path / "nhilint.toml").write_text("", encoding="utf-8")
    (tmp_path / "audit.py").write_text(SOURCE, encoding="utf-8")
    outputs = set()
    for seed in ("0", "1", "2", "3", "4", "5"):  # the order of a set of labels follows the seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "nhilint", "check", "audit.py", "--select", "NHL404", "--no-cache", "--exit-zero"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert "a token value `api_key` is handed to audit(), which writes it to the log" in outputs.pop()
