"""Bad input never crashes the run (SPEC §8): each bad file becomes one NHL900 result with a
reason, another good file in the same run still reports its finding, and the exit code stays right.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from click.testing import CliRunner

from nhilint import api
from nhilint.cli import main
from nhilint.ftypes import Settings
from nhilint.registry import rules_by_code

TOKEN_WORD = b"import jwt\n"  # files without a token word are never parsed (the prefilter)
BAD_DECODE = b'import jwt\ndef f(t, k):\n    return jwt.decode(t, k, algorithms=["RS256"])\n'
DECODE_CALL = b'jwt.decode(t, k, algorithms=["RS256"])'
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file semantics")


def findings(tmp_path: Path, files: Dict[str, bytes], paths: Tuple[str, ...] = ()) -> Dict[str, List[Tuple[int, str, str]]]:
    """Write `files`, check `paths` (default: the whole tmp_path): path -> [(line, code, message)]."""
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    targets = [str(tmp_path / p) for p in paths] or [str(tmp_path)]
    result = api.check_paths(targets, Settings(root=str(tmp_path)))
    found: Dict[str, List[Tuple[int, str, str]]] = {}
    for finding in result.findings:
        found.setdefault(finding.path, []).append((finding.start.line, finding.code, finding.message))
    return found


def run(tmp_path: Path, files: Dict[str, bytes]) -> Dict[str, Tuple[str, str]]:
    """path -> (code, message) of each file's one finding."""
    found = findings(tmp_path, files)
    assert all(len(entries) == 1 for entries in found.values()), found
    return {path: entries[0][1:] for path, entries in found.items()}


def assert_not_analysed(result: Tuple[str, str], reason: str) -> None:
    code, message = result
    assert code == "NHL900" and message.startswith("file not analysed: ") and reason in message, result


# -- unreadable as Python --------------------------------------------------------------------

@pytest.mark.parametrize(
    "data, reason",
    [
        (TOKEN_WORD + b"def broken(:\n", "syntax error"),
        (TOKEN_WORD + b"s = '\xff\xfe'\n", "cannot decode"),
        (b"# -*- coding: utf-8 -*-\n" + TOKEN_WORD + b"s = 'caf\xe9'\n", "cannot decode"),
        (b"# -*- coding: klingon -*-\n" + TOKEN_WORD, "unknown encoding: klingon"),
        (TOKEN_WORD + b"x = 1\x00\n", "not analysed"),
        (b"\x00" * 64 + b"jwt" + b"\x00" * 64, "not analysed"),
        (b"\x7fELF\x02\x01\x01\x00jwt\x00\x00\x03\x00", "not analysed"),
        (bytes(range(256)) * 64 + b"token", "not analysed"),
        (b"\xff\xfe" + TOKEN_WORD, "encoding declaration"),
    ],
    ids=["syntax-error", "not-utf8", "not-utf8-despite-cookie", "unknown-cookie", "nul-byte",
         "only-nul-bytes", "binary-elf", "binary-all-bytes", "utf16-bom"],
)
def test_unparseable_file_is_nhl900_and_the_run_goes_on(tmp_path, data, reason):
    found = run(tmp_path, {"bad.py": data, "later.py": BAD_DECODE})
    assert_not_analysed(found["bad.py"], reason)
    assert found["later.py"][0] == "NHL101"


def test_syntax_error_is_reported_at_its_line(tmp_path):
    found = findings(tmp_path, {"bad.py": TOKEN_WORD + b"x = 1\ndef broken(:\n"})
    [(line, code, _)] = found["bad.py"]
    assert (line, code) == (3, "NHL900")


def test_bom_and_latin1_cookie_are_analysed(tmp_path):
    found = findings(tmp_path, {
        "bom.py": b"\xef\xbb\xbf" + BAD_DECODE,
        "latin.py": b"# -*- coding: latin-1 -*-\n# caf\xe9 \xff\n" + BAD_DECODE,
        "bom_cookie.py": b"\xef\xbb\xbf# coding: utf-8\n" + BAD_DECODE,
    })
    assert [(line, code) for line, code, _ in found["bom.py"]] == [(3, "NHL101")]
    assert [(line, code) for line, code, _ in found["latin.py"]] == [(5, "NHL101")]
    assert [(line, code) for line, code, _ in found["bom_cookie.py"]] == [(4, "NHL101")]


