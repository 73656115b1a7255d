"""No file crashes or stalls the process that reports (issue 17 items 1 and 4; nhilint.parse_guard).

libcst overflows the C stack on long flat chains (8,000 `and`, 10,000 `+`, 3,000 parentheses) and
is quadratic on others (5,000 chained subscripts: 90 s). Small chains prove each guard here (its
threshold is lowered); benchmarks/robustness.py runs the full-size reproductions.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import List

import libcst as cst
import pytest

from nhilint import parse_guard
from nhilint.api import check_stdin
from nhilint.engine import check_source
from nhilint.ftypes import Settings
from nhilint.parse_guard import chain_depth
from nhilint.walk import walk
from tests.helpers import FIXTURES, ROOT, plan

DECODE = 'jwt.decode(t, k, algorithms=["RS256"])'
FORKS = pytest.mark.skipif(not parse_guard.can_fork(), reason="isolation by fork (Linux, BSD)")


def in_function(expression: str) -> bytes:
    """`expression` returned from a function that also decodes a JWT without audience (NHL101)."""
    return f"import jwt\ndef f(t, k, a, b, x, y, z):\n    return {expression}\n".encode()


N = 300  # links per shape: enough to tell a bound from a miss, cheap to scan and parse

SHAPES = {
    "and": " and ".join(["a"] * N),
    "or-not": " or ".join(["not a"] * N),
    "plus": "+".join(["a"] * N),
    "power": "**".join(["a"] * N),
    "unary": "-" * N + "a",
    "not": "not " * N + "a",
    "attribute": "a" + ".b" * N,
    "method calls": "a" + ".b()" * N,
    "calls with spaces": "a" + " (0)" * N,
    "subscripts": "a" + "[0]" * N,
    "subscripts over lines": "(a\n" + "    [0]\n" * N + ")",
    "parentheses": "(" * N + "a" + ")" * N,
    "lists": "[" * N + "a" + "]" * N,
    "dicts": "{1: " * N + "a" + "}" * N,
    "lambda": "lambda: " * N + "a",
    "conditional": "a if b else " * N + "a",
    "comparison": " < ".join(["a"] * N),
    "equality": " == ".join(["a"] * N),
    "walrus": "(x := " * N + "a" + ")" * N,
    "adjacent strings": " ".join(["'s'"] * N),
    "adjacent strings over lines": "(\n" + "    'text'\n" * N + ")",
    "chain over lines": "(a\n" + "    + a\n" * N + ")",
    "chain after comments": "(a  # why\n" + "    + a  # why\n" * N + ")",
    "backslash continuation": "a" + " \\\n    + a" * N,
    "inside an f-string": "f'{" + "+".join(["a"] * N) + "}'",
    "await": "await " * N + "a",
    "call arguments": "a" + "(b, " * N + "c" + ")" * N,
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_screen_bounds_every_chain_and_nesting(shape):
    """Each shape nests N nodes in libcst's tree: the screen's bound is at least N."""
    source = in_function(SHAPES[shape])
    assert chain_depth(source) >= N


def test_the_screen_bounds_elif_runs_and_deep_blocks():
    elifs = "def f(a):\n    if a == 0:\n        pass\n" + "    elif a == 1:\n        pass\n" * N
    assert chain_depth(elifs.encode()) >= N
    blocks = "".join(" " * depth + "if a:\n" for depth in range(90)) + " " * 90 + "pass\n"
    assert chain_depth(blocks.encode()) >= 90


def tree_depth(module: cst.Module) -> int:
    deepest, depth = 0, 0

    def enter(node: cst.CSTNode) -> bool:
        nonlocal deepest, depth
        depth += 1
        deepest = max(deepest, depth)
        return True

    def leave(node: cst.CSTNode) -> None:
        nonlocal depth
        depth -= 1

    walk(module, enter, leave)
    return deepest


@pytest.mark.parametrize("shape", ["and", "method calls", "subscripts", "lambda", "adjacent strings over lines"])
def test_the_screen_is_a_bound_of_the_real_tree_not_a_guess(shape):
    """The screen counts links; libcst nests at most a few nodes per link."""
    source = in_function(SHAPES[shape])
    assert tree_depth(parse_guard.in_deep_thread(lambda: cst.parse_module(source))) <= 4 * chain_depth(source)


def test_ordinary_code_stays_inline():
    """Every file of this project and its fixtures is checked in process, with no fork."""
    files = [*(ROOT / "nhilint").rglob("*.py"), *(ROOT / "rules").rglob("*.py"), *FIXTURES.rglob("*.py")]
    deepest = max(files, key=lambda path: chain_depth(path.read_bytes()))
    assert chain_depth(deepest.read_bytes()) <= parse_guard.INLINE_DEPTH, deepest


@pytest.mark.parametrize(
    "source",
    [
        "x = {" + ", ".join(f"'k{i}': a.b.c + 1" for i in range(5000)) + "}\n",  # long but flat
        "x = ['((((((((((', '[[[[[[[[', \"'\", '\\'((((']\n" * 200,  # brackets and quotes in strings
        "# (((((((((((((((((((((((((((((((((((((((((((((((\n" * 200,  # ... and in comments
        'x = """\n' + "a + a + a + a + a + a + a + a + a\n" * 2000 + '"""\n',  # ... and in docstrings
        "if a:\n    pass\n" * 2000,  # if statements in a row are not an elif run
    ],
    ids=["big-literal", "brackets-in-strings", "brackets-in-comments", "chain-in-docstring", "many-ifs"],
)
def test_the_screen_does_not_count_what_does_not_nest(source):
    assert chain_depth(source.encode()) < 30


# -- the engine ------------------------------------------------------------------------------

def findings(source: bytes, path: str = "deep.py"):
    result = check_source(source, path, plan(("NHL1", "NHL900")))
    return [(f.code, f.message) for f in result.findings]


def test_deeper_than_the_limit_is_nhl900_without_parsing(monkeypatch):
    monkeypatch.setattr(parse_guard, "MAX_DEPTH", 250)

    def never(*args, **kwargs):  # pragma: no cover - the point is that it is not called
        raise AssertionError("parsed")

    monkeypatch.setattr(cst, "parse_module", never)
    [(code, message)] = findings(in_function(SHAPES["plus"]))
    assert code == "NHL900" and "nesting too deep to parse" in message and "limit of 250" in message


@FORKS
def test_isolated_checks_find_what_inline_checks_find(monkeypatch):
    sources = sorted((FIXTURES / "demo").rglob("*.py")) + sorted((FIXTURES / "rules").rglob("*.py"))[:12]
    inline = [check_source(path.read_bytes(), path.name, plan()) for path in sources]
    monkeypatch.setattr(parse_guard, "INLINE_DEPTH", -1)  # every file in a child process
    isolated = [check_source(path.read_bytes(), path.name, plan()) for path in sources]
    assert isolated == inline
    assert sum(len(result.findings) for result in inline) > 10


@FORKS
def test_a_parser_crash_is_nhl900_and_the_process_goes_on(monkeypatch):
    def crash(source):
        os.kill(os.getpid(), signal.SIGSEGV)

    monkeypatch.setattr(parse_guard, "INLINE_DEPTH", -1)
    monkeypatch.setattr(cst, "parse_module", crash)
    assert findings(in_function(DECODE)) == [("NHL900", "file not analysed: the parser crashed (SIGSEGV)")]


@FORKS
def test_a_stalled_parse_is_killed_and_nhl900(monkeypatch):
    monkeypatch.setattr(parse_guard, "INLINE_DEPTH", -1)
    monkeypatch.setattr(parse_guard, "TIMEOUT_SECONDS", 1.0)
    monkeypatch.setattr(cst, "parse_module", lambda source: time.sleep(60))
    started = time.monotonic()
    assert findings(in_function(DECODE)) == [("NHL900", "file not analysed: checking it took longer than 1 s")]
    assert time.monotonic() - started < 10


def test_a_recursion_error_inline_is_retried_with_room_to_recurse(monkeypatch):
    """1,000 unary minus signs: libcst parses them, Python's recursion limit stops the analysis
    in process; the guard checks the file again where it can recurse, and the decode is found."""
    monkeypatch.setattr(parse_guard, "INLINE_DEPTH", 100_000)  # the screen lets it through
    source = in_function("-" * 1000 + DECODE)
    assert [code for code, _ in findings(source)] == ["NHL101"]


def test_without_fork_deep_files_are_parsed_in_a_deep_thread(monkeypatch):
    monkeypatch.setattr(parse_guard, "can_fork", lambda: False)
    source = in_function(" and ".join(["a"] * 3000) + " and " + DECODE)
    assert [code for code, _ in findings(source)] == ["NHL101"]


@pytest.mark.parametrize(
    "expression",
    ["a" + ".b()" * 200 + " or " + DECODE, "-" * 1000 + DECODE, "(" * 150 + DECODE + ")" * 150],
    ids=["200-method-calls", "1000-unary", "150-parentheses"],
)
def test_deep_valid_code_is_analysed(expression):
    assert [code for code, _ in findings(in_function(expression))] == ["NHL101"]


def test_five_hundred_elif_are_analysed():
    branches = "".join(f"    elif t == {index}:\n        return {index}\n" for index in range(1, 500))
    source = f"import jwt\ndef f(t, k):\n    if t == 0:\n        return 0\n{branches}    return {DECODE}\n"
    assert [code for code, _ in findings(source.encode())] == ["NHL101"]


def test_a_topics_like_module_of_adjacent_strings_is_analysed():
    """pydoc_data/topics.py (the standard library's) was "nesting too deep"; the full file is in
    benchmarks/robustness.py, this is its shape: values of hundreds of adjacent strings."""
    value = "\n".join(f"           'line {index} of the topic\\n'" for index in range(300))
    source = "import jwt\ntopics = {'a': " + value + ",\n 'b': " + value + "}\n"
    result = check_source(source.encode(), "topics.py", plan(("NHL",)))
    assert result.findings == () and chain_depth(source.encode()) > parse_guard.INLINE_DEPTH


# -- the reproductions of the issue, where a crash would kill the process -------------------

def nhilint(args: List[str], cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nhilint", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=120)


AND_CHAIN = in_function(" and ".join(["a"] * 8000) + " and " + DECODE)  # 40 KB; SIGSEGV before


def test_one_file_with_jobs_1_survives_a_chain_that_crashed_libcst(tmp_path):
    (tmp_path / "chain.py").write_bytes(AND_CHAIN)
    done = nhilint(["check", "--jobs", "1", "--no-cache", "--output-format", "concise", "."], tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.decode().startswith("chain.py:3:") and "NHL101" in done.stdout.decode()


def test_stdin_survives_a_chain_that_crashed_libcst(tmp_path):
    done = nhilint(["check", "--stdin-filename", "chain.py", "--output-format", "concise", "-"], tmp_path,
                   AND_CHAIN)
    assert done.returncode == 1, done.stderr
    assert "NHL101" in done.stdout.decode()


def test_the_server_path_survives_it_too():
    """`nhilint server` checks each buffer with api.check_stdin, in its own process."""
    result = check_stdin(AND_CHAIN, Settings(root="."), "chain.py")
    assert [f.code for f in result.findings] == ["NHL101"]


def test_a_deep_file_among_many_in_worker_processes(tmp_path):
    """Workers isolate deep files as the main process does: same report for 1 and 2 jobs."""
    from nhilint import api
    from nhilint.runner import FILES_PER_WORKER

    for index in range(2 * FILES_PER_WORKER + 2):
        (tmp_path / f"m{index:02}.py").write_bytes(in_function(DECODE if index % 2 else "a"))
    (tmp_path / "m05.py").write_bytes(in_function(" and ".join(["a"] * 3000) + " and " + DECODE))
    serial = api.check_paths([str(tmp_path)], Settings(root=str(tmp_path)), jobs=1)
    assert "m05.py" in [f.path for f in serial.findings if f.code == "NHL101"]
    assert api.check_paths([str(tmp_path)], Settings(root=str(tmp_path)), jobs=2) == serial
