#!/usr/bin/env python3
"""Time nhilint against bandit, ruff and semgrep on pinned real code, in one run (SPEC §9).

    python benchmarks/run.py [--repeat 3] [--quick]

Builds (or reuses) a corpus of the .py files of pinned sdists, then times each tool in a fresh
child process per repetition and prints median wall time, peak RSS and ratios to bandit and to
the `ast.parse` floor; the same goes to benchmarks/results/latest.json with the machine's details.
Standard library only: the tools are run as commands from the interpreter's own environment.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import AbstractSet, Dict, List, Optional, Sequence, Set, Tuple

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS_DIR = HERE / ".corpus"
DEFAULT_OUTPUT = HERE / "results" / "latest.json"
QUICK_OUTPUT = HERE / "results" / "quick.json"
SEMGREP_RULES = HERE / "semgrep-rules.yml"


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    wheel: bool = False  # True where the project publishes no sdist

    @property
    def kind(self) -> str:
        return "wheel" if self.wheel else "sdist"

    @property
    def directory(self) -> str:
        return f"{self.name}-{self.version}"


# Exact versions on PyPI (the newest installable on Python 3.9-3.11 when written); sdists, so
# the corpus holds each project's tests too, as a repository checkout would.
PINS: Tuple[Pin, ...] = (
    Pin("django", "5.2.19"),
    Pin("authlib", "1.9.9"),
    Pin("pyjwt", "2.15.1"),
    Pin("google-auth", "2.62.2"),
    Pin("msal", "1.39.0"),
    Pin("requests", "2.34.2"),
    Pin("flask", "3.1.3"),
    Pin("fastapi", "0.165.0"),
    Pin("httpx", "0.28.1"),
    Pin("boto3", "1.44.5"),
    Pin("botocore", "1.44.5"),
)
QUICK_NAMES = ("pyjwt", "msal", "requests", "flask")

# Single-file checks, relative to the corpus root. The first is dense with JWT code; the second
# holds none of nhilint's prefilter words (token, jwt, header, secret, verify, ...), so it shows
# the cost of a file the prefilter skips (checked when the pins were chosen).
TOKEN_FILE = "pyjwt-2.15.1/jwt/api_jwt.py"
PLAIN_FILE = "flask-3.1.3/src/flask/sansio/scaffold.py"

# Folders that ruff, nhilint, bandit or semgrep skip by default: left out of the corpus so that
# every tool is given the same files.
SKIPPED_DIRS = frozenset({
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints", ".mypy_cache",
    ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache", ".svn", ".tox",
    ".venv", ".vscode", "__pycache__", "__pypackages__", "_build", "buck-out", "build", "CVS",
    "dist", "node_modules", "site-packages", "venv", ".nhilint_cache",
})

# Runs a command and reports its wall time and the peak RSS of its process tree. A fresh
# wrapper per run, because ru_maxrss of RUSAGE_CHILDREN is a running maximum, not a counter.
MEASURE_CODE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
kib = rss // 1024 if sys.platform == "darwin" else rss
with open(sys.argv[1], "w") as out:
    json.dump({"wall_s": wall, "max_rss_kib": kib, "returncode": code}, out)
"""

# The floors: read and parse every file listed in argv[2] with ast or libcst.
FLOOR_CODE = r"""
import sys
if sys.argv[1] == "libcst":
    import libcst
    parse = libcst.parse_module
else:
    import ast
    parse = ast.parse
failed = 0
with open(sys.argv[2], encoding="utf-8") as listing:
    for line in listing:
        with open(line.rstrip("\n"), "rb") as f:
            source = f.read()
        try:
            parse(source)
        except Exception:
            failed += 1
print(f"{failed} files did not parse")
"""


@dataclass(frozen=True)
class Corpus:
    root: Path
    targets: Tuple[str, ...]  # relative to root, as given to every tool
    files: Tuple[Path, ...]
    lines: int


@dataclass(frozen=True)
class RunSample:
    wall_s: float
    max_rss_kib: int
    returncode: int


