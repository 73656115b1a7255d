"""The lines of an export's places (nhilint.project.places) come from Python's tree of the
module; the tree read for the module's shape is used again, not parsed a second time, and the
places are the same as from a tree parsed anew."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from nhilint.project import index as project_index
from nhilint.project import places as places_module
from nhilint.project.exports import NO_SUMMARY

HELPERS = textwrap.dedent(
    """\
    import logging

    log = logging.getLogger(__name__)


    def note(value):
        return value


    def audit(token, user):
        note(user)
        log.info("token %s for %s", token, user)
        return token
    """
)


def _sink_lines(root: Path):
    project_index._indexes.clear()
    index = project_index.index_for(str(root), lambda: [root / "helpers.py"])
    index.begin()
    export = index.export_at(root / "helpers.py")
    summary = export.functions["audit"].summary.get(NO_SUMMARY)
    lines = {param: [sink.place.line for sink in sinks] for param, sinks in summary.param_sinks.items()}
    project_index._indexes.clear()
    return lines


def test_the_shape_tree_gives_the_places(tmp_path, monkeypatch):
    (tmp_path / "helpers.py").write_text(HELPERS)
    parsed = []
    real_parse = ast.parse

    def counting(source, *args, **kwargs):
        parsed.append(source)
        return real_parse(source, *args, **kwargs)

    monkeypatch.setattr(places_module.ast, "parse", counting)
    kept = _sink_lines(tmp_path)
    assert kept == {"token": [12], "user": [12]}
    assert len(parsed) == 1  # the shape's parse only: the places used its tree

    monkeypatch.setattr(project_index.Parses, "syntax", lambda self, path, digest: None)
    parsed.clear()
    assert _sink_lines(tmp_path) == kept  # a tree parsed anew gives the same places
    assert len(parsed) == 2


def test_a_file_with_a_byte_order_mark_parses_its_own_text(tmp_path, monkeypatch):
    """Python's tree of the bytes is not the tree of the decoded text there: Places parses it."""
    (tmp_path / "helpers.py").write_bytes(b"\xef\xbb\xbf" + HELPERS.encode())
    calls = []
    real_init = places_module.Places.__init__

    def recording(self, *args, **kwargs):
        calls.append(args[4] if len(args) > 4 else kwargs.get("kept"))
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(places_module.Places, "__init__", recording)
    _sink_lines(tmp_path)
    assert calls and all(tree is None for tree in calls)


def test_the_lines_are_read_once_and_the_tree_is_not_kept():
    """Constants, class attributes and functions: their last assignment's line, read from one
    tree, which the places then let go."""
    import sys

    import libcst as cst

    source = textwrap.dedent(
        """\
        TTL = 60
        TTL: int = 300


        class Settings:
            LIFETIME = 10
            LIFETIME: int = 20
            NAME: str


        class Settings:
            LIFETIME = 30


        def fetch(client):
            return client.get("/token")
        """
    )
    module = cst.parse_module(source)
    functions = [node for node in module.body if isinstance(node, cst.FunctionDef)]
    tree = ast.parse(source)
    kept = lambda: tree  # noqa: E731
    before = sys.getrefcount(tree)
    places = places_module.Places(module, source, "app.py", functions, kept)
    assert places.of_constant("TTL").line == 2
    assert places.of_constant("MISSING").line == 1
    assert places.of_attribute("Settings", "LIFETIME").line == 12  # the later class of that name
    assert places.of_attribute("Settings", "NAME").line == 1  # annotated, never assigned
    assert places.of(functions[0].body.body[0], functions[0]).line == 16
    assert sys.getrefcount(tree) == before  # read, and not kept
