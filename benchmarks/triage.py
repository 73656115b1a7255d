#!/usr/bin/env python3
"""Precision on real token-heavy code: nhilint's findings against a hand-judged verdict file.

    python benchmarks/triage.py [-v] [--template FILE]

Downloads (once) pinned libraries and applications that handle tokens, runs the nhilint of
this Python's environment on them (default rule set, no cache) and matches every finding to a
verdict in benchmarks/triage/verdicts.csv (real / wrong / debatable, judged by hand). Prints
precision (real / (real + wrong)) and the debatable share per rule and overall, the findings
that have no verdict yet, and the verdicts whose finding has gone. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
VERDICTS = HERE / "triage" / "verdicts.csv"
DEFAULT_CORPUS_DIR = HERE / ".corpus"
VERDICT_FIELDS = ("path", "line", "code", "line_sha", "verdict", "reason")
VERDICTS_ALLOWED = ("real", "wrong", "debatable")


def _load_run() -> ModuleType:
    """benchmarks/run.py, for its pins and its download and unpack helpers (one copy of them)."""
    spec = importlib.util.spec_from_file_location("benchmark_run", HERE / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _load_run()
Pin = bench.Pin

# Libraries that mint, verify, fetch, cache or send tokens, and applications with their own
# authentication. Exact versions on PyPI (the newest when written, or the speed benchmark's pin
# where both use a package, so the download is shared). sdists, as in a checkout, except where
# only a wheel is published (`wheel=True`).
LIBRARIES: Tuple[Pin, ...] = (
    Pin("pygithub", "2.10.0"),
    Pin("python-gitlab", "8.6.0"),
    Pin("stripe", "16.1.0"),
    Pin("openai", "3.60.0"),
    Pin("anthropic", "2.16.0"),
    Pin("hvac", "2.4.0"),
    Pin("azure-identity", "1.27.0"),
    Pin("msal", "1.39.0"),
    Pin("google-auth", "2.62.2"),
    Pin("google-auth-oauthlib", "1.5.0"),
    Pin("firebase-admin", "7.7.0"),
    Pin("authlib", "1.9.9"),
    Pin("oauthlib", "4.0.1"),
    Pin("requests-oauthlib", "2.0.0"),
    Pin("pyjwt", "2.15.1"),
    Pin("python-jose", "3.5.0"),
    Pin("joserfc", "1.8.0"),
    Pin("jwcrypto", "1.6.1"),
    Pin("djangorestframework-simplejwt", "5.5.1"),
    Pin("django-allauth", "65.22.1"),
    Pin("django-oauth-toolkit", "3.4.1"),
    Pin("social-auth-core", "7.0.0"),
    Pin("flask-jwt-extended", "4.7.4"),
    Pin("fastapi-users", "15.0.5"),
    Pin("python-keycloak", "7.1.1"),
    Pin("slack-sdk", "3.48.0"),
    Pin("twilio", "9.13.0"),
    Pin("dropbox", "12.2.5"),
    Pin("tweepy", "4.17.0"),
    Pin("spotipy", "2.26.0"),
    Pin("simple-salesforce", "1.12.10"),
    Pin("zenpy", "2.0.57"),
    Pin("botocore", "1.44.5"),
)
APPLICATIONS: Tuple[Pin, ...] = (
    Pin("open-webui", "0.12.4", wheel=True),  # its sdist runs `npm install` to give metadata
    Pin("jupyterhub", "6.1.1"),
    Pin("label-studio", "1.23.2"),
)
PINS: Tuple[Pin, ...] = LIBRARIES + APPLICATIONS


@dataclass(frozen=True)
class Finding:
    path: str  # relative to the corpus root: <name>-<version>/...
    line: int
    code: str
    line_sha: str
    message: str
    confidence: str = "medium"  # the finding's confidence: low, medium or high


@dataclass(frozen=True)
class Verdict:
    path: str
    line: int
    code: str
    line_sha: str
    verdict: str
    reason: str


@dataclass(frozen=True)
class Match:
    finding: Finding
    verdict: Verdict


@dataclass(frozen=True)
class Triage:
    matched: Tuple[Match, ...]
    unjudged: Tuple[Finding, ...]  # findings with no verdict
    gone: Tuple[Verdict, ...]  # verdicts whose finding is no longer reported


@dataclass(frozen=True)
class Tally:
    real: int = 0
    wrong: int = 0
    debatable: int = 0
    unjudged: int = 0

    @property
    def findings(self) -> int:
        return self.real + self.wrong + self.debatable + self.unjudged

    @property
    def precision(self) -> Optional[float]:
        judged = self.real + self.wrong
        return self.real / judged if judged else None

    @property
    def debatable_share(self) -> Optional[float]:
        judged = self.real + self.wrong + self.debatable
        return self.debatable / judged if judged else None


# ---------------------------------------------------------------------------------------------
# Pure helpers (tests/test_triage_script.py; nothing downloaded)

_SPACE = re.compile(r"\s+")


def normalise(line: str) -> str:
    """The flagged line as compared across versions: whitespace collapsed, ends stripped."""
    return _SPACE.sub(" ", line).strip()


def line_sha(line: str) -> str:
    """A short hash of the normalised line: stable across moved code, and no secret in clear
    in the committed verdict file (NHL301 findings are on lines that hold one)."""
    return hashlib.sha256(normalise(line).encode("utf-8")).hexdigest()[:12]


def read_lines(root: Path, path: str) -> List[str]:
    try:
        return (root / path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def parse_findings(report: str, root: Path) -> List[Finding]:
    """nhilint's JSON report as findings, each with the hash of its flagged line."""
    found = []
    files: Dict[str, List[str]] = {}
    for item in json.loads(report or "[]"):
        path, line = item["path"].replace("\\", "/"), int(item["start"]["line"])
        lines = files.setdefault(path, read_lines(root, path))
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        found.append(Finding(path, line, item["code"], line_sha(text), item["message"],
                             item.get("confidence", "medium")))
    return sorted(found, key=lambda f: (f.path, f.line, f.code))


