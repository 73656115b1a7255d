"""Hostile input, run through the real command, and a figures table (issue 17).

Each case writes a small project (or a stdin buffer, a config, a cache), runs
`python -m nhilint ...` in a subprocess under a timeout, and sorts the outcome:

- crash: killed by a signal, a traceback, or an exit status nhilint never uses;
- hang: still running at the timeout (killed);
- secret shown: a planted secret (beyond the 4 characters a redaction keeps) in any output,
  output file, baseline or cache;
- wrong: a file silently not checked, a finding hidden, a forged output line, an error where a
  check was due or a check where an error was due;
- clear error: an error case that ended with exit 2 and a `nhilint: error:` line, as it should;
- handled: any other case that ended as it should.

Used by benchmarks/robustness.py; tests/test_benchmark_script.py tests the sorting.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

DECODE = 'jwt.decode(t, k, algorithms=["RS256"])'
BAD_DECODE = b'import jwt\ndef f(t, k):\n    return jwt.decode(t, k, algorithms=["RS256"])\n'
TIMEOUT = 120.0
OUTCOMES = ("handled", "clear error", "crash", "hang", "wrong", "secret shown")


@dataclass(frozen=True)
class Case:
    category: str
    name: str
    files: Mapping[str, bytes] = field(default_factory=dict)
    args: Tuple[str, ...] = ("check", "--no-cache", "--output-format", "concise", ".")
    stdin: bytes = b""
    # what must hold: exit status, words the output must contain (one of each tuple), and
    # whether a clear error (exit 2) is the right answer
    statuses: Tuple[int, ...] = (1,)
    must_show: Tuple[Tuple[str, ...], ...] = ()
    must_not_show: Tuple[str, ...] = ()
    error: bool = False
    secrets: Tuple[str, ...] = ()
    # run before nhilint, with the project directory and a function that runs nhilint there
    setup: Optional[Callable[[Path, Callable[..., "Run"]], None]] = None
    environment: Mapping[str, str] = field(default_factory=dict)
    timeout: float = TIMEOUT
    cwd: str = "."  # where nhilint runs, in the project
    # a last condition on the project after the run (nothing written outside, ...)
    holds: Optional[Callable[[Path], bool]] = None


@dataclass(frozen=True)
class Run:
    status: Optional[int]  # None: killed at the timeout
    stdout: str
    stderr: str
    seconds: float


def nhilint(root: Path, args: Sequence[str], stdin: bytes = b"", timeout: float = TIMEOUT,
            environment: Optional[Mapping[str, str]] = None) -> Run:
    env = dict(os.environ, **(environment or {}))
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "nhilint", *args], cwd=root, env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        out, err = process.communicate(stdin, timeout=timeout)
        status: Optional[int] = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        status = None
    text = lambda data: data.decode("utf-8", errors="backslashreplace")  # noqa: E731
    return Run(status, text(out), text(err), time.monotonic() - started)


def leaked(secret: str, text: str) -> bool:
    """The secret, or 6 of its characters past the 4 a redaction keeps."""
    return secret in text or any(secret[i:i + 6] in text for i in range(4, max(len(secret) - 5, 5)))


def artefacts(root: Path) -> str:
    """Everything nhilint may have written in the project: output files, baselines, cache."""
    parts = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.suffix != ".py" and path.stat().st_size < 50_000_000:
            parts.append(path.read_bytes().decode("utf-8", errors="replace"))
    return "\n".join(parts)


_CONTROL = [chr(c) for c in range(32) if chr(c) not in "\n\t"] + ["\x7f", "\x9b", "\u202e"]


def forged_lines(run: Run) -> bool:
    """A line that GitHub Actions would run as a workflow command, or a control character."""
    for stream in (run.stdout, run.stderr):
        for line in stream.splitlines():
            ours = line.startswith(("::error file=", "::warning file=", "::notice file="))
            if line.startswith("::") and not ours:
                return True
        if any(char in stream for char in _CONTROL):
            return True
    return False


def classify(case: Case, run: Run, written: str = "", held: bool = True) -> str:
    if run.status is None:
        return "hang"
    if run.status < 0 or run.status not in (0, 1, 2, 130) or "Traceback (most recent call last)" in run.stderr:
        return "crash"
    shown = run.stdout + run.stderr + written
    if any(leaked(secret, shown) for secret in case.secrets):
        return "secret shown"
    if case.category == "injected names" and forged_lines(run):
        return "wrong"
    if case.error:
        return "clear error" if run.status == 2 and "nhilint: error:" in run.stderr else "wrong"
    if run.status not in case.statuses:
        return "wrong"
    if any(not any(word in shown for word in words) for words in case.must_show):
        return "wrong"
    if any(word in shown for word in case.must_not_show) or not held:
        return "wrong"
    return "handled"


# -- the cases -----------------------------------------------------------------------------------

def _in_function(expression: str) -> bytes:
    return f"import jwt\ndef f(t, k, a, b):\n    return {expression}\n".encode()


def deep_chains() -> Iterator[Case]:
    """Item 1: shapes that crashed libcst (SIGSEGV) or took minutes, with a decode after them:
    the file must be reported, analysed (NHL101) or not analysed (NHL900), never dropped."""
    shapes = {
        "8,000 and": " and ".join(["a"] * 8000), "10,000 plus": "+".join(["a"] * 10000),
        "10,000 unary minus": "-" * 10000 + "a", "20,000 attributes": "a" + ".b" * 20000,
        "3,000 parentheses": "(" * 3000 + "a" + ")" * 3000, "5,000 subscripts": "a" + "[0]" * 5000,
        "3,000 method calls": "a" + ".b()" * 3000, "2,000 lambdas": "lambda: " * 2000 + "a",
        "4,000 not": "not " * 4000 + "a", "4,000 power": "**".join(["a"] * 4000),
        "2,000 conditionals": "a if b else " * 2000 + "a",
    }
    for name, chain in shapes.items():
        source = _in_function(f"({chain}) or {DECODE}")
        reported = (("NHL101", "NHL900"),)
        yield Case("deep chains", f"{name}, --jobs 1", {"chain.py": source},
                   ("check", "--no-cache", "--jobs", "1", "--output-format", "concise", "."), must_show=reported)
        yield Case("deep chains", f"{name}, stdin", {}, ("check", "--stdin-filename", "chain.py", "--output-format",
                   "concise", "-"), stdin=source, must_show=reported)
    # valid code that was "nesting too deep": it must be analysed
    valid = {
        "200 method calls": _in_function("a" + ".b()" * 200 + f" or {DECODE}"),
        "500 elif": ("import jwt\ndef f(t, k):\n    if t == 0:\n        return 0\n"
                     + "".join(f"    elif t == {i}:\n        return {i}\n" for i in range(1, 500))
                     + f"    return {DECODE}\n").encode(),
        "1,000 unary minus": _in_function("-" * 1000 + DECODE),
    }
    topics = Path(sysconfig.get_paths()["stdlib"]) / "pydoc_data" / "topics.py"
    if topics.is_file():
        valid["the standard library's pydoc_data/topics.py"] = topics.read_bytes() + b"\n" + BAD_DECODE
    for name, source in valid.items():
        yield Case("deep chains", f"valid: {name}", {"valid.py": source}, must_show=(("NHL101",),),
                   must_not_show=("NHL900",))


def huge_inputs() -> Iterator[Case]:
    """Item 9: a size limit instead of minutes and gigabytes."""
    statements = b"import jwt\n" + b"x = a + b * c - d\n" * 1_340_000  # 22.8 MB
    literal = b'import jwt\nNOTES = """\n' + b"the token is refreshed here\n" * 370_000 + b'"""\n' + BAD_DECODE
    yield Case("huge inputs", "22.8 MB of statements", {"big.py": statements}, must_show=(("too large",),))
    yield Case("huge inputs", "10 MB string literal", {"big.py": literal}, must_show=(("too large",),))
    yield Case("huge inputs", "10 MB string literal, limit off", {"big.py": literal},
               ("check", "--no-cache", "--max-file-bytes", "0", "--output-format", "concise", "."),
               must_show=(("NHL101",),))
    yield Case("huge inputs", "5 MB buffer on stdin (the editor)", {}, ("check", "--stdin-filename", "big.py",
               "--output-format", "concise", "-"), stdin=statements[:5_000_000], must_show=(("too large",),))
    # many calls in one function or module: each call's questions asked once, not of every
    # other call (quadratic: 1,000 unverified decodes took 47 s, 2,000 would be minutes)
    many = {
        "2,000 decodes in one function": "".join(f"    {DECODE}  # {n}\n" for n in range(2000)),
        "1,000 unverified decodes in one function": "".join(
            f"    jwt.decode(t, options={{'verify_signature': False}})['c{n}']\n" for n in range(1000)),
    }
    for name, body in many.items():
        yield Case("huge inputs", name, {"many.py": f"import jwt\n\ndef f(t, k):\n{body}".encode()},
                   must_show=(("NHL10",),), timeout=60.0)
    chains = "".join(f"def f{n}(t):\n    return jwt.decode(t, options={{'verify_signature': False}})['sub']\n\n"
                     f"def g{n}(t):\n    log.info('t %s', t)\n    return f{n}(t)\n\n" for n in range(1000))
    yield Case("huge inputs", "1,000 helper chains in one module",
               {"chains.py": f"import jwt, logging\nlog = logging.getLogger(__name__)\n{chains}".encode()},
               must_show=(("NHL102",),), timeout=60.0)
    for unit in ("eyJ-", "[", "sk-", "ghp_", "xoxb-", "' ", "\\\\", "{{", "?a={"):
        text = unit * (990_000 // (len(json.dumps(unit)) - 2))  # escaped, just under the default size limit
        literal_file = f"import jwt\nAPI_KEY = {json.dumps(text)}\n".encode()
        yield Case("huge inputs", f"1 MB literal of {unit!r}", {"lit.py": literal_file},
                   ("check", "--no-cache", "--select", "NHL", "--output-format", "full", "--color", "never", "."),
                   statuses=(0, 1))


_GITHUB = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
PLANTED = {
    "quote": ('API_KEY = "Qz8\\"vL2pXw9rT4mKj7sNb3"', 'Qz8\\"vL2pXw9rT4mKj7sNb3'),
    "backslash": ("SECRET = 'Wq4\\\\nR7tY2uI9oP3aS6dF1g'", "Wq4\\\\nR7tY2uI9oP3aS6dF1g"),
    "comment": (f"# the old token was {_GITHUB}, now rotated", _GITHUB),
    "url password": ('DATABASE_URL = "postgres://app:Xk29fLq8Zr7Vm3Np@db:5432/app"', "Xk29fLq8Zr7Vm3Np"),
    "weak password": ('PASSWORD = "hunter2"', "hunter2"),
    "weak keyword": ('client = Client(client_secret="correct-horse")', "correct-horse"),
    "bearer header": ('HEADERS = {"Authorization": "Bearer 0penSesame"}', "0penSesame"),
    "f-string": ('AUTH = f"token {user}:Hj3kL9mN2bV5cX8z"', "Hj3kL9mN2bV5cX8z"),
    "concatenation": ('STRIPE = ("sk_live_" "4eC39HqLyjWDarjtT1zdp7dc")', "4eC39HqLyjWDarjtT1zdp7dc"),
    "multi-line key": ('PRIVATE_KEY = """-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw\n'
                       '-----END PRIVATE KEY-----"""', "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw"),
    "weak signing key": ('def mint(p):\n    return jwt.encode(p, "s3kr1t", algorithm="HS256")', "s3kr1t"),
}