@dataclass
class Result:
    scope: str
    tool: str
    files: int
    lines: int
    command: List[str] = field(default_factory=list)
    walls_s: List[float] = field(default_factory=list)
    peak_rss_mb: Optional[float] = None
    ratio_bandit: Optional[float] = None
    ratio_ast: Optional[float] = None
    note: str = ""

    @property
    def median_s(self) -> Optional[float]:
        return statistics.median(self.walls_s) if self.walls_s else None


@dataclass(frozen=True)
class TargetCheck:
    name: str
    ratio: Optional[float]
    limit: float

    @property
    def met(self) -> Optional[bool]:
        return None if self.ratio is None else self.ratio <= self.limit


# ---------------------------------------------------------------------------------------------
# Pure helpers (tested without downloading or timing anything)


def wanted_member(name: str) -> Optional[PurePosixPath]:
    """The path under the package folder for an archive member worth keeping, else None.

    Keeps .py files only, drops the sdist's top folder (`pyjwt-2.15.1/`), and refuses absolute
    paths, `..` and the folders some tool skips by default.
    """
    path = PurePosixPath(name)
    if not name.endswith(".py") or path.is_absolute() or ".." in path.parts:
        return None
    parts = path.parts[1:]
    if not parts or any(part in SKIPPED_DIRS or part.endswith(".egg") for part in parts[:-1]):
        return None
    return PurePosixPath(*parts)


def wheel_member(name: str) -> Optional[PurePosixPath]:
    """Like `wanted_member`, for a wheel: its members have no top folder to drop."""
    return wanted_member(f"wheel/{name}")


def count_lines(source: bytes) -> int:
    return source.count(b"\n") + (1 if source and not source.endswith(b"\n") else 0)


def python_files(root: Path, targets: Sequence[str]) -> List[Path]:
    """Every .py file under the targets (sorted), skipping the folders tools skip by default."""
    found: List[Path] = []
    for target in targets:
        top = root / target
        if top.is_file():
            found.append(top)
            continue
        for directory, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
            found.extend(Path(directory) / name for name in sorted(filenames) if name.endswith(".py"))
    return sorted(found)


def corpus_stats(root: Path, targets: Sequence[str]) -> Corpus:
    files = python_files(root, targets)
    lines = sum(count_lines(path.read_bytes()) for path in files)
    return Corpus(root=root, targets=tuple(targets), files=tuple(files), lines=lines)


def help_options(help_text: str) -> Set[str]:
    """The long options a click `--help` text lists."""
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", help_text))


def ratio(value: Optional[float], baseline: Optional[float]) -> Optional[float]:
    if value is None or not baseline:
        return None
    return value / baseline


def add_ratios(results: Sequence[Result]) -> None:
    """Ratios of each result's median to bandit's and to the ast floor's in the same scope."""
    by_scope: Dict[str, Dict[str, Result]] = {}
    for result in results:
        by_scope.setdefault(result.scope, {})[result.tool] = result
    for result in results:
        same = by_scope[result.scope]
        bandit, floor = same.get("bandit"), same.get("floor: ast.parse")
        result.ratio_bandit = ratio(result.median_s, bandit.median_s if bandit else None)
        result.ratio_ast = ratio(result.median_s, floor.median_s if floor else None)


