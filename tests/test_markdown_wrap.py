"""nhilint.markdown_wrap: prose re-flowed to a width, the Markdown's structure kept."""

from __future__ import annotations

import textwrap

from nhilint.markdown_wrap import reflow

DOC = textwrap.dedent("""\
    # NHL999 some-rule-name

    A paragraph of prose that runs on for a while, with `a code span that has spaces` in it and a
    [link](https://example.com/a/very/long/address/that/cannot/be/broken/anywhere/at/all) too.
    ## Example
    ```python
    token = jwt.decode(token, key, algorithms=["HS256"], options={"verify_signature": False})
    ```
    - a list item long enough to need a second line once the width is small
      continued on an indented line
      - a nested item that is long enough to wrap as well, under its own marker
    1. numbered
    | a | table | row that is wider than the width and must stay as it is |
    """)


def test_prose_fits_and_structure_stays():
    out = reflow(DOC, 30)
    lines = out.splitlines()
    assert lines[0] == "# NHL999 some-rule-name"
    assert "`a code span that has spaces`" in out  # never split across lines
    assert "[link](https://example.com/a/very/long/address/that/cannot/be/broken/anywhere/at/all)" in lines
    assert "## Example" in lines  # a heading ends the paragraph before it
    code = DOC.split("```")[1]
    assert f"```{code}```" in out
    assert "| a | table | row that is wider than the width and must stay as it is |" in lines
    item = [line for line in lines if line.startswith("- a list item")][0]
    following = lines[lines.index(item) + 1]
    assert following.startswith("  ") and not following.startswith("  -")
    assert any(line.startswith("  - a nested item") for line in lines)
    assert any(line.startswith("    ") and "wrap" in line for line in lines)  # under the nested marker
    assert "1. numbered" in lines
    for line in lines:
        if not line.startswith(("|", "```", "token =")) and "`a code" not in line and "](" not in line:
            assert len(line) <= 30, line


def test_wide_enough_changes_only_the_line_breaks_of_prose():
    out = reflow(DOC, 200)
    assert out.split("```")[1] == DOC.split("```")[1]
    assert " ".join(out.split()) == " ".join(DOC.split())
