"""Runs a check and returns plain results; the CLI formats them, tests assert on them."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from collections.abc import Sequence as SequenceABC
from typing import TYPE_CHECKING, Any, Optional, Sequence, Tuple

from nhilint.catalogue import build_catalogue
from nhilint.discovery import DEFAULT_EXCLUDE, discover, display_path, is_excluded
from nhilint.engine import CheckPlan, check_source
from nhilint.notebooks import check_any
from nhilint.ftypes import FileResult, Finding, RuleMeta, Settings
from nhilint.rule_index import rule_entries
from nhilint.runner import Progress, check_candidates, check_file
from nhilint.selection import ignored_for_path, is_ignored, select_rules
from nhilint.thresholds import meets

if TYPE_CHECKING:
    from nhilint.baseline import Baseline
    from nhilint.result_cache import ResultCache

__all__ = ["RunResult", "check_file", "check_paths", "check_stdin", "make_plan"]


class RuleMetas(SequenceABC):
    """The selected rules' metadata, built on first use. Building it imports every rule and so
    libcst, which a run whose files all fail the prefilter never needs (SPEC §9)."""

    def __init__(self, rules: Sequence[Any]) -> None:
        self._rules = tuple(rules)
        self._metas: Optional[Tuple[RuleMeta, ...]] = None

    def _loaded(self) -> Tuple[RuleMeta, ...]:
        if self._metas is None:
            self._metas = tuple(rule.meta() for rule in self._rules)
        return self._metas

    def __getitem__(self, index: Any) -> Any:
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._rules)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SequenceABC) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._loaded())


class RunResult:
    """What a run found. A plain class, not a dataclass: a dataclass costs about 3 M
    instructions to create at every start."""

    __slots__ = ("files", "rules", "missing", "root")

    def __init__(self, files: Tuple[FileResult, ...], rules: Sequence[RuleMeta],
                 missing: Tuple[Tuple[str, str], ...] = (), root: str = "") -> None:
        self.files = files
        self.rules = rules
        self.missing = missing
        # the absolute directory finding paths are relative to (SARIF's %SRCROOT%)
        self.root = root

    def __eq__(self, other: object) -> bool:  # two runs that found the same (tests compare them)
        return type(other) is RunResult and (self.files, self.rules, self.missing, self.root) == (
            other.files, other.rules, other.missing, other.root)  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable fields: not a key

    @property
    def findings(self) -> Tuple[Finding, ...]:
        return tuple(finding for file in self.files for finding in file.findings)


def make_plan(settings: Settings, export_cache: bool = False) -> CheckPlan:
    rules = select_rules(rule_entries(), settings.select, settings.extend_select, settings.ignore)
    return CheckPlan(
        rules=rules,
        rule_options=settings.rule_options,
        catalogue=build_catalogue(
            settings.apis.jwt_decoders, settings.apis.cache_decorators, settings.apis.token_sources
        ),
        known_codes=tuple(rule.code for rule in rule_entries()),
        project_root=str(Path(settings.root).resolve()),
        project_exclude=excludes(settings),
        respect_gitignore=settings.respect_gitignore,
        max_file_bytes=settings.max_file_bytes,
        export_cache=export_cache,
    )


def _run_plan(settings: Settings, cache: bool) -> CheckPlan:
    """The plan of one run, which sees the project as it is now: an earlier run's index may be
    in memory (tests, the editor's server), and modules may have come or gone since."""
    plan = make_plan(settings, export_cache=cache)
    # only a process that built an index has one to refresh; importing the index for nothing
    # would cost a warm run (all results cached) a sixth of its time (its exports' dataclasses)
    index = sys.modules.get("nhilint.project.index")
    if plan.project_root and index is not None:
        index.refresh_all()
    return plan


def excludes(settings: Settings) -> Tuple[str, ...]:
    base = settings.exclude if settings.exclude else DEFAULT_EXCLUDE
    return (*base, *settings.extend_exclude)


def _apply_per_file_ignores(result: FileResult, settings: Settings) -> FileResult:
    """Per-file ignores, then the minimum severity and confidence."""
    ignored = ignored_for_path(result.path, settings.per_file_ignores)
    thresholds = settings.min_severity is not None or settings.min_confidence is not None
    if not (ignored or thresholds) or not result.findings:
        return result
    kept = tuple(
        f for f in result.findings
        if not is_ignored(f.rule, ignored)
        and meets(f, settings.min_severity, settings.min_confidence)
    )
    return replace(result, findings=kept, lines=result.lines if kept else ())


def check_paths(
    paths: Sequence[str],
    settings: Settings,
    force_exclude: bool = False,
    baseline: Optional[Baseline] = None,
    jobs: int = 1,
    cache: bool = False,
    progress: Optional[Progress] = None,
) -> RunResult:
    """Check files in discovery order; `jobs` worker processes; `cache`: use `.nhilint_cache/`;
    `progress(done, total)` once per file as its result is known."""
    plan = _run_plan(settings, cache)
    root = Path(settings.root)
    candidates, missing = discover(
        paths, root, excludes(settings), settings.respect_gitignore, force_exclude
    )
    results = check_candidates(candidates, plan, settings, jobs, _result_cache(root, plan, settings) if cache else None,
                               progress)
    files = tuple(_apply_per_file_ignores(result, settings) for result in results)
    files = _without_baselined(files, baseline)
    return RunResult(files, RuleMetas(plan.rules), tuple(missing), str(root.resolve()))


def _without_baselined(files: Tuple[FileResult, ...], baseline: Optional["Baseline"]) -> Tuple[FileResult, ...]:
    """Without a baseline nothing is left out, and nhilint.baseline is not imported: its two
    dataclasses cost ~8 M instructions to create (benchmarks/README.md, speed19 of 2026-12-05)."""
    if baseline is None:
        return files
    from nhilint.baseline import filter_files

    return filter_files(files, baseline)


def _result_cache(root: Path, plan: CheckPlan, settings: Settings) -> "ResultCache":
    """The result cache, imported only by a run that uses it: a `--no-cache` run (a check on
    save, the benchmark's one-file check) does not create its classes."""
    from nhilint.result_cache import ResultCache

    return ResultCache.open(root, plan, settings)

def check_stdin(
    source: bytes,
    settings: Settings,
    stdin_filename: Optional[str],
    force_exclude: bool = False,
    baseline: Optional[Baseline] = None,
    cache: bool = True,
) -> RunResult:
    """One buffer from an editor: reported under `stdin_filename`, with its per-file ignores.
    `cache`: other modules' exports are read from (and kept in) `.nhilint_cache/`; the buffer's
    own result is never cached."""
    plan = _run_plan(settings, cache)
    metas = RuleMetas(plan.rules)
    root = Path(settings.root)
    root_dir = str(root.resolve())
    if stdin_filename is None:
        result = _apply_per_file_ignores(check_source(source, "-", plan), settings)
        return RunResult(_without_baselined((result,), baseline), metas, root=root_dir)
    display = display_path(Path(stdin_filename), root)
    if force_exclude and is_excluded(stdin_filename, root, excludes(settings), settings.respect_gitignore):
        return RunResult((), metas, root=root_dir)
    result = _apply_per_file_ignores(check_any(source, display, plan), settings)
    return RunResult(_without_baselined((result,), baseline), metas, root=root_dir)
