"""benchmarks/studies.py's pure helpers: reading pins, finding the studies, the summary table; and
that every committed study's pins and verdicts are well formed.

Nothing here downloads a package or runs nhilint; the studies are run by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import load_benchmark_script


studies = load_benchmark_script("benchmark_studies", "studies.py")
COMMITTED = studies.discover()


def test_pins_are_read_with_comments_blank_lines_and_wheels():
    text = ("# a study\n\n"
            "pyjwt==2.15.1\n"
            "  open-webui==0.12.4 wheel   # only a wheel is published\n"
            "Flask_Login==0.6.3  # a trailing comment\n")
    pins = studies.parse_pins(text)
    assert [(p.name, p.version, p.wheel) for p in pins] == [
        ("pyjwt", "2.15.1", False), ("open-webui", "0.12.4", True), ("Flask_Login", "0.6.3", False)]
    assert pins[1].kind == "wheel" and pins[1].directory == "open-webui-0.12.4"


@pytest.mark.parametrize("line", [
    "pyjwt",                   # no version
    "pyjwt>=2.0",              # not exact
    "pyjwt==",                 # empty version
    "pyjwt==2.15.1 sdist",     # an unknown trailing word
    "pyjwt==2.15.1 wheel x",   # more than one
    "==2.15.1",                # no name
])
def test_a_bad_pin_line_is_an_error_naming_its_line(line: str):
    with pytest.raises(ValueError, match=r"^line 2: "):
        studies.parse_pins(f"# header\n{line}\n")


def test_a_package_pinned_twice_is_an_error_whatever_its_spelling():
    with pytest.raises(ValueError, match="pinned twice"):
        studies.parse_pins("flask-login==0.6.3\nFlask_Login==0.6.2\n")


def test_studies_are_the_folders_with_pins_in_number_order(tmp_path: Path):
    for name, pins in (("13", True), ("2", True), ("notes", False), ("pilot", True)):
        (tmp_path / name).mkdir()
        if pins:
            (tmp_path / name / "pins.txt").write_text("pyjwt==2.15.1\n", encoding="utf-8")
    (tmp_path / "stray.txt").write_text("", encoding="utf-8")
    assert studies.discover(tmp_path) == ["2", "13", "pilot"]
    assert studies.discover(tmp_path / "missing") == []


def test_verdicts_for_no_pinned_package_are_found():
    pins = studies.parse_pins("pkg==1.0\n")
    verdict = studies.triage.Verdict
    inside = verdict("pkg-1.0/a.py", 3, "NHL404", "0" * 12, "real", "r")
    bumped = verdict("pkg-0.9/a.py", 3, "NHL404", "0" * 12, "real", "r")
    assert studies.foreign_verdicts(pins, [inside, bumped]) == [bumped]


def test_summary_rows_count_the_triage():
    t = studies.triage
    finding = t.Finding("pkg-1.0/a.py", 3, "NHL404", "0" * 12, "m")
    judged = t.Match(finding, t.Verdict("pkg-1.0/a.py", 3, "NHL404", "0" * 12, "real", "r"))
    loose = t.Finding("pkg-1.0/b.py", 4, "NHL403", "1" * 12, "m")
    gone = t.Verdict("pkg-1.0/c.py", 5, "NHL301", "2" * 12, "wrong", "w")
    row = studies.summarise("13", 1, t.Triage((judged,), (loose,), (gone,)))
    assert (row.findings, row.real, row.wrong, row.debatable, row.unjudged, row.gone) == (2, 1, 0, 0, 1, 1)
    table = studies.format_summaries([row])
    assert table.splitlines()[0].split()[:3] == ["study", "packages", "findings"]
    assert table.splitlines()[2].split()[:8] == ["13", "1", "2", "1", "0", "0", "1", "1"]
    assert "50 %" in table


def test_there_is_a_committed_study():
    assert "13" in COMMITTED


@pytest.mark.parametrize("study", COMMITTED)
def test_a_committed_study_is_well_formed(study: str):
    pins, verdicts = studies.read_study(study)  # raises on a bad pin line or an unknown verdict
    assert pins
    # a public PEP 440 version, pinned exactly: a release, or the newest pre-release of a package
    # that publishes only those (pyload-ng's `0.5.0b3.dev101`, study 17), one number alone too
    # (aiounifi's `74`, study 30); no local version
    assert all(re.fullmatch(r"\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?", pin.version) for pin in pins)
    assert studies.foreign_verdicts(pins, verdicts) == []
    assert all(v.verdict in ("real", "wrong", "debatable") and v.reason for v in verdicts)
    assert all(re.fullmatch(r"[0-9a-f]{12}", v.line_sha) and re.fullmatch(r"NHL\d{3}", v.code)
               for v in verdicts)
    assert not any(v.reason.startswith("TODO") for v in verdicts)
    places = [(v.path, v.line, v.code) for v in verdicts]
    assert len(set(places)) == len(places)
    assert (studies.STUDIES_DIR / study / "README.md").is_file()