def check_targets(results: Sequence[Result]) -> List[TargetCheck]:
    """The issue's targets, as ratios measured in this one run."""
    table = {(r.scope, r.tool): r for r in results}

    def median(scope: str, tool: str) -> Optional[float]:
        result = table.get((scope, tool))
        return result.median_s if result else None

    def rss(scope: str, tool: str) -> Optional[float]:
        result = table.get((scope, tool))
        return result.peak_rss_mb if result else None

    return [
        TargetCheck("cold scan / bandit", ratio(median("corpus", "nhilint cold"),
                                                median("corpus", "bandit")), 0.25),
        TargetCheck("warm scan / cold scan", ratio(median("corpus", "nhilint warm"),
                                                   median("corpus", "nhilint cold")), 0.1),
        TargetCheck("token file / bandit on it", ratio(median("token file", "nhilint"),
                                                       median("token file", "bandit")), 1.5),
        TargetCheck("plain file / bandit on it", ratio(median("plain file", "nhilint"),
                                                       median("plain file", "bandit")), 0.6),
        # "below bandit's": a ratio under 1 (shown against a limit of 1.0).
        TargetCheck("cold scan peak RSS / bandit's", ratio(rss("corpus", "nhilint cold"),
                                                           rss("corpus", "bandit")), 1.0),
    ] + ([
        # issue 13: the token-flow layer against the version before it, in the same run
        TargetCheck("cold scan / previous version's", ratio(median("corpus", "nhilint cold"),
                                                            median("corpus", "nhilint cold (previous)")), 1.3),
        TargetCheck("token file / previous version's", ratio(median("token file", "nhilint"),
                                                             median("token file", "nhilint (previous)")), 1.2),
        TargetCheck("warm scan / previous version's", ratio(median("corpus", "nhilint warm"),
                                                            median("corpus", "nhilint warm (previous)")), 1.1),
        # issue 14: one changed file of a project with a warm cache against the previous
        # version's one-file check of it
        TargetCheck("changed token file, warm project / previous version's",
                    ratio(median("token file", "nhilint, changed"),
                          median("token file", "nhilint (previous), changed")), 1.3),
    ] if median("corpus", "nhilint cold (previous)") is not None else [])