def planted_secrets() -> Iterator[Case]:
    """Item 3: secrets planted in a file with findings, through every format, the baseline and
    the cache; and no fingerprint that confirms a guess of them."""
    body = "\n".join(line for line, _ in PLANTED.values())
    source = f"import os\nimport jwt\n{body}\n\ndef user(t, k):\n    return {DECODE}\n".encode()
    secrets = tuple(secret for _, secret in PLANTED.values())
    for fmt in ("full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit"):
        yield Case("planted secrets", f"--output-format {fmt}", {"settings.py": source},
                   ("check", "--select", "NHL", "--output-format", fmt, "--color", "never", "."),
                   must_show=(("NHL101",),), secrets=secrets)
        yield Case("planted secrets", f"--output-format {fmt} -o FILE", {"settings.py": source},
                   ("check", "--no-cache", "--select", "NHL", "--output-format", fmt, "-o", "report.out", "."),
                   must_show=(("NHL101",),), secrets=secrets)
    yield Case("planted secrets", "baseline file", {"settings.py": source},
               ("baseline", "--select", "NHL", "-o", "baseline.json", "."), statuses=(0,), secrets=secrets)
    yield Case("planted secrets", "--statistics", {"settings.py": source},
               ("check", "--select", "NHL", "--statistics", "."), secrets=secrets)
    guessed = [hashlib.sha256(f"NHL301\0settings.py\0\"{secret}\"".encode()).hexdigest()[:32] for secret in secrets]
    yield Case("planted secrets", "fingerprints (sarif, json, baseline)", {"settings.py": source},
               ("check", "--select", "NHL", "--output-format", "sarif", "."), must_show=(("NHL101",),),
               must_not_show=tuple(guessed), setup=lambda root, run: run(
                   root, ("baseline", "--select", "NHL", "-o", "baseline.json", ".")))


