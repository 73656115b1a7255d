"""NHL404 and a Django management command: its name is its module's (`manage.py
show_api_key`), so a command named for reading a credential out prints what was asked for."""

from __future__ import annotations

import pytest

from tests.helpers import findings

_COMMAND = (
    "import os\n"
    "from django.core.management.base import BaseCommand\n"
    "\n"
    "\n"
    "class Command(BaseCommand):\n"
    "    def handle(self, *args, **options):\n"
    "        print(os.environ['SERVICE_API_KEY'])\n"
)


@pytest.mark.parametrize("path, reported", [
    ("app/management/commands/show_api_key.py", []),
    ("app/management/commands/decrypt_secrets.py", []),
    # named for other work: the key is printed on the way
    ("app/management/commands/sync_keys.py", [7]),
    # the same module outside a commands folder: its name is no command's
    ("app/show_api_key.py", [7]),
])
def test_a_django_command_is_named_by_its_module(path, reported):
    assert [f.start.line for f in findings(_COMMAND, select=["NHL404"], path=path)] == reported
