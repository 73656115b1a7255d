#!/usr/bin/env python3
"""Every file of the benchmark corpus through every rule, a long property run, and hostile input
(SPEC §8, issue 17).

    python benchmarks/robustness.py [--corpus-dir DIR] [--fuzz-examples 2000] [--no-adversarial]

1. Analyses every .py file of the corpus that benchmarks/run.py built, with the prefilter off,
   every rule selected (the opt-in ones too) and the test-file exemptions off, so each file is
   parsed and walked by all rules. Lists every NHL900 with its reason; exits 1 if any is an
   internal error (a bug of ours) rather than a file that is genuinely not Python. Skipped, with
   a note, when the corpus has not been built.
2. Runs tests/test_fuzz.py with NHILINT_FUZZ_EXAMPLES programs per property (CI runs 30).
3. Adversarial input (benchmarks/adversarial.py), through the real command: the full-size
   reproductions of issue 17 (deep chains, huge files, hostile caches, planted secrets in every
   format including `full`, injected names, config errors, silently dropped checks, bad files,
   Ctrl-C), then a figures table: inputs tried, handled, clear errors, crashes, hangs, wrong,
   secrets shown. Exits 1 unless crashes, hangs, wrong and secrets shown are all 0.

Run it with the Python of an environment where nhilint and the test extras are installed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent


def analyse_corpus(root: Path, jobs: int) -> Tuple[int, List[Tuple[str, str]]]:
    """(files analysed, [(path, NHL900 message)]) with every rule on every file."""
    from nhilint import api
    from nhilint.engine import CheckPlan
    from nhilint.ftypes import Settings
    from nhilint.rule_index import rule_entries

    # No prefilter: set before the worker processes fork, so they inherit it.
    CheckPlan.active_rules = lambda self, source: list(self.rules)  # type: ignore[method-assign]
    every_option = {"check-tests": True, "check-test-data": True}
    options = {entry.code: {key: value for key, value in every_option.items() if key in entry.option_types()}
               for entry in rule_entries()}
    settings = Settings(root=str(root), select=("NHL",), extend_select=("NHL901",), rule_options=options,
                        respect_gitignore=False)
    result = api.check_paths([str(root)], settings, jobs=jobs)
    unanalysed = [(f.path, f.message) for f in result.findings if f.code == "NHL900"]
    return len(result.files), unanalysed


def run_fuzz(examples: int) -> int:
    environment = dict(os.environ, NHILINT_FUZZ_EXAMPLES=str(examples))
    # no:warnings: generated programs like `1()` make CPython warn; the noise hides the result.
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:warnings",
               "tests/test_fuzz.py"]
    return subprocess.run(command, cwd=REPOSITORY, env=environment).returncode


def run_adversarial(only: Optional[str]) -> int:
    """The adversarial section; the number of cases that were not handled as they should be."""
    sys.path.insert(0, str(HERE))
    import adversarial

    cases = [case for case in adversarial.all_cases() if only is None or only in case.category]
    started = time.monotonic()
    results = adversarial.run_all(cases, progress=lambda line: print(line, flush=True))
    table = adversarial.figures(results)
    print(f"\n{len(cases)} adversarial inputs in {time.monotonic() - started:.0f} s:\n")
    print(adversarial.figures_table(table))
    failed = [(case, outcome, run) for case, outcome, run in results if outcome not in ("handled", "clear error")]
    for case, outcome, run in failed:
        print(f"\n{outcome}: {case.category}: {case.name} (exit {run.status})\n{run.stderr[-2000:]}")
    return len(failed)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus-dir", type=Path, default=HERE / ".corpus",
                        help="the corpus folder of benchmarks/run.py (its src/ is analysed)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--fuzz-examples", type=int, default=2000, help="0 skips the property run")
    parser.add_argument("--no-adversarial", action="store_true", help="skip the adversarial section")
    parser.add_argument("--only", default=None, metavar="CATEGORY",
                        help="run only the adversarial cases whose category contains this")
    args = parser.parse_args(argv)
    root = (args.corpus_dir / "src").resolve()

    internal: List[str] = []
    if args.only is None and root.is_dir():
        started = time.monotonic()
        files, unanalysed = analyse_corpus(root, args.jobs)
        print(f"{files} files analysed by every rule in {time.monotonic() - started:.0f} s; "
              f"{len(unanalysed)} not analysed (NHL900):")
        for path, message in unanalysed:
            print(f"  {path}: {message}")
        internal = [path for path, message in unanalysed if "internal error" in message]
        print(f"internal errors: {len(internal)}")
    elif args.only is None:
        print(f"{root} does not exist: corpus section skipped (run benchmarks/run.py first)")

    fuzz = run_fuzz(args.fuzz_examples) if args.fuzz_examples and args.only is None else 0
    failed = 0 if args.no_adversarial else run_adversarial(args.only)
    return 1 if internal or fuzz or failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
