"""The parse guard: no file may crash or stall the process that reports (issue 17 item 1).

libcst's native parser recurses once per link of a chain (`a and a and …`, `a + a + …`, `x.a.b…`,
`f()()…`, `x[0][0]…`, `- - - 1`, nested brackets, adjacent strings, `elif` runs). Some 8,000
links overflow an 8 MB C stack: the process dies of SIGSEGV and prints nothing. Some shapes are
also quadratic or worse (2,000 chained method calls: 40 s). So, before libcst sees a file:

1. `chain_depth` bounds, in one linear scan, how deep the tree libcst builds can be (a chain
   link or an open bracket counts one; a comma, an assignment or the end of a statement ends a
   chain). It overestimates on purpose (every operator, dot and keyword counts), so that none of
   the shapes that nest is underestimated (tests/test_parse_guard.py checks each). A shape that
   still recurses deeper than Python allows here is retried in isolation (RecursionError).
2. Up to `INLINE_DEPTH` (all but a few real files) the file is parsed and analysed here, as before.
3. Up to `MAX_DEPTH`, in isolation: a forked child process, killed after `TIMEOUT_SECONDS`, whose
   work runs in a thread with a large stack and a high recursion limit. A crash or a stall there
   costs that file an NHL900, never the run. (Without `os.fork`, on Windows and macOS, the
   thread alone: deep files still parse, but without the time bound.)
4. Deeper: NHL900 "nested too deeply" without parsing.

Real code stays far below the limits: the deepest of the 16,000 files of CPython's standard
library and this project's dependencies is pydoc_data/topics.py (2,218, adjacent strings); the
next is 258 (the `encodings` tables).
"""

from __future__ import annotations

import os
import re
import signal
import sys
import threading
import time
from typing import Callable, Dict, List, Optional, Tuple, TypeVar

from nhilint.patterns import compiled_on_first_use

T = TypeVar("T")

INLINE_DEPTH = 200
MAX_DEPTH = 10_000
TIMEOUT_SECONDS = 30.0
# The deep thread's stack: libcst needs ~3 KB a level, our analysis a few Python frames a node.
# Only what is used is ever committed, so reserving much costs nothing.
DEEP_STACK_BYTES = 512 * 1024 * 1024
DEEP_RECURSION_LIMIT = 40 * MAX_DEPTH

# -- the screen --------------------------------------------------------------------------------

_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_SPACE_BYTES = frozenset(b" \t\f\r\n")
# 1 for a byte that may begin a chain link: an operator, a dot, a colon (and, once keywords are
# marked, a keyword); 0 for identifier characters, non-ASCII bytes and white space
_LINK_MASK = bytes(0 if (b in _WORD_BYTES or b in _SPACE_BYTES or b >= 128) else 1 for b in range(256))
_KEYWORD = compiled_on_first_use(rb"\b(?:and|or|not|if|else|lambda|await|in|is|for)\b")
# What the scan stops at; everything between is counted with _LINK_MASK in one C call.
_STRUCTURE = compiled_on_first_use(rb"[\"'#\n\r\\()\[\]{},;=]")
# Unrolled string bodies: linear, one way to match each character.
_STRING = compiled_on_first_use(
    rb"'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''"
    rb'|"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""'
    rb"|'[^'\\\r\n]*(?:\\.[^'\\\r\n]*)*'"
    rb'|"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*"',
    re.DOTALL,
)
_LINE_START = compiled_on_first_use(rb"[ \t\f]*")
_BRANCH = compiled_on_first_use(rb"(?:elif|else)\b")
_COMPARISON_BEFORE_EQUALS = frozenset(b"<>!=:")  # `<=`, `>=`, `!=`, `==`, `:=` chain; `+=` assigns
_BLANK_LINE_STARTS = (b"", b"\n", b"\r", b"#")
_MAX_FSTRING_NESTING = 4
_TRIPLE_QUOTES = (b"'''", b'"""')


def _marked(source: bytes) -> bytes:
    """_LINK_MASK of the source, with 1 on the first letter of each keyword."""
    return _KEYWORD.sub(lambda match: b"\x01" + b"a" * (len(match.group()) - 1), source).translate(_LINK_MASK)


