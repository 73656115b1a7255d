"""`nhilint server` driven as an editor drives it: a subprocess speaking LSP over stdio."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any, Dict, Iterator, List, Optional

import pytest
from click.testing import CliRunner

from nhilint.cli import main

pytest.importorskip("pygls")  # a fallback only: the test extra installs it

TIMEOUT = 30  # seconds; a server that hangs fails the test instead of blocking the suite

UNSAFE = """import jwt


def current_user(token, key):
    return jwt.decode(token, key, algorithms=["RS256"])
"""
SAFE = """import jwt


def current_user(token, key):
    return jwt.decode(token, key, algorithms=["RS256"], audience="https://api.example.com")
"""
BROKEN = "import jwt\n\ndef current_user(token:\n"


class Client:
    """The smallest LSP client: Content-Length framed JSON-RPC, messages read on a thread."""

    def __init__(self, cwd: Path, stderr: IO[bytes]) -> None:
        # stderr goes to a file: a pipe nobody reads could fill up and stall the server
        self.stderr = stderr
        self.process = subprocess.Popen(
            [sys.executable, "-m", "nhilint", "server"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, cwd=cwd,
        )
        self.messages: "queue.Queue[Optional[Dict[str, Any]]]" = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)  # the server closed its stdout
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: Dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        reply = self.wait(lambda message: message.get("id") == self.next_id and "method" not in message)
        assert "error" not in reply, reply
        return reply.get("result")

    def wait(self, wanted: Any) -> Dict[str, Any]:
        """The next message `wanted` accepts; others (log messages) are skipped."""
        while True:
            try:
                message = self.messages.get(timeout=TIMEOUT)
            except queue.Empty:
                pytest.fail(f"no answer from the server within {TIMEOUT} s")
            if message is None:
                pytest.fail(f"the server exited: {self._stderr()}")
            if wanted(message):
                return message

    def diagnostics(self, uri: str) -> List[Dict[str, Any]]:
        message = self.wait(
            lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
        )
        return message["params"]["diagnostics"]

    def _stderr(self) -> str:
        self.process.kill()
        self.process.wait(TIMEOUT)
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")[-2000:]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.nhilint]\nextend-exclude = ["generated"]\n'
        '[tool.nhilint.per-file-ignores]\n"legacy/*.py" = ["NHL101"]\n',
        encoding="utf-8",
    )
    return tmp_path


@pytest.fixture
def client(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    stderr = (tmp_path_factory.mktemp("server") / "stderr").open("w+b")
    client = Client(project, stderr)
    try:
        result = client.request(
            "initialize",
            {"processId": os.getpid(), "rootUri": project.as_uri(), "capabilities": {},
             "workspaceFolders": [{"uri": project.as_uri(), "name": "project"}]},
        )
        assert result["serverInfo"]["name"] == "nhilint"
        assert result["capabilities"]["textDocumentSync"]["change"] == 1  # full
        client.notify("initialized", {})
        yield client
    finally:
        if client.process.poll() is None:
            client.process.kill()
        client.process.wait(TIMEOUT)
        stderr.close()


def _open(client: Client, path: Path, text: str) -> str:
    uri = path.as_uri()
    client.notify("textDocument/didOpen",
                  {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}})
    return uri


def test_diagnostics_follow_the_document_and_the_server_exits_cleanly(client: Client, project: Path):
    uri = _open(client, project / "app" / "auth.py", UNSAFE)
    [finding] = client.diagnostics(uri)
    assert finding["code"] == "NHL101"
    assert finding["source"] == "nhilint"
    assert finding["severity"] == 2  # warning
    assert finding["range"] == {"start": {"line": 4, "character": 11}, "end": {"line": 4, "character": 55}}
    assert finding["codeDescription"]["href"].endswith("docs/rules.md#nhl101")
    assert "audience" in finding["message"]

    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": SAFE}]})
    assert client.diagnostics(uri) == []

    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                             "contentChanges": [{"text": BROKEN}]})
    [error] = client.diagnostics(uri)
    assert error["code"] == "NHL900"
    assert error["severity"] == 1  # error
    assert error["range"]["start"]["line"] == 2
    assert "syntax error" in error["message"]

    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert [d["code"] for d in client.diagnostics(uri)] == ["NHL900"]

    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []

    assert client.request("shutdown", None) is None
    client.notify("exit", None)
    assert client.process.wait(TIMEOUT) == 0


def test_the_documents_config_applies(client: Client, project: Path):
    ignored = _open(client, project / "legacy" / "old.py", UNSAFE)
    assert client.diagnostics(ignored) == []  # per-file-ignores
    excluded = _open(client, project / "generated" / "client.py", UNSAFE)
    assert client.diagnostics(excluded) == []  # extend-exclude
    checked = _open(client, project / "app.py", UNSAFE)
    assert [d["code"] for d in client.diagnostics(checked)] == ["NHL101"]


def test_a_broken_config_is_shown_once_and_the_server_goes_on(client: Client, project: Path):
    (project / "broken").mkdir()
    (project / "broken" / "nhilint.toml").write_text("select = 3\n", encoding="utf-8")
    uri = _open(client, project / "broken" / "app.py", UNSAFE)
    shown = client.wait(lambda m: m.get("method") == "window/showMessage")
    assert "'select' must be a list of strings" in shown["params"]["message"]
    assert client.diagnostics(uri) == []
    checked = _open(client, project / "app.py", UNSAFE)
    assert [d["code"] for d in client.diagnostics(checked)] == ["NHL101"]


def test_bad_buffers_become_nhl900_and_the_server_goes_on(client: Client, project: Path):
    bad = {
        "nul.py": UNSAFE + "\x00",
        "surrogate.py": UNSAFE + "x = '\ud800'\n",  # JSON can carry a lone surrogate
        "cookie.py": "# coding: no-such-codec\n" + UNSAFE,
    }
    for name, text in bad.items():
        assert [d["code"] for d in client.diagnostics(_open(client, project / name, text))] == ["NHL900"], name
    # a buffer the editor decoded by its cookie is encoded back the same way, not as UTF-8
    text = "# -*- coding: latin-1 -*-\n" + UNSAFE.replace("    return jwt", "    x = 'é'; return jwt")
    [finding] = client.diagnostics(_open(client, project / "latin.py", text))
    assert finding["range"]["start"] == {"line": 5, "character": len("    x = 'é'; return ")}


def test_columns_are_counted_in_the_clients_utf16_units(client: Client, project: Path):
    # '𝔸' is one code point but two UTF-16 units, the LSP default encoding
    text = UNSAFE.replace("    return jwt", "    x = '𝔸'; return jwt")
    uri = _open(client, project / "wide.py", text)
    [finding] = client.diagnostics(uri)
    assert finding["range"]["start"] == {"line": 4, "character": len("    x = '𝔸'; return ") + 1}


def test_a_secret_is_never_sent_to_the_editor(client: Client, project: Path):
    secret = "ghp_" + "q7Z2lW9nP4rK1vY8xJ3dH6gS0fB5mC2aE7uO9"
    uri = _open(client, project / "settings.py", f'GITHUB_TOKEN = "{secret}"\n')
    [finding] = client.diagnostics(uri)
    assert finding["code"] == "NHL301"
    assert secret[4:12] not in json.dumps(finding)


def test_a_non_python_document_gets_no_diagnostics(client: Client, project: Path):
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": (project / "notes.md").as_uri(), "languageId": "markdown", "version": 1, "text": UNSAFE}})
    python = _open(client, project / "app.py", UNSAFE)
    message = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert message["params"]["uri"] == python  # nothing was published for the markdown file


def test_without_pygls_the_command_says_what_to_install(monkeypatch):
    monkeypatch.delitem(sys.modules, "nhilint.server", raising=False)
    monkeypatch.setitem(sys.modules, "pygls", None)  # makes `import pygls` fail
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    result = CliRunner().invoke(main, ["server"])
    assert result.exit_code == 2
    assert "nhilint[lsp]" in result.output


def test_code_actions_suppress_on_the_line_or_in_the_file_and_show_the_docs(client: Client, project: Path):
    text = "#!/usr/bin/env python\n" + UNSAFE
    uri = _open(client, project / "app.py", text)
    [diagnostic] = client.diagnostics(uri)
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}})
    titles = [action["title"] for action in actions]
    assert titles == ["Suppress NHL101 on this line", "Suppress NHL101 in this file", "Show documentation for NHL101"]
    [line_edit] = actions[0]["edit"]["changes"][uri]
    assert line_edit["range"]["start"] == {"line": 5, "character": 0}
    assert line_edit["newText"] == '    return jwt.decode(token, key, algorithms=["RS256"])  # nhilint: ignore[NHL101]'
    [file_edit] = actions[1]["edit"]["changes"][uri]
    assert file_edit == {"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}},
                         "newText": "# nhilint: ignore-file[NHL101]\n"}  # after the shebang

    # each edit, applied as the editor applies it, silences the finding
    lines = text.split("\n")
    for edited in (lines[:5] + [line_edit["newText"]] + lines[6:], lines[:1] + [file_edit["newText"][:-1]] + lines[1:]):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 10 + len(edited)},
                                                 "contentChanges": [{"text": "\n".join(edited)}]})
        assert client.diagnostics(uri) == []

    command = actions[2]["command"]
    assert command["command"] == "nhilint.showDocumentation"
    client.send({"id": 99, "method": "workspace/executeCommand",
                 "params": {"command": command["command"], "arguments": command["arguments"]}})
    shown = client.wait(lambda m: m.get("method") == "window/showDocument")
    doc = Path(shown["params"]["uri"].replace("file://", ""))
    assert doc.read_text(encoding="utf-8").startswith("# NHL101 jwt-decode-without-audience")
    client.send({"id": shown["id"], "result": {"success": True}})
    reply = client.wait(lambda m: m.get("id") == 99 and "method" not in m)
    assert "## Why is this bad?" in reply["result"]


def test_hover_on_a_finding_shows_the_rule_documentation(client: Client, project: Path):
    uri = _open(client, project / "app.py", UNSAFE)
    [diagnostic] = client.diagnostics(uri)
    inside = {"line": 4, "character": 20}
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": inside})
    assert hover["contents"]["kind"] == "markdown"
    assert hover["contents"]["value"].startswith("**NHL101** jwt.decode() verifies the signature")
    assert "## Use instead" in hover["contents"]["value"]
    assert hover["range"] == diagnostic["range"]
    assert client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": {"line": 0, "character": 2}}) is None


def test_only_the_latest_version_is_checked_and_published(client: Client, project: Path):
    """30 edits sent back to back: the burst collapses, and no outdated version is published."""
    uri = _open(client, project / "app.py", SAFE)
    assert client.diagnostics(uri) == []
    for version in range(2, 32):
        text = UNSAFE if version == 31 else SAFE + f"# edit {version}\n"
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": text}]})
    message = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert message["params"]["version"] == 31
    assert [d["code"] for d in message["params"]["diagnostics"]] == ["NHL101"]
    # nothing else was published for the 29 versions in between
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    closing = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert closing["params"]["diagnostics"] == [] and "version" not in closing["params"]


def test_the_loop_answers_while_a_check_runs(client: Client, project: Path):
    """A slow check runs on a worker thread: a request sent meanwhile is answered first."""
    big = UNSAFE + "".join(f"\ndef f{n}(token, key):\n    return jwt.decode(token, key, algorithms=['RS256'])\n"
                           for n in range(400))
    uri = _open(client, project / "big.py", big)
    client.send({"id": 500, "method": "textDocument/hover",
                 "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}})
    first = client.wait(lambda m: m.get("id") == 500 or m.get("method") == "textDocument/publishDiagnostics")
    assert first.get("id") == 500  # answered before the check's diagnostics arrived
    assert len(client.diagnostics(uri)) == 401


def test_a_findings_second_place_becomes_related_information(tmp_path):
    """The hook for the project index (issue 14): a finding's `related` places, when it has them."""
    from types import SimpleNamespace

    from pygls.workspace import TextDocument

    from nhilint import server
    from nhilint.ftypes import Position
    from nhilint.registry import rules_by_code

    meta = rules_by_code()["NHL302"].meta()
    other = SimpleNamespace(path="clients/billing.py", start=Position(3, 5), end=Position(3, 20),
                            message="the same credential given to the billing client")
    finding = SimpleNamespace(rule=meta, code="NHL302", message="shared", start=Position(1, 1), end=Position(1, 4),
                              statement_line=1, related=(other,))
    document = TextDocument((tmp_path / "a.py").as_uri(), "abc\n")
    diagnostic = server._diagnostic(finding, ["abc", ""], document, str(tmp_path))
    [related] = diagnostic.related_information
    assert related.location.uri == (tmp_path / "clients" / "billing.py").as_uri()
    assert (related.location.range.start.line, related.location.range.start.character) == (2, 4)
    assert related.message == "the same credential given to the billing client"
    finding.related = ()
    assert server._diagnostic(finding, ["abc", ""], document, str(tmp_path)).related_information is None


