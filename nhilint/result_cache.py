"""The result cache in `.nhilint_cache/`: a file unchanged since its last check is not parsed again.

One JSON file per configuration (nhilint's version and code, libcst's version, the selected rules,
their options, the API extensions) maps each checked file to its size, mtime, content digest and findings. A
file is unchanged when size and mtime match, or else when its content digest does (a fresh CI
checkout has new mtimes). Findings are stored without source lines: the cache never holds
source text, so no secret in clear (SPEC §8). JSON, not pickle: the cache sits in the checked
tree, and loading it must never run code. A cache that cannot be read is ignored; one that
cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import AbstractSet, Any, Dict, List, Mapping, Optional, Sequence

from nhilint.engine import CheckPlan
from nhilint.ftypes import FileResult, Finding, Position, RuleMeta, Settings

CACHE_DIR = ".nhilint_cache"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by nhilint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_FORMAT = 1
# An mtime this close to the time of reading may be shared by a later edit of the same size
# ("racy git"): the fast path is not trusted for it, the content digest is checked next time.
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class Stamp:
    """What identifies a file's content: size and mtime (cheap), digest (certain)."""

    size: int
    mtime_ns: int
    digest: str


def stamp_of(stat: os.stat_result, data: bytes) -> Stamp:
    """The stamp of content just read; a too recent mtime is left out (0: no fast path)."""
    recent = time.time_ns() - stat.st_mtime_ns < _RACY_NS
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return Stamp(stat.st_size, 0 if recent else stat.st_mtime_ns, digest)


