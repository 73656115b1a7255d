"""`# nhilint: ignore[CODE]` and `# noqa: CODE`, on the line or its statement's first line."""

from __future__ import annotations

import textwrap

from nhilint.suppressions import codes_in_comment
import pytest

from tests.helpers import findings, pairs

BASE = "import jwt\n\ndef f(token, key):\n"


def src(body: str) -> str:
    return BASE + textwrap.indent(textwrap.dedent(body), "    ")


def test_unsuppressed_baseline():
    assert pairs(src('return jwt.decode(token, key, algorithms=["RS256"])\n')) == {(4, "NHL101"): 1}


def test_nhilint_ignore_on_the_line():
    assert not pairs(src('return jwt.decode(token, key, algorithms=["RS256"])  # nhilint: ignore[NHL101] internal only\n'))


def test_noqa_with_code():
    assert not pairs(src('return jwt.decode(token, key, algorithms=["RS256"])  # noqa: NHL101\n'))


def test_family_prefix_suppresses():
    assert not pairs(src('return jwt.decode(token, key, algorithms=["RS256"])  # noqa: NHL1\n'))


def test_other_code_does_not_suppress():
    assert pairs(src('return jwt.decode(token, key, algorithms=["RS256"])  # noqa: NHL104\n'))


def test_bare_noqa_and_bare_ignore_are_not_honoured():
    assert pairs(src('return jwt.decode(token, key, algorithms=["RS256"])  # noqa\n'))
    assert pairs(src('return jwt.decode(token, key, algorithms=["RS256"])  # nhilint: ignore\n'))


def test_statement_first_line_covers_a_multiline_call():
    body = """\
    claims = (  # nhilint: ignore[NHL101]
        jwt.decode(
            token, key, algorithms=["RS256"]
        )
    )
    return claims
    """
    assert not pairs(src(body))
    assert pairs(src(body.replace("  # nhilint: ignore[NHL101]", ""))) == {(5, "NHL101"): 1}


def test_comment_text_inside_a_string_is_not_a_suppression():
    body = 'return jwt.decode(token, key, algorithms=["RS256"]), "# noqa: NHL101"\n'
    assert pairs(src(body)) == {(4, "NHL101"): 1}


def test_several_codes():
    assert codes_in_comment("# noqa: NHL101, NHL104") == {"NHL101", "NHL104"}
    assert codes_in_comment("# nhilint: ignore[NHL101,NHL104] reason") == {"NHL101", "NHL104"}
    assert codes_in_comment("# noqa: E501") == frozenset()


def test_noqa_lists_mixing_other_tools_codes():
    assert codes_in_comment("# noqa: E501, NHL101") == {"NHL101"}
    assert codes_in_comment("# noqa:E501,NHL101 W291") == {"NHL101"}
    assert codes_in_comment("# noqa: E501 because NHL101 is fine") == frozenset()
    assert not pairs(src('return jwt.decode(token, key, algorithms=["RS256"])  # noqa: E501, NHL101\n'))


def test_a_report_made_after_the_visit_honours_the_statement_line():
    """NHL105 judges a returned result from leave_Module; the suppression on the first line of
    the (multi-line) return statement still applies."""
    source = textwrap.dedent("""\
        from authlib.jose import jwt

        def load(token, key):
            return (  # nhilint: ignore[NHL105] validated by the gateway
                jwt.decode(token, key)
            )

        def caller(token, key):
            return load(token, key)["sub"]
        """)
    assert pairs(source) == {}
    assert pairs(source.replace("  # nhilint: ignore[NHL105] validated by the gateway", "")) == {(5, "NHL105"): 1}


DECODE = 'return jwt.decode(token, key, algorithms=["RS256"])'


def test_a_file_level_suppression_silences_its_codes_everywhere_in_the_file():
    source = "# nhilint: ignore-file[NHL101] the gateway checks the audience\n" + src(DECODE + "\n")
    assert pairs(source) == {}
    assert pairs(source.replace("ignore-file[NHL101]", "ignore-file[NHL104]")) == {(5, "NHL101"): 1}
    in_a_string = 'DOC = "# nhilint: ignore-file[NHL101]"\n' + src(DECODE + "\n")
    assert pairs(in_a_string) == {(5, "NHL101"): 1}


@pytest.mark.parametrize(
    "comment, note",
    [
        ("# nhilint: ignore", "`# nhilint: ignore` names no code, so it silences nothing"),
        ("# nhilint: ignore[]", "`# nhilint: ignore` names no code"),
        ("# nhilint: ignore-file", "`# nhilint: ignore-file` names no code"),
        ("# nhilint: ignore[jwt-decode-without-audience]",
         "'jwt-decode-without-audience' is a rule name: write its code, NHL101"),
        ("# nhilint: ignore[NHL999]", "NHL999 is not an nhilint rule code"),
        ("# noqa: NHL999", "NHL999 is not an nhilint rule code"),
        ("# nhilint: ignore[NHL104, B105]", "'B105' is not an nhilint rule code"),
    ],
)
def test_a_malformed_suppression_is_explained_on_the_finding_it_failed_to_silence(comment, note):
    [finding] = findings(src(f"{DECODE}  {comment}\n"))
    assert finding.code == "NHL101"
    assert finding.message.endswith(f"(suppression on this line: {note})") or note in finding.message


@pytest.mark.parametrize(
    "comment, note",
    [
        ("# nhilint: ignore-file", "`# nhilint: ignore-file` names no code"),
        ("# nhilint: ignore-file[jwt-decode-without-audience]",
         "'jwt-decode-without-audience' is a rule name: write its code, NHL101"),
        ("# nhilint: ignore-file[NHL999]", "NHL999 is not an nhilint rule code"),
    ],
)
def test_a_malformed_file_level_suppression_is_explained_on_every_finding_of_the_file(comment, note):
    # meant for the whole file, so a finding far from the comment says why it is still reported
    source = f"{comment}\n" + src(DECODE + "\n" + DECODE + "\n")
    found = findings(source)
    assert [(f.start.line, f.code) for f in found] == [(5, "NHL101"), (6, "NHL101")]
    assert all(f"(suppression in this file: {note}" in f.message for f in found)


def test_a_malformed_file_level_suppression_beside_a_line_one_explains_both():
    source = "# nhilint: ignore-file\n" + src(DECODE + "  # nhilint: ignore[NHL999]\n")
    [finding] = findings(source)
    assert finding.message.endswith("(suppression on this line: NHL999 is not an nhilint rule code; "
                                    "suppression in this file: `# nhilint: ignore-file` names no code, so it "
                                    "silences nothing: write `# nhilint: ignore-file[NHL...]`)")


def test_with_nhl901_every_malformed_suppression_is_reported():
    source = src("x = 1  # nhilint: ignore\n" + DECODE + "  # nhilint: ignore[NHL101, jwt-decode-without-audience]\n")
    found = findings(source, select=["NHL1", "NHL901"])
    assert sorted((f.start.line, f.code) for f in found) == [(4, "NHL901"), (5, "NHL901")]
    by_line = {f.start.line: f.message for f in found}
    assert "names no code" in by_line[4]
    assert "'jwt-decode-without-audience' is a rule name: write its code, NHL101" in by_line[5]


def test_valid_codes_in_a_partly_malformed_list_still_apply():
    assert pairs(src(DECODE + "  # nhilint: ignore[NHL101, audience-is-checked]\n")) == {}