# -- size and depth --------------------------------------------------------------------------

def test_ten_megabyte_file(tmp_path):
    """Over the size limit (max-file-bytes, 1 MB): NHL900 at once, and the run goes on.
    tests/test_size_limit.py analyses the same file with the limit raised."""
    body = b'NOTES = """\n' + b"the token is refreshed here\n" * 370_000 + b'"""\n'
    data = TOKEN_WORD + body + BAD_DECODE
    assert len(data) > 10_000_000
    started = time.monotonic()
    found = run(tmp_path, {"big.py": data, "later.py": BAD_DECODE})
    assert time.monotonic() - started < 10
    assert_not_analysed(found["big.py"], "too large (10,")
    assert found["later.py"][0] == "NHL101"


def test_thousand_deep_parenthesised_expression_is_analysed(tmp_path):
    deep = TOKEN_WORD + b"def f(t, k):\n    return " + b"(" * 1000 + DECODE_CALL + b")" * 1000 + b"\n"
    found = run(tmp_path, {"deep.py": deep, "later.py": BAD_DECODE})
    assert found["deep.py"][0] == "NHL101"
    assert found["later.py"][0] == "NHL101"


def test_thousand_deep_expression_tree_is_analysed(tmp_path):
    """1,000 nested UnaryOperation nodes: valid Python, parsed where it can recurse (parse_guard)."""
    deep = TOKEN_WORD + b"def f(t, k):\n    return " + b"-" * 1000 + DECODE_CALL + b"\n"
    found = run(tmp_path, {"deep.py": deep, "later.py": BAD_DECODE})
    assert found["deep.py"][0] == "NHL101"
    assert found["later.py"][0] == "NHL101"


@pytest.mark.parametrize("opener", [b"if t:", b"def g():", b"for x in t:", b"class C:"])
def test_thousand_deep_blocks_are_nhl900(tmp_path, opener):
    """CPython allows 100 indentation levels; nhilint reports it in CPython's words."""
    blocks = b"".join(b" " * depth + opener + b"\n" for depth in range(1000)) + b" " * 1000 + b"pass\n"
    found = run(tmp_path, {"deep.py": TOKEN_WORD + blocks, "later.py": BAD_DECODE})
    assert_not_analysed(found["deep.py"], "too many levels of indentation")
    assert found["later.py"][0] == "NHL101"


def test_deep_but_legal_blocks_are_analysed(tmp_path):
    depth = 98  # the decode sits at indentation level 99, one under CPython's limit
    blocks = b"".join(b" " * level + b"def g():\n" for level in range(depth))
    data = TOKEN_WORD + blocks + b" " * depth + b"def f(t, k):\n" + b" " * (depth + 1) + b"return " + DECODE_CALL + b"\n"
    found = run(tmp_path, {"deep.py": data})
    assert found["deep.py"][0] == "NHL101"


# -- not a readable file ---------------------------------------------------------------------

@POSIX_ONLY
def test_symlink_loops(tmp_path):
    os.symlink(tmp_path / "b.py", tmp_path / "a.py")
    os.symlink(tmp_path / "a.py", tmp_path / "b.py")
    os.symlink(tmp_path / "self.py", tmp_path / "self.py")
    os.symlink(tmp_path, tmp_path / "sub")  # a directory loop: not followed
    os.symlink(tmp_path, tmp_path / "pkg.py")  # ... even when its name ends in .py
    found = run(tmp_path, {"later.py": BAD_DECODE})
    for name in ("a.py", "b.py", "self.py"):
        assert_not_analysed(found[name], "cannot read")
    assert found["later.py"][0] == "NHL101"
    assert set(found) == {"a.py", "b.py", "self.py", "later.py"}


