"""Baseline files: the findings a project has accepted for now, matched as a multiset (SPEC §6).

An entry is `{code, path, fingerprint, count}`: no line number (the fingerprint has none, so
moved code still matches), no message and no source text. Findings about files that were not
analysed (NHL900) are never baselined nor silenced by a baseline: a baseline accepts known
findings in checked code, it must not turn a file nobody can check into a permanent blind spot.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Dict, Iterable, List, Sequence, Tuple

from nhilint.ftypes import FileResult, Finding

BASELINE_VERSION = 1

Key = Tuple[str, str, str]  # (code, path, fingerprint)


class BaselineError(ValueError):
    """A baseline file that cannot be read or is not one; the message names the file."""


@dataclass(frozen=True)
class BaselineEntry:
    code: str
    path: str
    fingerprint: str
    count: int

    @property
    def key(self) -> Key:
        return (self.code, self.path, self.fingerprint)


@dataclass(frozen=True)
class Baseline:
    entries: Tuple[BaselineEntry, ...] = ()

    @property
    def finding_count(self) -> int:
        return sum(entry.count for entry in self.entries)

    def counts(self) -> Dict[Key, int]:
        totals: Dict[Key, int] = {}
        for entry in self.entries:
            totals[entry.key] = totals.get(entry.key, 0) + entry.count
        return totals


def _key(finding: Finding) -> Key:
    return (finding.code, finding.path, finding.fingerprint)


def baselinable(files: Iterable[FileResult]) -> List[Finding]:
    """Findings of files that were analysed: a file not parsed only reports that (NHL900)."""
    return [finding for file in files if file.parsed for finding in file.findings]


def from_findings(findings: Iterable[Finding]) -> Baseline:
    totals = Counter(_key(finding) for finding in findings)
    entries = (BaselineEntry(*key, count) for key, count in totals.items())
    return Baseline(tuple(sorted(entries, key=lambda e: (e.path, e.code, e.fingerprint))))


def filter_files(files: Sequence[FileResult], baseline: Baseline) -> Tuple[FileResult, ...]:
    """Drops baselined findings: per key, the first `count` occurrences; a further copy is new."""
    remaining = baseline.counts()
    result = []
    for file in files:
        kept = []
        for finding in file.findings:
            key = _key(finding)
            if file.parsed and remaining.get(key, 0) > 0:
                remaining[key] -= 1
            else:
                kept.append(finding)
        if len(kept) == len(file.findings):
            result.append(file)
        else:
            result.append(replace(file, findings=tuple(kept), lines=file.lines if kept else ()))
    return tuple(result)


def dumps(baseline: Baseline) -> str:
    data = {
        "version": BASELINE_VERSION,
        "findings": [
            {"code": e.code, "path": e.path, "fingerprint": e.fingerprint, "count": e.count}
            for e in baseline.entries
        ],
    }
    return json.dumps(data, indent=2) + "\n"


def write(baseline: Baseline, path: Path) -> None:
    """Atomically: a CI job killed half-way never leaves half a baseline behind."""
    import tempfile  # here: it pulls in shutil and the compressors, which `check` never needs

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(dumps(baseline))
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


# A bound on what a baseline may make us read and hold (about a million findings).
MAX_BASELINE_BYTES = 256 * 1024 * 1024


def load(path: Path) -> Baseline:
    from nhilint.files import read_regular_file

    try:
        text = read_regular_file(path, MAX_BASELINE_BYTES)[1].decode("utf-8")
    except FileNotFoundError:
        raise BaselineError(f"baseline file '{path}' not found") from None
    except (OSError, UnicodeError) as error:
        raise BaselineError(f"cannot read baseline file '{path}': {_reason(error)}") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise BaselineError(f"baseline file '{path}' is not valid JSON: {error}") from None
    except RecursionError:
        raise BaselineError(f"baseline file '{path}' is not a baseline: arrays or objects nested too deeply") from None
    return parse(data, str(path))


def parse(data: Any, name: str) -> Baseline:
    if not isinstance(data, dict) or "findings" not in data:
        raise BaselineError(f"baseline file '{name}': expected an object with 'version' and 'findings'")
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(
            f"baseline file '{name}': unsupported version {data.get('version')!r} "
            f"(this nhilint reads version {BASELINE_VERSION}; write it again with `nhilint baseline`)"
        )
    if not isinstance(data["findings"], list):
        raise BaselineError(f"baseline file '{name}': 'findings' must be a list")
    return Baseline(tuple(_entry(item, f"baseline file '{name}': findings[{n}]")
                          for n, item in enumerate(data["findings"])))


def _entry(item: Any, where: str) -> BaselineEntry:
    if not isinstance(item, dict):
        raise BaselineError(f"{where} must be an object")
    for key in ("code", "path", "fingerprint"):
        if not isinstance(item.get(key), str) or not item[key]:
            raise BaselineError(f"{where}: '{key}' must be a non-empty string")
    count = item.get("count")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise BaselineError(f"{where}: 'count' must be a positive integer")
    return BaselineEntry(item["code"], item["path"], item["fingerprint"], count)


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)
