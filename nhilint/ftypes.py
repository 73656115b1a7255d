"""Plain data carried between the engine, the rules and the reporters.

A leaf module: it imports nothing else from nhilint, so every other module can use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Tuple

SEVERITIES = ("low", "medium", "high")
# Files larger than this are NHL900 "too large" (0: no limit); semgrep's --max-target-bytes default.
DEFAULT_MAX_FILE_BYTES = 1_000_000
CONFIDENCES = ("low", "medium", "high")


@dataclass(frozen=True)
class RuleMeta:
    """What the outside world knows of a rule: its identity, its mappings, its docs."""

    code: str
    name: str
    family: str
    summary: str
    severity: str
    confidence: str
    default_enabled: bool
    owasp: str
    owasp_2025: Tuple[str, ...]
    cwe: Tuple[int, ...]
    doc: str
    # set on the rule that reports files nhilint could not read or parse (NHL900)
    reports_unanalysed_files: bool = False

    @property
    def url(self) -> Optional[str]:
        """docs/rules.md at the revision this code is: its commit, else its release tag once
        released, else None (nhilint.home)."""
        from nhilint.home import rules_doc_url  # ftypes stays a leaf module at import time

        return rules_doc_url(self.code)


@dataclass(frozen=True)
class Position:
    """1-based line and 1-based column, as editors and SARIF count them."""

    line: int
    column: int


@dataclass(frozen=True)
class Related:
    """A second place a finding involves (issue 14): the verifier a cache wraps, the helper that
    logs what it is given, in this module or another one of the project."""

    path: str  # shown as findings' paths are: relative to the project's root
    line: int
    message: str

    @property
    def start(self) -> Position:
        return Position(self.line, 1)

    @property
    def end(self) -> Position:
        return Position(self.line, 1)


@dataclass(frozen=True)
class Finding:
    rule: RuleMeta
    message: str
    path: str
    start: Position
    end: Position
    confidence: str
    # sha256 of code, path and the flagged node's normalised source: no line numbers, no
    # source text in clear (see nhilint.fingerprint).
    fingerprint: str
    # The first line of the statement holding the node: suppression comments may sit there.
    statement_line: int = 0
    # In a notebook, the cell (1-based; lines and columns are then within the cell); else 0.
    cell: int = 0
    related: Tuple[Related, ...] = ()

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def place(self) -> str:
        """`line:col`, or `cell N:line:col` in a notebook (ruff's form)."""
        where = f"{self.start.line}:{self.start.column}"
        return f"cell {self.cell}:{where}" if self.cell else where

    @property
    def located_message(self) -> str:
        """The message, led by its cell in a notebook, for formats whose positions are lines."""
        return f"cell {self.cell}, line {self.start.line}: {self.message}" if self.cell else self.message

    def sort_key(self) -> Tuple[str, int, int, str]:
        return (self.path, self.start.line, self.start.column, self.rule.code)


@dataclass(frozen=True)
class Depends:
    """What a file's result depends on besides its own content (the project index, issue 14):
    a cached result is used only while all of this is as it was, so that it always equals a
    `--no-cache` run."""

    modules: Tuple[Tuple[str, str], ...] = ()  # (absolute path, content digest) of modules used
    absent: Tuple[Tuple[str, str], ...] = ()  # (module, importing file) the project did not have
    project: str = ""  # the stamp of every project file, when a question spanned the project

    def __bool__(self) -> bool:
        return bool(self.modules or self.absent or self.project)


NO_DEPENDS = Depends()


@dataclass(frozen=True)
class FileResult:
    """What checking one file produced. `lines` is kept only when there are findings (frames)."""

    path: str
    findings: Tuple[Finding, ...] = ()
    lines: Tuple[str, ...] = ()
    parsed: bool = False
    depends: Depends = NO_DEPENDS
    # In a notebook, what `lines` is to a file: each cell's lines as written (magics too; none
    # for markdown and raw cells), by cell number - 1, kept only when there are findings.
    cells: Tuple[Tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class ApiExtensions:
    """User additions to the API catalogue, from `[tool.nhilint.apis]`."""

    # new qualified name -> qualified name of a known API it behaves like
    jwt_decoders: Mapping[str, str] = field(default_factory=dict)
    cache_decorators: Mapping[str, str] = field(default_factory=dict)
    # qualified names of functions that return an access token
    token_sources: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """The effective configuration of one run, after config file and command line merged."""

    select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    exclude: Tuple[str, ...] = ()
    extend_exclude: Tuple[str, ...] = ()
    respect_gitignore: bool = True
    # findings below these are left out (nhilint.thresholds); None: keep every level
    min_severity: Optional[str] = None
    min_confidence: Optional[str] = None
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    apis: ApiExtensions = field(default_factory=ApiExtensions)
    # the directory paths are shown relative to, and config globs are matched against
    root: str = "."
    config_file: Optional[str] = None
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
