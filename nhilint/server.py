"""`nhilint server`: a language server that publishes nhilint's findings as LSP diagnostics.

Each open Python document is checked the way `nhilint check --stdin-filename PATH -` checks a
buffer (nhilint.api.check_stdin): the nearest config file above the document applies, with its
per-file ignores and excludes. This module imports pygls, so only the `server` command loads it.
"""

from __future__ import annotations

import asyncio
import io
import os
import tokenize
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Set, Tuple

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import ServerTextPosition, ServerTextRange, TextDocument

from nhilint.patterns import compiled_on_first_use
from nhilint import __version__
from nhilint.config import ConfigError, load_settings, rule_option_types
from nhilint.ftypes import NO_DEPENDS, Depends, Finding, Settings
from nhilint.interrupt import Interrupted, Worker
from nhilint.selection import SelectionError

SOURCE = "nhilint"
PYTHON_SUFFIXES = (".py", ".pyi")
# Python's own line breaks; str.splitlines() (which pygls uses) also breaks on form feeds and
# other separators Python keeps inside a line, which would shift every finding below them.
_LINE_BREAK = compiled_on_first_use(r"\r\n|\r|\n")


class NhilintServer(LanguageServer):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shown: Set[str] = set()

    def show_once(self, message: str) -> None:
        """A pop-up per distinct problem: documents are checked on every change, and a broken
        config would otherwise pop up at each keystroke."""
        self.log(message, types.MessageType.Error)
        if message not in self._shown:
            self._shown.add(message)
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"nhilint: {message}")
            )

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=f"nhilint: {message}"))


# Full sync: a changed document arrives whole, which is what the checker reads anyway.
server = NhilintServer(SOURCE, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)


def _is_python(document: TextDocument) -> bool:
    return document.language_id == "python" or document.uri.endswith(PYTHON_SUFFIXES)


def _file_path(uri: str) -> Optional[Path]:
    """The file behind a `file:` URI; an unsaved buffer (`untitled:`) has none."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(path) if path else None


def _workspace_folders(ls: LanguageServer) -> List[Path]:
    folders = [_file_path(folder.uri) for folder in ls.workspace.folders.values()]
    found = [folder for folder in folders if folder is not None]
    if not found and ls.workspace.root_path:
        found.append(Path(ls.workspace.root_path))
    return found


def _settings(ls: NhilintServer, path: Optional[Path], warn: Callable[[str], None]) -> Settings:
    """The config a CLI run from the project would use: the nearest config file above the
    document, else the workspace folder holding it (for its .gitignore and relative paths)."""
    from nhilint.rule_index import rule_entries

    folders = _workspace_folders(ls)
    start = path.parent if path is not None else (folders[0] if folders else Path.cwd())

    settings = load_settings(None, start, rule_option_types(rule_entries()), warn)
    if settings.config_file is None and path is not None:
        holding = [folder for folder in folders if _is_inside(path, folder)]
        if holding:
            settings = replace(settings, root=str(max(holding, key=lambda f: len(f.parts))))
    return settings


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def _source_bytes(text: str) -> bytes:
    """The buffer as the file's bytes: the editor decoded it by its coding cookie, if any, so
    encode it back the same way, or the parser would misread non-ASCII text."""
    utf8 = text.encode("utf-8", errors="surrogatepass")  # lone surrogates: NHL900, not a crash
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(utf8).readline)
        return text.encode(encoding) if encoding not in ("utf-8", "utf-8-sig") else utf8
    except (SyntaxError, LookupError, UnicodeError):
        return utf8  # the checker reports the bad cookie or bytes as NHL900


def _related(finding: Finding, document: TextDocument, root: str) -> Optional[List[types.DiagnosticRelatedInformation]]:
    """A finding's second places (nhilint.ftypes.Related), as the editor's related information."""
    places = finding.related
    if not places:
        return None
    found = []
    for place in places:
        path = place.path if os.path.isabs(place.path) else os.path.join(root, place.path)
        found.append(types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=Path(path).as_uri(),
                range=types.Range(types.Position(place.start.line - 1, place.start.column - 1),
                                  types.Position(place.end.line - 1, place.end.column - 1)),
            ),
            message=place.message,
        ))
    return found


def _diagnostic(finding: Finding, lines: Sequence[str], document: TextDocument, root: str = "") -> types.Diagnostic:
    start = ServerTextPosition(finding.start.line - 1, finding.start.column - 1)
    end = ServerTextPosition(finding.end.line - 1, finding.end.column - 1)
    if end == start and 0 <= start.line < len(lines):
        # NHL900 marks a point; underline the rest of that line so editors show something
        end = ServerTextPosition(start.line, max(len(lines[start.line]), start.character))
    # nhilint counts code points; the client may count UTF-16 or UTF-8 units
    span = document.position_codec.range_to_client_units(lines, ServerTextRange(start, end))
    unanalysed = finding.rule.reports_unanalysed_files
    return types.Diagnostic(
        range=span,
        message=finding.message,  # messages name variables, never values: no secret leaves here
        severity=types.DiagnosticSeverity.Error if unanalysed else types.DiagnosticSeverity.Warning,
        code=finding.code,
        code_description=_rule_link(finding),
        source=SOURCE,
        related_information=_related(finding, document, root),
        # read back by the code actions: where a suppression comment goes
        data={"statementLine": finding.statement_line or finding.start.line, "unanalysed": unanalysed},
    )


def _rule_link(finding: Finding) -> Optional[types.CodeDescription]:
    """The rule's documentation online, when a revision the repository has is known
    (nhilint.home); its hover and "Show documentation" action work without one."""
    url = finding.rule.url
    return types.CodeDescription(href=url) if url is not None else None


@dataclass(frozen=True)
class Checked:
    """One document version's check, as the worker thread hands it back to the message loop."""

    uri: str
    version: Optional[int]
    findings: Tuple[Finding, ...] = ()
    root: str = ""
    warnings: Tuple[str, ...] = ()
    config_error: Optional[str] = None
    internal_error: Optional[str] = None
    depends: Depends = NO_DEPENDS  # what its findings owe to other modules of the project


