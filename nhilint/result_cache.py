"""The result cache in `.nhilint_cache/`: a file unchanged since its last check is not parsed again.

One file per configuration (nhilint's version and code, libcst's version, the selected rules,
their options, the API extensions, the size limit) maps each checked file to its size, mtime,
content digest and findings. A file is unchanged when size and mtime match, or else when its
content digest does (a fresh CI checkout has new mtimes). Findings are stored without source
lines: the cache never holds source text, so no secret in clear (SPEC §8). JSON, not pickle.

The cache sits in the checked tree, which a pull request controls: it is a performance hint,
never a source of truth (issue 17 item 2). So:
- each cache file carries an HMAC-SHA256, over its name (which holds the configuration key) and
  its content, with a key that never lives in the tree: NHILINT_CACHE_KEY, else a random key
  made once per user in the user's cache directory ($XDG_CACHE_HOME/nhilint/key, mode 0600).
  A file whose MAC does not verify is not parsed at all; without a usable key there is no cache;
- it is read only as a regular file (no symlink, FIFO or device), up to MAX_CACHE_BYTES;
- nothing is read or written through a symlink: not `.nhilint_cache` itself, not its markers;
- anything wrong means checking the files again, and the next save replaces the file.
A cache that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import os
import stat
import sys
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import AbstractSet, Any, Dict, List, Mapping, Optional, Sequence, Tuple

from nhilint.engine import CheckPlan
from nhilint.files import content_digest, read_regular_file
from nhilint.ftypes import NO_DEPENDS, Depends, FileResult, Finding, Position, Related, RuleMeta, Settings

CACHE_DIR = ".nhilint_cache"
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by nhilint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
_FORMAT = 3
_MAGIC = b"nhilint-cache 3 "  # then the hex MAC, a line break, the JSON
KEY_VARIABLE = "NHILINT_CACHE_KEY"
# A real cache holds a few hundred bytes a file: this is far above any project's, and bounds what
# a planted file can make us read.
MAX_CACHE_BYTES = 64 * 1024 * 1024
_KEY_BYTES = 32
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
    digest = content_digest(data)
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
def code_digest() -> str:
    """nhilint's version and its source files, and the parser's version.

    The source files go in by path, size and modification time, as Python's own bytecode
    cache knows a module's source changed: an edited rule in a development install, where the
    version does not move, invalidates the cache. Reading and hashing the source itself (1.1 MB)
    cost a warm run (all results cached) about a twentieth of its time.
    """
    import nhilint
    import nhilint.rules

    versions = f"{nhilint.__version__} {_libcst_version()} {sys.version_info[:2]}"
    digest = hashlib.blake2b(versions.encode(), digest_size=16)
    tops = {os.path.dirname(os.path.abspath(nhilint.__file__)), *map(os.path.abspath, nhilint.rules.__path__)}
    for top in sorted(tops):
        for directory, subdirs, files in os.walk(top):
            subdirs[:] = sorted(name for name in subdirs if name != "__pycache__")
            folder = os.path.relpath(directory, top)
            for name in sorted(files):
                if name.endswith(".py"):
                    status = os.stat(os.path.join(directory, name))
                    relative = name if folder == os.curdir else os.path.join(folder, name)
                    digest.update(f"{relative}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def configuration_key(plan: CheckPlan, settings: Settings) -> str:
    """Everything a file's raw result depends on besides its content and path.

    Discovery settings (exclude, gitignore) and per-file ignores are applied outside the cached
    result, so editing them keeps the cache.
    """
    parts = {
        "format": _FORMAT,
        "code": code_digest(),
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
        [[place.path, place.line, place.message] for place in finding.related],
    ]


def _finding(row: List[Any], path: str, metas: Mapping[str, RuleMeta]) -> Finding:
    code, message, line, column, end_line, end_column, confidence, fingerprint, statement_line, related = row
    texts, numbers = (message, confidence, fingerprint), (line, column, end_line, end_column, statement_line)
    if not all(isinstance(text, str) for text in texts) or not all(type(n) is int for n in numbers):
        raise ValueError("a finding of unexpected types")  # what reporters get must be well-formed
    return Finding(
        rule=metas[code], message=message, path=path, start=Position(line, column),
        end=Position(end_line, end_column), confidence=confidence, fingerprint=fingerprint,
        statement_line=statement_line, related=tuple(_related(place) for place in related),
    )


def _related(row: Any) -> Related:
    if not (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str) and type(row[1]) is int
            and isinstance(row[2], str)):
        raise ValueError("a related place of unexpected types")
    return Related(row[0], row[1], row[2])


def _depends(data: Any) -> Depends:
    """A result's dependencies as stored; ValueError if they are not well-formed."""
    if data is None:
        return NO_DEPENDS

    def pairs(rows: Any) -> Tuple[Tuple[str, str], ...]:
        if not isinstance(rows, list) or not all(
            isinstance(row, list) and len(row) == 2 and all(isinstance(part, str) for part in row) for row in rows
        ):
            raise ValueError("dependencies of unexpected types")
        return tuple((row[0], row[1]) for row in rows)

    if not isinstance(data, dict) or not isinstance(data.get("project", ""), str):
        raise ValueError("dependencies of unexpected types")
    return Depends(pairs(data.get("modules", [])), pairs(data.get("absent", [])), data.get("project", ""))


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


