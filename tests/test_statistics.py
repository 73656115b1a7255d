"""`check --statistics`: counts per code, most frequent first, instead of the findings."""

from __future__ import annotations

import io
import json
import textwrap
from dataclasses import replace

import pytest
from click.testing import CliRunner

from nhilint.cli import main
from nhilint.statistics import CodeCount, code_counts, write_table
from tests.helpers import findings

DECODE = 'def f{n}(token, key):\n    return jwt.decode(token, key, algorithms=["RS256"])\n\n'
INSECURE = textwrap.dedent(
    """\
    def g(token):
        return requests.get("http://billing.example.com/x", headers={"Authorization": "Bearer " + token})

    """
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    body = "import jwt\nimport requests\n\n" + "".join(DECODE.format(n=n) for n in range(3)) + INSECURE
    (tmp_path / "a.py").write_text(body)
    (tmp_path / "b.py").write_text("import jwt\n\n" + DECODE.format(n=9))
    (tmp_path / "clean.py").write_text("x = 1\n")
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_table_sorted_by_count_then_code(project):
    result = run("check", "--statistics")
    assert result.exit_code == 1
    assert result.output == "4\tNHL101\tjwt-decode-without-audience\n1\tNHL405\ttoken-sent-insecurely\n"


def test_no_findings_prints_nothing_and_exits_0(project):
    result = run("check", "clean.py", "--statistics")
    assert result.exit_code == 0 and result.output == ""


def test_exit_zero_and_output_file(project):
    result = run("check", "--statistics", "--exit-zero", "-o", "stats.txt")
    assert result.exit_code == 0 and result.output == ""
    assert (project / "stats.txt").read_text().startswith("4\tNHL101\t")


def test_json_statistics(project):
    result = run("check", "--statistics", "--output-format", "json")
    assert json.loads(result.output) == [
        {"code": "NHL101", "name": "jwt-decode-without-audience", "count": 4},
        {"code": "NHL405", "name": "token-sent-insecurely", "count": 1},
    ]


def test_statistics_count_what_the_baseline_leaves(project):
    run("baseline", "a.py", "-o", "b.json")
    result = run("check", "--statistics", "--baseline", "b.json")
    assert result.output == "1\tNHL101\tjwt-decode-without-audience\n"


def test_ties_are_ordered_by_code_and_counts_right_aligned():
    base = findings("import jwt\n\n" + DECODE.format(n=0))[0]

    def of(code: str, times: int):
        return [replace(base, rule=replace(base.rule, code=code, name=code.lower())) for _ in range(times)]

    rows = code_counts([*of("NHL404", 3), *of("NHL201", 12), *of("NHL101", 3)])
    assert rows == (CodeCount(12, "NHL201", "nhl201"), CodeCount(3, "NHL101", "nhl101"), CodeCount(3, "NHL404", "nhl404"))
    out = io.StringIO()
    write_table(rows, out)
    assert out.getvalue().splitlines() == ["12\tNHL201\tnhl201", " 3\tNHL101\tnhl101", " 3\tNHL404\tnhl404"]
    assert code_counts(()) == ()
