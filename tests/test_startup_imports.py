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


WARM_PROBE = textwrap.dedent(
    """\
    import sys
    from nhilint.cli import main
    try:
        main(["check", ".", "-q", "--exit-zero"])
    except SystemExit:
        pass
    print(sorted(name for name in ("nhilint.project.index", "nhilint.project.exports", "libcst") if name in sys.modules))
    """
)


def test_a_warm_run_does_not_import_the_index(tmp_path):
    """All results cached: the run checks what they depend on (nhilint.project.freshness) and
    reads them; the index, its exports (their dataclasses) and libcst are not needed."""
    (tmp_path / "nhilint.toml").write_text("")
    (tmp_path / "settings.py").write_text('JWT_OPTIONS = {"verify_aud": False}\n')
    (tmp_path / "auth.py").write_text(textwrap.dedent(
        """\
        import jwt
        import requests
        from settings import JWT_OPTIONS

        def claims(token, key):
            return jwt.decode(token, key, algorithms=["HS256"], options=JWT_OPTIONS)
        """
    ))
    cold = subprocess.run([sys.executable, "-c", WARM_PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert cold.returncode == 0, cold.stderr
    assert "nhilint.project.index" in cold.stdout  # the cold run used the index (or this test proves nothing)
    warm = subprocess.run([sys.executable, "-c", WARM_PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert warm.returncode == 0, warm.stderr
    assert warm.stdout.strip().splitlines()[-1] == "[]"


FACTS_PROBE = textwrap.dedent(
    """\
    import sys
    from nhilint.cli import main
    try:
        main(["check", "auth.py", "--no-cache", "-q", "--exit-zero"])
    except SystemExit:
        pass
    print(sorted(name for name in ("nhilint.project.exports", "nhilint.project.facts") if name in sys.modules))
    """
)


def test_a_check_without_project_wide_questions_does_not_create_the_facts_classes(tmp_path):
    """The other module's export is read (a helper's summary), but no question spans the
    project: nhilint.project.facts, whose four dataclasses cost ~16 M instructions to create,
    is not imported."""
    (tmp_path / "nhilint.toml").write_text("")
    (tmp_path / "tokens.py").write_text(textwrap.dedent(
        """\
        import jwt

        def claims(token, key):
            return jwt.decode(token, key, algorithms=["HS256"])
        """
    ))
    (tmp_path / "auth.py").write_text(textwrap.dedent(
        """\
        from tokens import claims

        def user(request, key):
            return claims(request.headers["Authorization"], key)["sub"]
        """
    ))
    done = subprocess.run([sys.executable, "-c", FACTS_PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "['nhilint.project.exports']"
