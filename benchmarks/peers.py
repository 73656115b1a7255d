#!/usr/bin/env python3
"""nhilint on other tools' own labelled test files, run in place from fetched snapshots.

    python benchmarks/peers.py [--semgrep-rules GIT_DIR] [--ruff GIT_DIR] [-v]

Reads semgrep-rules' and ruff's labelled test files straight out of their git mirrors (the
search tool's `fetch` puts them under /work/.mirror/), writes them to a temporary directory
(never into this repository: their licences differ), runs the nhilint of this Python's
environment on them, and compares each labelled line with what nhilint reported there: found /
missed / wrongly flagged per suite. Each peer rule is mapped to the nhilint code covering the
same concern, or marked out of scope, in RULE_MAP below. Standard library only.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

MIRRORS = Path("/work/.mirror")

# The labelled files issue 15 names, by suite.
SEMGREP_FILES: Tuple[str, ...] = (
    "python/jwt/security/jwt-hardcode.py",
    "python/jwt/security/jwt-none-alg.py",
    "python/jwt/security/unverified-jwt-decode.py",
    "python/jwt/security/jwt-exposed-credentials.py",
    "python/jwt/security/audit/jwt-exposed-data.py",
    "python/boto3/security/hardcoded-token.py",
    "python/requests/security/disabled-cert-validation.py",
    "python/requests/security/no-auth-over-http.py",
    "python/lang/security/audit/logging/logger-credential-leak.py",
    "python/flask/security/audit/hardcoded-config.py",
)
RUFF_FIXTURES = "crates/ruff_linter/resources/test/fixtures/flake8_bandit"
RUFF_SNAPSHOTS = "crates/ruff_linter/src/rules/flake8_bandit/snapshots"
RUFF_RULES: Tuple[str, ...] = ("S105", "S106", "S107")


@dataclass(frozen=True)
class Mapping:
    code: Optional[str]  # the nhilint code covering the concern; None: out of nhilint's scope
    why: str


# Each peer rule, the nhilint code that covers its concern, and why (or why it is out of scope).
RULE_MAP: Dict[str, Mapping] = {
    "jwt-python-hardcoded-secret": Mapping("NHL301", "a literal as the key of jwt.encode: a key position"),
    "jwt-python-none-alg": Mapping("NHL102", "alg 'none' means no signature to verify"),
    "unverified-jwt-decode": Mapping("NHL102", "verify_signature: False"),
    "jwt-python-exposed-credentials": Mapping(None, "a password inside the claims: nhilint does not "
                                                    "judge what a payload carries (password-only)"),
    "jwt-python-exposed-data": Mapping(None, "an audit rule for any payload given to jwt.encode: "
                                             "not a misuse nhilint reports"),
    "hardcoded-token": Mapping("NHL301", "a literal AWS key id or secret access key"),
    "disabled-cert-validation": Mapping(None, "verify=False on a request that carries no "
                                              "credential: NHL405 is about tokens sent insecurely"),
    "no-auth-over-http": Mapping("NHL405", "credentials (auth=) sent over plain http"),
    "python-logger-credential-disclosure": Mapping("NHL404", "a secret or API key logged"),
    "avoid_hardcoded_config_SECRET_KEY": Mapping("NHL301", "a literal Flask SECRET_KEY: a key position"),
    "avoid_hardcoded_config_TESTING": Mapping(None, "a Flask TESTING flag, no credential"),
    "avoid_hardcoded_config_ENV": Mapping(None, "a Flask ENV setting, no credential"),
    "avoid_hardcoded_config_DEBUG": Mapping(None, "a Flask DEBUG flag, no credential"),
}

# ruff's S105-S107 all say "hardcoded password": the name in each snapshot entry decides.
# Password names are out of scope (nhilint is about tokens and keys of workloads, not people's
# passwords); `secrete` is a misspelling bandit's pattern accepts, not a credential name.
RUFF_PASSWORD_NAMES = re.compile(r"^_?(pass|passwd|pwd|password|passphrase)$", re.IGNORECASE)
RUFF_OUT_OF_SCOPE_NAMES = frozenset({"secrete"})
RUFF_CODE = "NHL301"

# semgrep's test annotations. `todoruleid` marks a line semgrep should flag but does not yet:
# still a positive; `todook` a line it flags but should not: a negative. `deepruleid` /
# `deepok` are for semgrep's interprocedural engine only and are not read.
_LABEL = re.compile(r"#\s*(ruleid|ok|todoruleid|todook)\s*:\s*([\w.\-]+(?:\s*,\s*[\w.\-]+)*)")
_SNAPSHOT_HEAD = re.compile(r'^(S10[5-7]) .*?"([^"]*)"\s*$')
_SNAPSHOT_AT = re.compile(r"^\s*-->\s*(\S+?):(\d+):(\d+)\s*$")


@dataclass(frozen=True)
class Label:
    suite: str  # the file, as named in its repository
    line: int  # the labelled line (where the peer reports)
    rule: str  # the peer's rule id (semgrep) or code and name (ruff)
    positive: bool
    code: Optional[str]  # the nhilint code that covers the concern; None: out of scope
    why: str
    region: FrozenSet[int] = frozenset()  # lines where nhilint's finding for it may be


@dataclass(frozen=True)
class Finding:
    line: int
    code: str
    message: str


@dataclass
class SuiteResult:
    suite: str
    found: List[Label] = field(default_factory=list)
    missed: List[Label] = field(default_factory=list)
    negatives: List[Label] = field(default_factory=list)  # in-scope negatives
    wrong: List[Finding] = field(default_factory=list)  # findings on an in-scope negative
    out_of_scope: List[Label] = field(default_factory=list)
    other: List[Finding] = field(default_factory=list)  # findings no label speaks about


# ---------------------------------------------------------------------------------------------
# Pure helpers (tests/test_triage_script.py; nothing fetched)


def _statements(tree: ast.AST) -> List[ast.stmt]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.stmt)]


def _target_line(lines: Sequence[str], comment_index: int) -> int:
    """The line a comment-only label speaks about: the next line that holds code (1-based)."""
    for index in range(comment_index + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index + 1
    return comment_index + 1


def _names_read(nodes: Iterable[ast.AST]) -> Set[str]:
    return {n.id for node in nodes for n in ast.walk(node)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _assigned_lines(tree: ast.AST) -> Dict[str, List[int]]:
    """Lines where each plain name is assigned (`name = ...`, `name: T = ...`)."""
    where: Dict[str, List[int]] = defaultdict(list)
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        for target in targets:
            if isinstance(target, ast.Name):
                where[target.id].append(node.lineno)
    return where


def _function_ranges(tree: ast.AST) -> List[Tuple[int, int]]:
    return [(node.lineno, node.end_lineno or node.lineno) for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]


def _scope_of(line: int, functions: Sequence[Tuple[int, int]]) -> Optional[Tuple[int, int]]:
    """The innermost function holding `line`, None at module level."""
    holding = [f for f in functions if f[0] <= line <= f[1]]
    return min(holding, key=lambda f: f[1] - f[0]) if holding else None


def semgrep_labels(suite: str, source: str) -> List[Label]:
    """The labels of one semgrep test file, each with the region where nhilint may report it.

    semgrep reports a match at its first line, which may be a definition the flagged call uses
    (`opts = {...}` then `jwt.decode(..., options=opts)`); nhilint reports at the call, or at the
    literal for NHL301. So a label's region is its statement and the sibling statements that
    follow it without a blank line or another label; the lines of the same function (or of the
    module, outside functions) since the previous label's region; and the lines that assign a
    name those statements read. A positive label on `name = <literal>` whose name a later
    positive label of the same rule in the same function reads (semgrep marks both
    `url = "http://..."` and the call using it) is that later label's finding, not one of its
    own: it is left out.
    """
    lines = source.splitlines()
    tree = ast.parse(source)
    starting: Dict[int, List[ast.stmt]] = defaultdict(list)
    for statement in _statements(tree):
        starting[statement.lineno].append(statement)
    assigned = _assigned_lines(tree)
    functions = _function_ranges(tree)

    raw: List[Tuple[int, str, bool]] = []  # (target line, rule, positive)
    label_lines: Set[int] = set()
    for index, text in enumerate(lines):
        found = _LABEL.search(text)
        if not found:
            continue
        kind, rules = found.group(1), [r.strip() for r in found.group(2).split(",")]
        comment_only = text.strip().startswith("#")
        target = _target_line(lines, index) if comment_only else index + 1
        label_lines.add(index + 1)
        raw.extend((target, rule, kind in ("ruleid", "todoruleid")) for rule in rules)

    def block(target: int) -> Tuple[int, List[ast.stmt]]:
        """The last line of the target's block and the statements in it."""
        first = starting.get(target)
        if not first:
            return target, []
        taken = [first[0]]
        end = first[0].end_lineno or target
        while True:
            following = starting.get(end + 1)
            if not following or (end + 1) in label_lines:
                return end, taken
            taken.append(following[0])
            end = following[0].end_lineno or end + 1

    blocks: Dict[int, Tuple[FrozenSet[int], List[ast.stmt]]] = {}
    previous_end = 0
    for target in sorted({t for t, _, _ in raw}):
        end, taken = block(target)
        scope = _scope_of(target, functions)
        before = {line for line in range(previous_end + 1, target)
                  if _scope_of(line, functions) == scope}
        defined = {line for name in _names_read(taken) for line in assigned.get(name, [])}
        blocks[target] = (frozenset(range(target, end + 1)) | frozenset(before) | frozenset(defined),
                          taken)
        previous_end = max(previous_end, end)

    def feeds_later_label(target: int, rule: str) -> bool:
        taken = blocks[target][1]
        first = taken[0] if taken else None
        if not (isinstance(first, ast.Assign) and isinstance(first.value, ast.Constant)
                and all(isinstance(t, ast.Name) for t in first.targets)):
            return False
        names = {t.id for t in first.targets if isinstance(t, ast.Name)}
        scope = _scope_of(target, functions)
        return any(later > target and positive and later_rule == rule
                   and _scope_of(later, functions) == scope
                   and names & _names_read(blocks[later][1][:1])
                   for later, later_rule, positive in raw)

    labels: List[Label] = []
    for target, rule, positive in raw:
        mapping = RULE_MAP.get(rule, Mapping(None, f"rule {rule} is not in peers.py's RULE_MAP"))
        if positive and feeds_later_label(target, rule):
            continue
        labels.append(Label(suite, target, rule, positive, mapping.code, mapping.why,
                            blocks[target][0]))
    return labels


