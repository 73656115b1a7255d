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


class _Flow:
    """Stands in for a LiveModule: records its release."""

    def __init__(self, open_parts: int = 0) -> None:
        self.open = open_parts
        self.released = False

    def release(self) -> None:
        self.released = True


def _lives(live):
    lives = parses.Lives()
    lives.clean = live
    return lives


def test_a_module_pushed_out_lets_go_of_its_tree_unless_a_part_is_computed_on_it(monkeypatch):
    monkeypatch.setattr(parses, "LIVE_MODULES", 1)
    monkeypatch.setattr(parses, "HELD_MODULES", 1)
    kept = Parses()
    done, computing, newest = _Flow(), _Flow(open_parts=1), _Flow()
    kept.keep_live("a", "digest", _lives(done))
    kept.keep_live("b", "digest", _lives(computing))  # pushes "a" out
    assert done.released
    kept.keep_live("c", "digest", _lives(newest))  # pushes "b" out while a part is computed on it
    assert not computing.released  # left to the collector: its part still reads it
    kept.forget("c")
    assert newest.released


def test_a_released_module_frees_its_tree_without_the_collector(tmp_path):
    """Context and flow hold each other; released, the tree goes with its last reference."""
    import gc
    import sys

    from nhilint.project.index import ProjectIndex

    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "tokens.py").write_text("TTL = 300\n\ndef fetch(client):\n    return client.get('/token')\n")
    index = ProjectIndex(tmp_path, parses.parse_live)
    data = (tmp_path / "app" / "tokens.py").read_bytes()
    live = parses.parse_live(data, str(tmp_path / "app" / "tokens.py"), "app.tokens", "digest", index)
    assert live is not None
    live.flow.verified_params(live.context.module_functions["fetch"])  # fills the flow's memos
    module = live.context.module
    enabled = gc.isenabled()
    gc.disable()
    try:
        live.release()
        del live
        assert sys.getrefcount(module) == 2  # `module` here, and getrefcount's argument
    finally:
        if enabled:
            gc.enable()
