"""Configuration: where it is found, what each key does, and how bad values are refused."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from nhilint import api
from nhilint.config import ConfigError, find_config, load_settings, rule_option_types
from nhilint.registry import all_rules

LEEWAY = textwrap.dedent(
    """\
    import jwt

    def user(token, key):
        return jwt.decode(token, key, algorithms=["HS256"], audience="a", leeway=600)
    """
)


def load(tmp_path: Path, text: str, name: str = "nhilint.toml", warnings=None):
    (tmp_path / name).write_text(textwrap.dedent(text))
    sink = warnings if warnings is not None else []
    return load_settings(None, tmp_path, rule_option_types(all_rules()), sink.append)


def codes_in(tmp_path: Path, settings, source: str, name: str = "mod.py"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)
    result = api.check_paths([str(path)], settings)
    return [f.code for f in result.findings]


def test_pyproject_tool_table_is_found_from_a_subdirectory(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.nhilint]\nignore = ["NHL103"]\n')
    sub = tmp_path / "src" / "pkg"
    sub.mkdir(parents=True)
    assert find_config(sub) == tmp_path / "pyproject.toml"
    settings = load_settings(None, sub, rule_option_types(all_rules()), lambda m: None)
    assert settings.ignore == ("NHL103",)
    assert Path(settings.root) == tmp_path.resolve()


def test_pyproject_without_our_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n')
    (tmp_path / ".nhilint.toml").write_text('select = ["NHL1"]\n')
    assert find_config(tmp_path) == tmp_path / ".nhilint.toml"


def test_no_config_gives_defaults(tmp_path):
    settings = load_settings(None, tmp_path, rule_option_types(all_rules()), lambda m: None)
    assert settings.select == () and settings.config_file is None


def test_rule_option_changes_the_rule(tmp_path):
    assert codes_in(tmp_path, load(tmp_path, ""), LEEWAY) == ["NHL103"]
    relaxed = load(tmp_path, "[rules.NHL103]\nmax-leeway-seconds = 900\n")
    assert relaxed.rule_options == {"NHL103": {"max-leeway-seconds": 900.0}}
    assert codes_in(tmp_path, relaxed, LEEWAY) == []


def test_rule_option_of_wrong_type(tmp_path):
    with pytest.raises(ConfigError, match=r"'rules.NHL103.max-leeway-seconds' must be a number, got a string"):
        load(tmp_path, '[rules.NHL103]\nmax-leeway-seconds = "10m"\n')


def test_unknown_rule_option_warns(tmp_path):
    warnings = []
    load(tmp_path, "[rules.NHL103]\nnope = 1\n[apis]\nmore = 1\n", warnings=warnings)
    assert warnings == [f"{tmp_path / 'nhilint.toml'}: unknown key 'rules.NHL103.nope' (ignored)",
                        f"{tmp_path / 'nhilint.toml'}: unknown key 'apis.more' (ignored)"]


def test_unknown_top_level_key_warns_with_file_and_key(tmp_path):
    warnings = []
    load(tmp_path, 'line-length = 3\n', warnings=warnings)
    assert warnings == [f"{tmp_path / 'nhilint.toml'}: unknown key 'line-length' (ignored)"]


@pytest.mark.parametrize(
    "text, message",
    [
        ('select = "NHL1"', "'select' must be a list of strings, got a string"),
        ("exclude = [1]", "'exclude' must be a list of strings"),
        ('respect-gitignore = "yes"', "'respect-gitignore' must be a boolean, got a string"),
        ('per-file-ignores = ["x"]', "'per-file-ignores' must be a table"),
        ('[per-file-ignores]\n"t/*" = "NHL101"', "'per-file-ignores.t/*' must be a list of strings"),
        ("rules = 3", "'rules' must be a table of rule codes"),
        ("[apis]\njwt-decoders = 3", "'apis.jwt-decoders' must be a table"),
        ('[apis.jwt-decoders]\n"a.b" = "nothing.known"', "'nothing.known' is not a JWT API nhilint knows"),
        ("select = [", "invalid TOML"),
        # rule codes nhilint does not have are errors wherever they are named
        ('select = ["NHL999"]', "'select': 'NHL999' is not a rule code or code prefix"),
        ('ignore = ["E501"]', "'ignore': 'E501' is not a rule code or code prefix"),
        ('extend-select = ["nhl1"]', "'extend-select': 'nhl1' is not a rule code or code prefix"),
        ('[per-file-ignores]\n"t/*" = ["NHL1", "NHL7"]', "'per-file-ignores.t/*': 'NHL7' is not a rule code"),
        ("[rules.NHL999]\nx = 1", "'rules.NHL999' is not a rule code"),
        # out of range
        ("[rules.NHL103]\nmax-leeway-seconds = -5", "'rules.NHL103.max-leeway-seconds' must be at least 0, got -5"),
        ("[rules.NHL103]\ncheck-tests = 1", "'rules.NHL103.check-tests' must be a boolean, got an integer"),
        ('min-severity = "severe"', "'min-severity' must be low, medium or high, got 'severe'"),
    ],
)
def test_invalid_values_name_file_key_and_type(tmp_path, text, message):
    with pytest.raises(ConfigError) as error:
        load(tmp_path, text + "\n")
    assert message in str(error.value)
    assert "nhilint.toml" in str(error.value)


def test_per_file_ignores_by_glob_and_name(tmp_path):
    settings = load(tmp_path, '[per-file-ignores]\n"tests/*" = ["NHL1"]\n"conftest.py" = ["NHL103"]\n')
    assert codes_in(tmp_path, settings, LEEWAY, "tests/test_a.py") == []
    assert codes_in(tmp_path, settings, LEEWAY, "pkg/conftest.py") == []
    assert codes_in(tmp_path, settings, LEEWAY, "src/a.py") == ["NHL103"]


def test_select_and_extend_select_from_config(tmp_path):
    settings = load(tmp_path, 'select = ["NHL104"]\nextend-select = ["NHL103"]\n')
    assert codes_in(tmp_path, settings, LEEWAY) == ["NHL103"]


def test_user_jwt_decoder_is_checked_like_the_one_it_resembles(tmp_path):
    settings = load(tmp_path, '[apis.jwt-decoders]\n"acme.auth.verify_jwt" = "jwt.decode"\n')
    source = textwrap.dedent(
        """\
        from acme.auth import verify_jwt

        def user(token, key):
            return verify_jwt(token, key, algorithms=["RS256"])

        def checked(token, key):
            return verify_jwt(token, key, algorithms=["RS256"], audience="orders")
        """
    )
    result = api.check_paths([str(_write(tmp_path, source))], settings)
    assert [(f.code, f.start.line) for f in result.findings] == [("NHL101", 4)]
    # without the config entry the call is unknown to nhilint, and stays silent
    assert codes_in(tmp_path, load(tmp_path, ""), source) == []


def _write(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "user_api.py"
    path.write_text(source)
    return path


def test_user_cache_decorator_and_token_source(tmp_path):
    settings = load(tmp_path, textwrap.dedent("""\
        [apis]
        token-sources = ["acme.auth.service_credential"]
        [apis.cache-decorators]
        "acme.memo.forever" = "functools.lru_cache"
        """))
    source = textwrap.dedent(
        """\
        from acme.auth import service_credential
        from acme.memo import forever

        @forever
        def graph():
            return service_credential("graph")
        """
    )
    path = tmp_path / "client.py"
    path.write_text(source)
    result = api.check_paths([str(path)], settings)
    assert [(f.code, f.start.line) for f in result.findings] == [("NHL202", 4)]
    # without the entries nhilint knows neither name, and stays silent
    assert codes_in(tmp_path, load(tmp_path, ""), source, "client2.py") == []


def test_unknown_cache_decorator_to_resemble(tmp_path):
    with pytest.raises(ConfigError, match="'functools.nothing' is not a cache decorator nhilint knows"):
        load(tmp_path, '[apis.cache-decorators]\n"a.b" = "functools.nothing"\n')


def test_a_bad_rule_code_in_the_config_stops_the_command_naming_file_and_key(tmp_path):
    import subprocess
    import sys

    (tmp_path / "pyproject.toml").write_text('[tool.nhilint.per-file-ignores]\n"tests/*" = ["NHL1", "jwt-decode"]\n')
    (tmp_path / "mod.py").write_text(LEEWAY)
    done = subprocess.run([sys.executable, "-m", "nhilint", "check", "mod.py"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (f"nhilint: error: {tmp_path / 'pyproject.toml'}: 'per-file-ignores.tests/*': "
                           "'jwt-decode' is not a rule code or code prefix (see `nhilint rules`)\n")
