"""`# nhilint: ignore[CODE]` and `# noqa: CODE`, on the line or its statement's first line."""

from __future__ import annotations

import textwrap

from nhilint.suppressions import codes_in_comment
from tests.helpers import pairs

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
