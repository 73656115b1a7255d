"""nhilint.collector: a run's pace of the cyclic collector, and `settle`, which moves what
exists before the first file out of the collector's walks once, in a process paced for a run."""

from __future__ import annotations

import gc

from nhilint import collector


def _freezes(monkeypatch) -> list:
    calls: list = []
    monkeypatch.setattr(collector.gc, "freeze", lambda: calls.append(1))
    monkeypatch.setattr(collector, "_settled", False)
    return calls


def test_settle_freezes_once_in_a_process_paced_for_a_run(monkeypatch):
    calls = _freezes(monkeypatch)
    monkeypatch.setattr(collector, "_paced", False)
    threshold = gc.get_threshold()
    try:
        collector.pace_for_a_run()
        assert gc.get_threshold()[0] == collector.YOUNG_COLLECTION_EVERY
        collector.settle()
        collector.settle()  # a second run in the same process (the language server) keeps its garbage collectable
    finally:
        gc.set_threshold(*threshold)
    assert calls == [1]


def test_settle_does_nothing_where_no_run_was_paced(monkeypatch):
    calls = _freezes(monkeypatch)
    monkeypatch.setattr(collector, "_paced", False)  # the tests' in-process checks, a library caller
    collector.settle()
    assert calls == []
