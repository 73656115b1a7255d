"""Scores nhilint on the real-world evaluation set: recall and precision per family and per rule.

    python benchmarks/realworld/score.py [-v] [--family NAME] [--json FILE]

Each case directory is copied to a temporary directory with an empty `nhilint.toml` (so it is
its own project and no configuration of this repository applies) and checked there with the
default rule set, by the `nhilint` of the running Python (`python -m nhilint`). A finding
matches a label `# expect: CODE` of the same code on the same line of the same file. Every
case is listed in its family's SOURCES.csv; the script fails on a case missing from it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"

FAMILIES: Dict[str, Tuple[str, ...]] = {
    "audience": ("NHL101",),
    "unverified": ("NHL102", "NHL103", "NHL104", "NHL105"),
    "cache-key": ("NHL201", "NHL202"),
    "stale-validation": ("NHL203", "NHL204"),
    "shared-token": ("NHL302", "NHL303", "NHL304"),
    "lifetime": ("NHL401", "NHL402"),
    "leak": ("NHL301", "NHL403", "NHL404", "NHL405"),
}
FAMILY_OF_CODE = {code: family for family, codes in FAMILIES.items() for code in codes}

_EXPECT = re.compile(r"#\s*expect:\s*(NHL\d{3}(?:\s*,\s*NHL\d{3})*)")

Site = Tuple[str, int, str]  # case-relative path, line, code


@dataclass(frozen=True)
class Case:
    family: str
    name: str
    kind: str  # positive / negative
    directory: Path

    @property
    def files(self) -> List[Path]:
        return sorted(p for p in self.directory.rglob("*.py"))

    @property
    def multi_module(self) -> bool:
        return len([p for p in self.files if p.name != "__init__.py"]) > 1


@dataclass
class Result:
    case: Case
    labels: Counter = field(default_factory=Counter)
    findings: Counter = field(default_factory=Counter)
    errors: List[str] = field(default_factory=list)

    @property
    def matched(self) -> Counter:
        return self.labels & self.findings

    @property
    def missed(self) -> Counter:
        return self.labels - self.findings

    @property
    def unlabelled(self) -> Counter:
        return self.findings - self.labels


def load_cases(family: Optional[str] = None) -> List[Case]:
    cases = []
    for directory in sorted(p for p in CASES.iterdir() if p.is_dir()):
        if family is not None and directory.name != family:
            continue
        if directory.name not in FAMILIES:
            raise SystemExit(f"unknown family folder: {directory}")
        kinds = _sources(directory / "SOURCES.csv")
        for case_dir in sorted(p for p in directory.iterdir() if p.is_dir()):
            if case_dir.name not in kinds:
                raise SystemExit(f"{case_dir.relative_to(HERE)} is not listed in {directory.name}/SOURCES.csv")
            cases.append(Case(directory.name, case_dir.name, kinds[case_dir.name], case_dir))
        missing = set(kinds) - {p.name for p in directory.iterdir() if p.is_dir()}
        if missing:
            raise SystemExit(f"{directory.name}/SOURCES.csv lists cases with no folder: {sorted(missing)}")
    return cases


def _sources(path: Path) -> Dict[str, str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["case"]: row["kind"] for row in csv.DictReader(handle)}


def labels_of(case: Case) -> Counter:
    found: Counter = Counter()
    for path in case.files:
        relative = path.relative_to(case.directory).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = _EXPECT.search(line)
            if match:
                for code in re.split(r"\s*,\s*", match.group(1)):
                    found[(relative, number, code)] += 1
    return found


def run_case(case: Case, python: str) -> Result:
    result = Result(case, labels=labels_of(case))
    with tempfile.TemporaryDirectory(prefix="nhilint-realworld-") as temp:
        project = Path(temp) / case.name
        shutil.copytree(case.directory, project)
        (project / "nhilint.toml").write_text("", encoding="utf-8")
        command = [python, "-m", "nhilint", "check", ".", "--output-format", "json", "--exit-zero", "--no-cache"]
        completed = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300,
                                   env={**os.environ, "NO_COLOR": "1"})
        if completed.returncode != 0:
            result.errors.append(completed.stderr.strip() or f"exit {completed.returncode}")
            return result
        for finding in json.loads(completed.stdout or "[]"):
            if finding["code"] == "NHL900":
                result.errors.append(f"{finding['path']}: {finding['message']}")
                continue
            if finding["code"] in FAMILY_OF_CODE:
                result.findings[(finding["path"], finding["start"]["line"], finding["code"])] += 1
    return result


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.2f}" if denominator else "  - "


def table(results: Sequence[Result], key) -> List[Tuple[str, int, int, int, int]]:  # type: ignore[no-untyped-def]
    """(group, labels, matched labels, findings, matched findings) per group."""
    groups: Dict[str, List[int]] = {}
    for result in results:
        for (path, line, code), count in result.labels.items():
            row = groups.setdefault(key(code, result), [0, 0, 0, 0])
            row[0] += count
            row[1] += min(count, result.findings[(path, line, code)])
        for (path, line, code), count in result.findings.items():
            row = groups.setdefault(key(code, result), [0, 0, 0, 0])
            row[2] += count
            row[3] += min(count, result.labels[(path, line, code)])
    return [(group, *values) for group, values in sorted(groups.items())]  # type: ignore[misc]


def render(rows: Iterable[Tuple[str, int, int, int, int]], title: str) -> str:
    lines = [f"{title:<24} labels found recall findings right precision", "-" * 72]
    total = [0, 0, 0, 0]
    for group, labels, found, findings, right in rows:
        lines.append(f"{group:<24} {labels:>6} {found:>5} {_ratio(found, labels):>6} {findings:>8} {right:>5} "
                     f"{_ratio(right, findings):>9}")
        for index, value in enumerate((labels, found, findings, right)):
            total[index] += value
    lines.append(f"{'all':<24} {total[0]:>6} {total[1]:>5} {_ratio(total[1], total[0]):>6} {total[2]:>8} "
                 f"{total[3]:>5} {_ratio(total[3], total[2]):>9}")
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every missed label and unlabelled finding")
    parser.add_argument("--family", choices=sorted(FAMILIES), help="score one family only")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    parser.add_argument("--python", default=sys.executable, help="the Python whose nhilint is scored")
    args = parser.parse_args(argv)

    cases = load_cases(args.family)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda case: run_case(case, args.python), cases))

    kinds = Counter(case.kind for case in cases)
    print(f"{len(cases)} cases ({kinds['positive']} positive, {kinds['negative']} negative), "
          f"{sum(sum(r.labels.values()) for r in results)} labels\n")
    print(render(table(results, lambda code, r: FAMILY_OF_CODE[code]), "family"))
    print()
    print(render(table(results, lambda code, r: code), "rule"))
    print()
    print(render(table(results, lambda code, r: "multi-module" if r.case.multi_module else "one module"), "layout"))
    errors = [(r.case, error) for r in results for error in r.errors]
    if errors:
        print("\nerrors:")
        for case, error in errors:
            print(f"  {case.family}/{case.name}: {error}")
    if args.verbose:
        print()
        for result in results:
            case = result.case
            for (path, line, code), count in sorted(result.missed.items()):
                print(f"missed      {case.family}/{case.name}/{path}:{line} {code}")
            for (path, line, code), count in sorted(result.unlabelled.items()):
                print(f"unlabelled  {case.family}/{case.name}/{path}:{line} {code}")
    if args.json is not None:
        figures = {
            "family": table(results, lambda code, r: FAMILY_OF_CODE[code]),
            "rule": table(results, lambda code, r: code),
            "cases": len(cases),
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
