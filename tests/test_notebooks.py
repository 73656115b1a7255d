"""Jupyter notebooks: code cells checked, findings by cell and line, magics skipped, suppressions."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from nhilint.cli import main

DECODE = "def user(token, key):\n    return jwt.decode(token, key, algorithms=['RS256'])\n"


def notebook(*cells, language="python"):
    def cell(kind, text):
        return {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True),
                **({"outputs": [], "execution_count": None} if kind == "code" else {})}

    return json.dumps({
        "cells": [cell(kind, textwrap.dedent(text)) for kind, text in cells],
        "metadata": {"kernelspec": {"name": "python3", "language": language, "display_name": "Python 3"}},
        "nbformat": 4, "nbformat_minor": 5,
    }, indent=1)


NOTEBOOK = notebook(
    ("markdown", "# Calling the orders API\nimport jwt is not code here\n"),
    ("code", "%pip install pyjwt\nimport jwt\n!ls -l\nfiles = !ls\n"),
    ("code", "%%bash\necho 'jwt.decode(token, key)' > /dev/null\n"),
    ("code", "%time x = 1\n" + DECODE),
    ("code", "jwt.decode?\n" + DECODE.replace("user", "user2").rstrip("\n") + "  # nhilint: ignore[NHL101]\n"),
    ("code", "def later(token, key):\n    if token:\n        %time y = 2\n"
             "        return jwt.decode(token, key, algorithms=['RS256'])\n"),
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "analysis.ipynb").write_text(NOTEBOOK)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_findings_are_reported_by_cell_and_line(project):
    result = run("check", "--no-cache", "--output-format", "concise", "-q")
    assert result.exit_code == 1
    assert [line.split(" NHL101 ")[0] for line in result.stdout.splitlines()] == [
        "analysis.ipynb:cell 4:3:12:",  # line 3 of the 4th cell (a markdown cell counts as a cell)
        "analysis.ipynb:cell 6:4:16:",  # a magic inside a block becomes `pass`: still valid code
    ]  # cell 5's finding is suppressed by its comment; cell 3 is a %%bash cell


def test_machine_formats_carry_the_cell(project):
    [first, _] = json.loads(run("check", "--no-cache", "--output-format", "json").stdout)
    assert (first["cell"], first["start"], first["path"]) == (4, {"line": 3, "column": 12}, "analysis.ipynb")
    sarif = json.loads(run("check", "--no-cache", "--output-format", "sarif").stdout)
    assert sarif["runs"][0]["results"][0]["message"]["text"].startswith("cell 4, line 3: jwt.decode()")
    full = run("check", "--no-cache", "--output-format", "full", "--color", "never").stdout
    assert "analysis.ipynb:cell 4:3:12: NHL101 [jwt-decode-without-audience]" in full


def test_a_directory_walk_finds_notebooks_but_not_their_checkpoints(project):
    (project / ".ipynb_checkpoints").mkdir()
    (project / ".ipynb_checkpoints" / "analysis-checkpoint.ipynb").write_text(NOTEBOOK)
    lines = run("check", "--show-files").stdout.splitlines()
    assert "check  analysis.ipynb" in lines
    assert "skip   .ipynb_checkpoints/  (excluded (exclude / extend-exclude))" in lines


def test_other_kernels_and_broken_notebooks(project):
    (project / "analysis.ipynb").write_text(notebook(("code", "import jwt\n" + DECODE), language="R"))
    (project / "broken.ipynb").write_text('{"cells": [')
    result = run("check", "--no-cache", "--output-format", "concise", "-q")
    assert result.stdout.splitlines() == ["broken.ipynb:1:1: NHL900 file not analysed: not a notebook: invalid JSON "
                                          "(JSONDecodeError)"]


def test_a_syntax_error_in_a_cell_is_placed_in_its_cell(project):
    (project / "analysis.ipynb").write_text(notebook(("code", "import jwt\n"), ("code", "x = (\n")))
    result = run("check", "--no-cache", "--output-format", "concise", "-q")
    assert result.stdout.startswith("analysis.ipynb:cell 2:1:")
    assert "NHL900" in result.stdout


def test_only_magic_lines_are_left_out():
    from nhilint.notebooks import code_of

    cells = json.loads(notebook(("code", "a = 1  # is this right?\nurl = 'https://x?a=b'\njwt.decode??\n?jwt\n"
                                         "    !echo hi\nx = %env HOME\ny = x % 2\n")))
    source, where = code_of(cells)
    assert source.splitlines() == ["a = 1  # is this right?", "url = 'https://x?a=b'", "pass", "pass",
                                   "    pass", "pass", "y = x % 2"]
    assert where == [(1, line) for line in range(1, 8)]


def test_add_noqa_writes_into_the_cells_and_keeps_the_notebook_json(project):
    result = run("check", "--no-cache", "--add-noqa")
    assert result.exit_code == 0
    assert "added 2 suppression comments to 1 file" in result.stderr
    decode = "return jwt.decode(token, key, algorithms=['RS256'])"
    # the JSON text itself: only the two reported cell lines gain a comment, no other byte moves
    expected = (NOTEBOOK
                .replace(f'"    {decode}\\n"', f'"    {decode}  # nhilint: ignore[NHL101]\\n"')
                .replace(f'"        {decode}\\n"', f'"        {decode}  # nhilint: ignore[NHL101]\\n"'))
    assert expected != NOTEBOOK
    assert (project / "analysis.ipynb").read_text() == expected
    assert run("check", "--no-cache").exit_code == 0


def test_add_noqa_leaves_a_notebook_it_cannot_write_back_unchanged(project):
    # a layout no json.dumps call writes (tabs): editing lines of the JSON text would corrupt it
    odd = json.dumps(json.loads(NOTEBOOK), indent="\t")
    (project / "analysis.ipynb").write_text(odd)
    result = run("check", "--no-cache", "--add-noqa")
    assert (project / "analysis.ipynb").read_text() == odd
    assert "analysis.ipynb: notebook not edited" in result.stderr
    assert run("check", "--no-cache").exit_code == 1


def test_full_output_frames_a_finding_with_its_cell_as_written(project):
    """As ruff: the frame shows the cell's lines (magics as typed), numbered within the cell."""
    full = run("check", "--no-cache", "--output-format", "full", "--color", "never").stdout
    lines = full.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("analysis.ipynb:cell 4:3:12: NHL101")))
    # the message may wrap: the frame starts at the first line with a gutter
    frame = [line for line in lines[start + 1:start + 9] if " | " in line or line.endswith(" |")]
    assert frame == [
        "    1 | %time x = 1",
        "    2 | def user(token, key):",
        "  > 3 |     return jwt.decode(token, key, algorithms=['RS256'])",
        "      |            " + "^" * len("jwt.decode(token, key, algorithms=['RS256'])"),
    ]
    start = lines.index(next(line for line in lines if line.startswith("analysis.ipynb:cell 6:4:16: NHL101")))
    assert "    3 |         %time y = 2" in lines[start + 1:start + 8]


def test_a_cell_frame_shows_no_secret(project):
    """A cell with magics is read as Python for redaction (its multi-line strings found whole)."""
    from tests.test_secrets_in_output import MULTILINE_KEY, SECRETS, WEAK_JWT_KEY, leaks, source

    (project / "analysis.ipynb").write_text(notebook(
        ("markdown", "# Settings\n"), ("code", "%load_ext dotenv\n!pip install pyjwt\n" + source())))
    result = run("check", "--no-cache", "--select", "NHL", "--output-format", "full", "--color", "never")
    assert result.exit_code == 1 and "cell 2:" in result.stdout and " | " in result.stdout  # framed
    assert "NHL101" in result.stdout and "NHL301" in result.stdout
    for name, secret in [*SECRETS.items(), ("pem", MULTILINE_KEY), ("jwt key", WEAK_JWT_KEY)]:
        assert not leaks(secret, result.stdout), name
