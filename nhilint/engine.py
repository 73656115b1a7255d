"""Checks one file: size limit -> prefilter -> parse guard -> parse -> one batched pass of all
rules -> positions -> suppressions.

The parse guard (nhilint.parse_guard) keeps a file that would crash or stall libcst from taking
the run with it: such a file is parsed in a child process, or reported as NHL900 unparsed.
Suppressions that silenced nothing become findings of the rule that asks for them (NHL901).

Positions are computed only for files with findings, and only for the nodes reported
(nhilint.positions: one plain code generation, where libcst's PositionProvider costs 3-4x the
parse, SPEC §9); libcst is imported only once a file passes the prefilter.
"""

from __future__ import annotations

import os
from pathlib import Path
import sys
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple

from nhilint.catalogue import Catalogue, DEFAULT_CATALOGUE
from nhilint.fingerprint import fingerprint
from nhilint.ftypes import DEFAULT_MAX_FILE_BYTES, FileResult, Finding, Position
from nhilint.testfiles import is_test_environment_settings, is_test_file

if TYPE_CHECKING:
    import libcst as cst

    from nhilint.context import FileContext, RelatedPlace
    from nhilint.ftypes import Related
    from nhilint.positions import Located, Span
    from nhilint.project.index import ProjectIndex
    from nhilint.project.parses import Tree
    from nhilint.rule_index import RuleEntry


class CheckPlan:
    """Everything needed to check a file; picklable so worker processes can share it. A plain
    class: never compared, hashed or copied, and a dataclass costs about 3 M instructions to
    create at every start (benchmarks/README.md, speed20). No `__slots__`: its cached_property
    keeps its value in the instance's dict."""

    def __init__(self, rules: Tuple["RuleEntry", ...], rule_options: Optional[Mapping[str, Mapping[str, Any]]] = None,
                 catalogue: Catalogue = DEFAULT_CATALOGUE, known_codes: Tuple[str, ...] = (),
                 project_root: str = "", project_exclude: Tuple[str, ...] = (), respect_gitignore: bool = True,
                 max_file_bytes: int = DEFAULT_MAX_FILE_BYTES, export_cache: bool = False) -> None:
        # index entries (nhilint.rule_index): a rule's module is imported once a file needs it
        self.rules = rules
        self.rule_options: Mapping[str, Mapping[str, Any]] = {} if rule_options is None else rule_options
        self.catalogue = catalogue
        # every rule of the pack, selected or not; empty means "only the selected ones exist"
        self.known_codes = known_codes
        # the project's root (nhilint.project): other modules of the project are read from there;
        # empty: each file is checked on its own. Its files are the ones discovery lists under the
        # root with these excludes.
        self.project_root = project_root
        self.project_exclude = project_exclude
        self.respect_gitignore = respect_gitignore
        # a larger file is NHL900 "too large", unread (0: no limit)
        self.max_file_bytes = max_file_bytes
        # other modules' exports are read from and written to `.nhilint_cache/` under the project
        # root (nhilint.project.export_cache); off with --no-cache
        self.export_cache = export_cache

    @property
    def read_limit(self) -> int:
        return self.max_file_bytes or sys.maxsize

    def active_rules(self, source: bytes) -> List["RuleEntry"]:
        """The prefilter: rules none of whose words occur in the file cannot report on it."""
        lowered = source.lower()
        # rules share most of their words (274 tests, 103 words): each word is looked for once,
        # as a search for an absent word reads the whole file
        present: Dict[bytes, bool] = {}

        def has(word: bytes) -> bool:
            found = present.get(word)
            if found is None:
                found = present[word] = word in lowered
            return found

        active = []
        for rule, (words, also_words) in zip(self.rules, self._prefilter_words):
            if any(has(word) for word in words) and (not also_words or any(has(word) for word in also_words)):
                active.append(rule)
        return active

    @cached_property
    def _prefilter_words(self) -> Tuple[Tuple[Tuple[bytes, ...], Tuple[bytes, ...]], ...]:
        """Each rule's words and `also_words`, encoded once: they are looked for in every file."""
        return tuple(
            (tuple(word.encode() for word in rule.trigger_words(self.catalogue)),
             tuple(word.encode() for word in rule.also_words))
            for rule in self.rules
        )

    def active_in_tests(self, rule: "RuleEntry", lowered: bytes) -> bool:
        """Whether a rule can report in a test file: those with the option `check-tests` are
        silent there unless it is set; those with `test_data_words` need one of them unless
        `check-test-data` is set."""
        options, chosen = rule.option_types(), self.rule_options.get(rule.code, {})
        if "check-tests" in options and not chosen.get("check-tests", False):
            return False
        if rule.test_data_words is not None and not chosen.get("check-test-data", False):
            return any(word.encode() in lowered for word in rule.test_data_words)
        return True

    @property
    def unanalysed_rule(self) -> Optional["RuleEntry"]:
        return next((rule for rule in self.rules if rule.reports_unanalysed_files), None)

    @property
    def unused_suppression_rule(self) -> Optional["RuleEntry"]:
        return next((rule for rule in self.rules if rule.reports_unused_suppressions), None)

    def runs_every_rule(self, selector: str) -> bool:
        """Whether every rule a code or family prefix names is selected, so it runs on each file
        that is parsed (a rule the prefilter skips could not have reported anything there)."""
        selected = {rule.code for rule in self.rules}
        named = [code for code in (self.known_codes or selected) if code.startswith(selector)]
        return bool(named) and all(code in selected for code in named)