def check_document(ls: NhilintServer, uri: str, version: Optional[int], text: str, path: Optional[Path],
                   name: str) -> Checked:
    """Runs on the checker thread: no message is sent from here (the loop does that)."""
    from nhilint import api

    warnings: List[str] = []
    try:
        settings = _settings(ls, path, warnings.append)
        result = api.check_stdin(_source_bytes(text), settings, name, force_exclude=path is not None)
    except (ConfigError, SelectionError) as error:
        return Checked(uri, version, warnings=tuple(warnings), config_error=str(error))
    except Exception as error:  # one document that trips a bug must not stop the others' checks
        return Checked(uri, version, internal_error=f"internal error on {uri}: {type(error).__name__}: {error}")
    depends = result.files[0].depends if result.files else NO_DEPENDS
    return Checked(uri, version, result.findings, result.root, tuple(warnings), depends=depends)


class Scheduler:
    """Checks only the latest version of each document, one check at a time, off the loop.

    A change (re)starts the document's debounce timer, so edits within DEBOUNCE_SECONDS of
    each other collapse into one check. A check runs on a worker thread, so the loop keeps
    reading messages. A change to the document being checked stops that check
    (nhilint.interrupt); a result is published only if the document has not changed since (an
    outdated one is dropped: a newer check is already due). While a check runs, documents that
    fall due wait and are then checked at their latest version, not at every version.
    """

    def __init__(self, ls: NhilintServer, debounce: float) -> None:
        self.ls = ls
        self.debounce = debounce
        self._timers: Dict[str, asyncio.TimerHandle] = {}
        self._due: List[str] = []  # waiting for the worker, oldest first
        self._running: Optional[str] = None
        self._worker = Worker("nhilint-check")
        # the first check imports libcst and the rules: it is never interrupted (nhilint.interrupt)
        self._warm = False
        # the latest published findings per document, for hover and code actions
        self.published: Dict[str, Tuple[Optional[int], Tuple[Finding, ...], str]] = {}
        # what each document's latest check used of other modules (issue 14)
        self.depends: Dict[str, Depends] = {}

    def saved(self, uri: str) -> None:
        """A saved file may change what other open documents import from it: check again the
        ones whose last check used it (or asked a question over the whole project)."""
        from nhilint.project.index import refresh_all

        refresh_all()
        self.changed(uri, delay=0)
        path = _file_path(uri)
        where = os.path.abspath(path) if path is not None else None
        for other, depends in list(self.depends.items()):
            if other != uri and (depends.project or any(used == where for used, _ in depends.modules)):
                self.changed(other, delay=0)

    def changed(self, uri: str, delay: Optional[float] = None) -> None:
        loop = asyncio.get_running_loop()
        if self._running == uri and self._warm:
            self._worker.interrupt()  # that check is for an outdated version: stop it
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self._timers[uri] = loop.call_later(self.debounce if delay is None else delay, self._fall_due, uri)

    def closed(self, uri: str) -> None:
        if self._running == uri and self._warm:
            self._worker.interrupt()
        timer = self._timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self._due = [due for due in self._due if due != uri]
        self.published.pop(uri, None)
        self.depends.pop(uri, None)

    def _fall_due(self, uri: str) -> None:
        self._timers.pop(uri, None)
        if uri not in self._due:
            self._due.append(uri)
        self._next()

    def _next(self) -> None:
        while self._running is None and self._due:
            uri = self._due.pop(0)
            document = self.ls.workspace.text_documents.get(uri)
            if document is None or not _is_python(document):
                continue
            path = _file_path(uri)
            # an unsaved buffer is named after its URI's path ("Untitled-1"), which matches no excludes
            name = str(path) if path is not None else os.path.basename(document.path) or "-"
            self._running = uri
            job = self._worker.submit(check_document, self.ls, uri, document.version, document.source, path, name)
            asyncio.wrap_future(job).add_done_callback(self._finished)

    def _finished(self, job: "asyncio.Future[Checked]") -> None:
        self._running = None
        try:
            checked = job.result()
        except Interrupted:
            pass  # an outdated version: its document is due again at its latest
        except BaseException as error:  # the worker itself failed: say so, keep serving
            self.ls.log(f"internal error: {type(error).__name__}: {error}", types.MessageType.Error)
        else:
            self._warm = True
            self._publish(checked)
        self._next()

    def _publish(self, checked: Checked) -> None:
        for warning in checked.warnings:  # unknown config keys: the log, not a pop-up per keystroke
            self.ls.log(warning, types.MessageType.Warning)
        document = self.ls.workspace.text_documents.get(checked.uri)
        if document is None or document.version != checked.version:
            return  # closed, or changed since: this result is outdated and a newer check is due
        if checked.config_error is not None:
            # a broken config is the user's to fix: say so, keep serving the other documents
            self.ls.show_once(checked.config_error)
        if checked.internal_error is not None:
            self.ls.log(checked.internal_error, types.MessageType.Error)
        lines = _LINE_BREAK.split(document.source)
        found = [_diagnostic(finding, lines, document, checked.root) for finding in checked.findings]
        self.published[checked.uri] = (checked.version, checked.findings, checked.root)
        self.depends[checked.uri] = checked.depends
        self.ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=checked.uri, diagnostics=found, version=checked.version)
        )


