"""Regular expressions compiled when first used (nhilint.patterns): they answer as the compiled
pattern does, and no module of nhilint compiles one when it is imported (each costs about a
million instructions; a one-file check used 29 of the 105 it compiled)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Iterator, List

import pytest

from nhilint.patterns import OnFirstUse, compiled_on_first_use
from tests.helpers import ROOT


@pytest.mark.parametrize("pattern, flags, text", [
    (r"(^|_)(tokens?|bearer)($|_)", 0, "access_token and bearer_auth"),
    (r"token|KEY", re.I, "a Token and a key"),
    (rb"[\"'#\n]", 0, b"x = 'a' # b\n"),
])
def test_answers_as_the_compiled_pattern(pattern, flags, text) -> None:
    lazy, compiled = compiled_on_first_use(pattern, flags), re.compile(pattern, flags)
    assert lazy.pattern == compiled.pattern and lazy.flags == compiled.flags
    assert lazy.groups == compiled.groups
    assert repr(lazy.search(text)) == repr(compiled.search(text))
    assert repr(lazy.match(text)) == repr(compiled.match(text))
    assert repr(lazy.fullmatch(text)) == repr(compiled.fullmatch(text))
    assert lazy.findall(text) == compiled.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.split(text) == compiled.split(text)
    replacement = b"-" if isinstance(text, bytes) else "-"
    assert lazy.sub(replacement, text) == compiled.sub(replacement, text)
    assert lazy.subn(replacement, text) == compiled.subn(replacement, text)


def test_compiled_once_and_only_when_used() -> None:
    lazy = compiled_on_first_use(r"a+")
    assert isinstance(lazy, OnFirstUse) and "_compiled" not in vars(lazy)
    assert lazy.search("baa") is not None
    first = vars(lazy)["_compiled"]
    assert lazy.sub("", "baa") == "b" and vars(lazy)["_compiled"] is first


def test_a_bad_pattern_fails_when_used() -> None:
    lazy = compiled_on_first_use(r"(unclosed")
    with pytest.raises(re.error):
        lazy.search("x")


def _sources() -> Iterator[Path]:
    for top in (ROOT / "nhilint", ROOT / "rules"):
        yield from sorted(top.rglob("*.py"))


def _compiled_at_import(tree: ast.Module) -> List[int]:
    """The lines of `re.compile(...)` calls that run when the module is imported: outside any
    function (a class body runs at import too)."""
    found: List[int] = []
    pending: List[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "compile"
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"):
            found.append(node.lineno)
        pending.extend(ast.iter_child_nodes(node))
    return found


def test_no_module_compiles_a_pattern_at_import() -> None:
    compiled = {
        str(path.relative_to(ROOT)): lines
        for path in _sources()
        if (lines := _compiled_at_import(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert compiled == {}, "use nhilint.patterns.compiled_on_first_use for a module-level pattern"


@pytest.mark.parametrize("used", [False, True])
def test_copied_and_pickled_it_is_the_same_pattern(used) -> None:
    """Settings and catalogues holding patterns go to worker processes by pickle."""
    import copy
    import pickle

    lazy = compiled_on_first_use(r"(^|_)token($|_)", re.I)
    if used:
        assert lazy.search("api_TOKEN")
    for other in (pickle.loads(pickle.dumps(lazy)), copy.deepcopy(lazy), copy.copy(lazy)):
        assert other.search("api_TOKEN").span() == (3, 9)
        assert other.pattern == lazy.pattern and other.flags == lazy.flags
