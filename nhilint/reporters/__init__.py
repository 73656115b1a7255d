"""Output formats, one module each behind one interface: `render(result, out, color)`.

Modules are imported on demand so that `concise` (pre-commit, editors) never imports rich.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable, Dict, TextIO

if TYPE_CHECKING:
    from nhilint.api import RunResult

Renderer = Callable[["RunResult", TextIO, bool], None]

FORMATS: Dict[str, str] = {
    "full": "nhilint.reporters.full",
    "concise": "nhilint.reporters.concise",
    "json": "nhilint.reporters.json_format",
    "json-lines": "nhilint.reporters.json_lines",
    "sarif": "nhilint.reporters.sarif",
    "github": "nhilint.reporters.github",
    "gitlab": "nhilint.reporters.gitlab",
    "gitlab-sast": "nhilint.reporters.gitlab_sast",
    "junit": "nhilint.reporters.junit",
    "concise-quiet": "nhilint.reporters.concise_quiet",  # `-q`: not a choice of its own
}
PUBLIC_FORMATS = sorted(name for name in FORMATS if name != "concise-quiet")


def renderer(name: str) -> Renderer:
    module = importlib.import_module(FORMATS[name])
    return module.render  # type: ignore[no-any-return]