@POSIX_ONLY
def test_symlink_loop_given_explicitly(tmp_path):
    os.symlink(tmp_path / "loop.py", tmp_path / "loop.py")
    found = findings(tmp_path, {"later.py": BAD_DECODE}, paths=("loop.py", "later.py"))
    assert found["loop.py"][0][1] == "NHL900" and "cannot read" in found["loop.py"][0][2]
    assert found["later.py"][0][1] == "NHL101"


@POSIX_ONLY
def test_dangling_symlink(tmp_path):
    os.symlink(tmp_path / "gone.py", tmp_path / "link.py")
    found = run(tmp_path, {"later.py": BAD_DECODE})
    assert_not_analysed(found["link.py"], "cannot read")
    assert found["later.py"][0] == "NHL101"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.py"
    path.write_bytes(BAD_DECODE)
    path.chmod(0)
    try:
        found = run(tmp_path, {"later.py": BAD_DECODE})
    finally:
        path.chmod(0o644)
    assert_not_analysed(found["locked.py"], "cannot read: Permission denied")
    assert found["later.py"][0] == "NHL101"


def test_read_refused(tmp_path, monkeypatch):
    """The unreadable case as root sees it too: reading fails with EACCES."""
    from nhilint import runner

    real_read = runner.read_regular_file

    def refuse(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(file).name == "locked.py":
            raise PermissionError(13, "Permission denied", str(file))
        return real_read(file, *args, **kwargs)

    monkeypatch.setattr(runner, "read_regular_file", refuse)  # how the runner reads every file
    found = run(tmp_path, {"locked.py": BAD_DECODE, "later.py": BAD_DECODE})
    assert_not_analysed(found["locked.py"], "cannot read: Permission denied")
    assert found["later.py"][0] == "NHL101"


def test_directory_named_x_py(tmp_path):
    (tmp_path / "x.py").mkdir()
    (tmp_path / "x.py" / "inner.py").write_bytes(BAD_DECODE)
    (tmp_path / "empty.py").mkdir()
    found = run(tmp_path, {"later.py": BAD_DECODE})
    assert set(found) == {"x.py/inner.py", "later.py"}  # directories are walked, never read
    assert found["x.py/inner.py"][0] == found["later.py"][0] == "NHL101"


def test_directory_named_x_py_given_explicitly(tmp_path):
    (tmp_path / "x.py").mkdir()
    result = api.check_paths([str(tmp_path / "x.py")], Settings(root=str(tmp_path)))
    assert result.findings == () and result.missing == ()  # a directory is walked: nothing inside


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipe_named_x_py(tmp_path):
    """Reading a FIFO blocks until someone writes: it must be reported, not read."""
    os.mkfifo(tmp_path / "pipe.py")
    unblock = threading.Timer(10, _open_for_writing, [tmp_path / "pipe.py"])  # fail, don't hang
    unblock.daemon = True
    unblock.start()
    try:
        found = run(tmp_path, {"later.py": BAD_DECODE})
    finally:
        unblock.cancel()
    assert_not_analysed(found["pipe.py"], "not a regular file")
    assert found["later.py"][0] == "NHL101"


def _open_for_writing(path: Path) -> None:
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:  # nobody is reading: nothing to unblock
        pass


def test_file_deleted_between_discovery_and_read(tmp_path, monkeypatch):
    discover = api.discover

    def discover_then_delete(*args, **kwargs):
        candidates, missing = discover(*args, **kwargs)
        (tmp_path / "gone.py").unlink()
        return candidates, missing

    monkeypatch.setattr(api, "discover", discover_then_delete)
    found = run(tmp_path, {"gone.py": BAD_DECODE, "later.py": BAD_DECODE})
    assert_not_analysed(found["gone.py"], "cannot read: No such file or directory")
    assert found["later.py"][0] == "NHL101"


def test_file_without_token_words_is_not_parsed_even_if_broken(tmp_path):
    assert run(tmp_path, {"plain.py": b"def broken(:\n"}) == {}


# -- stdin -----------------------------------------------------------------------------------

def test_empty_stdin():
    for name in (None, "src/app.py"):
        result = api.check_stdin(b"", Settings(root="."), name)
        assert result.findings == () and len(result.files) == 1


@pytest.mark.parametrize("data, code", [(b"", 0), (b"\n\n", 0), (BAD_DECODE, 1), (TOKEN_WORD + b"\x00\xff", 1)])
def test_stdin_exit_codes(tmp_path, monkeypatch, data, code):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--stdin-filename", "app.py", "-"], input=data)
    assert result.exit_code == code, result.output
    if b"\x00" in data:
        assert result.output.startswith("app.py:1:1: NHL900 file not analysed: ")


# -- a bug in a rule -------------------------------------------------------------------------

def _raise_in_rule(monkeypatch: pytest.MonkeyPatch, code: str, method: str) -> None:
    def broken(self, node):
        raise ValueError("boom")

    monkeypatch.setattr(rules_by_code()[code], method, broken)


def test_internal_error_in_a_rule_is_nhl900_for_that_file(tmp_path, monkeypatch):
    _raise_in_rule(monkeypatch, "NHL101", "visit_Call")
    found = run(tmp_path, {"bad.py": BAD_DECODE, "plain.py": b"x = 1\n"})
    assert_not_analysed(found["bad.py"], "internal error in NHL101: ValueError")
    assert "boom" not in found["bad.py"][1]  # an exception may quote the source: never print it


def test_internal_error_in_leave_module(tmp_path, monkeypatch):
    _raise_in_rule(monkeypatch, "NHL105", "leave_Module")
    found = run(tmp_path, {"bad.py": BAD_DECODE})
    assert_not_analysed(found["bad.py"], "internal error in NHL105: ValueError")


def test_internal_error_only_costs_the_file_it_happens_in(tmp_path, monkeypatch):
    """A rule that fails on one file still runs on the next; the exit code counts both."""
    visit_call = rules_by_code()["NHL101"].visit_Call

    def fails_on_first_file(self, node):
        if self.context.path == "a.py":
            raise KeyError("boom")
        return visit_call(self, node)

    monkeypatch.setattr(rules_by_code()["NHL101"], "visit_Call", fails_on_first_file)
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_bytes(BAD_DECODE)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", ".", "--output-format", "concise"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("a.py:1:1: NHL900 file not analysed: internal error in NHL101: KeyError")
    assert lines[1].startswith("b.py:3:12: NHL101 ")


def test_unhashable_dict_key_in_decode_options(tmp_path):
    """Found by tests/test_fuzz.py: an evaluated dict used as a dict key raised TypeError."""
    odd = TOKEN_WORD + b"def f(t, k):\n    return jwt.decode(t, k, options={{}: None})\n"
    found = findings(tmp_path, {"odd.py": odd})
    # the options mapping is unknown, so the options-dependent rules stay silent; no NHL900
    assert [code for _, code, _ in found.get("odd.py", [])] == ["NHL101"]


# -- exit codes ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "files, args, code",
    [
        ({"bad.py": TOKEN_WORD + b"def broken(:\n", "later.py": BAD_DECODE}, (), 1),
        ({"bad.py": TOKEN_WORD + b"def broken(:\n"}, (), 1),  # NHL900 alone is a finding
        ({"bad.py": TOKEN_WORD + b"def broken(:\n"}, ("--ignore", "NHL900"), 0),
        ({"bad.py": TOKEN_WORD + b"def broken(:\n"}, ("--exit-zero",), 0),
        ({"bad.py": TOKEN_WORD + b"\x00"}, ("--select", "NHL101,NHL900"), 1),
    ],
    ids=["with-finding", "alone", "ignored", "exit-zero", "selected"],
)
def test_exit_code_with_unanalysed_files(tmp_path, monkeypatch, files, args, code):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", ".", "--output-format", "concise", *args])
    assert result.exit_code == code, result.output
    if "--ignore" not in args:
        assert "bad.py:" in result.output and "NHL900 file not analysed" in result.output