def check_source(source: bytes, path: str, plan: CheckPlan) -> FileResult:
    if len(source) > plan.read_limit:  # a buffer from stdin or an editor; files are not even read
        return too_large(path, plan, len(source))
    active = plan.active_rules(source)
    if active and is_test_file(path):  # no parse for rules that would stay silent anyway
        lowered = source.lower()
        settings = is_test_environment_settings(path)
        active = [rule for rule in active if plan.active_in_tests(rule, lowered) or (settings and rule.reads_test_settings)]
    if not active:
        return FileResult(path=path)
    return _guarded_parse(source, path, plan, active)


def _guarded_parse(source: bytes, path: str, plan: CheckPlan, active: Sequence["RuleEntry"]) -> FileResult:
    """The parse step behind nhilint.parse_guard: files deep enough to crash or stall libcst
    are checked in isolation, or not at all (NHL900), never in the process that reports."""
    from nhilint import parse_guard

    depth = parse_guard.chain_depth(source)
    if depth > parse_guard.MAX_DEPTH:
        return unanalysed(
            path, plan, f"nesting too deep to parse: up to {depth} levels, over the limit of {parse_guard.MAX_DEPTH}"
        )
    if depth <= parse_guard.INLINE_DEPTH:
        try:
            return _parse_and_analyse(source, path, plan, active, isolated=False)
        except RecursionError:
            pass  # a shape deeper than its screen: again, with room to recurse
    try:
        return parse_guard.run_isolated(lambda: _parse_and_analyse(source, path, plan, active, isolated=True))
    except parse_guard.IsolationFailed as failure:
        return unanalysed(path, plan, str(failure))


def _parse_and_analyse(
    source: bytes, path: str, plan: CheckPlan, active: Sequence["RuleEntry"], isolated: bool
) -> FileResult:
    """Raises RecursionError unless `isolated` (the caller then retries in isolation)."""
    import libcst as cst  # only files that pass the prefilter pay for libcst

    from nhilint.cst_parse import parse_module
    from nhilint.project.parses import Tree

    shared = None if isolated else _shared_parse(plan, path, source)
    try:
        tree = shared.index.parses.tree(shared.path, shared.digest) if shared is not None else None
        if tree is None:
            tree = Tree(parse_module(source))
            if shared is not None:
                shared.index.parses.checked_tree(shared.path, shared.digest, tree)
    except cst.ParserSyntaxError as error:
        return _syntax_error(source, path, plan, error)
    except (UnicodeError, LookupError) as error:  # bad bytes, unknown encoding cookie
        return unanalysed(path, plan, f"cannot decode: {error}")
    except RecursionError:
        if not isolated:
            raise
        return unanalysed(path, plan, "nesting too deep to parse")
    except MemoryError:
        return unanalysed(path, plan, "too large to parse")
    except Exception as error:  # the parser rejecting input in a way it does not document
        return unanalysed(path, plan, f"cannot parse: {type(error).__name__}: {error}")
    try:
        return _analyse(tree, path, plan, active, source)
    except RecursionError:
        if not isolated:
            raise
        return unanalysed(path, plan, "nesting too deep to analyse")
    except Exception as error:  # a bug in a rule costs one file, not the run
        return unanalysed(path, plan, internal_error(error, active))


