"""Token files (nhilint.flow.stores.saved_files): a dict saved to a file is a store kept for good,
and a finding names the file only by a name the code gives it, never by a literal path."""

from __future__ import annotations

import textwrap

from click.testing import CliRunner

from nhilint.cli import main

SOURCE = textwrap.dedent('''
    import json

    import msal

    TOKEN_FILE = "tokens.json"


    def token_for(scope, tenant):
        app = msal.PublicClientApplication("client-id", authority=f"https://login.microsoftonline.com/{tenant}")
        token = app.acquire_token_interactive(scopes=[scope])["access_token"]
        data = {}
        data["access_token"] = token
        with open(PATH, "w") as handle:
            json.dump(data, handle)
        return token
''')


def _findings(tmp_path, path_expression: str) -> list:
    source = tmp_path / "tokens.py"
    source.write_text(SOURCE.replace("PATH", path_expression))
    result = CliRunner().invoke(main, ["check", str(source), "--no-cache", "--isolated", "--output-format", "concise",
                                       "--select", "NHL202"])
    return [line for line in result.output.splitlines() if ": NHL202" in line]


def test_a_file_named_by_a_constant_is_named_in_the_message(tmp_path):
    [finding] = _findings(tmp_path, "TOKEN_FILE")
    assert "the file `TOKEN_FILE`" in finding


def test_a_literal_path_is_never_printed(tmp_path):
    literal = '"/var/cache/sk_live_4eC39HqLyjWDarjtT1zdp7dc.json"'
    [finding] = _findings(tmp_path, literal)
    assert "sk_live_" not in finding and "the dict `data` saved to a file" in finding