def chain_depth(source: bytes, _nesting: int = 0) -> int:
    """An upper bound (in links) of the depth of the tree libcst would build for `source`."""
    mask = _marked(source)
    size = len(source)
    deepest = 0
    links: List[int] = [0]  # chain links so far at each open bracket; [0] is the statement's
    chain = 1  # sum(links) + len(links): the depth of the expression where the scan is
    indents: List[int] = [0]
    elif_runs: Dict[int, int] = {}  # indentation -> `elif`s in a row there (each nests an If)
    statements = 1  # len(indents) + sum(elif_runs.values())
    position = 0
    operand_before = False  # what precedes ends an operand: a `(` or `[` now is a call or subscript
    string_before = False  # adjacent strings nest (ConcatenatedString)
    search, count = _STRUCTURE.search, mask.count
    while True:
        found = search(source, position)
        if found is None:
            break
        start = found.start()
        if start > position:  # the text since the last stop: names, numbers, operators, spaces
            gap = count(1, position, start)
            if gap:
                links[-1] += gap
                chain += gap
                if statements + chain > deepest:
                    deepest = statements + chain
            last: Optional[int] = source[start - 1]
            if last in _SPACE_BYTES:
                tail = source[position:start].rstrip()
                last = tail[-1] if tail else None
            if last is not None:
                operand_before = last in _WORD_BYTES or last >= 128
                string_before = False
        char = source[start]
        position = start + 1
        if char == 0x28 or char == 0x5B or char == 0x7B:  # ( [ {
            if char != 0x7B and operand_before:
                links[-1] += 1  # a call or subscript: one more link of the chain it ends
                chain += 1
            links.append(0)
            chain += 1
            operand_before = string_before = False
        elif char == 0x29 or char == 0x5D or char == 0x7D:  # ) ] }
            if len(links) > 1:
                chain -= links.pop() + 1
            operand_before, string_before = True, False
            continue
        elif char == 0x2C or char == 0x3B:  # , ;
            chain -= links[-1]
            links[-1] = 0
            operand_before = string_before = False
            continue
        elif char == 0x22 or char == 0x27:  # a quote
            string = _STRING.match(source, start)
            if string is None:
                continue  # not closed: a syntax error, which libcst reports quickly
            position = string.end()
            if string_before:
                links[-1] += 1
                chain += 1
            operand_before = string_before = True
            if b"f" in source[max(start - 2, 0):start].lower() and _nesting < _MAX_FSTRING_NESTING:
                body = string.group()
                quotes = 3 if body[:3] in _TRIPLE_QUOTES else 1
                inner = chain_depth(body[quotes:-quotes], _nesting + 1)  # the expressions in it
                deepest = max(deepest, statements + chain + inner)
        elif char == 0x23:  # a comment: neither ends nor continues anything
            end = source.find(b"\n", start)
            position = size if end < 0 else end
            continue
        elif char == 0x3D:  # =
            doubled = source[start + 1:start + 2] == b"="
            if doubled:
                position = start + 2
            operand_before = string_before = False
            if not doubled and not (start and source[start - 1] in _COMPARISON_BEFORE_EQUALS):
                chain -= links[-1]  # an assignment, augmented or not, or a keyword argument
                links[-1] = 0
                continue
            links[-1] += 1  # `==`, `<=`, `!=`, `:=`: one more link
            chain += 1
        elif char == 0x5C:  # a backslash: a line continuation
            if source[position:position + 1] == b"\r":
                position += 1
            if source[position:position + 1] == b"\n":
                position += 1
            continue
        else:  # a line break
            if char == 0x0D and source[position:position + 1] == b"\n":
                position += 1
            if len(links) > 1:
                continue  # inside brackets the statement goes on
            chain -= links[0]
            links[0] = 0
            operand_before = string_before = False
            first = _LINE_START.match(source, position).end()
            if source[first:first + 1] in _BLANK_LINE_STARTS:
                continue  # a blank or comment line leaves the indentation as it is
            width = first - position
            while width < indents[-1]:
                indents.pop()
            if width > indents[-1]:
                indents.append(width)
            branch = _BRANCH.match(source, first)
            if branch is not None and branch.group() == b"elif":
                elif_runs[width] = elif_runs.get(width, 0) + 1
            elif elif_runs and branch is None:
                for key in [key for key in elif_runs if key >= width]:
                    del elif_runs[key]
            statements = len(indents) + sum(elif_runs.values())
            continue
        if statements + chain > deepest:
            deepest = statements + chain
    if position < size:
        chain += count(1, position, size)
    return max(deepest, statements + chain)


