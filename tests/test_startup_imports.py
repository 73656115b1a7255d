"""A check does not import what it does not need: `libcst.matchers` builds some 400 dataclasses
when imported (0.6 s, more than a whole check of a token-heavy file), so no rule uses it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """\
    import sys
    from nhilint.cli import main
    try:
        main(["check", sys.argv[1], "--no-cache", "--isolated", "-q", "--exit-zero"])
    except SystemExit:
        pass
    print("libcst.matchers" in sys.modules)
    """
)


def test_checking_jwt_code_does_not_import_libcst_matchers(tmp_path):
    token_code = tmp_path / "auth.py"
    token_code.write_text(textwrap.dedent(
        """\
        import jwt
        from authlib.jose import JsonWebToken

        VERIFIER = JsonWebToken(["RS256"])

        def claims(token, key, algorithms):
            if VERIFIER.decode(token, key)["aud"] != "orders":
                raise ValueError("audience")
            return jwt.decode(token, key, algorithms=algorithms)
        """
    ))
    done = subprocess.run([sys.executable, "-c", PROBE, str(token_code)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"
