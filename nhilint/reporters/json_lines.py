"""JSON Lines: one finding a line, with the same fields as the `json` format (SPEC §7)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from nhilint.reporters.json_format import finding_to_dict

if TYPE_CHECKING:
    from nhilint.api import RunResult


def render(result: "RunResult", out: TextIO, color: bool = False) -> None:
    for f in result.findings:
        out.write(json.dumps(finding_to_dict(f)) + "\n")