class _SharedParse:
    """A file's parse shared with the project index of the process: a module parsed for its export
    is not parsed again to be checked, and the other way round. A plain class: a dataclass costs
    about 4 M instructions to create at every start (benchmarks/README.md, speed21)."""

    __slots__ = ("index", "path", "digest")

    def __init__(self, index: "ProjectIndex", path: str, digest: str) -> None:
        self.index = index
        self.path = path  # absolute
        self.digest = digest


def _shared_parse(plan: CheckPlan, path: str, source: bytes) -> Optional[_SharedParse]:
    found = _project_file(plan, path)
    if found is None:
        return None
    from nhilint.files import content_digest

    return _SharedParse(found[0], found[1], content_digest(source))


def _analyse(
    tree: "Tree", path: str, plan: CheckPlan, active: Sequence["RuleEntry"], source: bytes
) -> FileResult:
    """The file's result, with what it depends on in the project (for the result cache)."""
    from nhilint.context import FileContext

    project, named = _project(plan, path, source)
    context = FileContext(tree.module, path, plan.catalogue, plan.rule_options, source.lower(), project=project,
                          module_name=named[0] if named else None, is_package=bool(named and named[1]),
                          scope_facts=tree.scope_facts)
    if project is None:
        return _checked(context, tree.module, path, plan, active)
    with project.parses.holding():  # the modules this check reads stay parsed while it runs
        result = _checked(context, tree.module, path, plan, active)
    project.save_exports()
    depends = project.dependencies.frozen()
    return replace(result, depends=depends) if depends else result


def _checked(
    context: "FileContext", module: "cst.Module", path: str, plan: CheckPlan, active: Sequence["RuleEntry"]
) -> FileResult:
    from nhilint.walk import walk_batched

    visitors = [rule.load()(context, plan.rule_options.get(rule.code, {})) for rule in active]
    if any(visitor.get_visitors() for visitor in visitors):  # a suppression auditor visits no node
        walk_batched(module, [EnterTracker(context), *visitors, LeaveTracker(context)])
    auditor = plan.unused_suppression_rule
    if auditor not in active:
        auditor = None
    if not context.reports and auditor is None:
        return FileResult(path=path, parsed=True)
    # only here, for a file with findings (or NHL901 asking for unused suppressions): most
    # files have none, and a check without findings does not import the suppressions' module
    from nhilint.suppressions import apply_suppressions, find_suppressions, unused_suppressions

    located = _located(module, context)
    source = located.code
    suppressions = find_suppressions(source)
    kept, used = apply_suppressions(_findings(context, located, module, path, active), suppressions)
    if auditor is not None:
        unused = unused_suppressions(auditor.meta(), path, suppressions, used, plan.runs_every_rule)
        kept.extend(apply_suppressions(unused, suppressions, annotate=False)[0])  # its own code silences it too
    if not kept:
        return FileResult(path=path, parsed=True)
    kept.sort(key=Finding.sort_key)
    return FileResult(path=path, findings=tuple(kept), lines=tuple(source.splitlines()), parsed=True)


def _located(module: "cst.Module", context: "FileContext") -> "Located":
    """The module's text and the places of the nodes the reports name, from one code
    generation (nhilint.positions): only files with reports, or whose suppressions are audited,
    pay for it."""
    from nhilint.positions import located

    nodes: List["cst.CSTNode"] = []
    for report in context.reports:
        nodes.append(report.node)
        if report.statement is not None:
            nodes.append(report.statement)
        nodes.extend(at for _, at, _ in report.related if not isinstance(at, int))
    return located(module, nodes)


