"""Whether what a cached result depends on in the project is as it was (issue 14).

A file checked with the project index depends on other modules (nhilint.ftypes.Depends): the
ones it used, by content digest; the project modules it looked for and did not find; and, when a
rule asked a question over the whole project, every project file. A cached result is used only
while all of these are unchanged, so a cached run always gives what a `--no-cache` run gives:
edit a module others import and they are checked again; delete or rename one and so are they;
create one that an import named and the importer is checked again.

Each path is looked at once a run: by size and mtime against the result cache's own entry for it
(no read), else read and hashed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Optional

from nhilint.engine import CheckPlan, project_files
from nhilint.ftypes import Depends
from nhilint.project.reading import OVER_THE_BOUND, file_digest, project_stamp, too_many
from nhilint.project.layout import ProjectLayout

if TYPE_CHECKING:
    from nhilint.result_cache import ResultCache


class DependencyCheck:
    def __init__(self, cache: ResultCache, plan: CheckPlan) -> None:
        self.cache = cache
        self.plan = plan
        self._digests: Dict[str, Optional[str]] = {}
        self._layout: Optional[ProjectLayout] = None
        self._stamp: Optional[str] = None

    def fresh(self, depends: Depends) -> bool:
        if not depends:
            return True
        if not self.plan.project_root:
            return False  # a result that used a project, in a run without one
        return (
            all(self.digest(path) == digest for path, digest in depends.modules)
            and not any(self._appeared(module, near) for module, near in depends.absent)
            and (not depends.project or self._project_stamp() == depends.project)
        )

    def digest(self, path: str) -> Optional[str]:
        """The content digest of a file now; None if it cannot be read as a project file."""
        if path not in self._digests:
            self._digests[path] = self._cached_digest(path) or file_digest(path, self.plan.read_limit)
        return self._digests[path]

    def _cached_digest(self, path: str) -> Optional[str]:
        entry = self.cache.entries.get(path)
        try:
            size, mtime, digest = int(entry["size"]), int(entry["mtime"]), str(entry["digest"])
            status = os.stat(path)
        except (KeyError, TypeError, ValueError, OSError):
            return None
        return digest if mtime and (status.st_size, status.st_mtime_ns) == (size, mtime) else None


    def _appeared(self, module: str, near: str) -> bool:
        if self._layout is None:
            self._layout = ProjectLayout(Path(self.plan.project_root))
        return self._layout.path_of(module, near or None) is not None

    def _project_stamp(self) -> str:
        if self._stamp is None:
            found = []
            listed = project_files(self.plan)
            if too_many(listed):
                self._stamp = OVER_THE_BOUND
                return self._stamp
            for path in listed:
                key = os.path.abspath(path)
                digest = self.digest(key)
                if digest is not None:
                    found.append((key, digest))
            self._stamp = project_stamp(found)
        return self._stamp