# -- isolation ---------------------------------------------------------------------------------

class IsolationFailed(Exception):
    """The isolated work did not return: the message says why (a crash, a stall)."""


def can_fork() -> bool:
    """Whether isolation uses a child process: where `os.fork` is safe to use without exec
    (not on macOS, whose system libraries may abort a forked child)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def run_isolated(work: Callable[[], T], timeout: Optional[float] = None) -> T:
    """`work()` in a forked child process, in a deep thread there; its result comes back pickled.

    Raises IsolationFailed when the child crashes, stalls past `timeout` (it is then killed) or
    cannot start. Without fork, `work()` runs in a deep thread of this process, with no time bound.
    `timeout` defaults to TIMEOUT_SECONDS.
    """
    if timeout is None:
        timeout = TIMEOUT_SECONDS
    if not can_fork():
        return in_deep_thread(work)
    import pickle
    import select
    import warnings

    parent = os.getpid()
    read_end, write_end = os.pipe()
    try:
        with warnings.catch_warnings():  # Python 3.12 warns of fork in a threaded process
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError as error:
        os.close(read_end)
        os.close(write_end)
        raise IsolationFailed(f"cannot start a process to parse it in: {error.strerror or error}") from None
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(work, write_end, parent)
    os.close(write_end)
    chunks: List[bytes] = []
    deadline = time.monotonic() + timeout
    finished = False
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            ready, _, _ = select.select([read_end], [], [], remaining)
            if ready:
                chunk = os.read(read_end, 1 << 20)
                if not chunk:
                    finished = True
                    break
                chunks.append(chunk)
    finally:
        os.close(read_end)
        if not finished:  # a stall, or this process was interrupted: the child goes
            _kill(pid)
        _, status = os.waitpid(pid, 0)
    if not finished:
        raise IsolationFailed(f"checking it took longer than {timeout:g} s")
    if os.WIFSIGNALED(status):
        raise IsolationFailed(f"the parser crashed ({_signal_name(os.WTERMSIG(status))})")
    data = b"".join(chunks)
    if os.WEXITSTATUS(status) != 0 or not data:
        raise IsolationFailed("the process checking it failed")
    succeeded, value = pickle.loads(data)  # our own child's answer, over a private pipe
    if not succeeded:
        raise IsolationFailed(value)
    return value  # type: ignore[no-any-return]


def _child(work: Callable[[], T], write_end: int, parent: int) -> None:
    """Runs in the forked child: do the work, send the result, exit without any cleanup (the
    parent's atexit handlers and buffered output are the parent's)."""
    import pickle

    status = 1
    try:
        from nhilint.parallel import end_with_parent

        end_with_parent(parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        if "faulthandler" in sys.modules:  # a crash is reported by the parent, as NHL900
            sys.modules["faulthandler"].disable()
        try:
            answer: Tuple[bool, object] = (True, in_deep_thread(work))
        except IsolationFailed as failure:
            answer = (False, str(failure))
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view):]
        status = 0
    finally:
        os._exit(status)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:  # already gone
        pass


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def in_deep_thread(work: Callable[[], T]) -> T:
    """`work()` in a thread with a large stack and a high recursion limit; its exception, if any,
    is raised here. The caller waits, so raising the (process-wide) limit for the while is safe."""
    outcome: List[Tuple[bool, object]] = []

    def target() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as error:  # handed to the caller's thread
            outcome.append((False, error))

    old_limit, old_size = sys.getrecursionlimit(), threading.stack_size()
    try:
        threading.stack_size(DEEP_STACK_BYTES)
        thread = threading.Thread(target=target, name="nhilint-deep", daemon=True)
        sys.setrecursionlimit(max(old_limit, DEEP_RECURSION_LIMIT))
        thread.start()
        thread.join()
    except (RuntimeError, ValueError, MemoryError) as error:  # no thread with such a stack here
        raise IsolationFailed(f"cannot start a thread to parse it in ({error})") from None
    finally:
        sys.setrecursionlimit(old_limit)
        threading.stack_size(old_size)
    succeeded, value = outcome[0]
    if not succeeded:
        raise value  # type: ignore[misc]
    return value  # type: ignore[return-value]