def _project(plan: CheckPlan, path: str, source: bytes) -> Tuple[Optional["ProjectIndex"], Optional[Tuple[str, bool]]]:
    """This process's index of the project, and the module a file is in it (None outside it)."""
    found = _project_file(plan, path)
    if found is None:
        return None, None
    index, absolute = found
    index.begin(absolute, plan.export_cache, source)
    return index, index.layout.module_of(Path(absolute))


def _project_file(plan: CheckPlan, path: str) -> Optional[Tuple["ProjectIndex", str]]:
    """This process's index of the project and a file's absolute path; None without a project
    (a buffer with no name, a run with no root)."""
    if not plan.project_root or path == "-":
        return None
    from nhilint.project.index import index_for

    index = index_for(plan.project_root, lambda: project_files(plan), plan.read_limit)
    return index, path if os.path.isabs(path) else os.path.join(plan.project_root, path)


def project_files(plan: CheckPlan) -> List[Path]:
    """The project's Python files: those a run on the root would check; past MAX_PROJECT_FILES,
    the walk stops (one more is listed, to say there are too many)."""
    from nhilint.discovery import discover
    from nhilint.project.reading import MAX_PROJECT_FILES

    candidates, _ = discover([plan.project_root], Path(plan.project_root), plan.project_exclude,
                             plan.respect_gitignore, False, limit=MAX_PROJECT_FILES)
    if len(candidates) > MAX_PROJECT_FILES:  # the walk stopped: too many (nhilint.project.reading.too_many)
        return [Path(candidate.path) for candidate in candidates]
    return [Path(candidate.path) for candidate in candidates
            if candidate.problem is None and str(candidate.path).endswith(".py")]


def _findings(
    context: "FileContext", located: "Located", module: "cst.Module", path: str, active: Sequence["RuleEntry"]
) -> List[Finding]:
    """The rules' reports as findings, placed."""
    spans = located.spans
    metas = {rule.code: rule.meta() for rule in active}
    findings = []
    for report in context.reports:
        span = spans[id(report.node)]
        statement_line = spans[id(report.statement)].start_line if report.statement else 0
        meta = metas[report.code]
        findings.append(
            Finding(
                rule=meta,
                message=report.message,
                path=path,
                start=Position(span.start_line, span.start_column + 1),
                end=Position(span.end_line, span.end_column + 1),
                confidence=report.confidence or meta.confidence,
                fingerprint=fingerprint(report.code, path, module.code_for_node(report.node)),
                statement_line=statement_line,
                related=tuple(_related(report.related, path, context.project, spans)),
            )
        )
    return findings


def _related(
    places: Sequence["RelatedPlace"], path: str, project: Optional["ProjectIndex"], spans: Mapping[int, "Span"]
) -> List["Related"]:
    """Second places, shown as findings' paths are: the file's own path for its own places,
    else relative to the project's root."""
    from nhilint.discovery import display_path
    from nhilint.ftypes import Related

    shown = []
    for where, at, message in places:
        line = at if isinstance(at, int) else spans[id(at)].start_line
        if where is None:
            where = path
        elif project is not None and os.path.isabs(where):
            own = os.path.abspath(os.path.join(project.layout.root, path))
            where = path if os.path.abspath(where) == own else display_path(Path(where), project.layout.root)
        shown.append(Related(where, line, message))
    return shown


def _syntax_error(source: bytes, path: str, plan: CheckPlan, error: Any) -> FileResult:
    """libcst's native parser places some errors a line late; CPython's parser, run only on
    files that failed, gives the position and message people know from the interpreter."""
    import ast
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences and the like
            ast.parse(source)
    except SyntaxError as cpython:
        return unanalysed(path, plan, f"syntax error: {cpython.msg}", cpython.lineno or 1, cpython.offset or 1)
    except (ValueError, RecursionError, MemoryError):  # NUL bytes, deep nesting
        pass
    return unanalysed(path, plan, f"syntax error: {error.message}", error.raw_line, error.raw_column + 1)


