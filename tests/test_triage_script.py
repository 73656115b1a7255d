"""benchmarks/triage.py's and benchmarks/peers.py's pure helpers: matching verdicts to findings,
the tallies, reading peers' labels and scoring them.

Nothing here downloads a package, reads a mirror or runs nhilint; the scripts are run by hand.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from tests.helpers import load_benchmark_script


triage = load_benchmark_script("benchmark_triage", "triage.py")
peers = load_benchmark_script("benchmark_peers", "peers.py")


# ---------------------------------------------------------------------------------------------
# triage.py


def test_pins_are_exact_and_enough():
    names = [pin.name for pin in triage.PINS]
    assert len(set(names)) == len(names)
    assert len(triage.LIBRARIES) >= 25 and len(triage.APPLICATIONS) >= 3
    assert all(re.fullmatch(r"\d+(\.\d+)+", pin.version) for pin in triage.PINS)


def test_line_hash_ignores_whitespace_only():
    assert triage.line_sha("    x = jwt.decode(t,  key)\n") == triage.line_sha("x = jwt.decode(t, key)")
    assert triage.line_sha("x = jwt.decode(t, key)") != triage.line_sha("x = jwt.decode(t, k)")
    assert re.fullmatch(r"[0-9a-f]{12}", triage.line_sha("anything"))


def test_findings_are_read_from_the_json_report_with_their_line_hash(tmp_path: Path):
    (tmp_path / "pkg-1.0").mkdir()
    (tmp_path / "pkg-1.0" / "a.py").write_text("import jwt\n  claims = jwt.decode(t)\n", encoding="utf-8")
    report = json.dumps([
        {"code": "NHL101", "path": "pkg-1.0/a.py", "start": {"line": 2, "column": 1}, "message": "m"},
        {"code": "NHL900", "path": "pkg-1.0/gone.py", "start": {"line": 9, "column": 1}, "message": "x"},
    ])
    first, second = triage.parse_findings(report, tmp_path)
    assert (first.path, first.line, first.code, first.message) == ("pkg-1.0/a.py", 2, "NHL101", "m")
    assert first.confidence == "medium"  # a report without the field: the rules' usual confidence
    assert first.line_sha == triage.line_sha("claims = jwt.decode(t)")
    assert second.line_sha == triage.line_sha("")  # a file or line that is not there
    assert triage.parse_findings("", tmp_path) == []


def _finding(path="p/a.py", line=10, code="NHL101", text="x = decode(t)"):
    return triage.Finding(path, line, code, triage.line_sha(text), "message")


def _verdict(path="p/a.py", line=10, code="NHL101", text="x = decode(t)", verdict="real"):
    return triage.Verdict(path, line, code, triage.line_sha(text), verdict, "reason")


def test_a_verdict_follows_its_line_when_the_code_moves():
    result = triage.match([_finding(line=14)], [_verdict(line=10)])
    assert [(m.finding.line, m.verdict.line) for m in result.matched] == [(14, 10)]
    assert result.unjudged == () and result.gone == ()


def test_a_verdict_survives_an_edit_of_its_line_by_line_number():
    result = triage.match([_finding(text="x = decode(t, key)")], [_verdict(text="x = decode(t)")])
    assert len(result.matched) == 1


def test_identical_lines_pair_with_the_nearest_verdict():
    findings = [_finding(line=10), _finding(line=50)]
    verdicts = [_verdict(line=52, verdict="wrong"), _verdict(line=11, verdict="real")]
    result = triage.match(findings, verdicts)
    assert [(m.finding.line, m.verdict.verdict) for m in result.matched] == [(10, "real"), (50, "wrong")]


def test_unmatched_findings_and_verdicts_are_listed():
    findings = [_finding(code="NHL404"), _finding(path="p/b.py", line=3, text="other")]
    verdicts = [_verdict(code="NHL101"), _verdict(path="p/b.py", line=4, text="else")]
    result = triage.match(findings, verdicts)
    assert result.matched == ()
    assert [(f.path, f.code) for f in result.unjudged] == [("p/a.py", "NHL404"), ("p/b.py", "NHL101")]
    assert [(v.path, v.code) for v in result.gone] == [("p/a.py", "NHL101"), ("p/b.py", "NHL101")]


def test_tally_gives_precision_and_debatable_share_per_rule_and_overall():
    findings = [_finding(line=i, code=code, text=str(i))
                for i, code in enumerate(["NHL101"] * 4 + ["NHL404"] * 2)]
    verdicts = [_verdict(line=0, code="NHL101", text="0", verdict="real"),
                _verdict(line=1, code="NHL101", text="1", verdict="real"),
                _verdict(line=2, code="NHL101", text="2", verdict="wrong"),
                _verdict(line=3, code="NHL101", text="3", verdict="debatable"),
                _verdict(line=4, code="NHL404", text="4", verdict="real")]
    tallies = triage.tally(triage.match(findings, verdicts))
    assert list(tallies) == ["NHL101", "NHL404", "all"]
    rule, logged, total = tallies["NHL101"], tallies["NHL404"], tallies["all"]
    assert (rule.real, rule.wrong, rule.debatable, rule.unjudged) == (2, 1, 1, 0)
    assert rule.precision == pytest.approx(2 / 3) and rule.debatable_share == pytest.approx(1 / 4)
    assert (logged.real, logged.unjudged, logged.findings) == (1, 1, 2)
    assert (total.real, total.wrong, total.debatable, total.unjudged) == (3, 1, 1, 1)
    assert total.precision == pytest.approx(3 / 4)
    assert triage.Tally().precision is None and triage.Tally().debatable_share is None
    table = triage.format_tally(tallies)
    assert re.search(r"^NHL101\s+4\s+2\s+1\s+1\s+0\s+67 %\s+25 %$", table, re.MULTILINE)
    assert re.search(r"^all\s+6\s+3\s+1\s+1\s+1\s+75 %\s+20 %$", table, re.MULTILINE)


def test_the_confident_view_leaves_out_low_confidence_findings_only():
    low = triage.Finding("p/a.py", 1, "NHL403", triage.line_sha("1"), "query-only provider", "low")
    medium = triage.Finding("p/a.py", 2, "NHL403", triage.line_sha("2"), "header accepted", "medium")
    unjudged = triage.Finding("p/a.py", 3, "NHL404", triage.line_sha("3"), "logged", "low")
    verdicts = [_verdict(line=1, code="NHL403", text="1", verdict="debatable"),
                _verdict(line=2, code="NHL403", text="2", verdict="real"),
                _verdict(line=9, code="NHL101", text="9", verdict="wrong")]
    matched = triage.match([low, medium, unjudged], verdicts)
    view = triage.confident(matched)
    assert [m.finding for m in view.matched] == [medium] and view.unjudged == ()
    assert view.gone == matched.gone and len(view.gone) == 1
    total = triage.tally(view)["all"]
    assert (total.real, total.debatable, total.findings) == (1, 0, 1)
    report = json.dumps([{"code": "NHL403", "path": "p/a.py", "start": {"line": 1, "column": 1},
                          "message": "m", "confidence": "low"}])
    assert triage.parse_findings(report, Path("."))[0].confidence == "low"


def test_verdict_file_round_trip_and_errors():
    out = io.StringIO()
    triage.write_verdicts([_verdict(line=7), _verdict(line=3, verdict="debatable")], out)
    rows = triage.read_verdicts(out.getvalue())
    assert [(v.line, v.verdict, v.reason) for v in rows] == [(3, "debatable", "reason"), (7, "real", "reason")]
    header = ",".join(triage.VERDICT_FIELDS)
    with pytest.raises(ValueError, match="not one of"):
        triage.read_verdicts(f"{header}\np/a.py,1,NHL101,abc,maybe,why\n")
    with pytest.raises(ValueError, match="not a number"):
        triage.read_verdicts(f"{header}\np/a.py,one,NHL101,abc,real,why\n")
    with pytest.raises(ValueError, match="lacks columns: line_sha"):
        triage.read_verdicts("path,line,code,verdict,reason\n")


def test_template_rows_leave_the_verdict_to_a_reviewer():
    (row,) = triage.template_rows([_finding()])
    assert row.verdict == "" and row.reason == "TODO message"


def test_committed_verdicts_are_well_formed_and_on_pinned_packages():
    verdicts = triage.read_verdicts(triage.VERDICTS.read_text(encoding="utf-8"))
    folders = {pin.directory for pin in triage.PINS}
    assert verdicts
    for verdict in verdicts:
        assert verdict.path.split("/")[0] in folders, verdict.path
        assert re.fullmatch(r"NHL\d{3}", verdict.code) and re.fullmatch(r"[0-9a-f]{12}", verdict.line_sha)
        assert len(verdict.reason) >= 10, verdict


# ---------------------------------------------------------------------------------------------
# peers.py

SEMGREP_SAMPLE = '''\
import jwt
import requests

KEY = "hard"


def bad(token):
    # ruleid: unverified-jwt-decode
    opts = {"verify_signature": False}
    jwt.decode(token, options=opts)


def bad_key(payload):
    # ruleid: jwt-python-hardcoded-secret
    return jwt.encode(payload, KEY, algorithm="HS256")


def bad_http():
    # ruleid: no-auth-over-http
    url = "http://example.com"
    print("x")
    # ruleid: no-auth-over-http
    requests.get(url, auth=("u", "p"))


def fine(token, key):
    # ok: unverified-jwt-decode
    jwt.decode(token, key, algorithms=["HS256"])
    jwt.decode(token, key)  # todoruleid: unverified-jwt-decode
    # ruleid: avoid_hardcoded_config_DEBUG, made-up-rule
    DEBUG = True
'''


def test_semgrep_labels_read_next_line_and_trailing_comments():
    labels = peers.semgrep_labels("x.py", SEMGREP_SAMPLE)
    summary = [(label.line, label.rule, label.positive, label.code) for label in labels]
    assert summary == [
        (9, "unverified-jwt-decode", True, "NHL102"),
        (15, "jwt-python-hardcoded-secret", True, "NHL301"),
        # line 20 (`url = "http://..."`) is the call's own finding: left out
        (23, "no-auth-over-http", True, "NHL405"),
        (28, "unverified-jwt-decode", False, "NHL102"),
        (29, "unverified-jwt-decode", True, "NHL102"),
        (31, "avoid_hardcoded_config_DEBUG", True, None),
        (31, "made-up-rule", True, None),
    ]
    by_line = {label.line: label for label in labels}
    assert {9, 10} <= by_line[9].region and 11 not in by_line[9].region  # the decode after opts
    assert 4 in by_line[15].region  # where the constant the call reads is assigned
    assert {20, 22, 23} <= by_line[23].region and 15 not in by_line[23].region  # url assigned at 20
    assert "not in peers.py's RULE_MAP" in labels[-1].why


def test_ruff_snapshot_entries_and_labels():
    snapshot = '''---
source: crates/ruff_linter/src/rules/flake8_bandit/mod.rs
---
S105 Possible hardcoded password assigned to: "password"
  --> S105.py:2:12
   |
 2 | password = "s3cr3t"
   |            ^^^^^^^^
   |

S105 Possible hardcoded password assigned to: "token"
  --> S105.py:3:9
   |
'''
    source = 'safe = "s3cr3t"\npassword = "s3cr3t"\ntoken = "s3cr3t"\nn = 1\n'
    assert peers.ruff_snapshot_entries(snapshot) == [("S105", 2, "password"), ("S105", 3, "token")]
    labels = peers.ruff_labels("S105", snapshot, source)
    assert [(label.line, label.positive, label.code) for label in labels] == [
        (2, True, None), (3, True, "NHL301"), (1, False, "NHL301")]


def test_score_counts_found_missed_wrong_and_other():
    labels = [
        peers.Label("s", 5, "r", True, "NHL301", "", frozenset({4, 5})),
        peers.Label("s", 9, "r", True, "NHL301", "", frozenset({9})),
        peers.Label("s", 12, "r", False, "NHL301", "", frozenset({12})),
        peers.Label("s", 14, "r", False, "NHL102", "", frozenset({14})),
        peers.Label("s", 20, "t", True, None, "out", frozenset({20})),
    ]
    findings = [peers.Finding(4, "NHL301", "literal"), peers.Finding(12, "NHL301", "weak"),
                peers.Finding(14, "NHL401", "no exp"), peers.Finding(20, "NHL301", "pw")]
    result = peers.score("s", labels, findings)
    assert [label.line for label in result.found] == [5] and [label.line for label in result.missed] == [9]
    assert [f.line for f in result.wrong] == [12]
    assert [f.line for f in result.other] == [14, 20]
    assert [label.line for label in result.out_of_scope] == [20] and len(result.negatives) == 2
    text = peers.format_results([result], verbose=False)
    assert re.search(r"^s\s+2\s+1\s+1\s+2\s+1\s+1$", text, re.MULTILINE)
    assert "missed   line   9  NHL301" in text and "WRONG    line  12  NHL301  weak" in text


def test_every_mapped_code_is_an_nhilint_rule():
    from nhilint.rule_index import rule_entries

    codes = {rule.code for rule in rule_entries()}
    for rule, mapping in peers.RULE_MAP.items():
        assert mapping.code is None or mapping.code in codes, rule
        assert mapping.why, rule
    assert peers.RUFF_CODE in codes