def read_verdicts(text: str) -> List[Verdict]:
    """The verdict file's rows; a row with an unknown verdict or a bad line number is an error."""
    verdicts = []
    reader = csv.DictReader(text.splitlines())
    missing = set(VERDICT_FIELDS) - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"verdict file lacks columns: {', '.join(sorted(missing))}")
    for number, row in enumerate(reader, start=2):
        verdict = row["verdict"].strip()
        if verdict not in VERDICTS_ALLOWED:
            raise ValueError(f"row {number}: verdict {verdict!r} is not one of {VERDICTS_ALLOWED}")
        try:
            line = int(row["line"])
        except ValueError:
            raise ValueError(f"row {number}: line {row['line']!r} is not a number") from None
        verdicts.append(Verdict(row["path"].strip(), line, row["code"].strip(),
                                row["line_sha"].strip(), verdict, row["reason"].strip()))
    return verdicts


def write_verdicts(rows: Iterable[Verdict], stream) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(VERDICT_FIELDS)
    for v in sorted(rows, key=lambda v: (v.path, v.line, v.code)):
        writer.writerow((v.path, v.line, v.code, v.line_sha, v.verdict, v.reason))


def match(findings: Sequence[Finding], verdicts: Sequence[Verdict]) -> Triage:
    """Pairs each finding with at most one verdict of the same path and code.

    First by the flagged line's text (its hash), the nearest line first, so that a finding
    survives code moved by a version bump; then what is left by line number, so that a verdict
    survives a small edit of its line. Identical lines in one file pair in line order.
    """
    groups: Dict[Tuple[str, str], Tuple[List[Finding], List[Verdict]]] = defaultdict(lambda: ([], []))
    for finding in findings:
        groups[(finding.path, finding.code)][0].append(finding)
    for verdict in verdicts:
        groups[(verdict.path, verdict.code)][1].append(verdict)
    matched: List[Match] = []
    unjudged: List[Finding] = []
    gone: List[Verdict] = []
    for key in sorted(groups):
        open_findings, open_verdicts = list(groups[key][0]), list(groups[key][1])
        for same in (lambda f, v: f.line_sha == v.line_sha, lambda f, v: f.line == v.line):
            pairs = sorted((abs(f.line - v.line), fi, vi)
                           for fi, f in enumerate(open_findings)
                           for vi, v in enumerate(open_verdicts) if same(f, v))
            used_f, used_v = set(), set()
            for _, fi, vi in pairs:
                if fi not in used_f and vi not in used_v:
                    used_f.add(fi)
                    used_v.add(vi)
                    matched.append(Match(open_findings[fi], open_verdicts[vi]))
            open_findings = [f for i, f in enumerate(open_findings) if i not in used_f]
            open_verdicts = [v for i, v in enumerate(open_verdicts) if i not in used_v]
        unjudged.extend(open_findings)
        gone.extend(open_verdicts)
    return Triage(tuple(sorted(matched, key=lambda m: _place(m.finding))),
                  tuple(sorted(unjudged, key=_place)), tuple(sorted(gone, key=_place)))


def _place(item: "Finding | Verdict") -> Tuple[str, int, str]:
    return (item.path, item.line, item.code)


def tally(triage: Triage) -> Dict[str, Tally]:
    """Counts per rule code, and over all rules under 'all'."""
    counts: Dict[str, Dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for m in triage.matched:
        for key in (m.finding.code, "all"):
            counts[key][m.verdict.verdict] += 1
    for finding in triage.unjudged:
        for key in (finding.code, "all"):
            counts[key]["unjudged"] += 1
    counts.setdefault("all", defaultdict(int))
    return {code: Tally(c["real"], c["wrong"], c["debatable"], c["unjudged"])
            for code, c in sorted(counts.items(), key=lambda item: (item[0] == "all", item[0]))}


def confident(triage: Triage) -> Triage:
    """The triage of what `--min-confidence medium` shows: the low-confidence findings (those
    the rules mark as depending on what the code does not show) left out."""
    return Triage(tuple(m for m in triage.matched if m.finding.confidence != "low"),
                  tuple(f for f in triage.unjudged if f.confidence != "low"), triage.gone)


def _pct(value: Optional[float]) -> str:
    return "-" if value is None else f"{100 * value:.0f} %"


def format_tally(tallies: Dict[str, Tally]) -> str:
    header = ("rule", "findings", "real", "wrong", "debatable", "unjudged", "precision", "debatable share")
    rows = [header] + [
        (code, str(t.findings), str(t.real), str(t.wrong), str(t.debatable), str(t.unjudged),
         _pct(t.precision), _pct(t.debatable_share))
        for code, t in tallies.items()
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                               for i, cell in enumerate(row)).rstrip())
        if index == 0 or row[0] != "all" and index == len(rows) - 2:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def template_rows(unjudged: Iterable[Finding]) -> List[Verdict]:
    """Rows for findings with no verdict, the verdict left to a reviewer (the message as a hint)."""
    return [Verdict(f.path, f.line, f.code, f.line_sha, "", f"TODO {f.message}") for f in unjudged]


