"""The bookkeeping of results computed from a placeholder (nhilint.flow.provisional)."""

from nhilint.flow.provisional import MISSING, NO_CUT, Provisional


def test_a_result_that_read_a_placeholder_is_kept_apart_until_its_item_is_done():
    provisional = Provisional()
    items, labels = {"attr": "placeholder"}, {}
    saved_item = provisional.begin("attr")
    saved = provisional.start()
    provisional.read("attr")  # the item's placeholder is read while it is computed
    labels["x"] = "from the placeholder"
    provisional.finish(labels, "x", saved)
    assert "x" not in labels  # not memoised as final...
    assert provisional.lookup(labels, "x") == "from the placeholder"  # ...but found while the cycle runs
    items["attr"] = "final"
    provisional.end("attr", items, "attr", saved_item)
    assert provisional.lookup(labels, "x") is MISSING  # computed again from the final value
    assert items == {"attr": "final"}  # the item read only its own placeholder: final
    assert provisional.cut == NO_CUT


def test_reading_a_provisional_result_makes_the_reader_provisional():
    provisional = Provisional()
    memo = {}
    outer = provisional.begin("outer")
    saved = provisional.start()
    provisional.read("outer")
    memo["a"] = 1
    provisional.finish(memo, "a", saved)
    saved = provisional.start()
    assert provisional.lookup(memo, "a") == 1
    memo["b"] = 2
    provisional.finish(memo, "b", saved)
    assert "b" not in memo and provisional.lookup(memo, "b") == 2
    provisional.end("outer", {"outer": 0}, "outer", outer)
    assert provisional.lookup(memo, "a") is MISSING and provisional.lookup(memo, "b") is MISSING


def test_an_item_that_read_one_further_down_is_provisional_in_turn():
    provisional = Provisional()
    memo = {"low": None, "high": None}
    low = provisional.begin("low")
    high = provisional.begin("high")
    provisional.read("low")
    memo["high"] = "high value"
    provisional.end("high", memo, "high", high)
    assert "high" not in memo and provisional.lookup(memo, "high") == "high value"
    memo["low"] = "low value"
    provisional.end("low", memo, "low", low)
    assert memo == {"low": "low value"} and provisional.lookup(memo, "high") is MISSING


def test_results_with_no_placeholder_read_are_final():
    provisional = Provisional()
    memo = {}
    saved = provisional.start()
    memo["x"] = 1
    provisional.finish(memo, "x", saved)
    assert memo == {"x": 1} and provisional.cut == NO_CUT


def test_a_result_is_forgotten_final_or_provisional():
    provisional = Provisional()
    memo = {"final": 1}
    outer = provisional.begin("outer")
    saved = provisional.start()
    provisional.read("outer")
    memo["kept apart"] = 2
    provisional.finish(memo, "kept apart", saved)
    provisional.forget(memo, "final")
    provisional.forget(memo, "kept apart")
    assert memo == {} and provisional.lookup(memo, "kept apart") is MISSING
    provisional.end("outer", {"outer": 0}, "outer", outer)


def test_past_the_budget_results_are_kept_as_final(monkeypatch):
    from nhilint.flow import provisional as module

    monkeypatch.setattr(module, "BUDGET", 1)
    provisional = Provisional()
    memo = {}
    outer = provisional.begin("outer")
    for key in ("first", "second"):
        saved = provisional.start()
        provisional.read("outer")
        memo[key] = key
        provisional.finish(memo, key, saved)
    assert "first" not in memo and provisional.lookup(memo, "first") == "first"  # set apart
    assert memo["second"] == "second"  # the budget spent: kept, as before the bookkeeping
    provisional.end("outer", {"outer": 0}, "outer", outer)