# -- nothing is dropped silently (issue 17 item 4) ---------------------------------------------

@pytest.mark.parametrize(
    "args, reported",
    [
        (("--select", "NHL1"), True),  # the README's own example
        (("--select", "NHL101"), True),
        (("--ignore", "NHL9"), True),  # a family prefix is not NHL900 by name
        (("--ignore", "NHL900"), False),
        (("--select", "NHL1", "--ignore", "NHL900"), False),
    ],
    ids=["select-family", "select-code", "ignore-family", "ignore-by-name", "select-and-ignore-by-name"],
)
def test_unanalysed_files_are_reported_unless_nhl900_is_ignored_by_name(tmp_path, monkeypatch, args, reported):
    (tmp_path / "bad.py").write_bytes(TOKEN_WORD + b"def broken(:\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", ".", "--output-format", "concise", *args])
    assert result.exit_code == (1 if reported else 0), result.output
    assert ("NHL900" in result.output) == reported


def test_per_file_ignores_drop_nhl900_only_by_name(tmp_path):
    (tmp_path / "bad.py").write_bytes(TOKEN_WORD + b"def broken(:\n")
    for ignored, reported in ((("NHL",), True), (("NHL900",), False)):
        settings = Settings(root=str(tmp_path), per_file_ignores=(("bad.py", ignored),))
        codes = [f.code for f in api.check_paths([str(tmp_path)], settings).findings]
        assert codes == (["NHL900"] if reported else []), ignored


