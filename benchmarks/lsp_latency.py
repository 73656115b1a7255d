"""How fast `nhilint server` keeps up with typing, driven over stdio as an editor drives it.

Issue 16's target: on a 2,000+ line token-heavy file, the diagnostics for the last of 30
keystrokes typed 50 ms apart arrive within 400 ms of it; on a 600-line file within 150 ms.

For each file: start the server, open the document, wait for its first diagnostics (the time a
single check takes, for scale), then type 30 characters 50 ms apart (each keystroke one
full-text didChange, as the server asks for full sync) and time the last keystroke to the
diagnostics published for its version. Every diagnostics message received during the burst is
counted: with only the latest version checked, the burst yields one. Medians of --repeat runs.

The token-heavy file is PyJWT's jwt/api_jwt.py (JWT encode and decode code) repeated, taken from
the environment when PyJWT is installed, else a generated file of JWT decodes, caches and
requests of the same length.

    python benchmarks/lsp_latency.py [--repeat 5] [--output benchmarks/results/lsp_latency.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any, Dict, Optional

KEYSTROKES = 30
INTERVAL = 0.050
TARGETS = {"large": (2000, 0.400), "small": (600, 0.150)}  # name: (at least N lines, seconds)
# Not a target, for scale: a file of that size with many findings, whose positions the engine
# must compute (PyJWT's code has no findings). The demo service's auth module, repeated.
FINDINGS_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "demo" / "orders_service" / "auth.py"
FINDINGS_LINES = 2000

GENERATED = '''import jwt
import requests
from functools import lru_cache

@lru_cache
def get_token_{n}(scope):
    return requests.post("https://login.example.com/token", data={{"scope": scope}}).json()["access_token"]

def verify_{n}(token, key):
    claims = jwt.decode(token, key, algorithms=["RS256"], audience="api://orders")
    return claims["sub"]

'''


def token_heavy_source() -> str:
    try:
        import jwt.api_jwt as module

        return Path(module.__file__).read_text(encoding="utf-8")
    except ImportError:
        return "".join(GENERATED.format(n=n) for n in range(60))


def file_of(lines: int, source: str) -> str:
    """Whole copies of `source` (a cut copy could end inside a function: a syntax error, which
    is checked much faster) up to at least `lines` lines, or one copy padded with comment lines
    when one copy is nearly that long."""
    size = len(source.splitlines())
    copies = -(-lines // size) if lines > 1.5 * size else 1
    text = source if source.endswith("\n") else source + "\n"
    text *= copies
    return text + "# padding\n" * max(lines - copies * size, 0)


class Server:
    """`nhilint server` as a subprocess; Content-Length framed JSON-RPC, read on a thread."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "nhilint", "server"], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: "queue.Queue[Optional[Dict[str, Any]]]" = queue.Queue()
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()
        self.next_id = 0

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            message["_received"] = time.perf_counter()
            self.messages.put(message)

    def send(self, message: Dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def wait(self, wanted: Any, timeout: float = 120) -> Dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.001))
            if message is None:
                raise RuntimeError("the server exited")
            if wanted(message):
                return message

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m).get("result")

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.send({"method": "exit"})
            self.process.wait(10)
        except Exception:
            self.process.kill()
            self.process.wait(10)


def cpu_seconds(pid: int) -> Optional[float]:
    """User + system CPU time of a process so far (Linux /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_run(folder: Path, text: str) -> Dict[str, float]:
    server = Server(folder)
    try:
        server.request("initialize", {"processId": os.getpid(), "rootUri": folder.as_uri(), "capabilities": {}})
        server.send({"method": "initialized", "params": {}})
        uri = (folder / "tokens.py").as_uri()
        opened = time.perf_counter()
        server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": text}}})
        first = server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        single_check = first["_received"] - opened
        typed = text + "# "
        last_sent = 0.0
        for stroke in range(KEYSTROKES):
            typed += "abcdefghij"[stroke % 10]
            if stroke == KEYSTROKES - 1:
                cpu_before = cpu_seconds(server.process.pid)
            server.send({"method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": stroke + 2}, "contentChanges": [{"text": typed}]}})
            last_sent = time.perf_counter()
            if stroke < KEYSTROKES - 1:
                time.sleep(INTERVAL)
        last_version = KEYSTROKES + 1
        published = 0
        while True:
            message = server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
            published += 1
            if message["params"].get("version") == last_version:
                break
        cpu_after = cpu_seconds(server.process.pid)
        # what the server computed after the last keystroke: on an idle machine the latency is
        # about the debounce plus this; on a busy one other processes' time comes on top
        cpu = cpu_after - cpu_before if cpu_after is not None and cpu_before is not None else float("nan")
        return {"latency": message["_received"] - last_sent, "single_check": single_check, "cpu": cpu,
                "published": published, "diagnostics": len(message["params"]["diagnostics"])}
    finally:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--output", type=Path, default=Path(__file__).parent / "results" / "lsp_latency.json")
    args = parser.parse_args()
    source = token_heavy_source()
    results: Dict[str, Any] = {
        "machine": f"{platform.machine()} {os.cpu_count()} CPUs, {platform.system()}, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d"),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "keystrokes": KEYSTROKES, "interval_ms": INTERVAL * 1000, "files": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = [(name, file_of(lines, source), target) for name, (lines, target) in TARGETS.items()]
        if FINDINGS_FILE.is_file():
            cases.append(("with findings", file_of(FINDINGS_LINES, FINDINGS_FILE.read_text(encoding="utf-8")), None))
        for name, text, target in cases:
            runs = [one_run(folder, text) for _ in range(args.repeat)]
            latency = statistics.median(run["latency"] for run in runs)
            summary = {
                "lines": text.count("\n"),
                "target_ms": target * 1000 if target is not None else None,
                "latency_ms_median": round(latency * 1000),
                "latency_ms_max": round(max(run["latency"] for run in runs) * 1000),
                "single_check_ms_median": round(statistics.median(run["single_check"] for run in runs) * 1000),
                "server_cpu_ms_after_last_keystroke_median": round(statistics.median(run["cpu"] for run in runs) * 1000),
                "publishes_during_burst_max": max(run["published"] for run in runs),
                "diagnostics": runs[0]["diagnostics"],
                "met": latency <= target if target is not None else None,
            }
            results["files"][name] = summary
            print(f"{name}: {summary['lines']} lines, last keystroke -> diagnostics {summary['latency_ms_median']} ms "
                  f"median (max {summary['latency_ms_max']} ms; "
                  f"{'no target' if target is None else ('target met' if summary['met'] else 'target NOT met')}); "
                  f"server CPU after the last keystroke "
                  f"{summary['server_cpu_ms_after_last_keystroke_median']} ms; one check on open {summary['single_check_ms_median']} ms; "
                  f"{summary['publishes_during_burst_max']} publish(es) for the burst")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
