"""GitHub Actions workflow commands: one annotation a finding (SPEC §7).

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message`, escaped as
actions/toolkit's `command.ts` escapes: `%`, CR and LF in the message; those and `:` and `,` in
property values. Severity high is `error`, medium `warning`, low `notice`. Columns are sent only
for a finding on one line (the runner takes none across lines); `endColumn` is exclusive.
GitHub shows at most 10 annotations of each kind per step: SARIF is the format for full lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Sequence, TextIO, Tuple

from nhilint.ftypes import Finding
from nhilint.reporters.escaping import printable

if TYPE_CHECKING:
    from nhilint.api import RunResult

COMMAND = {"high": "error", "medium": "warning", "low": "notice"}


def escape_data(text: str) -> str:
    """GitHub's encoding of CR, LF and % (toolkit's command.ts); other control characters, which
    the runner's log would render (escape sequences), are shown escaped as in every text format."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(text)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(name: str, properties: Sequence[Tuple[str, str]], message: str) -> str:
    """`::name key=value,key=value::message`; like the toolkit, empty values are left out."""
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties if value)
    return f"::{name}{' ' if props else ''}{props}::{escape_data(message)}"


def annotation(f: Finding) -> str:
    properties: List[Tuple[str, str]] = [("file", f.path), ("line", str(f.start.line))]
    if f.start.line == f.end.line:
        properties += [("col", str(f.start.column)), ("endLine", str(f.end.line)),
                       ("endColumn", str(f.end.column))]
    else:
        properties.append(("endLine", str(f.end.line)))
    properties.append(("title", f"{f.code} {f.rule.name}"))
    return workflow_command(COMMAND[f.rule.severity], properties, f.located_message)


def render(result: "RunResult", out: TextIO, color: bool = False) -> None:
    for f in result.findings:
        out.write(annotation(f) + "\n")