# ---------------------------------------------------------------------------------------------
# Running nhilint on the corpus


def run_nhilint(root: Path, targets: Sequence[str]) -> str:
    """nhilint's JSON report on each package, checked as its own project (from its folder, with
    `--isolated`): the packages share one download folder, but no package's modules, mints or
    credentials are another's (one folder as one project made a Django package's `SECRET_KEY`
    sign the token kinds of every other Django package there). Paths are given from `root`."""
    nhilint = bench.tool_path("nhilint")
    if nhilint is None:
        raise SystemExit("nhilint is not installed in this environment: pip install .")
    command = [nhilint, "check", ".", "--isolated", "--output-format", "json", "--no-cache", "--exit-zero",
               "--no-progress"]
    found: List[Dict[str, Any]] = []
    for target in targets:
        done = subprocess.run(command, cwd=root / target, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            raise SystemExit(f"nhilint failed on {target} (exit {done.returncode}):\n{done.stderr[-2000:]}")
        for item in json.loads(done.stdout or "[]"):
            item["path"] = f"{target}/{item['path']}"
            found.append(item)
    return json.dumps(found)


def show(triage: Triage, verbose: bool = False, template: Optional[Path] = None) -> None:
    """Prints the triage (each finding's verdict if verbose, the unjudged, the gone, the tallies)
    and writes the unjudged findings to `template` if given (also used by studies.py)."""
    if verbose:
        print("\nfindings and verdicts:")
        for m in triage.matched:
            f = m.finding
            print(f"  {m.verdict.verdict:9}  {f.path}:{f.line}  {f.code}  {m.verdict.reason}")
    if triage.unjudged:
        print(f"\n{len(triage.unjudged)} findings with no verdict:")
        for f in triage.unjudged:
            print(f"  {f.path}:{f.line}  {f.code}  {f.message}")
    if triage.gone:
        print(f"\n{len(triage.gone)} verdicts whose finding is no longer reported:")
        for v in triage.gone:
            print(f"  {v.verdict:9}  {v.path}:{v.line}  {v.code}  {v.reason}")
    print()
    print(format_tally(tally(triage)))
    print("\nthe same, at --min-confidence medium (low-confidence findings left out):")
    print(format_tally(tally(confident(triage))))
    print("\nprecision = real / (real + wrong); debatable share = debatable / judged findings")
    if template:
        with open(template, "w", encoding="utf-8", newline="") as out:
            write_verdicts(template_rows(triage.unjudged), out)
        print(f"{len(triage.unjudged)} unjudged findings written to {template}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus-dir", type=Path, default=DEFAULT_CORPUS_DIR,
                        help="where packages are downloaded and unpacked (shared with run.py)")
    parser.add_argument("--verdicts", type=Path, default=VERDICTS, help="the verdict file")
    parser.add_argument("--template", type=Path, default=None,
                        help="write the findings that have no verdict to this CSV, to be judged")
    parser.add_argument("--report", type=Path, default=None,
                        help="also keep nhilint's JSON report in this file")
    parser.add_argument("--from-report", type=Path, default=None,
                        help="read findings from a JSON report kept with --report instead of running "
                             "nhilint (to judge findings without waiting for a run)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every finding with its verdict")
    args = parser.parse_args(argv)

    root = bench.build_corpus(args.corpus_dir.resolve(), PINS)
    corpus = bench.corpus_stats(root, [pin.directory for pin in PINS])
    print(f"corpus: {len(LIBRARIES)} libraries, {len(APPLICATIONS)} applications, "
          f"{len(corpus.files)} files, {corpus.lines} lines", flush=True)
    if args.from_report:
        report = args.from_report.read_text(encoding="utf-8")
    else:
        report = run_nhilint(root, [pin.directory for pin in PINS])
    if args.report and not args.from_report:
        args.report.write_text(report, encoding="utf-8")
    findings = [f for f in parse_findings(report, root) if f.code != "NHL900"]
    verdicts = read_verdicts(args.verdicts.read_text(encoding="utf-8")) if args.verdicts.exists() else []
    triage = match(findings, verdicts)

    show(triage, args.verbose, args.template)
    return 0


if __name__ == "__main__":
    sys.exit(main())
