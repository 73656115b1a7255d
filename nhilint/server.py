"""`nhilint server`: a language server that publishes nhilint's findings as LSP diagnostics.

Each open Python document is checked the way `nhilint check --stdin-filename PATH -` checks a
buffer (nhilint.api.check_stdin): the nearest config file above the document applies, with its
per-file ignores and excludes. This module imports pygls, so only the `server` command loads it.
"""

from __future__ import annotations

import io
import os
import re
import tokenize
from dataclasses import replace
from pathlib import Path
from typing import Any, List, Optional, Sequence, Set

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import ServerTextPosition, ServerTextRange, TextDocument

from nhilint import __version__
from nhilint.config import ConfigError, load_settings, rule_option_types
from nhilint.ftypes import Finding, Settings
from nhilint.selection import SelectionError

SOURCE = "nhilint"
PYTHON_SUFFIXES = (".py", ".pyi")
# Python's own line breaks; str.splitlines() (which pygls uses) also breaks on form feeds and
# other separators Python keeps inside a line, which would shift every finding below them.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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


def _settings(ls: NhilintServer, path: Optional[Path]) -> Settings:
    """The config a CLI run from the project would use: the nearest config file above the
    document, else the workspace folder holding it (for its .gitignore and relative paths)."""
    from nhilint.rule_index import rule_entries

    folders = _workspace_folders(ls)
    start = path.parent if path is not None else (folders[0] if folders else Path.cwd())

    def warn(message: str) -> None:  # unknown config keys: the log, not a pop-up per keystroke
        ls.log(message, types.MessageType.Warning)

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


def _diagnostic(finding: Finding, lines: Sequence[str], document: TextDocument) -> types.Diagnostic:
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
        code_description=types.CodeDescription(href=finding.rule.url),
        source=SOURCE,
    )


def diagnostics(ls: NhilintServer, document: TextDocument) -> List[types.Diagnostic]:
    from nhilint import api

    path = _file_path(document.uri)
    text = document.source
    settings = _settings(ls, path)
    # an unsaved buffer is named after its URI's path ("Untitled-1"), which matches no excludes
    name = str(path) if path is not None else os.path.basename(document.path) or "-"
    result = api.check_stdin(_source_bytes(text), settings, name, force_exclude=path is not None)
    lines = _LINE_BREAK.split(text)
    return [_diagnostic(finding, lines, document) for finding in result.findings]


def _publish(ls: NhilintServer, uri: str) -> None:
    document = ls.workspace.get_text_document(uri)
    if not _is_python(document):
        return
    try:
        found = diagnostics(ls, document)
    except (ConfigError, SelectionError) as error:
        # a broken config is the user's to fix: say so, keep serving the other documents
        ls.show_once(str(error))
        found = []
    except Exception as error:  # one document that trips a bug must not stop the others' checks
        ls.log(f"internal error on {uri}: {type(error).__name__}: {error}", types.MessageType.Error)
        found = []
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=document.version)
    )


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: NhilintServer, params: types.DidOpenTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: NhilintServer, params: types.DidChangeTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


# On save the text is already known from didChange, but a config file saved next to it may
# have changed what applies; checking again picks that up.
@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: NhilintServer, params: types.DidSaveTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: NhilintServer, params: types.DidCloseTextDocumentParams) -> None:
    # a closed document's findings would otherwise stay in the editor's problem list
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
    )


def serve() -> None:
    """Speak LSP over stdin/stdout until the client sends `exit`."""
    server.start_io()