def _fmt(value: Optional[float], digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_table(results: Sequence[Result]) -> str:
    header = ("scope", "tool", "files", "lines", "median s", "peak RSS MB", "x bandit", "x ast.parse")
    rows = [header] + [
        (r.scope, r.tool, str(r.files), str(r.lines), _fmt(r.median_s, 3), _fmt(r.peak_rss_mb, 1),
         _fmt(r.ratio_bandit, 3), _fmt(r.ratio_ast, 2))
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) if i < 2 else cell.rjust(widths[i]) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    notes = [f"  {r.scope} / {r.tool}: {r.note}" for r in results if r.note]
    return "\n".join(lines + (["notes:"] + notes if notes else []))


def format_targets(checks: Sequence[TargetCheck]) -> str:
    verdicts = {True: "met", False: "NOT met", None: "not measured"}
    return "\n".join(f"  {c.name}: {_fmt(c.ratio, 3)} (target <= {c.limit}) {verdicts[c.met]}"
                     for c in checks)


# ---------------------------------------------------------------------------------------------
# Building the corpus


def _extract(archive: Path, destination: Path) -> None:
    """Writes the archive's wanted .py members under `destination`."""
    def write(relative: PurePosixPath, data: bytes) -> None:
        target = destination.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    if archive.name.endswith((".tar.gz", ".tgz", ".tar.bz2", ".tar")):
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                relative = wanted_member(member.name)
                handle = tar.extractfile(member) if relative and member.isfile() else None
                if relative and handle:
                    write(relative, handle.read())
    else:  # .zip sdists and .whl wheels
        pick = wheel_member if archive.name.endswith(".whl") else wanted_member
        with zipfile.ZipFile(archive) as zipped:
            for info in zipped.infolist():
                relative = pick(info.filename)
                if relative and not info.is_dir():
                    write(relative, zipped.read(info))


def download_command(pin: Pin, folder: Path) -> List[str]:
    """pip's command for the pin's one archive: its sdist, or its wheel where it has no usable
    sdist. `--no-binary NAME` rather than `:all:`, so that the build backend pip needs to read
    an sdist's metadata comes as a wheel instead of being built from source too."""
    kind = ["--only-binary", ":all:"] if pin.wheel else ["--no-binary", pin.name]
    return [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", *kind,
            "--dest", str(folder), f"{pin.name}=={pin.version}"]


def _download(pin: Pin, downloads: Path) -> Path:
    folder = downloads / pin.directory
    archives = sorted(folder.glob("*")) if folder.is_dir() else []
    if not archives:
        folder.mkdir(parents=True, exist_ok=True)
        print(f"downloading {pin.name}=={pin.version} ({pin.kind})", flush=True)
        done = subprocess.run(download_command(pin, folder), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        archives = sorted(folder.glob("*"))
        if done.returncode != 0 or len(archives) != 1:
            shutil.rmtree(folder, ignore_errors=True)
            raise SystemExit(f"pip download of {pin.name}=={pin.version} failed:\n{done.stdout}")
    return archives[0]


def build_corpus(corpus_dir: Path, pins: Sequence[Pin]) -> Path:
    """The corpus root: one folder of .py files per pin, built once and then reused."""
    root = corpus_dir / "src"
    root.mkdir(parents=True, exist_ok=True)
    # An empty config here stops nhilint from reading the repository's own (which excludes
    # benchmarks/) and its .gitignore; an empty .semgrepignore stops semgrep skipping tests/
    # (semgrep reads it because it is run with `--project-root .` here).
    for name in ("nhilint.toml", ".semgrepignore"):
        if not (root / name).exists():
            (root / name).write_text("", encoding="utf-8")
    for pin in pins:
        final = root / pin.directory
        if final.is_dir():
            continue
        archive = _download(pin, corpus_dir / "downloads")
        partial = Path(tempfile.mkdtemp(prefix=f".{pin.directory}-", dir=root))
        _extract(archive, partial)
        partial.rename(final)  # only a complete folder ever has the final name
    return root


# ---------------------------------------------------------------------------------------------
# Running and timing the tools


def tool_path(name: str) -> Optional[str]:
    """A console script from the running interpreter's environment, else from PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def ensure_tool(name: str, install: bool) -> Optional[str]:
    found = tool_path(name)
    if found or not install:
        return found
    print(f"installing {name} into {sys.prefix}", flush=True)
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", name],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        print(f"could not install {name}:\n{done.stdout[-2000:]}", flush=True)
    return tool_path(name)


def nhilint_bytecode() -> str:
    """Whether the nhilint this Python imports has its modules compiled, as `pip install .`
    leaves them: without bytecode every run compiles them (~40 ms), which bandit, installed by
    pip, never pays."""
    spec = importlib.util.find_spec("nhilint.cli")
    if spec is None or spec.origin is None:
        return "not found"
    return "compiled" if Path(importlib.util.cache_from_source(spec.origin)).exists() else "source only"


def version_of(command: Sequence[str]) -> str:
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              timeout=120)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    return done.stdout.strip().splitlines()[0] if done.stdout.strip() else "unknown"


@dataclass
class _Job:
    result: Result
    ok_codes: AbstractSet[int]
    samples: List[RunSample] = field(default_factory=list)


class Timer:
    """Times commands from the corpus root, each run in a fresh child process.

    The repetitions go round-robin (every tool once, then every tool again), so that load from
    elsewhere on a shared machine falls on all tools alike rather than on one tool's runs.
    """

    def __init__(self, root: Path, timeout: float, scratch: Path) -> None:
        self.root, self.timeout, self.scratch = root, timeout, scratch
        self.results: List[Result] = []
        self._jobs: List[_Job] = []

    def skip(self, scope: str, tool: str, files: int, lines: int, why: str) -> Result:
        result = Result(scope, tool, files, lines, note=f"skipped: {why}")
        self.results.append(result)
        return result

    def add(self, scope: str, tool: str, command: List[str], files: int, lines: int,
            ok_codes: AbstractSet[int] = frozenset({0})) -> Result:
        result = Result(scope, tool, files, lines, command=command)
        self.results.append(result)
        self._jobs.append(_Job(result, ok_codes))
        return result

    def run(self, repeat: int) -> None:
        """Runs every command `repeat` times; a command that fails once is not run again."""
        for round_ in range(1, repeat + 1):
            for index, job in enumerate(self._jobs):
                if job.result.note:
                    continue
                job.result.note = self._run_once(index, job)
                if not job.result.note:
                    print(f"  run {round_}/{repeat}  {job.result.scope:10}  {job.result.tool:18}"
                          f"  {job.samples[-1].wall_s:8.3f} s", flush=True)
        for job in self._jobs:
            if job.samples and not job.result.note:
                job.result.walls_s = [round(s.wall_s, 4) for s in job.samples]
                job.result.peak_rss_mb = max(s.max_rss_kib for s in job.samples) / 1024

    def output(self, result: Result, stream: str = "stdout") -> str:
        """What the last run of `result`'s command wrote to `stream` ('stdout' or 'stderr')."""
        index = next(i for i, job in enumerate(self._jobs) if job.result is result)
        path = self.scratch / f"job{index}.{stream}"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def _run_once(self, index: int, job: _Job) -> str:
        """Runs the job's command once; empty if it went well, else what went wrong."""
        report = self.scratch / "measure.json"
        report.unlink(missing_ok=True)
        out_path, err_path = self.scratch / f"job{index}.stdout", self.scratch / f"job{index}.stderr"
        try:
            with open(out_path, "wb") as out, open(err_path, "wb") as err:
                subprocess.run([sys.executable, "-c", MEASURE_CODE, str(report), *job.result.command],
                               cwd=self.root, stdout=out, stderr=err, timeout=self.timeout, check=True)
        except subprocess.TimeoutExpired:
            return f"timed out after {self.timeout:.0f} s"
        except subprocess.CalledProcessError:  # the wrapper failed: the command did not start
            return f"did not run: {self.output(job.result, 'stderr')[-300:].strip()}"
        data = json.loads(report.read_text(encoding="utf-8"))
        sample = RunSample(data["wall_s"], data["max_rss_kib"], data["returncode"])
        if sample.returncode not in job.ok_codes:
            return f"exit {sample.returncode}: {self.output(job.result, 'stderr')[-300:].strip()}"
        job.samples.append(sample)
        return ""


def stdin_command(nhilint: str, relative: str) -> List[str]:
    """`nhilint check --stdin-filename FILE < FILE`, as an editor or a hook would run it."""
    return ["sh", "-c", f'exec "$0" check --stdin-filename "$1" -q --exit-zero < "$1"', nhilint, relative]


def semgrep_command(semgrep: str, targets: Sequence[str], *extra: str) -> List[str]:
    # `--project-root .` makes semgrep read the corpus's empty .semgrepignore (not the git
    # repository's defaults, which skip tests/) and ignore .gitignore files.
    return [semgrep, "scan", "--config", str(SEMGREP_RULES), "--metrics=off",
            "--disable-version-check", "--project-root", ".", "--quiet", *extra, *targets]


def semgrep_offline(semgrep: str, root: Path) -> str:
    """Empty if semgrep scans one file offline within a minute, else why not."""
    try:
        done = subprocess.run(semgrep_command(semgrep, [TOKEN_FILE]), cwd=root, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"semgrep did not run offline ({error})"
    if done.returncode != 0:
        return f"semgrep failed offline (exit {done.returncode}): {done.stdout[-300:].strip()}"
    return ""


def add_floors(timer: Timer, scope: str, listing: Path, files: int, lines: int) -> List[Result]:
    return [timer.add(scope, tool, [sys.executable, "-c", FLOOR_CODE, kind, str(listing)], files, lines)
            for kind, tool in (("ast", "floor: ast.parse"), ("libcst", "floor: libcst"))]


def run_benchmark(corpus: Corpus, repeat: int, install: bool, timeout: float,
                  previous: Optional[str] = None) -> Tuple[List[Result], Dict[str, str]]:
    """Times every tool on the corpus, then on the two single files; with `previous` (another
    nhilint executable, an earlier version in its own environment), that one too."""
    nhilint = tool_path("nhilint")
    if nhilint is None:
        raise SystemExit("nhilint is not installed in this environment: pip install -e .")
    bandit, ruff, semgrep = (ensure_tool(name, install) for name in ("bandit", "ruff", "semgrep"))
    versions = {"nhilint": version_of([nhilint, "--version"]),
                "libcst": version_of([sys.executable, "-c", "import libcst, importlib.metadata as m;"
                                      " print(m.version('libcst'))"])}
    for name, tool in (("bandit", bandit), ("ruff", ruff), ("semgrep", semgrep)):
        versions[name] = version_of([tool, "--version"]) if tool else "not installed"
    # `--jobs` and the result cache are being added: use them when this nhilint has them.
    options = help_options(subprocess.run([nhilint, "check", "--help"], stdout=subprocess.PIPE,
                                          text=True).stdout)
    versions["nhilint check options used"] = " ".join(sorted({"--no-cache", "--jobs"} & options))
    versions["nhilint bytecode"] = nhilint_bytecode()
    if versions["nhilint bytecode"] != "compiled":
        print("warning: nhilint's modules have no bytecode (an editable install with "
              "PYTHONDONTWRITEBYTECODE set?): each run compiles them, ~40 ms; install it with "
              "`pip install .` as users do", flush=True)
    has_cache = "--no-cache" in options
    cold = ["--exit-zero", "-q", "--no-cache"] if has_cache else ["--exit-zero", "-q"]

    root, targets = corpus.root, list(corpus.targets)
    files, lines = len(corpus.files), corpus.lines
    scratch = Path(tempfile.mkdtemp(prefix="nhilint-bench-"))
    timer = Timer(root, timeout, scratch)

    timer.add("corpus", "nhilint cold", [nhilint, "check", *targets, *cold], files, lines)
    if "--jobs" in options:  # one process, as bandit runs: its peak RSS is the whole run's
        timer.add("corpus", "nhilint cold -j1", [nhilint, "check", *targets, *cold, "--jobs", "1"],
                  files, lines)
    if has_cache:
        warm = [nhilint, "check", *targets, "--exit-zero", "-q"]
        shutil.rmtree(root / ".nhilint_cache", ignore_errors=True)
        print("filling nhilint's cache for the warm runs", flush=True)
        subprocess.run(warm, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timer.add("corpus", "nhilint warm", warm, files, lines)
    else:
        timer.skip("corpus", "nhilint warm", files, lines, "this nhilint has no result cache "
                   "(`nhilint check --help` lists no --no-cache)")
    if previous is not None and has_cache:
        versions["nhilint (previous)"] = version_of([previous, "--version"])
        timer.add("corpus", "nhilint cold (previous)", [previous, "check", *targets, *cold], files, lines)
        previous_warm = [previous, "check", *targets, "--exit-zero", "-q"]
        # the previous version keeps its cache beside ours: same folder, its own key (version)
        subprocess.run(previous_warm, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(warm, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timer.add("corpus", "nhilint warm (previous)", previous_warm, files, lines)
    bandit_report, semgrep_report = scratch / "bandit.json", scratch / "semgrep.json"
    bandit_row: Optional[Result] = None
    semgrep_row: Optional[Result] = None
    if bandit:
        bandit_row = timer.add("corpus", "bandit", [bandit, "-r", *targets, "-q", "-f", "json", "-o",
                                                    str(bandit_report)], files, lines, ok_codes={0, 1})
    else:
        timer.skip("corpus", "bandit", files, lines, "bandit is not installed")
    if ruff:
        timer.add("corpus", "ruff --select S", [ruff, "check", "--isolated", "--select", "S",
                                                "--no-cache", "--exit-zero", *targets], files, lines)
    else:
        timer.skip("corpus", "ruff --select S", files, lines, "ruff is not installed")
    why_not = semgrep_offline(semgrep, root) if semgrep else "semgrep could not be installed"
    if semgrep is None or why_not:
        timer.skip("corpus", "semgrep (3 rules)", files, lines, why_not)
    else:
        semgrep_row = timer.add("corpus", "semgrep (3 rules)", semgrep_command(
            semgrep, targets, "--json", "--output", str(semgrep_report)), files, lines)
    listing = scratch / "corpus.txt"
    listing.write_text("".join(f"{path}\n" for path in corpus.files), encoding="utf-8")
    floors = add_floors(timer, "corpus", listing, files, lines)

    for scope, relative in (("token file", TOKEN_FILE), ("plain file", PLAIN_FILE)):
        size = count_lines((root / relative).read_bytes())
        timer.add(scope, "nhilint", [nhilint, "check", relative, *cold], 1, size)
        if previous is not None:
            timer.add(scope, "nhilint (previous)", [previous, "check", relative, *cold], 1, size)
        if has_cache and scope == "token file":
            # pre-commit or the editor on one changed file of a project whose cache is warm (the
            # file comes on stdin, so its own cached result is not used): issue 14's measure
            timer.add(scope, "nhilint, changed", stdin_command(nhilint, relative), 1, size)
            if previous is not None:
                timer.add(scope, "nhilint (previous), changed", stdin_command(previous, relative), 1, size)
        if bandit:
            timer.add(scope, "bandit", [bandit, relative, "-q", "-f", "json", "-o",
                                        str(scratch / "bandit-one.json")], 1, size, ok_codes={0, 1})
        listing = scratch / f"{scope.replace(' ', '-')}.txt"
        listing.write_text(f"{root / relative}\n", encoding="utf-8")
        floors += add_floors(timer, scope, listing, 1, size)

    print(f"corpus: {files} files, {lines} lines; {repeat} run(s) of each command", flush=True)
    timer.run(repeat)
    # What the tools report they scanned, where they say; the floors' count of unparsable files.
    if bandit_row:
        bandit_row.files = _bandit_files(bandit_report) or bandit_row.files
    if semgrep_row:
        semgrep_row.files = _semgrep_files(semgrep_report) or semgrep_row.files
    for floor in floors:
        said = timer.output(floor).strip()
        if floor.walls_s and not said.startswith("0 "):
            floor.note = said
    shutil.rmtree(scratch, ignore_errors=True)
    add_ratios(timer.results)
    return timer.results, versions


def _bandit_files(report: Path) -> Optional[int]:
    """How many files bandit scanned, from its JSON metrics (one entry per file, plus totals)."""
    try:
        metrics = json.loads(report.read_text(encoding="utf-8"))["metrics"]
    except (OSError, ValueError, KeyError):
        return None
    return len([key for key in metrics if key != "_totals"])


def _semgrep_files(report: Path) -> Optional[int]:
    try:
        return len(json.loads(report.read_text(encoding="utf-8"))["paths"]["scanned"])
    except (OSError, ValueError, KeyError):
        return None


# ---------------------------------------------------------------------------------------------
# Machine details and the command line


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info() -> Dict[str, object]:
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "load_average_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool; the median is reported")
    parser.add_argument("--quick", action="store_true",
                        help=f"a small corpus ({', '.join(QUICK_NAMES)}); results to {QUICK_OUTPUT.name}")
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS_DIR,
                        help="where sdists are downloaded and unpacked (reused when present)")
    parser.add_argument("--output", type=Path, default=None, help="the JSON results file")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed for one run")
    parser.add_argument("--no-install", action="store_true",
                        help="do not pip-install bandit, ruff or semgrep when missing")
    parser.add_argument("--previous", default=None,
                        help="another nhilint executable (an earlier version, installed in its own "
                             "environment) timed beside this one")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    pins = [pin for pin in PINS if not args.quick or pin.name in QUICK_NAMES]
    root = build_corpus(args.corpus_dir.resolve(), pins)
    corpus = corpus_stats(root, [pin.directory for pin in pins])
    machine = machine_info()
    results, versions = run_benchmark(corpus, args.repeat, not args.no_install, args.timeout, args.previous)
    machine["load_average_at_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    checks = check_targets(results)

    print()
    print(format_table(results))
    print("\ntargets (ratios from this run):")
    print(format_targets(checks))

    output = args.output or (QUICK_OUTPUT if args.quick else DEFAULT_OUTPUT)
    output.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": machine,
        "versions": versions,
        "repeat": args.repeat,
        "corpus": {"pins": [f"{p.name}=={p.version}" for p in pins], "files": len(corpus.files),
                   "lines": corpus.lines, "token_file": TOKEN_FILE, "plain_file": PLAIN_FILE},
        "results": [dict(asdict(r), median_s=r.median_s) for r in results],
        "targets": [dict(asdict(c), met=c.met) for c in checks],
    }
    output.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