def hostile_caches() -> Iterator[Case]:
    """Item 2: caches planted in the tree or restored from elsewhere; the findings of bad.py must
    survive every one, and nothing may be written outside the project."""
    files = {"bad.py": BAD_DECODE, "plain.py": b"x = 1\n"}
    args = ("check", "--output-format", "concise", ".")

    def first_run(root: Path, run: Callable[..., Run]) -> Path:
        run(root, args)
        return next((root / ".nhilint_cache").glob("results-*.json"))

    def body(path: Path) -> bytes:
        data = path.read_bytes()
        return data.partition(b"\n")[2] if data.startswith(b"nhilint-cache") else data  # (or the old format)

    def forge(root: Path, run: Callable[..., Run]) -> None:
        """Rewritten by someone with a key of their own: findings emptied, MAC recomputed."""
        path = first_run(root, run)
        data = json.loads(body(path))
        for entry in data["files"].values():
            entry["findings"] = []
        key = b"the attacker's own key"
        forged = json.dumps(data).encode()
        mac = hmac.new(key, b"nhilint-cache 2 " + path.name.encode() + b"\0" + forged, hashlib.sha256).hexdigest()
        path.write_bytes(b"nhilint-cache 2 " + mac.encode() + b"\n" + forged)

    def legacy_forgery(root: Path, run: Callable[..., Run]) -> None:
        """The format before: plain JSON, trusted when the digest matched."""
        path = first_run(root, run)
        data = json.loads(body(path))
        for entry in data["files"].values():
            entry["findings"] = []
        data["format"] = 1
        path.write_text(json.dumps(data))

    def truncate(root: Path, run: Callable[..., Run]) -> None:
        path = first_run(root, run)
        path.write_bytes(path.read_bytes()[:100])

    def replace_with(data: bytes) -> Callable[[Path, Callable[..., Run]], None]:
        def setup(root: Path, run: Callable[..., Run]) -> None:
            first_run(root, run).write_bytes(data)
        return setup

    def link_to(target: str) -> Callable[[Path, Callable[..., Run]], None]:
        def setup(root: Path, run: Callable[..., Run]) -> None:
            path = first_run(root, run)
            path.unlink()
            os.symlink(target, path)
        return setup

    def fifo(root: Path, run: Callable[..., Run]) -> None:
        path = first_run(root, run)
        path.unlink()
        os.mkfifo(path)

    def directory_link(root: Path, run: Callable[..., Run]) -> None:
        outside = root.parent / "another-repository"
        outside.mkdir()
        os.symlink(outside, root / ".nhilint_cache")

    def marker_links(root: Path, run: Callable[..., Run]) -> None:
        outside = root.parent / "another-repository"
        outside.mkdir()
        (root / ".nhilint_cache").mkdir()
        for name in (".gitignore", "CACHEDIR.TAG"):
            os.symlink(outside / name, root / ".nhilint_cache" / name)

    def link_to_itself(root: Path, run: Callable[..., Run]) -> None:
        path = first_run(root, run)
        path.unlink()
        os.symlink(path.name, path)

    def nothing_outside(root: Path) -> bool:
        outside = root.parent / "another-repository"
        return not outside.exists() or not any(outside.iterdir())

    setups = {
        "forged with another key": forge, "forged in the old format": legacy_forgery, "truncated": truncate,
        "deeply nested JSON": replace_with(b"nhilint-cache 2 " + b"0" * 64 + b"\n" + b"[" * 2_000_000),
        "100 MB of spaces": replace_with(b" " * 100_000_000), "binary garbage": replace_with(os.urandom(4096)),
        "a link to /dev/zero": link_to("/dev/zero"), "a link to /dev/urandom": link_to("/dev/urandom"),
        "a FIFO": fifo, "a link to itself": link_to_itself,
        ".nhilint_cache a link outside": directory_link, "markers links outside": marker_links,
    }
    for name, setup in setups.items():
        if sys.platform == "win32" and "link" in name or not hasattr(os, "mkfifo") and name == "a FIFO":
            continue
        yield Case("hostile caches", name, files, args, must_show=(("bad.py:3:12: NHL101",),), setup=setup,
                   holds=nothing_outside, timeout=30)


