"""benchmarks/run.py's pure helpers: corpus filtering and counting, ratios, targets, the table.

Nothing here downloads a package or times a tool; the benchmark itself is run by hand.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
import tarfile
import zipfile
from pathlib import Path, PurePosixPath
from types import ModuleType

from tests.helpers import ROOT


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


bench = _load()


def _result(scope: str, tool: str, walls=(), rss=None):
    return bench.Result(scope, tool, files=1, lines=10, walls_s=list(walls), peak_rss_mb=rss)


def test_pins_are_exact_and_cover_the_single_files():
    names = {pin.name for pin in bench.PINS}
    assert len(names) == len(bench.PINS)
    assert all(re.fullmatch(r"\d+(\.\d+)+", pin.version) for pin in bench.PINS)
    assert set(bench.QUICK_NAMES) <= names
    quick_dirs = {pin.directory for pin in bench.PINS if pin.name in bench.QUICK_NAMES}
    for relative in (bench.TOKEN_FILE, bench.PLAIN_FILE):
        assert relative.split("/")[0] in quick_dirs, relative


def test_semgrep_rules_file_exists():
    text = bench.SEMGREP_RULES.read_text(encoding="utf-8")
    assert text.count("- id: ") == 3


def test_archive_members_kept_are_python_files_under_the_top_folder():
    assert bench.wanted_member("pyjwt-2.15.1/jwt/api_jwt.py") == PurePosixPath("jwt/api_jwt.py")
    assert bench.wanted_member("flask-3.1.3/tests/conftest.py") == PurePosixPath("tests/conftest.py")
    for dropped in ("pyjwt-2.15.1/README.rst", "pyjwt-2.15.1/jwt/types.pyi", "setup.py",
                    "pkg-1.0/build/lib/pkg/a.py", "pkg-1.0/docs/_build/conf.py",
                    "pkg-1.0/pkg.egg/a.py", "pkg-1.0/../../escape.py", "/etc/abs.py"):
        assert bench.wanted_member(dropped) is None, dropped
    assert bench.wheel_member("jwt/api_jwt.py") == PurePosixPath("jwt/api_jwt.py")


def test_extract_writes_only_safe_python_files(tmp_path: Path):
    archive = tmp_path / "pkg-1.0.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in (("pkg-1.0/pkg/a.py", b"x = 1\n"), ("pkg-1.0/README", b"r"),
                           ("pkg-1.0/../evil.py", b"bad"), ("pkg-1.0/build/b.py", b"b")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    wheel = tmp_path / "pkg-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zipped:
        zipped.writestr("pkg/w.py", "y = 2\n")
        zipped.writestr("pkg-1.0.dist-info/METADATA", "m")
    out = tmp_path / "out"
    bench._extract(archive, out)
    bench._extract(wheel, out)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == ["out/pkg/a.py", "out/pkg/w.py", "pkg-1.0-py3-none-any.whl", "pkg-1.0.tar.gz"]


def test_corpus_counts_python_files_and_lines(tmp_path: Path):
    (tmp_path / "a" / "sub").mkdir(parents=True)
    (tmp_path / "a" / "build").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "one.py").write_bytes(b"x = 1\ny = 2\n")
    (tmp_path / "a" / "sub" / "two.py").write_bytes(b"z = 3")  # no final newline: still a line
    (tmp_path / "a" / "sub" / "empty.py").write_bytes(b"")
    (tmp_path / "a" / "build" / "skipped.py").write_bytes(b"skipped = True\n")
    (tmp_path / "a" / "notes.txt").write_bytes(b"not python\n")
    (tmp_path / "b" / "three.py").write_bytes(b"\n\n\n")
    corpus = bench.corpus_stats(tmp_path, ["a", "b"])
    assert [p.relative_to(tmp_path).as_posix() for p in corpus.files] == [
        "a/one.py", "a/sub/empty.py", "a/sub/two.py", "b/three.py"]
    assert corpus.lines == 2 + 0 + 1 + 3
    assert bench.corpus_stats(tmp_path, ["a/one.py"]).lines == 2


def test_help_options_finds_long_options():
    text = """Options:
  --select CODES        Rules to run.
  --no-cache            Do not read or write the result cache.
  -j, --jobs INTEGER    Worker processes.
  -q, --quiet           Print findings only (see --output-format).
