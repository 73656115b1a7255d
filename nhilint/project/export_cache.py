"""Exports kept across runs in `.nhilint_cache/exports-<code>/`: a module's export is not built
again while its file and what the export was built from are unchanged (issue 14).

A pre-commit run checks the staged files only, and each of them sees the rest of the project
through the index: with the exports of the modules it imports read from here, a run on one
changed file parses that file and nothing else (unless it asks for a summary no earlier run
built: exports hold the summaries computed so far, nhilint.project.exports.Lazy).

One file a module, named by a digest of its path, holding the export as far as it was computed,
the content digest it was built from, and what it used of other modules (their content digests,
the project modules it looked for and did not find). It is used only while all of these hold, so
a cached export is the export a fresh build would give. The folder is named by nhilint's code
digest (an edited nhilint builds afresh); exports do not depend on the configuration (they are
built with the default catalogue and no rule).

The same trust rules as the result cache (nhilint.result_cache): files are signed with the
user's key, read as regular files only and bounded; anything wrong means building the export.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any, Dict, Optional, Tuple

from nhilint.project.exports import ModuleExport, Summaries, from_json

# an export is a few kilobytes; this bounds what a planted file can make us read
MAX_EXPORT_BYTES = 4 * 1024 * 1024

Built = Tuple[Dict[str, str], Tuple[Tuple[str, str], ...]]  # modules used (path -> digest), absent ones


class ExportCache:
    def __init__(self, directory: Path, key: bytes) -> None:
        self.directory = directory
        self.key = key
        self._ready = False

    @classmethod
    def open(cls, root: Path) -> Optional["ExportCache"]:
        """The export cache of a project root; None without a key or a safe place for it."""
        from nhilint.result_cache import cache_directory, cache_key, code_digest

        key = cache_key()
        directory = cache_directory(root)
        if key is None or directory is None:
            return None
        return cls(directory / f"exports-{code_digest()}", key)

    def _file(self, path: str) -> Path:
        return self.directory / f"{hashlib.blake2b(path.encode('utf-8', 'surrogateescape'), digest_size=16).hexdigest()}.json"

    def load(self, path: str, digest: str, summaries: Summaries) -> Optional[Tuple[ModuleExport, Built]]:
        """The export of the file at `path` with content `digest`, and what it was built from;
        None if there is none usable (the caller checks that what it was built from holds)."""
        from nhilint.result_cache import read_signed_json

        try:
            content = read_signed_json(self._file(path), self.key, MAX_EXPORT_BYTES)
            if content.get("path") != path or content.get("digest") != digest:
                return None
            modules = {str(p): str(d) for p, d in content["modules"].items()}
            absent = tuple((str(m), str(n)) for m, n in content["absent"])
            return from_json(content["export"], summaries), (modules, absent)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None  # none, or one we did not make, or of another shape: build it

    def store(self, export: ModuleExport, built: Built) -> None:
        """Writes the export as far as it is computed; a cache that cannot be written is skipped."""
        from nhilint.result_cache import write_signed_json

        modules, absent = built
        content: Dict[str, Any] = {
            "path": export.path, "digest": export.digest, "export": export.to_json(),
            "modules": modules, "absent": [list(pair) for pair in absent],
        }
        try:
            if not self._prepare():
                return
            write_signed_json(self._file(export.path), content, self.key)
        except (OSError, ValueError, TypeError):
            pass

    def _prepare(self) -> bool:
        """The cache folder and its exports folder, real directories (never through a link)."""
        from nhilint.result_cache import prepare_directory

        if self._ready:
            return True
        if not prepare_directory(self.directory.parent):
            return False
        try:
            self.directory.mkdir()
        except FileExistsError:
            pass
        self._ready = stat.S_ISDIR(os.lstat(self.directory).st_mode)
        return self._ready