# Keystrokes come 50-200 ms apart and a check of a large token-heavy file takes a few hundred
# ms, so a check starts soon after each keystroke and the next keystroke stops it
# (nhilint.interrupt): the last keystroke's check starts without a long wait. The short
# debounce merges events that arrive together (a change and a save, an editor's multi-part
# edit). Measured with benchmarks/lsp_latency.py, a wait of 75 ms, or one that follows the
# typing speed, gave 70-140 ms more after the last keystroke of a burst than this one, even
# though the checks it cuts short cost CPU (a parse in libcst's native code runs to its end).
DEBOUNCE_SECONDS = 0.02
scheduler = Scheduler(server, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: NhilintServer, params: types.DidOpenTextDocumentParams) -> None:
    scheduler.changed(params.text_document.uri, delay=0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NhilintServer, params: types.DidChangeTextDocumentParams) -> None:
    scheduler.changed(params.text_document.uri)


# On save the text is already known from didChange, but a config file saved next to it may
# have changed what applies; checking again picks that up. Open documents that import the saved
# module are checked again too: they see the project from disk.
@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: NhilintServer, params: types.DidSaveTextDocumentParams) -> None:
    scheduler.saved(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NhilintServer, params: types.DidCloseTextDocumentParams) -> None:
    scheduler.closed(params.text_document.uri)
    # a closed document's findings would otherwise stay in the editor's problem list
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
    )


SHOW_DOCUMENTATION = "nhilint.showDocumentation"
_CODING = compiled_on_first_use(r"^[ \t\f]*#.*?coding[:=]")


def _rule_meta(code: str) -> Optional[Any]:
    from nhilint.registry import rules_by_code

    rule = rules_by_code().get(code)
    return rule.meta() if rule is not None else None


def _ours(diagnostic: types.Diagnostic) -> bool:
    return diagnostic.source == SOURCE and isinstance(diagnostic.code, str)


def _line_edit(document: TextDocument, number: int, new_text: str) -> types.TextEdit:
    """Replace line `number` (0-based) up to its line break, in the client's units."""
    lines = _LINE_BREAK.split(document.source)
    old = lines[number] if number < len(lines) else ""
    span = document.position_codec.range_to_client_units(
        lines, ServerTextRange(ServerTextPosition(number, 0), ServerTextPosition(number, len(old)))
    )
    return types.TextEdit(range=span, new_text=new_text)