"""
    options = bench.help_options(text)
    assert {"--select", "--no-cache", "--jobs", "--quiet", "--output-format"} <= options
    assert "--no-cache" not in bench.help_options("  --cache-dir PATH  Where the cache lives.")


def test_ratios_are_taken_within_a_scope():
    results = [
        _result("corpus", "nhilint cold", walls=[2.0, 9.0, 3.0]),  # median 3.0
        _result("corpus", "bandit", walls=[12.0]),
        _result("corpus", "floor: ast.parse", walls=[1.5]),
        _result("token file", "nhilint", walls=[0.4]),
        _result("token file", "bandit", walls=[0.2]),
        _result("plain file", "nhilint", walls=[0.1]),  # no bandit, no floor in this scope
        _result("corpus", "semgrep (3 rules)"),  # skipped: no runs
    ]
    bench.add_ratios(results)
    cold, bandit, floor, token, _, plain, semgrep = results
    assert cold.median_s == 3.0
    assert cold.ratio_bandit == 0.25 and cold.ratio_ast == 2.0
    assert bandit.ratio_bandit == 1.0 and floor.ratio_ast == 1.0
    assert token.ratio_bandit == 2.0 and token.ratio_ast is None
    assert plain.ratio_bandit is None and plain.ratio_ast is None
    assert semgrep.ratio_bandit is None
    assert bench.ratio(1.0, 0.0) is None and bench.ratio(None, 1.0) is None


def test_targets_compare_the_issue_ratios():
    results = [
        _result("corpus", "nhilint cold", walls=[10.0], rss=50.0),
        _result("corpus", "nhilint warm", walls=[0.5]),
        _result("corpus", "bandit", walls=[80.0], rss=100.0),
        _result("token file", "nhilint", walls=[0.3]),
        _result("token file", "bandit", walls=[0.2]),
        _result("plain file", "nhilint", walls=[0.2]),
        _result("plain file", "bandit", walls=[0.2]),
    ]
    checks = {c.name: c for c in bench.check_targets(results)}
    assert checks["cold scan / bandit"].ratio == 0.125 and checks["cold scan / bandit"].met
    assert checks["warm scan / cold scan"].ratio == 0.05 and checks["warm scan / cold scan"].met
    assert checks["token file / bandit on it"].met  # 1.5 is allowed
    assert checks["plain file / bandit on it"].met is False
    assert checks["cold scan peak RSS / bandit's"].ratio == 0.5
    no_warm = bench.check_targets([r for r in results if r.tool != "nhilint warm"])
    assert no_warm[1].ratio is None and no_warm[1].met is None
    assert "not measured" in bench.format_targets(no_warm)
    assert "NOT met" in bench.format_targets(no_warm)


def test_table_aligns_columns_and_marks_missing_values():
    results = [
        _result("corpus", "bandit", walls=[80.0], rss=120.25),
        _result("corpus", "semgrep (3 rules)"),
    ]
    results[1].note = "skipped: semgrep needs the network"
    bench.add_ratios(results)
    lines = bench.format_table(results).splitlines()
    assert lines[0].split() == ["scope", "tool", "files", "lines", "median", "s", "peak", "RSS",
                                "MB", "x", "bandit", "x", "ast.parse"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].split() == ["corpus", "bandit", "1", "10", "80.000", "120.2", "1.000", "-"]
    assert lines[3].split()[-4:] == ["-", "-", "-", "-"]
    assert len({len(line) for line in lines[:2]}) == 1  # header and rule line have one width
    assert lines[-1] == "  corpus / semgrep (3 rules): skipped: semgrep needs the network"


def test_bytecode_check_tells_a_compiled_install_from_source_only(tmp_path: Path, monkeypatch):
    import py_compile

    source = tmp_path / "cli.py"
    source.write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(bench.importlib.util, "find_spec",
                        lambda name: importlib.util.spec_from_file_location(name, source))
    assert bench.nhilint_bytecode() == "source only"
    py_compile.compile(str(source), cfile=importlib.util.cache_from_source(str(source)))
    assert bench.nhilint_bytecode() == "compiled"
    monkeypatch.setattr(bench.importlib.util, "find_spec", lambda name: None)
    assert bench.nhilint_bytecode() == "not found"


def test_download_command_asks_for_the_pins_own_archive_kind(tmp_path: Path):
    sdist = bench.download_command(bench.Pin("pyjwt", "2.15.1"), tmp_path)
    wheel = bench.download_command(bench.Pin("open-webui", "0.12.4", wheel=True), tmp_path)
    assert sdist[-1] == "pyjwt==2.15.1" and "--no-deps" in sdist
    assert sdist[sdist.index("--no-binary") + 1] == "pyjwt" and "--only-binary" not in sdist
    assert wheel[wheel.index("--only-binary") + 1] == ":all:" and "--no-binary" not in wheel
    assert bench.Pin("pyjwt", "2.15.1").kind == "sdist" and bench.Pin("x", "1", wheel=True).kind == "wheel"
