"""Every rule's documentation: ruff's headings, and its examples run as tests (pylint's habit)."""

from __future__ import annotations

import re

import pytest

from nhilint.docs import HEADINGS, code_blocks, sections
from nhilint.registry import all_rules
from tests.helpers import codes

RULES = all_rules()
ANALYSIS_RULES = [
    rule for rule in RULES if not (rule.reports_unanalysed_files or rule.reports_unused_suppressions)
]

# SPEC §5: the mapping every rule must carry (owasp, official 2025 ids, CWE), primary first.
SPEC_MAPPING = {
    "NHL101": ("NHI-03", ("NHI4:2025", "NHI6:2025", "NHI9:2025"), (287, 345, 863)),
    "NHL102": ("NHI-02", ("NHI4:2025",), (347, 327)),
    "NHL103": ("NHI-03", ("NHI4:2025", "NHI7:2025"), (613, 672)),
    "NHL104": ("NHI-02", ("NHI4:2025",), (347, 327)),
    "NHL105": ("NHI-03", ("NHI4:2025", "NHI7:2025"), (613, 672)),
    "NHL201": ("NHI-02", ("NHI9:2025", "NHI8:2025"), (488, 668, 522)),
    "NHL202": ("NHI-03", ("NHI7:2025",), (613, 672)),
    "NHL203": ("NHI-02", ("NHI7:2025", "NHI1:2025"), (613, 672, 370)),
    "NHL301": ("NHI-02", ("NHI2:2025", "NHI7:2025"), (798, 321)),
    "NHL302": ("NHI-02", ("NHI9:2025",), (653, 522)),
    "NHL303": ("NHI-02", ("NHI8:2025", "NHI9:2025"), (653,)),
    "NHL304": ("NHI-02", ("NHI9:2025", "NHI4:2025"), (441,)),
    "NHL401": ("NHI-03", ("NHI7:2025",), (613,)),
    "NHL402": ("NHI-03", ("NHI7:2025",), (613,)),
    "NHL403": ("NHI-02", ("NHI2:2025",), (598, 532)),
    "NHL404": ("NHI-02", ("NHI2:2025",), (532,)),
    "NHL405": ("NHI-02", ("NHI2:2025",), (319, 295)),
    "NHL204": ("NHI-02", ("NHI7:2025", "NHI1:2025"), (613, 672, 370)),
    # about nhilint itself: no token practice to map
    "NHL900": ("", (), ()),
    "NHL901": ("", (), ()),
}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_doc_has_the_headings_in_order(rule):
    doc = rule.meta().doc
    found = re.findall(r"^## (.+)$", doc, flags=re.M)
    assert tuple(found) == HEADINGS


@pytest.mark.parametrize("rule", ANALYSIS_RULES, ids=lambda r: r.code)
def test_example_triggers_the_rule(rule):
    blocks = code_blocks(sections(rule.meta().doc)["Example"])
    assert blocks, "the Example needs a ```python block"
    for block in blocks:
        assert codes(block)[rule.code] >= 1, block


@pytest.mark.parametrize("rule", ANALYSIS_RULES, ids=lambda r: r.code)
def test_use_instead_triggers_no_rule(rule):
    blocks = code_blocks(sections(rule.meta().doc)["Use instead"])
    assert blocks, "Use instead needs a ```python block"
    for block in blocks:
        assert not codes(block), block


def test_file_not_analysed_example_is_reported():
    rule = next(r for r in RULES if r.reports_unanalysed_files)
    example = code_blocks(sections(rule.meta().doc)["Example"])[0]
    # NHL900 comes from the engine, for files that pass the prefilter: give it a token word
    assert codes("import jwt\n" + example)[rule.code] == 1
    assert not codes("import jwt\n" + code_blocks(sections(rule.meta().doc)["Use instead"])[0])


def test_unused_suppression_example_is_reported():
    rule = next(r for r in RULES if r.reports_unused_suppressions)
    doc = sections(rule.meta().doc)
    on = ("NHL", rule.code)  # off by default: the defaults plus itself
    assert codes(code_blocks(doc["Example"])[0], on) == {rule.code: 1}
    assert not codes(code_blocks(doc["Use instead"])[0], on)


@pytest.mark.parametrize("code", sorted(SPEC_MAPPING))
def test_metadata_matches_the_spec_mapping(code):
    rule = next(r for r in RULES if r.code == code)
    assert (rule.owasp, rule.owasp_2025, rule.cwe) == SPEC_MAPPING[code]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_metadata_is_complete(rule):
    meta = rule.meta()
    assert re.fullmatch(r"NHL\d{3}", meta.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", meta.name)
    assert meta.severity in ("low", "medium", "high")
    assert meta.confidence in ("low", "medium", "high")
    assert meta.summary and not meta.summary.endswith(".")
    assert all(re.fullmatch(r"NHI([1-9]|10):2025", tag) for tag in meta.owasp_2025)
    if meta.family != "nhilint":
        assert meta.owasp in ("NHI-02", "NHI-03")
        assert meta.owasp_2025 and meta.cwe


def test_docs_rules_md_is_generated_from_the_rule_docs():
    """RuleMeta.url points into docs/rules.md: it must exist and be current for every rule."""
    from pathlib import Path

    from nhilint.docs import rules_markdown

    page = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == rules_markdown([r.meta() for r in RULES]), (
        "regenerate: nhilint rules --output-format markdown > docs/rules.md"
    )
    for rule in RULES:
        anchor = rule.meta().url.rsplit("#", 1)[1]
        assert f'<a id="{anchor}"></a>' in page.read_text(encoding="utf-8")
