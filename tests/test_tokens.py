"""Is this a token? Names (where the code does not show where a value comes from) and the flow
layer's labels (where it does)."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from nhilint.analysis.names import is_token_name
from nhilint.catalogue import DEFAULT_CATALOGUE
from nhilint.context import FileContext
from nhilint.flow import module_flow
from nhilint.flow.labels import token_labels


@pytest.mark.parametrize(
    "name", ["access_token", "accessToken", "AUTH_TOKEN", "api_key", "apiKey", "GITHUB_TOKEN", "bearer",
             "id_token", "refresh_token", "client_secret", "jwt", "service_credentials", "last_token",
             "session_token", "home_token", "subscription_token", "token_str", "secret_b64"],
)
def test_token_names(name):
    assert is_token_name(name)


@pytest.mark.parametrize(
    "name", ["next_token", "NextToken", "token_type", "TOKEN_URL", "token_endpoint", "TOKEN_PREFIX",
             "csrf_token", "token_expires_at", "page_token", "tokenizer", "keyboard", "tokens_used_count",
             "_credential_refresh_attempt", "token_manager", "credentials_provider", "starting_token",
             "StartingToken", "_starting_token", "resume_token", "pagination_token", "hashed_password",
             "HashedPassword", "hash_secret", "after_token", "beforeToken", "skip_token", "delta_token",
             "APIKEY_FILE_HOME", "token_subscription", "token_tenant", "access_token_expires", "token_pk",
             "refresh_token_expires_in",
             # an OTP device's serial numbers and a moment; an identifier in an encoding (study 16)
             "token_serial", "token_serials", "tokenDt", "token_date", "credential_id_b64",
             # alone, words or a count (study 17)
             "tokens", "_tokens",
             # what is counted or summed of them (rapporto's alert words, study 68)
             "token_summary_data", "token_stats", "tokenCounts", "token_usage"],
)
def test_not_token_names(name):
    assert not is_token_name(name)


def _value(expression: str) -> bool:
    source = textwrap.dedent(
        f"""\
        import os
        import requests
        probe({expression})
        """
    )
    module = cst.parse_module(source)
    context = FileContext(module, "m.py", DEFAULT_CATALOGUE, {})
    call = module.body[-1].body[0].value
    return bool(token_labels(module_flow(context).module_flow().labels(call.args[0].value)))


@pytest.mark.parametrize(
    "expression, expected",
    [
        ('os.environ["API_TOKEN"]', True),
        ('os.getenv("GITHUB_TOKEN")', True),
        ('os.environ.get("DATABASE_HOST")', False),
        ("settings.ACCESS_TOKEN", True),
        ("settings.TOKEN_URL", False),
        ('requests.post(url).json()["access_token"]', True),
        ("credential.get_token(scope).token", True),
        ("user.name", False),
    ],
)
def test_token_values(expression, expected):
    assert _value(expression) is expected