def ruff_snapshot_entries(snapshot: str) -> List[Tuple[str, int, str]]:
    """(code, line, name) of every entry of an insta snapshot of S105/S106/S107."""
    entries = []
    head: Optional[Tuple[str, str]] = None
    for text in snapshot.splitlines():
        found = _SNAPSHOT_HEAD.match(text)
        if found:
            head = (found.group(1), found.group(2))
            continue
        at = _SNAPSHOT_AT.match(text)
        if at and head:
            entries.append((head[0], int(at.group(2)), head[1]))
            head = None
    return entries


def ruff_labels(suite: str, snapshot: str, source: str) -> List[Label]:
    """One positive label per snapshot entry, in scope unless the name is a password's; and one
    negative label per other line holding a string literal (the fixture tests one concern, so
    a line ruff does not flag is one it must not flag)."""
    labels = []
    flagged: Set[int] = set()
    for code, line, name in ruff_snapshot_entries(snapshot):
        flagged.add(line)
        rule = f"{code} {name}"
        if RUFF_PASSWORD_NAMES.match(name):
            labels.append(Label(suite, line, rule, True, None, "a password, not a token or key",
                                frozenset({line})))
        elif name.lower() in RUFF_OUT_OF_SCOPE_NAMES:
            labels.append(Label(suite, line, rule, True, None, "not a credential name (misspelling)",
                                frozenset({line})))
        else:
            labels.append(Label(suite, line, rule, True, RUFF_CODE, "a literal under a credential name",
                                frozenset({line})))
    literal_lines = {node.lineno for node in ast.walk(ast.parse(source))
                     if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    for line in sorted(literal_lines - flagged):
        labels.append(Label(suite, line, f"{suite} not flagged", False, RUFF_CODE,
                            "a string literal ruff does not flag", frozenset({line})))
    return labels


def score(suite: str, labels: Sequence[Label], findings: Sequence[Finding]) -> SuiteResult:
    """Found / missed per in-scope positive label; wrongly flagged: a finding of a negative
    label's code in that label's region and in no region of a positive label of that code.
    Other findings (no label speaks about them) are kept apart, not judged."""
    result = SuiteResult(suite)
    positive_lines: Dict[str, Set[int]] = defaultdict(set)  # code -> lines any positive may use
    explained: Set[Finding] = set()
    for label in labels:
        if label.code is None:
            result.out_of_scope.append(label)
        elif not label.positive:
            result.negatives.append(label)
        else:
            positive_lines[label.code] |= label.region
            hits = [f for f in findings if f.code == label.code and f.line in label.region]
            (result.found if hits else result.missed).append(label)
            explained.update(hits)
    for finding in findings:
        if finding in explained:
            continue
        on_negative = any(finding.code == label.code and finding.line in label.region
                          for label in result.negatives)
        if on_negative and finding.line not in positive_lines[finding.code]:
            result.wrong.append(finding)
        else:
            result.other.append(finding)
    return result


def format_results(results: Sequence[SuiteResult], verbose: bool) -> str:
    out = []
    header = ("suite", "in-scope +", "found", "missed", "in-scope -", "wrongly flagged", "out of scope")
    rows = [header]
    totals = [0, 0, 0, 0, 0, 0]
    for r in results:
        counts = [len(r.found) + len(r.missed), len(r.found), len(r.missed), len(r.negatives),
                  len(r.wrong), len(r.out_of_scope)]
        totals = [total + count for total, count in zip(totals, counts)]
        rows.append((r.suite, *map(str, counts)))
    rows.append(("all", *map(str, totals)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        out.append("  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i])
                             for i, c in enumerate(row)).rstrip())
        if index in (0, len(rows) - 2):
            out.append("  ".join("-" * w for w in widths))
    by_code: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for label in r.found:
            by_code[label.code or ""][0] += 1
        for label in r.missed:
            by_code[label.code or ""][1] += 1
    out.append("\nper nhilint code: " + ", ".join(
        f"{code} {found}/{found + missed}" for code, (found, missed) in sorted(by_code.items())))
    for r in results:
        details: List[Tuple[int, str]] = []  # (line, text), listed in line order
        details += [(label.line, f"missed   line {label.line:3}  {label.code}  {label.rule}")
                    for label in r.missed]
        details += [(f.line, f"WRONG    line {f.line:3}  {f.code}  {f.message}") for f in r.wrong]
        if verbose:
            details += [(label.line, f"found    line {label.line:3}  {label.code}  {label.rule}")
                        for label in r.found]
            details += [(f.line, f"other    line {f.line:3}  {f.code}  {f.message}") for f in r.other]
            details += [(label.line, f"out      line {label.line:3}  {'+' if label.positive else '-'}  "
                                     f"{label.rule}: {label.why}") for label in r.out_of_scope]
        if details:
            out.append(f"\n{r.suite}")
            out.extend(f"  {text}" for _, text in sorted(details, key=lambda item: item[0]))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Reading the mirrors and running nhilint


def find_mirror(given: Optional[Path], name_end: str) -> Path:
    """The git directory given, else the one fetched under /work/.mirror/ (owner+name/repo)."""
    if given:
        return given
    candidates = sorted(MIRRORS.glob(f"*+{name_end}/repo")) if MIRRORS.is_dir() else []
    if not candidates:
        raise SystemExit(f"no mirror of *{name_end} under {MIRRORS}: fetch it with the search "
                         f"tool's fetch, or give its git directory as an argument")
    return candidates[0]


def git_show(git_dir: Path, rev: str, path: str) -> str:
    done = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{rev}:{path}"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"git show {rev}:{path} in {git_dir} failed: {done.stderr.strip()}")
    return done.stdout


def git_head(git_dir: Path, rev: str) -> str:
    done = subprocess.run(["git", "--git-dir", str(git_dir), "rev-parse", "--short", rev],
                          stdout=subprocess.PIPE, text=True)
    return done.stdout.strip()


def run_nhilint(directory: Path) -> Dict[str, List[Finding]]:
    """nhilint's findings per file name (relative to `directory`), default rules, no cache."""
    local = Path(sys.executable).parent / "nhilint"
    nhilint = str(local) if local.exists() else shutil.which("nhilint")
    if nhilint is None:
        raise SystemExit("nhilint is not installed in this environment: pip install .")
    done = subprocess.run([nhilint, "check", ".", "--output-format", "json", "--no-cache",
                           "--exit-zero", "--no-progress"], cwd=directory,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise SystemExit(f"nhilint failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    found: Dict[str, List[Finding]] = defaultdict(list)
    for item in json.loads(done.stdout or "[]"):
        found[item["path"].replace("\\", "/").removeprefix("./")].append(
            Finding(int(item["start"]["line"]), item["code"], item["message"]))
    return found


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--semgrep-rules", type=Path, default=None,
                        help="git directory of a semgrep-rules mirror (default: under /work/.mirror)")
    parser.add_argument("--ruff", type=Path, default=None,
                        help="git directory of a ruff mirror (default: under /work/.mirror)")
    parser.add_argument("--rev", default="HEAD", help="the revision read from both mirrors")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="also list found labels, out-of-scope labels and other findings")
    args = parser.parse_args(argv)

    semgrep_dir = find_mirror(args.semgrep_rules, "semgrep-rules")
    ruff_dir = find_mirror(args.ruff, "ruff")
    print(f"semgrep-rules {git_head(semgrep_dir, args.rev)} ({semgrep_dir}); "
          f"ruff {git_head(ruff_dir, args.rev)} ({ruff_dir})")
    # The files keep their own names (never test_*: nhilint would take them for tests) under
    # folders without "test" in them; an empty config so no other nhilint.toml applies.
    scratch = Path(tempfile.mkdtemp(prefix="nhilint-peers-"))
    try:
        (scratch / "nhilint.toml").write_text("", encoding="utf-8")
        suites: List[Tuple[str, str, List[Label]]] = []  # (suite, file in scratch, labels)
        for path in SEMGREP_FILES:
            source = git_show(semgrep_dir, args.rev, path)
            relative = f"semgrep/{path}"
            (scratch / relative).parent.mkdir(parents=True, exist_ok=True)
            (scratch / relative).write_text(source, encoding="utf-8")
            suites.append((f"semgrep {path}", relative, semgrep_labels(path, source)))
        for code in RUFF_RULES:
            source = git_show(ruff_dir, args.rev, f"{RUFF_FIXTURES}/{code}.py")
            snapshot = git_show(ruff_dir, args.rev,
                                f"{RUFF_SNAPSHOTS}/ruff_linter__rules__flake8_bandit__tests__{code}_{code}.py.snap")
            relative = f"ruff/{code}.py"
            (scratch / relative).parent.mkdir(parents=True, exist_ok=True)
            (scratch / relative).write_text(source, encoding="utf-8")
            suites.append((f"ruff {code}", relative, ruff_labels(code, snapshot, source)))
        findings = run_nhilint(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    results = [score(suite, labels, findings.get(relative, []))
               for suite, relative, labels in suites]
    print(format_results(results, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
