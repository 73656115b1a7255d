"""Bad input never crashes the run: each becomes NHL900 with a reason, and the run goes on."""

from __future__ import annotations

import os
import sys

import pytest

from nhilint import api
from nhilint.ftypes import Settings

TOKEN_WORD = b"import jwt\n"  # files without a token word are never parsed (the prefilter)
BAD_DECODE = b'import jwt\ndef f(t, k):\n    return jwt.decode(t, k, algorithms=["RS256"])\n'


def run(tmp_path, files):
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = api.check_paths([str(tmp_path)], Settings(root=str(tmp_path)))
    return {f.path: (f.code, f.message) for f in result.findings}


@pytest.mark.parametrize(
    "data, reason",
    [
        (TOKEN_WORD + b"def broken(:\n", "syntax error"),
        (TOKEN_WORD + b"s = '\xff\xfe'\n", "cannot"),
        (b"# -*- coding: klingon -*-\n" + TOKEN_WORD, "cannot"),
        (TOKEN_WORD + b"x = 1\x00\n", "not analysed"),
        (b"\x7fELF\x02\x01\x01\x00jwt\x00\x00\x03\x00", "not analysed"),
    ],
    ids=["syntax-error", "not-utf8", "unknown-cookie", "nul-byte", "binary"],
)
def test_unparseable_file_is_nhl900_and_the_run_goes_on(tmp_path, data, reason):
    found = run(tmp_path, {"bad.py": data, "later.py": BAD_DECODE})
    assert found["bad.py"][0] == "NHL900" and reason in found["bad.py"][1]
    assert found["later.py"][0] == "NHL101"


def test_bom_and_latin1_cookie_are_fine(tmp_path):
    found = run(tmp_path, {
        "bom.py": b"\xef\xbb\xbf" + BAD_DECODE,
        "latin.py": b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + BAD_DECODE,
    })
    assert found["bom.py"][0] == "NHL101" and found["latin.py"][0] == "NHL101"


def test_deep_nesting(tmp_path):
    deep = TOKEN_WORD + b"x = " + b"(" * 1000 + b"1" + b")" * 1000 + b"\n"
    found = run(tmp_path, {"deep.py": deep, "later.py": BAD_DECODE})
    assert found["later.py"][0] == "NHL101"
    assert "deep.py" not in found or found["deep.py"][0] == "NHL900"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.py"
    path.write_bytes(BAD_DECODE)
    path.chmod(0)
    found = run(tmp_path, {"later.py": BAD_DECODE})
    assert found["locked.py"][0] == "NHL900" and "cannot read" in found["locked.py"][1]


def test_dangling_symlink(tmp_path):
    os.symlink(tmp_path / "gone.py", tmp_path / "link.py")
    found = run(tmp_path, {"later.py": BAD_DECODE})
    assert found["link.py"][0] == "NHL900" and "cannot read" in found["link.py"][1]
    assert found["later.py"][0] == "NHL101"


def test_directory_named_x_py_given_explicitly(tmp_path):
    (tmp_path / "x.py").mkdir()
    result = api.check_paths([str(tmp_path / "x.py")], Settings(root=str(tmp_path)))
    assert result.findings == ()  # a directory is walked: nothing inside, nothing to report


def test_file_without_token_words_is_not_parsed_even_if_broken(tmp_path):
    assert run(tmp_path, {"plain.py": b"def broken(:\n"}) == {}