INJECTED_ENV_VAR = b'''import os

class ProductionConfig:
    PAYMENTS_TOKEN = os.environ["""PAY
::add-mask::x\x1b[2J\x07"""]

class StagingConfig:
    PAYMENTS_TOKEN = os.environ["""PAY
::add-mask::x\x1b[2J\x07"""]
'''


def injected_names() -> Iterator[Case]:
    """Item 5: names from the tree with line breaks, escape sequences and bidi overrides."""
    names = {
        "a newline and ::error in a file name": "x\n::error file=a.py,line=1::forged.py",
        "::add-mask:: in a file name": "y\n::add-mask::everything.py",
        "an escape sequence in a file name": "z\x1b[2J\x1b]0;title\x07.py",
        "a bidi override in a file name": "w\u202eyp.txt.py",
    }
    formats = ("concise", "full", "github", "junit")
    for name, file_name in names.items():
        if sys.platform == "win32":
            break
        for fmt in formats:
            yield Case("injected names", f"{name}, {fmt}", {file_name: BAD_DECODE},
                       ("check", "--no-cache", "--output-format", fmt, "--color", "never", "."),
                       must_show=(("NHL101",),))
    for fmt in formats:
        yield Case("injected names", f"an env var name with ::add-mask:: in a message, {fmt}",
                   {"settings.py": INJECTED_ENV_VAR},
                   ("check", "--no-cache", "--output-format", fmt, "--color", "never", "."), must_show=(("NHL303",),))
    yield Case("injected names", "a config key with ::add-mask::", {
        "nhilint.toml": b'"evil\\n::add-mask::x\\u001b[2J" = 1\n', "app.py": BAD_DECODE}, must_show=(("NHL101",),))


