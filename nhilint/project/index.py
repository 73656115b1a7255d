"""The project index: other modules of the project, as their exports, when a module asks.

A module that imports `from app.settings import JWT_OPTIONS` or calls `tokens.get_graph_token()`
asks the index for the other module's export: the index finds the file (nhilint.project.layout),
reads its shape (the names it binds, nhilint.project.shape) and keeps the export, by content
digest, in memory and in the export cache (nhilint.project.export_cache). The export's values
(a constant, a function's summary) are computed when first asked for, from the module's libcst
parse (nhilint.project.build, nhilint.project.parses), through `computing`. An import the
index cannot resolve (a library, a file outside the project, a module that does not parse)
gives nothing, and the asking module keeps its one-file view: silent where the code cannot tell.

Some questions span the project: which modules mint tokens with this key, give this credential
to a client, set this credential for an environment. For those the index reads the project's
files (the ones discovery would check) and builds the exports of those that mention the name.

Every answer is recorded as a dependency of the module that asked (`Dependencies`): the modules
it used (with their content digests), the project modules it looked for and did not find, and,
for a question over the whole project, a stamp of every project file. Its result is cached only
with them (nhilint.project.freshness checks them), so a cached run gives what a `--no-cache` run
gives. What an export's values used is recorded the same way, as what the export was built from.

The index lives as long as its process. A long-lived one (`nhilint server`) sees edits: each
`begin()` starts a generation, and an export is trusted again only after its file's size and
mtime are checked once in the generation; each run (`refresh()`: a `check` of paths, a buffer
from the editor) looks modules up again.

Bounds: values are computed at most MAX_DEPTH modules deep from the one being checked (a part of
an export may ask the parts it needs one module less deep than itself was asked, and the module
being checked asks with MAX_DEPTH); a file over `max_bytes` is not read; and breadth is bounded by import order (a
module that calls into hundreds of others, as a framework's `utils.py` or `proxy_server.py` may,
would otherwise read each of them and their callees: one file's check took minutes). The check
of a module follows the modules named by its first MAX_MODULES import statements (counted from
the top of its text: nhilint.project.import_ranks), a part of another module's export those of
that module's first MAX_PART_MODULES, and a re-export is followed among the first MAX_MODULES of
the module re-exporting it. Which modules are followed is a fact of the modules' texts, not of
the order in which the analysis asks (set iteration, which changes with the string hash seed
from run to run), nor of what the export cache holds: every run of a check gives one answer.

Nor does the depth bound make a value depend on who asked (issue 14: "the result is always the
same as a `--no-cache` run"). A part computed under the bound (b's summary asked through
x -> a -> b while b calls into c -> d past it) holds less than a fresh check of a module
importing b would get, and a part kept in full from a shallow asker holds more than a deeper
asker may see. Kept in the export (`Lazy`, `Deferred`), in a module's kept flow, or in the
export cache, either made a file's findings depend on what this process checked before it (the
pool's batches, the server) and on what the cache held. So (nhilint.project.lazy):

- a part records whether the bound cut anything below it. A cut part is used by what asked for
  it and nowhere else: it is not kept in the export, so never saved in the export cache;
- a part computed in full records how deep it needed to look (1: no other module's part; one
  more than the deepest part it used otherwise), kept with it and in the export cache; it is
  given to an asker allowed to look that deep, and computed again for any other (which is what
  a fresh process would do there: it is cut there);
- a module's kept flows (nhilint.project.parses.Lives) memoise what the parts computed on them
  found: the clean flow, on which no part was cut, serves askers allowed to look as deep as its
  parts needed (and what it served counts as needed); one on which a part was cut serves the
  depth it was cut at alone, and what is computed on it is cut too. A cycle entering a module
  again while one of its parts is computed gets another flow: no memo being computed is read
  (it would answer None), so a cycle is bounded by the depth alone, like a chain.

With these, the value of a part is a function of the module texts and of how deep it may look,
whatever asked before: checking a file gives what a fresh `--no-cache` check of it alone gives.
The alternative, measuring the depth from each part (each may look MAX_DEPTH modules below its
own, whoever asks), is no bound at all along a chain (each level gets the whole depth again)
and still needs cycles handled: it would follow every module, as the unbounded index did when
one file of litellm took minutes. Recording the depth costs a counter a part, and the parts
that are not kept are those the bound cuts: most parts need one module or two and are computed
once, as before (pyjwt's api_jwt.py: 2.047 G instructions against 2.045 G).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Set, Tuple, TypeVar

from nhilint.files import content_digest
from nhilint.ftypes import Depends

from nhilint.project import lazy
from nhilint.project.import_ranks import ImportRanks, import_ranks
from nhilint.project.exports import ClassExport, ConstantExport, FunctionExport, ModuleExport, empty
from nhilint.project.layout import ProjectLayout
from nhilint.project.mentions import ProjectWords
from nhilint.project.parses import Lives, Parses
from nhilint.project.reading import OVER_THE_BOUND, file_digest, read_project_file, read_with_status
from nhilint.project.export_values import IndexSummaries

if TYPE_CHECKING:
    from nhilint.project.build import LiveModule
    from nhilint.project.export_cache import ExportCache

T = TypeVar("T")
MAX_DEPTH = 3
# the import statements whose modules one check follows (the benchmark corpus's most modules
# consulted by one check is 51: open-webui's main.py), and those of another module one part of
# its export follows
MAX_MODULES = 64
MAX_PART_MODULES = 8
# an mtime this recent may be shared by a later edit of the same size (as in the result cache)
_RACY_NS = 2_000_000_000
# how many steps a name is followed through re-exports (`from .client import Client` in __init__)
MAX_REEXPORTS = 4


class Dependencies:
    """What one module's result depends on besides its own content, as it is recorded. A plain
    class: never compared, hashed or copied, and a dataclass costs about 3 M instructions to
    create at every start (benchmarks/README.md, speed20)."""

    __slots__ = ("modules", "absent", "project")

    def __init__(self, modules: Optional[Dict[str, str]] = None, absent: Optional[Set[Tuple[str, str]]] = None,
                 project: str = "") -> None:
        self.modules: Dict[str, str] = {} if modules is None else modules  # path -> content digest used
        # (module, importing file) not found
        self.absent: Set[Tuple[str, str]] = set() if absent is None else absent
        self.project = project  # stamp of the project's files, when a question spanned the project

    def add(self, export: ModuleExport) -> None:
        self.modules[export.path] = export.digest

    def merge(self, other: Optional["Dependencies"]) -> None:
        if other is not None:
            self.modules.update(other.modules)
            self.absent |= other.absent
            self.project = self.project or other.project

    def frozen(self) -> Depends:
        return Depends(tuple(sorted(self.modules.items())), tuple(sorted(self.absent)), self.project)


_DJANGO_SETTINGS = "django.conf.settings."
Found = Tuple[ModuleExport, object]  # the export, and a ConstantExport / FunctionExport / ClassExport


class ProjectIndex:
    def __init__(
        self,
        root: Path,
        parse: Callable[[bytes, str, str, str, "ProjectIndex"], Optional["LiveModule"]],
        project_files: Optional[Callable[[], List[Path]]] = None,
        max_bytes: int = 1_000_000,
    ) -> None:
        self.layout = ProjectLayout(root)
        self._parse = parse
        self.parses = Parses()
        self._project_files = project_files
        self.max_bytes = max_bytes
        self._by_path: Dict[str, ModuleExport] = {}
        self._stats: Dict[str, Tuple[int, int, int]] = {}  # path -> size, mtime, generation checked
        self._unchanged_in: Dict[str, int] = {}  # path -> the generation its content was last confirmed in
        self._export_deps: Dict[str, Dependencies] = {}  # path -> what its export was built from
        self._generation = 0
        self._building: List[str] = []
        self._words: Optional[ProjectWords] = None  # for questions over the whole project
        self._asking: Optional[str] = None  # the module being checked: its own export is not needed
        self._asking_text: bytes = b""
        self._asking_ranks: Optional[ImportRanks] = None
        self._ranks: Dict[str, Tuple[str, ImportRanks]] = {}  # path -> digest, the order of its imports
        self.cache: Optional["ExportCache"] = None
        self._unsaved: Set[str] = set()  # exports built or grown since the last save
        self.dependencies = Dependencies()
        # exports that failed to build (a bug of nhilint): tests assert there are none
        self.errors: List[Tuple[str, str]] = []

    def begin(self, path: Optional[str] = None, cache: bool = False, text: bytes = b"") -> Dependencies:
        """Start recording what one checked module (at `path`, holding `text`) depends on, in a
        new generation; with `cache`, exports are read from and saved to the export cache."""
        if not cache:
            self.cache = None
        elif self.cache is None:
            from nhilint.project.export_cache import ExportCache

            self.cache = ExportCache.open(self.layout.root)
        self._asking = os.path.abspath(path) if path else None
        self._asking_text = text  # a buffer may differ from the file
        self._asking_ranks = None
        self.dependencies = Dependencies()
        self._generation += 1
        return self.dependencies

    def refresh(self) -> None:
        """Files may have been saved, created or removed since the last run (a long-lived
        process): module lookups and the project-wide listing are made again."""
        self.layout.forget()
        self._words = None

    # -- modules --------------------------------------------------------------------------------
    def export_of(self, module: str, near: Optional[str] = None, reexported: bool = False) -> Optional[ModuleExport]:
        """The export of a dotted module of the project, or None: named by the module at `near`
        (`reexported`: re-exported by it), within the bound of its imports it follows."""
        if near and not os.path.isabs(near):  # a display path, relative to the project's root
            near = os.path.join(self.layout.root, near)
        path = self.layout.path_of(module, near or None)
        if path is None:
            # were it created, the asking module's result could change
            self.dependencies.absent.add((module, near or ""))
            return None
        if near and not self._follows(os.path.abspath(near), module, reexported):
            return None
        export = self.export_at(path, module)
        if export is not None:
            self.dependencies.add(export)
            # and what that export was built from: its own imports' exports, and theirs
            self.dependencies.merge(self._export_deps.get(export.path))
        return export

    def _follows(self, near: str, module: str, reexported: bool) -> bool:
        """Whether the module at `near` follows `module` (see the module's docstring): by the
        rank of the import statement naming it; one none names is ranked by the module that
        led to it."""
        # the module being checked follows more than a part of an export does, even a part of its
        # own export (asked through a cycle of modules): a part's value is the same for every asker
        checking = near == self._asking and not self._building
        ranks = self._ranks_of(near, checking)
        rank = ranks.rank(module) if ranks is not None else None
        if rank is None:
            return True
        return rank < (MAX_MODULES if reexported or checking else MAX_PART_MODULES)

    def _ranks_of(self, key: str, checking: bool) -> Optional[ImportRanks]:
        if checking:
            if self._asking_ranks is None:
                self._asking_ranks = self._read_ranks(key, self._asking_text or read_project_file(Path(key), self.max_bytes))
            return self._asking_ranks
        export, kept = self._by_path.get(key), self._ranks.get(key)
        if kept is not None and export is not None and kept[0] == export.digest:
            return kept[1]
        data = read_project_file(Path(key), self.max_bytes)
        ranks = self._read_ranks(key, data)
        if data is not None and ranks is not None:
            self._ranks[key] = (content_digest(data), ranks)
        return ranks

    def _read_ranks(self, key: str, data: Optional[bytes]) -> Optional[ImportRanks]:
        if data is None:
            return None
        named = self.layout.module_of(Path(key))
        return import_ranks(data, named[0] if named else None, bool(named and named[1]),
                            lambda module: self.layout.path_of(module, key) is not None)

    def export_at(self, path: Path, module: Optional[str] = None) -> Optional[ModuleExport]:
        key = os.path.abspath(path)
        if not lazy.fits(1):  # too deep (an export asked for by a part at the bound), kept or not
            lazy.cut()
            return None
        found = self._by_path.get(key)
        if found is not None and self._still(key):
            return found
        if key in self._building:
            lazy.cut()
            return None  # being built: nothing from there
        read = read_with_status(path, self.max_bytes)
        if read is None:
            return None
        status, data = read
        if module is None:
            named = self.layout.module_of(path)
            if named is None:
                return None
            module = named[0]
        digest = content_digest(data)
        self.parses.forget(key)  # its kept flow may remember other modules as they were
        export = self._cached(key, module, digest)
        if export is None:
            self._export_deps[key] = Dependencies()
            built = self._recording(key, lambda: self._build(data, key, module, digest))
            export = built if built is not None else empty(module, key, digest)
        self._by_path[key] = export
        self._stats[key] = (status.st_size, status.st_mtime_ns, self._generation)
        return export

    def _cached(self, key: str, module: str, digest: str) -> Optional[ModuleExport]:
        """The export from the export cache, if what it was built from still holds."""
        if self.cache is None:
            return None
        loaded = self.cache.load(key, digest, IndexSummaries(self, key, module, digest))
        if loaded is None:
            return None
        export, (modules, absent) = loaded
        if export.module != module or not self._holds(Dependencies(modules, set(absent))):
            return None
        self._export_deps[key] = Dependencies(dict(modules), set(absent))
        return export

    def save_exports(self) -> None:
        """Write the exports built or grown since the last save to the export cache (those that
        asked a question over the whole project are not kept: too costly to check)."""
        unsaved, self._unsaved = self._unsaved, set()
        if self.cache is None:
            return
        for key in sorted(unsaved):
            export, built_from = self._by_path.get(key), self._export_deps.get(key)
            if export is not None and built_from is not None and not built_from.project:
                self.cache.store(export, (dict(built_from.modules), tuple(sorted(built_from.absent))))

    def _build(self, data: bytes, key: str, module: str, digest: str) -> ModuleExport:
        """The export's shape, from Python's parser; its values from libcst's when asked for."""
        from nhilint.project.exports import assemble
        from nhilint.project.shape import parse_syntax, shape_of

        named = self.layout.module_of(Path(key))
        tree = parse_syntax(data)
        if tree is None:
            return empty(module, key, digest)
        # kept a while: when a value is asked for, the export's places need its lines again
        self.parses.keep_syntax(key, digest, tree)
        shape = shape_of(tree, key, module, named[1] if named is not None else key.endswith("__init__.py"), digest,
                         b"global " in data)
        return assemble(shape, IndexSummaries(self, key, module, digest))

    def _recording(self, key: str, compute: Callable[[], T]) -> Optional[T]:
        """Run part of the export of the module at `key` (its first build, or a summary asked for
        later): what it uses of other modules is recorded as what the export was built from, and
        as a dependency of the module being checked. None on a bug (recorded in `errors`)."""
        self._building.append(key)
        asking, self.dependencies = self.dependencies, Dependencies()
        try:
            return compute()
        except Exception as error:  # a bug: that part is missing, the run goes on
            self.errors.append((key, f"{type(error).__name__}: {error}"))
            return None
        finally:
            self._building.pop()
            self._unsaved.add(key)
            used, self.dependencies = self.dependencies, asking
            self._export_deps.setdefault(key, Dependencies()).merge(used)
            self.dependencies.merge(used)

    def computing(self, key: str, module: str, digest: str, part: object,
                  compute: Callable[["LiveModule"], T]) -> Optional[T]:
        """A lazy part of a kept export (`part` names it), computed from its module's parse (kept
        or read again) within the depth bound (nhilint.project.lazy: a cut part is not kept).
        None past MAX_DEPTH modules deep, or when the file no longer has that content."""
        budget = MAX_DEPTH - len(self._building)
        if budget <= 0:
            lazy.cut()
            return None
        found = self._live_module(key, module, digest, budget, part)
        if found is None:
            return None
        lives, live = found
        frame = lazy.enter(budget)
        live.open += 1
        try:
            return self._recording(key, lambda: compute(live))
        finally:
            live.open -= 1
            # the flow's memos may have served it values computed by parts before it (and what it
            # computed there is served to parts after it)
            frame.cut = frame.cut or live.cut
            frame.needed = max(frame.needed, live.needed)
            live.cut, live.needed = frame.cut, frame.needed
            lives.after(live, budget, part, frame.cut)
            lazy.leave(frame)

    def _live_module(self, key: str, module: str, digest: str, budget: int,
                     part: object) -> Optional[Tuple[Lives, "LiveModule"]]:
        """The flow of the module a part asked with this budget is computed on (parses.Lives)."""
        lives = self.parses.live(key, digest)
        live = lives.pick(budget, part) if lives is not None else None
        if live is not None and lives is not None:
            return lives, live
        data = read_project_file(Path(key), self.max_bytes)
        if data is None or content_digest(data) != digest:
            return None  # changed since: the export is dropped when its file is next checked
        live = self._parse(data, key, module, digest, self)
        if live is None:
            return None
        if lives is None:
            lives = Lives()
            self.parses.keep_live(key, digest, lives)
        lives.add(live, budget)
        return lives, live

    def _still(self, key: str) -> bool:
        """Whether a kept export still describes its file and what it was built from (checked
        once a generation)."""
        size, mtime, generation = self._stats.get(key, (-1, -1, -1))
        if generation == self._generation:
            return True
        if not self._unchanged(key) or not self._holds(self._export_deps.get(key, Dependencies())):
            return False
        self._stats[key] = (size, mtime, self._generation)
        return True

    def _unchanged(self, key: str) -> bool:
        """Whether the file of a kept export still has the content it was built from. Not what
        the export was built from: exports built from each other (A's summary uses B's, B's uses
        A's) would check each other without end, and the modules an export used, each module's
        own, are all in its dependencies already."""
        size, mtime, _ = self._stats.get(key, (-1, -1, -1))
        if self._unchanged_in.get(key) == self._generation:
            return True
        try:
            status = os.stat(key)
        except OSError:
            return False
        if (status.st_size, status.st_mtime_ns) != (size, mtime):
            return False
        if time.time_ns() - mtime < _RACY_NS:  # an edit may share a recent mtime: compare content
            data = read_project_file(Path(key), self.max_bytes)
            if data is None or content_digest(data) != self._by_path[key].digest:
                return False
        self._unchanged_in[key] = self._generation
        return True

    def _holds(self, built_from: Dependencies) -> bool:
        """Whether the modules an export was built from are as they were, and the ones it
        looked for are still absent."""
        if any(self._digest_now(path) != digest for path, digest in built_from.modules.items()):
            return False
        return not any(self.layout.path_of(module, near or None) is not None
                       for module, near in built_from.absent)

    def _digest_now(self, path: str) -> Optional[str]:
        """The content digest of a project file now (from its kept export when its file is
        unchanged)."""
        if path in self._by_path and self._unchanged(path):
            return self._by_path[path].digest
        return file_digest(path, self.max_bytes)

    # -- names ----------------------------------------------------------------------------------
    def lookup(self, qualified: str, near: Optional[str] = None) -> Optional[Found]:
        """What a qualified name of the project names: a constant, a function, a class, or a
        method (`module.Class.method`), through re-exports."""
        return self._lookup(qualified, near, MAX_REEXPORTS)

    def _lookup(self, qualified: str, near: Optional[str], budget: int, reexported: bool = False) -> Optional[Found]:
        if budget <= 0:
            return None
        parts = qualified.split(".")
        if qualified.startswith(_DJANGO_SETTINGS) and len(parts) == 4:
            return self._django_setting(parts[3])
        for cut in range(len(parts) - 1, 0, -1):
            export = self.export_of(".".join(parts[:cut]), near, reexported)
            if export is None:
                continue
            rest = parts[cut:]
            found = _member(export, rest)
            if found is not None:
                return export, found
            instance = export.constants.get(rest[0])
            if instance is not None and instance.defaults and len(rest) == 2 and rest[1] in instance.defaults:
                # `jwt_settings.JWT_VERIFY_EXPIRATION`: the default its table holds
                return export, ConstantExport(value=instance.defaults[rest[1]], place=instance.place)
            if instance is not None and instance.instance_of and len(rest) >= 2:
                # `settings.TTL` with `settings = Settings()` (or `= load_settings()`, a function
                # annotated to return the class): the class's attribute or method
                return self._lookup(".".join([instance.instance_of, *rest[1:]]), export.path, budget - 1, True)
            typed = self._through_types(export, rest)
            if typed is not None:
                return self._lookup(typed, export.path, budget - 1, True)
            imported = export.imports.get(rest[0])
            if imported is not None and imported != qualified:  # a re-export
                return self._lookup(".".join([imported, *rest[1:]]), export.path, budget - 1, True)
            return None
        return None

    @staticmethod
    def _through_types(export: ModuleExport, rest: List[str]) -> Optional[str]:
        """What `rest` names through the types this module declares: `load_config.project` with
        `def load_config() -> AppConfig` is `AppConfig.project`; `AppConfig.project.timeout` with
        the field `project: ProjectSettings` is `ProjectSettings.timeout`."""
        if len(rest) < 2:
            return None
        cls = export.classes.get(rest[0])
        if cls is not None:
            typed = cls.field_types.get(rest[1])
            return ".".join([typed, *rest[2:]]) if typed and len(rest) >= 3 else None
        if rest[0] in export.shape.functions:
            function = export.functions.get(rest[0])
            if function is not None and function.instance_of:
                return ".".join([function.instance_of, *rest[1:]])
        return None

    def _django_setting(self, name: str) -> Optional[Found]:
        """`settings.JWT_LEEWAY` with `from django.conf import settings`: the constant a settings
        module of the project binds (`app/settings.py`, `settings/base.py`), when every settings
        module that binds it gives it one value (production and development may not agree)."""
        found: List[Found] = []
        for export in self.mentioning(name.lower(), where=_settings_path) or ():
            parts = export.module.split(".")
            if "settings" not in parts[-2:] or name not in export.shape.constants:
                continue
            constant = export.constants.get(name)
            if constant is not None:
                found.append((export, constant))
        values = {repr(constant.value) for _, constant in found if isinstance(constant, ConstantExport)}
        return found[0] if found and len(values) == 1 else None

    def origin(self, qualified: str, near: Optional[str] = None) -> str:
        """Where a name imported from the project really comes from: `app.compat.jwt` is
        `jwt` when app/compat.py does `import jwt` (a lazy-import or compatibility module).
        A name the project defines, or one outside it, is returned as it is."""
        current, reexported = qualified, False
        for _ in range(MAX_REEXPORTS):
            parts = current.split(".")
            followed = None
            for cut in range(len(parts) - 1, 0, -1):
                export = self.export_of(".".join(parts[:cut]), near, reexported)
                if export is None:
                    continue
                imported = export.imports.get(parts[cut])
                if imported is not None and _member(export, parts[cut:]) is None:
                    followed = ".".join([imported, *parts[cut + 1:]])
                    near, reexported = export.path, True
                break
            if followed is None or followed == current:
                return current
            current = followed
        return current

    def constant(self, qualified: str, near: Optional[str] = None) -> Optional[ConstantExport]:
        found = self.lookup(qualified, near)
        return found[1] if found is not None and isinstance(found[1], ConstantExport) else None

    def function(self, qualified: str, near: Optional[str] = None) -> Optional[FunctionExport]:
        found = self.lookup(qualified, near)
        return found[1] if found is not None and isinstance(found[1], FunctionExport) else None

    def cls(self, qualified: str, near: Optional[str] = None) -> Optional[ClassExport]:
        found = self.lookup(qualified, near)
        return found[1] if found is not None and isinstance(found[1], ClassExport) else None

    # -- the whole project ----------------------------------------------------------------------
    def mentioning(self, *words: str, where: Optional[Callable[[str], bool]] = None,
                   limit: Optional[int] = None) -> Optional[List[ModuleExport]]:
        """The exports of the project's other modules (not the one being checked) whose text holds
        every one of `words` (lower case), and whose path `where` accepts. The answer depends on
        every module of the project. None when more than `limit` modules hold them: each is
        parsed and summarised, and a name that common is asked about in no module's interest
        (a framework's `SECRET_KEY` in a folder of many projects took 47 s of one check)."""
        if self._project_files is None:
            return []
        encoded = [word.encode() for word in words]
        if self._words is None:
            self._words = ProjectWords.read(self._project_files(), self.max_bytes, encoded)
        self.dependencies.project = self._words.stamp
        if self._words.stamp == OVER_THE_BOUND:
            return None  # no one project: whoever may call or set what is asked, we cannot tell
        # a part of an export asking (through a cycle, the checked module's own) gets the
        # same answer whoever is checked
        keys = self._words.holding(
            encoded, lambda key: (key != self._asking or bool(self._building)) and (where is None or where(key))
        )
        if limit is not None and len(keys) > limit:
            return None
        found = []
        for key in keys:
            export = self.export_at(Path(key))
            if export is not None:
                found.append(export)
        return found


# how many other modules a question over the whole project reads at most (`mentioning`)
MAX_MENTIONING = 64


def _settings_path(path: str) -> bool:
    """`app/settings.py`, `settings/base.py`: a settings module, by its path."""
    parts = path.replace("\\", "/").lower().split("/")
    return "settings" in parts[-2:] or parts[-1] == "settings.py"


def _member(export: ModuleExport, rest: List[str]) -> Optional[object]:
    name = rest[0]
    if len(rest) == 1:
        return export.constants.get(name) or export.functions.get(name) or export.classes.get(name)
    if len(rest) == 2 and name in export.classes:
        cls = export.classes[name]
        return cls.methods.get(rest[1]) or cls.attributes.get(rest[1])
    return None


_indexes: Dict[str, ProjectIndex] = {}


def refresh_all() -> None:
    """Files were saved: project-wide listings are read again (exports check their files anyway)."""
    for index in _indexes.values():
        index.refresh()


def index_for(root: str, project_files: Optional[Callable[[], List[Path]]] = None, max_bytes: int = 1_000_000) -> ProjectIndex:
    """This process's index of a project (worker processes build their own)."""
    found = _indexes.get(root)
    if found is None:
        from nhilint.project.parses import parse_live

        found = ProjectIndex(Path(root), parse_live, project_files, max_bytes)
        _indexes[root] = found
    return found

