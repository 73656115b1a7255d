#!/usr/bin/env python3
"""Held-out studies: nhilint's findings on packages it was never tuned on, against committed verdicts.

    python benchmarks/studies.py 13 [--corpus-dir DIR] [--template FILE] [--report FILE]
                                    [--from-report FILE] [-v]
    python benchmarks/studies.py --all

A study is a folder benchmarks/studies/<name>/ with `pins.txt` (the packages, `name==version`
a line, a trailing ` wheel` where only a wheel is published), `verdicts.csv` (one hand-judged
verdict per finding, the columns of benchmarks/triage/verdicts.csv) and a README.md saying how
it was made. The packages are downloaded (once, into the corpus folder shared with triage.py),
the nhilint of this Python's environment (else of PATH) is run on them, and the findings are
matched to the verdicts and tallied exactly as triage.py does. Standard library only.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence

HERE = Path(__file__).resolve().parent
STUDIES_DIR = HERE / "studies"
PINS_FILE = "pins.txt"
VERDICTS_FILE = "verdicts.csv"


# benchmarks/triage.py, for its matching, tallies and printing (one copy of them), imported as
# a module from this folder; it loads run.py in turn, whose Pin and download helpers are
# reached as `triage.bench`
sys.path.insert(0, str(HERE))
import triage  # noqa: E402

bench = triage.bench
Pin = bench.Pin

# `name==version`, then optionally the word `wheel`: a name as PyPI spells it, an exact version.
_PIN_LINE = re.compile(r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9][A-Za-z0-9.+!_-]*)"
                       r"(?:\s+(?P<wheel>wheel))?")


@dataclass(frozen=True)
class Summary:
    """One study's row in `--all`."""
    study: str
    packages: int
    findings: int
    real: int
    wrong: int
    debatable: int
    unjudged: int
    gone: int


# ---------------------------------------------------------------------------------------------
# Pure helpers (tests/test_studies_script.py; nothing downloaded)


def parse_pins(text: str) -> List["bench.Pin"]:
    """The pins of a pins.txt: blank lines and `#` comments (whole-line or trailing) skipped; any
    other line that is not `name==version [wheel]` is an error naming its line, as is a name
    pinned twice, so that a typo cannot silently shrink a study."""
    pins: List[Pin] = []
    seen = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        found = _PIN_LINE.fullmatch(line)
        if found is None:
            raise ValueError(f"line {number}: {raw.strip()!r} is not `name==version` "
                             "(optionally followed by `wheel`)")
        key = found["name"].lower().replace("_", "-").replace(".", "-")
        if key in seen:
            raise ValueError(f"line {number}: {found['name']} is pinned twice")
        seen.add(key)
        pins.append(Pin(found["name"], found["version"], wheel=found["wheel"] is not None))
    return pins


def study_key(name: str) -> tuple:
    """Studies in number order (2 before 13), any other name after them, by name."""
    return (0, int(name), "") if name.isdigit() else (1, 0, name)


def discover(studies_dir: Path = STUDIES_DIR) -> List[str]:
    """The names of the study folders: those holding a pins.txt."""
    if not studies_dir.is_dir():
        return []
    names = [p.name for p in studies_dir.iterdir() if (p / PINS_FILE).is_file()]
    return sorted(names, key=study_key)


def read_study(study: str, studies_dir: Path = STUDIES_DIR):
    """A study's pins and verdicts (no verdict file yet: none)."""
    folder = studies_dir / study
    pins = parse_pins((folder / PINS_FILE).read_text(encoding="utf-8"))
    verdicts_path = folder / VERDICTS_FILE
    verdicts = (triage.read_verdicts(verdicts_path.read_text(encoding="utf-8"))
                if verdicts_path.exists() else [])
    return pins, verdicts


def foreign_verdicts(pins: Sequence["bench.Pin"], verdicts) -> list:
    """Verdicts whose path is under no pinned package's folder (a pin bumped or dropped without
    its verdicts being moved): they could never match a finding."""
    folders = {pin.directory for pin in pins}
    return [v for v in verdicts if v.path.split("/", 1)[0] not in folders]


def summarise(study: str, packages: int, result) -> Summary:
    counts = triage.tally(result)["all"]
    return Summary(study, packages, counts.findings, counts.real, counts.wrong, counts.debatable,
                   counts.unjudged, len(result.gone))


def format_summaries(rows: Sequence[Summary]) -> str:
    header = ("study", "packages", "findings", "real", "wrong", "debatable", "unjudged", "gone",
              "real / n", "(real + debatable) / n")
    table = [header]
    for r in rows:
        share = (lambda part: f"{100 * part / r.findings:.0f} %" if r.findings else "-")
        table.append((r.study, str(r.packages), str(r.findings), str(r.real), str(r.wrong),
                      str(r.debatable), str(r.unjudged), str(r.gone), share(r.real),
                      share(r.real + r.debatable)))
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                       for i, cell in enumerate(row)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Running a study


def run_study(study: str, corpus_dir: Path, report_out: Optional[Path] = None,
              from_report: Optional[Path] = None):
    """Downloads the study's packages if needed, runs nhilint on them (or reads a kept report)
    and matches the findings to the study's verdicts: (pins, triage)."""
    pins, verdicts = read_study(study)
    stray = foreign_verdicts(pins, verdicts)
    if stray:
        raise SystemExit(f"study {study}: {len(stray)} verdicts are for no pinned package "
                         f"(first: {stray[0].path})")
    root = bench.build_corpus(corpus_dir.resolve(), pins)
    targets = [pin.directory for pin in pins]
    corpus = bench.corpus_stats(root, targets)
    print(f"study {study}: {len(pins)} packages, {len(corpus.files)} files, {corpus.lines} lines",
          flush=True)
    if from_report:
        report = from_report.read_text(encoding="utf-8")
    else:
        report = triage.run_nhilint(root, targets)
        if report_out:
            report_out.write_text(report, encoding="utf-8")
    # NHL900 notices (files nhilint could not parse) are no findings, as in triage.py.
    findings = [f for f in triage.parse_findings(report, root) if f.code != "NHL900"]
    return pins, triage.match(findings, verdicts)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("study", nargs="?", help="the study's folder name under benchmarks/studies/")
    parser.add_argument("--all", action="store_true", help="run every study, one summary row each")
    parser.add_argument("--corpus-dir", type=Path, default=triage.DEFAULT_CORPUS_DIR,
                        help="where packages are downloaded and unpacked (shared with triage.py)")
    parser.add_argument("--template", type=Path, default=None,
                        help="write the findings that have no verdict to this CSV, to be judged")
    parser.add_argument("--report", type=Path, default=None,
                        help="also keep nhilint's JSON report in this file")
    parser.add_argument("--from-report", type=Path, default=None,
                        help="read findings from a JSON report kept with --report instead of running nhilint")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding with its verdict")
    args = parser.parse_args(argv)
    if args.all == (args.study is not None):
        parser.error("name one study or give --all")

    if args.all:
        rows = []
        for study in discover():
            pins, result = run_study(study, args.corpus_dir)
            rows.append(summarise(study, len(pins), result))
        print()
        print(format_summaries(rows))
        return 0

    if args.study not in discover():
        parser.error(f"no study {args.study!r} under {STUDIES_DIR} (known: {', '.join(discover())})")
    _, result = run_study(args.study, args.corpus_dir, args.report, args.from_report)
    triage.show(result, args.verbose, args.template)
    return 0


if __name__ == "__main__":
    sys.exit(main())