def test_the_editor_sees_the_project_and_checks_importers_again_on_save(client: Client, project: Path):
    """Issue 14: a document's finding whose other half is another module carries that place as
    related information; saving that module checks the open importer again."""
    app = project / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    verifier = "import jwt\n\n\ndef verify(token):\n    return jwt.decode(token, 'k', algorithms=['RS256'], audience='a')\n"
    (app / "auth.py").write_text(verifier)
    views = ("import functools\n\nfrom app.auth import verify\n\n\n@functools.lru_cache(maxsize=64)\n"
             "def current_user(token):\n    return verify(token)\n")
    (app / "views.py").write_text(views)
    uri = _open(client, app / "views.py", views)
    [finding] = client.diagnostics(uri)
    assert finding["code"] == "NHL203"
    [related] = finding["relatedInformation"]
    assert related["location"]["uri"] == (app / "auth.py").as_uri()
    assert related["location"]["range"]["start"]["line"] == 4
    assert related["message"] == "verify() verifies the token here"

    # auth.py no longer verifies anything: once it is saved, views.py's finding goes
    auth_uri = _open(client, app / "auth.py", verifier)
    client.diagnostics(auth_uri)
    lookup = "def verify(token):\n    return {'sub': token}\n"
    (app / "auth.py").write_text(lookup)
    client.notify("textDocument/didChange", {"textDocument": {"uri": auth_uri, "version": 2},
                                             "contentChanges": [{"text": lookup}]})
    client.notify("textDocument/didSave", {"textDocument": {"uri": auth_uri}})
    assert client.diagnostics(uri) == []