def _unlistable(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """A directory that cannot be listed, as a non-root user sees a `chmod 0` one."""
    real_scandir = os.scandir

    def scandir(path=".", *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.path.basename(os.fspath(path)) == name:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_directory_that_cannot_be_read_is_nhl900(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.py").write_bytes(BAD_DECODE)
    _unlistable(monkeypatch, "locked")
    found = run(tmp_path, {"later.py": BAD_DECODE})
    assert_not_analysed(found["locked"], "cannot read directory: Permission denied")
    assert found["later.py"][0] == "NHL101"


def test_a_path_argument_that_cannot_be_read_is_nhl900(tmp_path, monkeypatch):
    (tmp_path / "locked").mkdir()
    _unlistable(monkeypatch, "locked")
    found = findings(tmp_path, {}, paths=("locked",))
    assert [(code, message) for _, code, message in found["locked"]] == [
        ("NHL900", "file not analysed: cannot read directory: Permission denied")]


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_a_chmod_0_directory_is_nhl900(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.py").write_bytes(BAD_DECODE)
    locked.chmod(0)
    try:
        found = run(tmp_path, {"later.py": BAD_DECODE})
    finally:
        locked.chmod(0o755)
    assert_not_analysed(found["locked"], "cannot read directory: Permission denied")


def test_no_files_to_check_is_a_warning(tmp_path, monkeypatch):
    (tmp_path / "notes.txt").write_text("not python")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 0
    assert "nhilint: warning: no Python files to check" in result.stderr


def test_no_rules_selected_is_a_warning(tmp_path, monkeypatch):
    (tmp_path / "app.py").write_bytes(BAD_DECODE)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--select", "NHL1", "--ignore", "NHL1", "."])
    assert result.exit_code == 0
    assert "nhilint: warning: no rules selected" in result.stderr


@POSIX_ONLY
def test_a_project_file_whose_name_is_not_utf8(tmp_path):
    """The project index digests every project file's name; one that is not UTF-8 (kept as
    surrogates by the file system encoding) is a name like any other, not an internal error."""
    try:
        (tmp_path / os.fsdecode(b"caf\xe9.py")).write_bytes(b"X = 1\n")
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses the name")
    shared = (
        b"import os\nimport requests\nfrom slack_sdk import WebClient\n\nTOKEN = os.environ['SHARED_TOKEN']\n"
        b"chat = WebClient(token=TOKEN)\n"
        b"requests.get('https://api.other.example.com/x', headers={'Authorization': f'Bearer {TOKEN}'}, timeout=5)\n"
    )
    found = run(tmp_path, {"clients.py": shared})
    assert found["clients.py"][0] == "NHL302"