# -- the key ---------------------------------------------------------------------------------

def cache_key() -> Optional[bytes]:
    """NHILINT_CACHE_KEY, else this user's key file (made on first use); None if neither can be
    had, or the file is not this user's alone (another user could then forge our caches)."""
    shared = os.environ.get(KEY_VARIABLE)
    if shared:
        return shared.encode("utf-8", "surrogateescape")
    directory = user_cache_directory()
    if directory is None:
        return None
    path = directory / "nhilint" / "key"
    try:
        return _read_key(path)
    except FileNotFoundError:
        return _make_key(path)
    except OSError:
        return None


def user_cache_directory() -> Optional[Path]:
    """$XDG_CACHE_HOME, else the platform's per-user cache directory."""
    configured = os.environ.get("XDG_CACHE_HOME")
    if configured and os.path.isabs(configured):
        return Path(configured)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"])
    try:
        home = Path.home()
    except (RuntimeError, KeyError):  # no home directory to be found
        return None
    return home / "Library" / "Caches" if sys.platform == "darwin" else home / ".cache"


def _read_key(path: Path) -> Optional[bytes]:
    status, data = read_regular_file(path, 4096)
    if os.name == "posix" and (status.st_uid != os.getuid() or status.st_mode & 0o077):
        return None
    key = data.strip()
    return key if len(key) >= _KEY_BYTES else None


def _make_key(path: Path) -> Optional[bytes]:
    """A new random key, written whole or not at all (a concurrent run may make one first)."""
    import secrets

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.parent / f".key-{os.getpid()}-{secrets.token_hex(4)}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            with os.fdopen(descriptor, "wb") as out:
                out.write(secrets.token_hex(_KEY_BYTES).encode() + b"\n")
            try:
                os.link(temporary, path)  # fails if a key is there already: then that one
            except FileExistsError:
                pass
        finally:
            os.unlink(temporary)
        return _read_key(path)
    except OSError:  # a read-only home, a full disk: no cache
        return None


def mac_input(file_name: str, body: bytes) -> bytes:
    """What a cache file's MAC covers: the format, the file's name (its configuration) and body."""
    return _MAGIC + file_name.encode("utf-8", "surrogateescape") + b"\0" + body


def signed(file_name: str, body: bytes, key: bytes) -> bytes:
    """A cache file's bytes: the header with the MAC, then the body."""
    mac = hmac.new(key, mac_input(file_name, body), hashlib.sha256).hexdigest().encode()
    return _MAGIC + mac + b"\n" + body


def read_signed_json(path: Path, key: Optional[bytes], max_bytes: int = MAX_CACHE_BYTES) -> Dict[str, Any]:
    """The JSON object of a cache file signed with `key` and of this format; ValueError or
    OSError if it is anything else."""
    if key is None:
        raise ValueError("no key")
    data = read_regular_file(path, max_bytes, follow_symlinks=False)[1]
    header, newline, body = data.partition(b"\n")
    if not newline or not header.startswith(_MAGIC):
        raise ValueError("not a cache file")
    if not hmac.compare_digest(data, signed(path.name, body, key)):
        raise ValueError("not made with this key")
    try:
        content = json.loads(body)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(content, dict) or content.get("format") != _FORMAT:
        raise ValueError("not a cache of this version")
    return content


def read_cache_file(path: Path, key: Optional[bytes]) -> Dict[str, Any]:
    """The content of a result cache file made with `key`; ValueError or OSError if it is anything else."""
    content = read_signed_json(path, key)
    if not isinstance(content.get("files"), dict):
        raise ValueError("not a cache of this version")
    return content


