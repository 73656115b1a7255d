"""No output shows a secret in clear, nor a hash that confirms a guessed one (issue 17 item 3).

Before: `full` frames showed comments, multi-line strings and URL passwords as they were, and
even literals NHL301 flags when they held a quote or a backslash; fingerprints were unsalted
hashes of the literal source, so a guessed secret could be confirmed offline from a baseline
or a SARIF file.
"""

from __future__ import annotations

import hashlib
import io
from typing import Dict

import pytest
from click.testing import CliRunner

from nhilint import api
from nhilint.baseline import dumps, from_findings
from nhilint.cli import main
from nhilint.fingerprint import fingerprint
from nhilint.ftypes import Settings
from nhilint.redact import redact_lines
from nhilint.reporters import PUBLIC_FORMATS, renderer

# Each planted secret, and the line it sits on; each must vanish from every frame.
PLANTED: Dict[str, str] = {
    "quote": 'API_KEY = "Qz8\\"vL2pXw9rT4mKj7sNb3"',
    "backslash": "SECRET = 'Wq4\\\\nR7tY2uI9oP3aS6dF1g'",
    "comment": "# the old token was ghp_q7Z2lW9nP4rK1vY8xJ3dH6gS0fB5mC2aE7uO9, now rotated",
    "url": 'DATABASE_URL = "postgres://app:Xk29fLq8Zr7Vm3Np@db.internal:5432/app"',
    "weak-under-name": 'PASSWORD = "hunter2"',
    "weak-keyword": 'client = Client(client_secret="correct-horse")',
    "bearer": 'HEADERS = {"Authorization": "Bearer 0penSesame"}',
    "fstring": 'AUTH = f"token {user}:Hj3kL9mN2bV5cX8z"',
    "concatenated": 'STRIPE = ("sk_live_" "4eC39HqLyjWDarjtT1zdp7dc")',
}
SECRETS = {
    "quote": 'Qz8\\"vL2pXw9rT4mKj7sNb3', "backslash": "Wq4\\\\nR7tY2uI9oP3aS6dF1g",
    "comment": "ghp_q7Z2lW9nP4rK1vY8xJ3dH6gS0fB5mC2aE7uO9", "url": "Xk29fLq8Zr7Vm3Np",
    "weak-under-name": "hunter2", "weak-keyword": "correct-horse", "bearer": "0penSesame",
    "fstring": "Hj3kL9mN2bV5cX8z", "concatenated": "4eC39HqLyjWDarjtT1zdp7dc",
}
MULTILINE_KEY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7"
PEM = f'PRIVATE_KEY = """-----BEGIN PRIVATE KEY-----\n{MULTILINE_KEY}\n-----END PRIVATE KEY-----"""'
WEAK_JWT_KEY = "s3kr1t"
KEPT = ['ALGORITHMS = ["RS256"]', 'URL = "https://login.example.com/oauth/token"',
        'MESSAGE = "token expired, log in again"', 'NAME = os.environ["GITHUB_TOKEN"]', "# audience is checked"]


def leaks(secret: str, text: str) -> bool:
    """The secret, or any 6 characters of it past the 4 a redaction keeps."""
    return secret in text or any(secret[i:i + 6] in text for i in range(4, max(len(secret) - 5, 5)))


def source() -> str:
    body = "\n".join([*PLANTED.values(), PEM, *KEPT])
    return (f"import os\nimport jwt\n{body}\n\ndef mint(payload):\n"
            f"    return jwt.encode(payload, \"{WEAK_JWT_KEY}\", algorithm=\"HS256\")\n\n"
            "def user(token, key):\n    return jwt.decode(token, key, algorithms=[\"RS256\"])\n")


def test_every_secret_is_redacted_and_ordinary_code_kept():
    lines = source().splitlines()
    redacted = "\n".join(redact_lines(lines))
    for name, secret in SECRETS.items():
        assert not leaks(secret, redacted), name
    assert not leaks(MULTILINE_KEY, redacted)
    for line in KEPT:
        assert line in redacted
    assert len(redact_lines(lines)) == len(lines)  # line numbers stay right


