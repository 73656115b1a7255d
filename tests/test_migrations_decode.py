"""NHL102 in a schema or data migration: reading the claims of tokens the application stored
itself (a new `jti` column filled from the blacklist's rows) runs once, offline, and admits no
one. The same code outside a migration, and a gate whose result is thrown away, stay reported."""

from __future__ import annotations

from tests.helpers import pairs

FILL_TOKEN_IDS = """\
import jwt


def fill_token_ids(apps, schema_editor):
    BlacklistedToken = apps.get_model("blacklist", "BlacklistedToken")
    for row in BlacklistedToken.objects.all():
        claims = jwt.decode(row.token, options={"verify_signature": False})
        row.token_id = claims["jti"]
        row.save()
"""

GATE = """\
import jwt


def check(token):
    try:
        jwt.decode(token, options={"verify_signature": False})
    except jwt.DecodeError:
        return False
    return True
"""


def test_a_django_data_migration_reading_stored_tokens_is_silent():
    assert not pairs(FILL_TOKEN_IDS, select=["NHL102"], path="blacklist/migrations/0002_add_token_id.py")


def test_an_alembic_revision_reading_stored_tokens_is_silent():
    assert not pairs(FILL_TOKEN_IDS, select=["NHL102"], path="alembic/versions/4f2a_token_ids.py")


def test_the_same_code_outside_a_migration_is_reported():
    assert pairs(FILL_TOKEN_IDS, select=["NHL102"], path="blacklist/backfill.py") == {(7, "NHL102"): 1}
    assert pairs(FILL_TOKEN_IDS, select=["NHL102"], path="blacklist/migrations/helpers.py") == {(7, "NHL102"): 1}


def test_a_gate_in_a_migration_is_still_reported():
    assert pairs(GATE, select=["NHL102"], path="accounts/migrations/0003_check.py") == {(6, "NHL102"): 1}
