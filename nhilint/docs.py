"""Rule documentation: the `rules` table, `explain`, and the code blocks the doc tests run."""

from __future__ import annotations

import json
import re
from typing import Dict, List, Sequence, TextIO

from nhilint.ftypes import RuleMeta

HEADINGS = ("What it does", "Why is this bad?", "Example", "Use instead", "Options", "References")
MAPPING_NOTE = (
    "OWASP: NHI-02 / NHI-03 are the categories of the OWASP Non-Human Identity guidance nhilint "
    "follows (token handling and reuse / token lifetime and staleness); NHIn:2025 are the official "
    "OWASP Non-Human Identities Top 10 2025 entries. They are different lists: NHI2:2025 is Secret "
    "Leakage, NHI3:2025 Vulnerable Third-Party NHI."
)


def sections(doc: str) -> Dict[str, str]:
    """`## Heading` -> section text."""
    result: Dict[str, str] = {}
    current = None
    for line in doc.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            result[current] = ""
        elif current is not None:
            result[current] += line + "\n"
    return result


def code_blocks(section: str) -> List[str]:
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def _mappings(meta: RuleMeta) -> str:
    return ", ".join(meta.owasp_2025) or "-"


def rules_table(metas: Sequence[RuleMeta], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="nhilint rules", show_lines=False)
    for column in ("Code", "Name", "Family", "OWASP (NHI guidance)", "OWASP NHI Top 10 2025", "CWE", "Default"):
        table.add_column(column)
    for meta in metas:
        table.add_row(
            meta.code, meta.name, meta.family, meta.owasp or "-", _mappings(meta),
            ", ".join(f"CWE-{n}" for n in meta.cwe) or "-", "on" if meta.default_enabled else "off",
        )
    console = Console(file=out, width=160, highlight=False)
    console.print(table)
    console.print(MAPPING_NOTE, soft_wrap=False)


def rules_json(metas: Sequence[RuleMeta]) -> str:
    return json.dumps(
        [
            {
                "code": m.code, "name": m.name, "family": m.family, "summary": m.summary,
                "severity": m.severity, "confidence": m.confidence, "default": m.default_enabled,
                "owasp": m.owasp, "owasp-2025": list(m.owasp_2025), "cwe": [f"CWE-{n}" for n in m.cwe],
            }
            for m in metas
        ],
        indent=2,
    )


def doc_text(meta: RuleMeta) -> str:
    """The rule's documentation as Markdown, headed by its code, summary and mappings."""
    header = (
        f"# {meta.code} {meta.name}\n\n{meta.summary}.\n\n"
        f"OWASP NHI guidance: {meta.owasp or '-'} · OWASP NHI Top 10 2025: {_mappings(meta)} · "
        f"CWE: {', '.join(f'CWE-{n}' for n in meta.cwe) or '-'} · severity {meta.severity} · "
        f"default {'on' if meta.default_enabled else 'off'}\n\n"
    )
    return header + meta.doc + "\n"


def render_doc(meta: RuleMeta, out: TextIO) -> None:
    text = doc_text(meta)
    if out.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console(file=out).print(Markdown(text))
    else:
        out.write(text)