def suppress_on_line(document: TextDocument, code: str, statement_line: int) -> Optional[types.TextEdit]:
    """The edit `check --add-noqa` would make for this one finding (nhilint.add_noqa)."""
    from nhilint.add_noqa import add_to_source
    from nhilint.ftypes import Position

    source = document.source
    meta = _rule_meta(code)
    if meta is None:
        return None
    finding = Finding(meta, "", "", Position(statement_line, 1), Position(statement_line, 1), meta.confidence, "",
                      statement_line)
    edited, covered = add_to_source(source.encode("utf-8", "surrogatepass"), [finding])
    new_lines = _LINE_BREAK.split(edited.decode("utf-8", "surrogatepass"))
    if not covered or not 1 <= statement_line <= len(new_lines):
        return None  # the line ends inside a string (no comment can go there), or is gone
    return _line_edit(document, statement_line - 1, new_lines[statement_line - 1])


def suppress_in_file(document: TextDocument, code: str) -> types.TextEdit:
    """`# nhilint: ignore-file[CODE]` after a shebang and a coding line, which must stay first."""
    lines = _LINE_BREAK.split(document.source)
    at = 0
    if at < len(lines) and lines[at].startswith("#!"):
        at += 1
    if at < len(lines) and _CODING.match(lines[at]):
        at += 1
    return types.TextEdit(
        range=types.Range(types.Position(at, 0), types.Position(at, 0)),
        new_text=f"# nhilint: ignore-file[{code}]\n",
    )


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_actions(ls: NhilintServer, params: types.CodeActionParams) -> List[types.CodeAction]:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    actions: List[types.CodeAction] = []
    for diagnostic in params.context.diagnostics:
        if not _ours(diagnostic):
            continue
        code = str(diagnostic.code)
        data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        if not data.get("unanalysed"):
            line = int(data.get("statementLine") or diagnostic.range.start.line + 1)
            edit = suppress_on_line(document, code, line)
            if edit is not None:
                actions.append(types.CodeAction(
                    title=f"Suppress {code} on this line", kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic], edit=types.WorkspaceEdit(changes={uri: [edit]}),
                ))
            actions.append(types.CodeAction(
                title=f"Suppress {code} in this file", kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={uri: [suppress_in_file(document, code)]}),
            ))
        actions.append(types.CodeAction(
            title=f"Show documentation for {code}", kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            command=types.Command(title=f"Show documentation for {code}", command=SHOW_DOCUMENTATION,
                                  arguments=[code]),
        ))
    return actions


def documentation_file(code: str) -> Optional[Path]:
    """The rule's documentation as a Markdown file the editor can open: no website needed."""
    import tempfile

    from nhilint.docs import doc_text

    meta = _rule_meta(code)
    if meta is None:
        return None
    folder = Path(tempfile.gettempdir()) / f"nhilint-{__version__}-docs"
    folder.mkdir(exist_ok=True)
    target = folder / f"{meta.code}.md"
    target.write_text(doc_text(meta), encoding="utf-8")
    return target


@server.command(SHOW_DOCUMENTATION)
def show_documentation(ls: NhilintServer, code: str) -> Optional[str]:
    """Opens the rule's documentation in the editor; also returns it, for clients that show it."""
    target = documentation_file(code.upper())
    if target is None:
        ls.show_once(f"unknown rule '{code}' (see `nhilint rules`)")
        return None
    ls.window_show_document(types.ShowDocumentParams(uri=target.as_uri(), external=False, take_focus=True))
    return target.read_text(encoding="utf-8")


def _inside(position: types.Position, span: types.Range) -> bool:
    start, end = span.start, span.end
    after_start = (position.line, position.character) >= (start.line, start.character)
    before_end = (position.line, position.character) <= (end.line, end.character)
    return after_start and before_end


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: NhilintServer, params: types.HoverParams) -> Optional[types.Hover]:
    """On a finding: its message and the rule's whole documentation."""
    from nhilint.docs import doc_text

    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    version, findings, root = scheduler.published.get(uri, (None, (), ""))
    if version != document.version:
        return None  # the text moved on since that check: its ranges no longer apply
    lines = _LINE_BREAK.split(document.source)
    for finding in findings:
        diagnostic = _diagnostic(finding, lines, document, root)
        if _inside(params.position, diagnostic.range):
            text = f"**{finding.code}** {finding.message}\n\n---\n\n{doc_text(finding.rule)}"
            return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
                               range=diagnostic.range)
    return None


def serve() -> None:
    """Speak LSP over stdin/stdout until the client sends `exit`."""
    server.start_io()