def write_signed_json(file: Path, content: Dict[str, Any], key: bytes) -> None:
    """Writes a cache file whole or not at all (a temporary file renamed over it: never through
    a link); its directory must have been prepared. OSError if it cannot be written."""
    import tempfile  # here: a warm run writes nothing and need not import it

    body = json.dumps({"format": _FORMAT, **content}, separators=(",", ":")).encode()
    handle, temporary = tempfile.mkstemp(prefix=".nhilint-", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(signed(file.name, body, key))
        os.replace(temporary, file)  # replaces a link there, never writes through it
    except BaseException:
        os.unlink(temporary)
        raise


def cache_directory(root: Path) -> Optional[Path]:
    """`.nhilint_cache` under `root` if it is a real directory or absent; None if it is anything
    else (a symlink could send our reads and writes anywhere)."""
    directory = root / CACHE_DIR
    try:
        status = os.lstat(directory)
    except FileNotFoundError:
        return directory
    except OSError:
        return None
    return directory if stat.S_ISDIR(status.st_mode) else None


class ResultCache:
    """The cache of one configuration under one root; entries keyed by absolute file path."""

    def __init__(self, file: Path, entries: Dict[str, Any], rules: Sequence[Any], key: bytes) -> None:
        self.file = file
        self.entries = entries
        self.rules = rules
        self.key = key
        self._metas: Optional[Mapping[str, RuleMeta]] = None
        self.dirty = False

    @property
    def metas(self) -> Mapping[str, RuleMeta]:
        """Needed only to rebuild cached findings: loading them imports the rules (and libcst)."""
        if self._metas is None:
            self._metas = {rule.code: rule.meta() for rule in self.rules}
        return self._metas

    @classmethod
    def open(cls, root: Path, plan: CheckPlan, settings: Settings) -> Optional["ResultCache"]:
        """The cache of this configuration; None when there is no key or no safe place for one."""
        key = cache_key()
        directory = cache_directory(root)
        if key is None or directory is None:
            return None
        file = directory / f"results-{configuration_key(plan, settings)}.json"
        try:
            entries = read_cache_file(file, key)["files"]
        except (OSError, ValueError):
            entries = {}  # no cache yet, or one we did not make: start afresh
        return cls(file, entries, plan.rules, key)

    def lookup(self, location: str, display: str) -> Optional[Cached]:
        entry = self.entries.get(location)
        try:
            if entry["path"] != display:  # the same file shown under another root
                return None
            stamp = Stamp(int(entry["size"]), int(entry["mtime"]), str(entry["digest"]))
            findings = tuple(_finding(row, display, self.metas) for row in entry["findings"])
            depends = _depends(entry.get("depends"))
        except (KeyError, TypeError, ValueError):
            return None  # no entry, or one this version cannot read: check the file again
        result = FileResult(path=display, findings=findings, parsed=bool(entry.get("parsed")), depends=depends)
        return Cached(stamp, result)

    def store(self, location: str, stamp: Stamp, result: FileResult) -> None:
        entry = {
            "path": result.path,
            "size": stamp.size,
            "mtime": stamp.mtime_ns,
            "digest": stamp.digest,
            "parsed": result.parsed,
            "findings": [_finding_row(finding) for finding in result.findings],
        }
        if result.depends:
            entry["depends"] = {
                "modules": [list(pair) for pair in result.depends.modules],
                "absent": [list(pair) for pair in result.depends.absent],
                "project": result.depends.project,
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
        try:
            if not prepare_directory(self.file.parent):
                return
            write_signed_json(self.file, {"files": self.entries}, self.key)
        except OSError:
            pass  # a read-only checkout or a full disk: the run goes on without a cache
        self.dirty = False


def prepare_directory(directory: Path) -> bool:
    """Makes the cache directory and its markers; False if it is not a real directory."""
    try:
        directory.mkdir()
    except FileExistsError:
        pass
    if not stat.S_ISDIR(os.lstat(directory).st_mode):
        return False
    for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", "# created by nhilint\n*\n")):
        _create(directory / name, text.encode())
    return True


def _create(path: Path, data: bytes) -> None:
    """Writes a new file; never an existing one, nor through a (dangling) link."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError:  # there already (a file, a link): left as it is
        return
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