def _libcst_version() -> str:
    """libcst's version file, read rather than imported: a cache hit must not pay for libcst."""
    spec = importlib.util.find_spec("libcst")
    if spec is None or spec.origin is None:
        return "?"
    try:
        with open(os.path.join(os.path.dirname(spec.origin), "_version.py"), "rb") as file:
            return hashlib.blake2b(file.read(), digest_size=8).hexdigest()
    except OSError:
        return "?"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """nhilint's version and source, and the parser's version.

    Hashing the source costs ~10 ms; in return an edited rule in a development install, where
    the version does not move, invalidates the cache.
    """
    import nhilint
    import nhilint.rules

    versions = f"{nhilint.__version__} {_libcst_version()} {sys.version_info[:2]}"
    digest = hashlib.blake2b(versions.encode(), digest_size=16)
    tops = {os.path.dirname(os.path.abspath(nhilint.__file__)), *map(os.path.abspath, nhilint.rules.__path__)}
    for top in sorted(tops):
        for directory, subdirs, files in os.walk(top):
            subdirs[:] = sorted(name for name in subdirs if name != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    path = os.path.join(directory, name)
                    digest.update(os.path.relpath(path, top).encode())
                    with open(path, "rb") as source:
                        digest.update(source.read())
    return digest.hexdigest()


def configuration_key(plan: CheckPlan, settings: Settings) -> str:
    """Everything a file's raw result depends on besides its content and path.

    Discovery settings (exclude, gitignore) and per-file ignores are applied outside the cached
    result, so editing them keeps the cache.
    """
    parts = {
        "format": _FORMAT,
        "code": _code_digest(),
        "rules": [rule.code for rule in plan.rules],
        "rule_options": settings.rule_options,
        "apis": [settings.apis.jwt_decoders, settings.apis.cache_decorators, settings.apis.token_sources],
        "max_file_bytes": settings.max_file_bytes,
    }
    text = json.dumps(parts, sort_keys=True, default=repr)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _finding_row(finding: Finding) -> List[Any]:
    return [
        finding.code, finding.message, finding.start.line, finding.start.column, finding.end.line,
        finding.end.column, finding.confidence, finding.fingerprint, finding.statement_line,
    ]


def _finding(row: List[Any], path: str, metas: Mapping[str, RuleMeta]) -> Finding:
    code, message, line, column, end_line, end_column, confidence, fingerprint, statement_line = row
    texts, numbers = (message, confidence, fingerprint), (line, column, end_line, end_column, statement_line)
    if not all(isinstance(text, str) for text in texts) or not all(type(n) is int for n in numbers):
        raise ValueError("a finding of unexpected types")  # what reporters get must be well-formed
    return Finding(
        rule=metas[code], message=message, path=path, start=Position(line, column),
        end=Position(end_line, end_column), confidence=confidence, fingerprint=fingerprint,
        statement_line=statement_line,
    )


@dataclass(frozen=True)
class Cached:
    """A file's stamp and raw result (before per-file ignores) from an earlier run."""

    stamp: Stamp
    result: FileResult

    def unchanged_on_disk(self, location: str) -> bool:
        """The fast path: size and mtime still match, so the file need not be read."""
        if not self.stamp.mtime_ns:
            return False
        try:
            status = os.stat(location)
        except OSError:
            return False
        return (status.st_size, status.st_mtime_ns) == (self.stamp.size, self.stamp.mtime_ns)


class ResultCache:
    """The cache of one configuration under one root; entries keyed by absolute file path."""

    def __init__(self, file: Path, entries: Dict[str, Any], rules: Sequence[Any]) -> None:
        self.file = file
        self.entries = entries
        self.rules = rules
        self._metas: Optional[Mapping[str, RuleMeta]] = None
        self.dirty = False

    @property
    def metas(self) -> Mapping[str, RuleMeta]:
        """Needed only to rebuild cached findings: loading them imports the rules (and libcst)."""
        if self._metas is None:
            self._metas = {rule.code: rule.meta() for rule in self.rules}
        return self._metas

    @classmethod
    def open(cls, root: Path, plan: CheckPlan, settings: Settings) -> "ResultCache":
        file = root / CACHE_DIR / f"results-{configuration_key(plan, settings)}.json"
        try:
            data = json.loads(file.read_bytes())
            entries = data["files"] if data.get("format") == _FORMAT else {}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            entries = {}  # no cache yet, or a corrupt one: start afresh
        return cls(file, entries if isinstance(entries, dict) else {}, plan.rules)

    def lookup(self, location: str, display: str) -> Optional[Cached]:
        entry = self.entries.get(location)
        try:
            if entry["path"] != display:  # the same file shown under another root
                return None
            stamp = Stamp(int(entry["size"]), int(entry["mtime"]), str(entry["digest"]))
            findings = tuple(_finding(row, display, self.metas) for row in entry["findings"])
        except (KeyError, TypeError, ValueError):
            return None  # no entry, or one this version cannot read: check the file again
        return Cached(stamp, FileResult(path=display, findings=findings, parsed=bool(entry.get("parsed"))))

    def store(self, location: str, stamp: Stamp, result: FileResult) -> None:
        entry = {
            "path": result.path,
            "size": stamp.size,
            "mtime": stamp.mtime_ns,
            "digest": stamp.digest,
            "parsed": result.parsed,
            "findings": [_finding_row(finding) for finding in result.findings],
        }
        if self.entries.get(location) != entry:
            self.entries[location] = entry
            self.dirty = True

    def save(self, seen: AbstractSet[str]) -> None:
        """Write atomically if anything changed; entries of files gone from disk are dropped."""
        for path in [path for path in self.entries if path not in seen and not os.path.lexists(path)]:
            del self.entries[path]
            self.dirty = True
        if not self.dirty:
            return
        import tempfile  # here: a warm run writes nothing and need not import it

        try:
            _prepare_directory(self.file.parent)
            handle, temporary = tempfile.mkstemp(prefix=".results-", suffix=".tmp", dir=self.file.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump({"format": _FORMAT, "files": self.entries}, out, separators=(",", ":"))
                os.replace(temporary, self.file)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            pass  # a read-only checkout or a full disk: the run goes on without a cache
        self.dirty = False


def _prepare_directory(directory: Path) -> None:
    directory.mkdir(exist_ok=True)
    for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "# created by nhilint\n*\n")):
        marker = directory / name
        if not marker.exists():
            marker.write_text(text, encoding="utf-8")