def config_errors() -> Iterator[Case]:
    """Items 4 and 6: configuration and input errors exit 2 with a message."""
    app = {"app.py": BAD_DECODE}
    configs = {
        "malformed pyproject.toml": b'[tool.nhilint]\nselect = ["NHL1"\n',
        "BOM-prefixed pyproject.toml": b'\xef\xbb\xbf[tool.nhilint]\nselect = ["NHL1"]\n',
        "Latin-1 pyproject.toml": b'[tool.nhilint]\n# caf\xe9\nselect = ["NHL1"]\n',
        "10,000-deep arrays": b"[tool.nhilint]\nselect = " + b"[" * 10000 + b"]" * 10000 + b"\n",
        "10,000-deep inline tables": b"x = " + b"{a = " * 10000 + b"1" + b"}" * 10000 + b"\n",
        "tool = string": b'tool = "x"\n',
        "empty code in ignore": b'[tool.nhilint]\nignore = [""]\n',
        "empty code in per-file-ignores": b'[tool.nhilint.per-file-ignores]\n"*.py" = [""]\n',
        "exclude pattern '!'": b'[tool.nhilint]\nexclude = ["!"]\n',
        "exclude pattern '[z-a]'": b'[tool.nhilint]\nextend-exclude = ["[z-a]"]\n',
        "max-file-bytes = -1": b"[tool.nhilint]\nmax-file-bytes = -1\n",
    }
    for name, config in configs.items():
        # a parent directory's config must not apply instead
        files = {"pyproject.toml": b'[tool.nhilint]\nselect = ["NHL4"]\n', "sub/pyproject.toml": config,
                 "sub/app.py": BAD_DECODE}
        yield Case("config errors", name, files, ("check", "--no-cache", "."), error=True, cwd="sub")
    baselines = {
        "baseline of 100,000-deep JSON": b'{"version": 1, "findings": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "baseline not UTF-8": b"\xff\xfe{}",
        "baseline count 1e999": b'{"version": 1, "findings": [{"code": "NHL101", "path": "a", "fingerprint": "f", '
                                b'"count": 1e999}]}',
    }
    for name, data in baselines.items():
        yield Case("config errors", name, {**app, "base.json": data},
                   ("check", "--no-cache", "--baseline", "base.json", "."), error=True)
    if hasattr(os, "mkfifo"):
        yield Case("config errors", "baseline is a FIFO", app, ("check", "--baseline", "base.json", "."), error=True,
                   setup=lambda root, run: os.mkfifo(root / "base.json"), timeout=30)
    yield Case("config errors", "report to an unwritable path", app,
               ("check", "--no-cache", "-o", "/nonexistent/dir/report.txt", "."), error=True)