def test_a_flagged_literal_is_redacted_however_weak():
    """NHL301 flags any literal in a key position; its finding covers exactly that literal."""
    lines = source().splitlines()
    row = next(n for n, line in enumerate(lines, 1) if WEAK_JWT_KEY in line)
    column = lines[row - 1].index(f'"{WEAK_JWT_KEY}"') + 1
    span = ((row, column), (row, column + len(WEAK_JWT_KEY) + 2))
    assert WEAK_JWT_KEY in "\n".join(redact_lines(lines))  # a weak key, and no name says so
    assert WEAK_JWT_KEY not in "\n".join(redact_lines(lines, [span]))


def test_full_output_shows_no_planted_secret(tmp_path, monkeypatch):
    (tmp_path / "settings.py").write_text(source())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "NHL", "--output-format", "full",
                                       "--color", "never", "settings.py"])
    assert result.exit_code == 1 and "NHL101" in result.output and "NHL301" in result.output
    for name, secret in [*SECRETS.items(), ("pem", MULTILINE_KEY), ("jwt key", WEAK_JWT_KEY)]:
        assert not leaks(secret, result.output), name


def test_redaction_never_fails_on_code_it_cannot_tokenize():
    lines = ['x = """unterminated ghp_q7Z2lW9nP4rK1vY8xJ3dH6gS0fB5mC2aE7uO9', "   )", "\tdef f(:"]
    redacted = redact_lines(lines)
    assert len(redacted) == 3 and not leaks("ghp_q7Z2lW9nP4rK1vY8xJ3dH6gS0fB5mC2aE7uO9", "\n".join(redacted))


# -- fingerprints -------------------------------------------------------------------------------

def legacy(code: str, path: str, node_source: str) -> str:
    """The fingerprint before: a hash a guess of the literal can be checked against."""
    normalised = " ".join(node_source.split())
    return hashlib.sha256(f"{code}\0{path}\0{normalised}".encode()).hexdigest()[:32]


def test_a_fingerprint_holds_no_literal_and_no_comment():
    one = fingerprint("NHL301", "a.py", '"Zq8vL2pXw9rT4mKj7sNb"')
    assert one == fingerprint("NHL301", "a.py", '"Aa1bB2cC3dD4eE5fF6gG"')  # same kind and length class
    assert one != legacy("NHL301", "a.py", '"Zq8vL2pXw9rT4mKj7sNb"')
    call = 'jwt.decode(token, "s3kr1t",  # the key\n    algorithms=["RS256"])'
    assert fingerprint("NHL101", "a.py", call) == fingerprint(
        "NHL101", "a.py", 'jwt.decode(token, "hunter",  # another comment\n    algorithms=["HS256"])')
    assert fingerprint("NHL101", "a.py", call) != fingerprint("NHL101", "a.py", call.replace("token", "tok"))
    assert fingerprint("NHL101", "a.py", call) != fingerprint("NHL101", "a.py", call.replace('"s3kr1t"', "k"))


def test_fingerprints_of_code_without_literals_are_unchanged():
    """Baselines written before keep matching every finding whose code holds no literal."""
    call = "jwt.decode(token, key, options=OPTS)"
    assert fingerprint("NHL101", "app/auth.py", call) == legacy("NHL101", "app/auth.py", call)


@pytest.mark.parametrize("fmt", PUBLIC_FORMATS)
def test_no_format_holds_a_secret_or_a_confirming_hash(tmp_path, fmt):
    (tmp_path / "settings.py").write_text(source())
    run = api.check_paths([str(tmp_path)], Settings(root=str(tmp_path), select=("NHL",)))
    out = io.StringIO()
    renderer(fmt)(run, out, False)
    text = out.getvalue() + dumps(from_findings(run.findings))
    for secret in [*SECRETS.values(), MULTILINE_KEY, WEAK_JWT_KEY]:
        assert not leaks(secret, text)
    confirming = [legacy(f.code, f.path, f'"{WEAK_JWT_KEY}"') for f in run.findings]
    assert not any(hash_ in text for hash_ in confirming)
