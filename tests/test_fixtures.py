"""Every fixture file: the exact multiset of (line, code) equals its `# expect:` annotations."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.helpers import FIXTURES, expected_pairs, pairs

FIXTURE_FILES = sorted((FIXTURES / "rules").glob("*.py"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_findings_match_annotations(path):
    source = path.read_text(encoding="utf-8")
    expected = expected_pairs(source)
    actual = pairs(source)
    missing = sorted((expected - actual).elements())
    unexpected = sorted((actual - expected).elements())
    assert not missing and not unexpected, f"missing {missing}, unexpected {unexpected}"


def test_fixtures_cover_every_jwt_rule_both_ways():
    """At least 10 positive and 10 negative cases per rule (issues #2 and #3)."""
    positives: Counter = Counter()
    negatives: Counter = Counter()
    for path in FIXTURE_FILES:
        source = path.read_text(encoding="utf-8")
        topic = path.name[:6].upper()
        for (_, code), count in expected_pairs(source).items():
            positives[code] += count
        negatives[topic] += source.count("# ok:")
    for code in ("NHL101", "NHL102", "NHL103", "NHL104", "NHL105", "NHL201", "NHL202", "NHL203", "NHL204", "NHL301", "NHL302", "NHL303", "NHL304", "NHL401", "NHL402", "NHL403", "NHL404", "NHL405"):
        assert positives[code] >= 10, code
        assert negatives[code] >= 10, code