def silent_drops() -> Iterator[Case]:
    """Item 4: what could not be checked is always said."""
    broken = {"bad.py": b"import jwt\ndef broken(:\n"}
    yield Case("silent drops", "--select NHL1 keeps NHL900", broken,
               ("check", "--no-cache", "--select", "NHL1", "--output-format", "concise", "."), must_show=(("NHL900",),))
    yield Case("silent drops", "--ignore NHL9 keeps NHL900", broken,
               ("check", "--no-cache", "--ignore", "NHL9", "--output-format", "concise", "."), must_show=(("NHL900",),))
    yield Case("silent drops", "no Python files: a warning", {"notes.txt": b"x"}, statuses=(0,),
               must_show=(("warning: no Python files",),))
    yield Case("silent drops", "no rules selected: a warning", {"app.py": BAD_DECODE},
               ("check", "--no-cache", "--select", "NHL1", "--ignore", "NHL1", "."), statuses=(0,),
               must_show=(("warning: no rules selected",),))
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        yield Case("silent drops", "an unreadable directory", {"locked/app.py": BAD_DECODE},
                   must_show=(("cannot read directory",),), setup=lambda root, run: (root / "locked").chmod(0))


def bad_files() -> Iterator[Case]:
    """SPEC §8's list, through the command."""
    token = b"import jwt\n"
    files = {
        "syntax error": token + b"def broken(:\n", "NUL bytes": token + b"x = 1\x00\n",
        "binary (ELF)": b"\x7fELF\x02\x01\x01\x00jwt\x00\x00\x03\x00", "UTF-16 BOM": b"\xff\xfe" + token,
        "not UTF-8": token + b"s = '\xff\xfe'\n", "unknown coding cookie": b"# -*- coding: klingon -*-\n" + token,
        "1,000-deep indentation": token + b"".join(b" " * d + b"if t:\n" for d in range(1000)) + b" " * 1000 + b"pass\n",
    }
    for name, data in files.items():
        yield Case("bad files", name, {"bad.py": data, "later.py": BAD_DECODE}, must_show=(("bad.py:",), ("later.py:",)))
    yield Case("bad files", "empty stdin", {}, ("check", "--stdin-filename", "a.py", "-"), statuses=(0,))
    if hasattr(os, "mkfifo"):
        yield Case("bad files", "a FIFO named x.py", {"later.py": BAD_DECODE}, must_show=(("not a regular file",),),
                   setup=lambda root, run: os.mkfifo(root / "pipe.py"), timeout=30)
    if sys.platform != "win32":
        def loops(root: Path, run: Callable[..., Run]) -> None:
            os.symlink(root / "b.py", root / "a.py")
            os.symlink(root / "a.py", root / "b.py")
            os.symlink(root, root / "sub")
        yield Case("bad files", "symlink loops", {"later.py": BAD_DECODE}, must_show=(("a.py:",), ("later.py:",)),
                   setup=loops)


