"""nhilint.project.parses: while a file is checked the modules it reads stay parsed (up to
HELD_MODULES); between checks the most recent LIVE_MODULES do."""

from nhilint.project import parses
from nhilint.project.parses import Parses


def test_a_check_keeps_what_it_read_then_the_bound_applies_again(monkeypatch):
    monkeypatch.setattr(parses, "LIVE_MODULES", 2)
    monkeypatch.setattr(parses, "HELD_MODULES", 4)
    kept = Parses()
    with kept.holding():
        for name in "abcde":
            kept.keep_live(name, "digest", name)  # a LiveModule stands in: only kept and returned
        assert [kept.live(name, "digest") for name in "abcde"] == [None, "b", "c", "d", "e"]
    assert [kept.live(name, "digest") for name in "abcde"] == [None, None, None, "d", "e"]


def test_holding_twice_releases_once_at_the_outer_end(monkeypatch):
    monkeypatch.setattr(parses, "LIVE_MODULES", 1)
    monkeypatch.setattr(parses, "HELD_MODULES", 8)
    kept = Parses()
    with kept.holding():
        with kept.holding():
            kept.keep_live("a", "digest", "a")
            kept.keep_live("b", "digest", "b")
        assert kept.live("a", "digest") == "a"
    # the most recently used stays: "a", just read
    assert kept.live("b", "digest") is None and kept.live("a", "digest") == "a"