def internal_error(error: Exception, active: Sequence["RuleEntry"] = ()) -> str:
    """Names the failing rule (the outermost rule frame) and our innermost frame; leaves out the
    exception's message, which may quote the checked source, secrets included (SPEC §8)."""
    rule_types = tuple(rule.load() for rule in active)
    culprit = where = ""
    traceback = error.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        in_rule = isinstance(frame.f_locals.get("self"), rule_types)
        if in_rule and not culprit:
            culprit = f" in {frame.f_locals['self'].code}"
        code = frame.f_code
        ours = str(frame.f_globals.get("__name__")).startswith("nhilint.") and code.co_filename[:1] != "<"
        if in_rule or ours:  # not generated code such as a dataclass's __hash__
            where = f" in {code.co_name} ({os.path.basename(code.co_filename)}:{traceback.tb_lineno})"
        traceback = traceback.tb_next
    return f"internal error{culprit}: {type(error).__name__}{where}"


def too_large(path: str, plan: CheckPlan, size: int) -> FileResult:
    """Parsing takes libcst ~10 s a megabyte: a file over the limit costs a finding, not minutes."""
    return unanalysed(path, plan, f"too large ({size:,} bytes; the limit is {plan.max_file_bytes:,}, "
                                  "option max-file-bytes)")


def unanalysed(path: str, plan: CheckPlan, reason: str, line: int = 1, column: int = 1) -> FileResult:
    """A file we could not read or parse: a NHL900 finding (when selected), and the run goes on."""
    rule = plan.unanalysed_rule
    if rule is None:
        return FileResult(path=path)
    meta = rule.meta()
    finding = Finding(
        rule=meta,
        message=f"file not analysed: {reason}",
        path=path,
        start=Position(max(line, 1), max(column, 1)),
        end=Position(max(line, 1), max(column, 1)),
        confidence=meta.confidence,
        fingerprint=fingerprint(meta.code, path, reason),
        statement_line=max(line, 1),
    )
    return FileResult(path=path, findings=(finding,))


class EnterTracker:
    """First visitor of the batch: pushes scopes and statements before the rules see a node."""

    def __init__(self, context: "FileContext") -> None:
        self.context = context

    def get_visitors(self) -> Mapping[str, Any]:
        push_scope = self.context.scope_stack.append
        push_statement = self.context.statement_stack.append
        methods = {f"visit_{kind}": push_statement for kind in _STATEMENT_KINDS}
        methods["visit_FunctionDef"] = lambda node: (push_statement(node), push_scope(node))
        methods["visit_Lambda"] = push_scope
        methods["visit_ImportAlias"] = self._imported
        methods["visit_Call"] = self._called
        # first in the batch, so a function's callees are complete when the rules leave it
        methods["leave_FunctionDef"] = self.context.finish_scope
        return methods

    def _called(self, node: Any) -> None:
        func = node.func
        if hasattr(func, "attr"):  # `x.attr(...)`
            self.context.record_call("." + func.attr.value)
        elif isinstance(getattr(func, "value", None), str):  # `name(...)`
            self.context.record_call(func.value)

    def _imported(self, node: Any) -> None:
        bound = node.asname.name if node.asname is not None else node.name
        while not hasattr(bound, "value") or not isinstance(bound.value, str):
            bound = bound.value  # `import google.oauth2.id_token` binds `google`
        self.context.imported_names.add(bound.value)


class LeaveTracker:
    """Last visitor of the batch: pops them after every rule's leave_* has run."""

    def __init__(self, context: "FileContext") -> None:
        self.context = context

    def get_visitors(self) -> Mapping[str, Any]:
        def pop_statement(node: Any) -> None:
            self.context.statement_stack.pop()

        def pop_function(node: Any) -> None:
            self.context.statement_stack.pop()
            self.context.scope_stack.pop()

        methods = {f"leave_{kind}": pop_statement for kind in _STATEMENT_KINDS}
        methods["leave_FunctionDef"] = pop_function
        methods["leave_Lambda"] = lambda node: self.context.scope_stack.pop()
        return methods


_STATEMENT_KINDS = (
    "SimpleStatementLine", "If", "For", "While", "With", "Try", "TryStar", "ClassDef", "Match",
)