def processes() -> Iterator[Case]:
    """Items 6 and 7 are tested by tests/test_processes.py (Ctrl-C exits 130, workers end with
    their parent); here, Ctrl-C in the middle of a run of slow files."""
    slow = {f"m{i:02}.py": b"import jwt\nx = a" + b"[0]" * 2500 + b"\n" for i in range(20)}
    for jobs in ("1", "2"):
        yield Case("processes", f"Ctrl-C with --jobs {jobs}", slow, ("check", "--no-cache", "--jobs", jobs, "."),
                   statuses=(130,), environment={INTERRUPT: "3"}, must_not_show=("Traceback",))


INTERRUPT = "NHILINT_BENCHMARK_INTERRUPT_AFTER"  # for run_case only: not read by nhilint


def all_cases() -> List[Case]:
    return [*deep_chains(), *huge_inputs(), *planted_secrets(), *hostile_caches(), *injected_names(),
            *config_errors(), *silent_drops(), *bad_files(), *processes()]


def _write(root: Path, files: Mapping[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def run_case(case: Case, workspace: Path) -> Tuple[str, Run]:
    project = workspace / "project"
    project.mkdir(parents=True)
    _write(project, case.files)
    cwd = os.getcwd()
    try:
        if case.setup is not None:
            try:
                case.setup(project, lambda root, args: nhilint(root, args))
            except Exception as error:  # the input could not even be made (a first run failed)
                return "wrong", Run(2, "", f"setup failed: {type(error).__name__}: {error}", 0.0)
        environment = {key: value for key, value in case.environment.items() if key != INTERRUPT}
        where = project / case.cwd
        if INTERRUPT in case.environment:
            run = _interrupted(where, case.args, float(case.environment[INTERRUPT]), case.timeout)
        else:
            run = nhilint(where, case.args, case.stdin, case.timeout, environment)
    finally:
        os.chdir(cwd)
    written = artefacts(project) if case.secrets or case.must_not_show else ""
    held = case.holds(project) if case.holds is not None else True
    return classify(case, run, written, held), run


def _interrupted(root: Path, args: Sequence[str], after: float, timeout: float) -> Run:
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "nhilint", *args], cwd=root, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(after)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C reaches the whole group
    try:
        out, err = process.communicate(timeout=timeout)
        status: Optional[int] = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        status = None
    return Run(status, out.decode(errors="replace"), err.decode(errors="replace"), time.monotonic() - started)


def run_all(cases: Sequence[Case], progress: Callable[[str], None] = lambda line: None) -> List[Tuple[Case, str, Run]]:
    """Every case in its own temporary directory, with its own per-user cache directory."""
    results = []
    with tempfile.TemporaryDirectory(prefix="nhilint-adversarial-") as scratch:
        os.environ["XDG_CACHE_HOME"] = str(Path(scratch) / "user-cache")
        os.environ.pop("NHILINT_CACHE_KEY", None)
        for index, case in enumerate(cases):
            workspace = Path(scratch) / f"case-{index:03}"
            outcome, run = run_case(case, workspace)
            results.append((case, outcome, run))
            progress(f"{outcome:>12}  {run.seconds:6.1f} s  {case.category}: {case.name}")
            shutil.rmtree(workspace, ignore_errors=True)
    return results


def figures(results: Sequence[Tuple[Case, str, Run]]) -> Dict[str, Dict[str, int]]:
    """Per category (and 'all'): inputs tried and the count of each outcome."""
    table: Dict[str, Dict[str, int]] = {}
    for case, outcome, _ in results:
        for row in (case.category, "all"):
            counts = table.setdefault(row, {"inputs": 0, **{name: 0 for name in OUTCOMES}})
            counts["inputs"] += 1
            counts[outcome] += 1
    return table


def figures_table(table: Mapping[str, Mapping[str, int]]) -> str:
    """Markdown: one row per category, then all."""
    header = "| category | inputs | handled | clear errors | crashes | hangs | wrong | secrets shown |"
    lines = [header, "|---|" + "---:|" * 7]
    for row in [*sorted(name for name in table if name != "all"), "all"]:
        counts = table[row]
        cells = [counts["inputs"], counts["handled"], counts["clear error"], counts["crash"], counts["hang"],
                 counts["wrong"], counts["secret shown"]]
        name = "**all**" if row == "all" else row
        lines.append(f"| {name} | " + " | ".join(str(cell) for cell in cells) + " |")
    return "\n".join(lines)
