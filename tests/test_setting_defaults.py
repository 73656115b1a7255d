"""A Django setting read with a default (`settings.SIMPLE_JWT.get("X", 300)`,
`getattr(settings, "P", {}).get("X", default)`): the project's settings module decides when it
sets the key; otherwise the default is the value, as an environment variable's default is."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

SETTINGS = 'SIMPLE_JWT = {"LONG_S": 30 * 24 * 3600, "SHORT_S": 600}\n'
TOKENS = textwrap.dedent(
    """\
    import time

    import jwt
    from django.conf import settings

    LONG = settings.SIMPLE_JWT.get("LONG_S", 300)
    SHORT = settings.SIMPLE_JWT.get("SHORT_S", 300 * 24 * 3600)
    UNSET = settings.SIMPLE_JWT.get("UNSET_S", 300 * 24 * 3600)
    PROVIDED = getattr(settings, "PROVIDERS", {}).get("jwt", {}).get("LIFETIME_S", 120 * 24 * 3600)


    def mint(claims, key, lifetime):
        return jwt.encode({**claims, "exp": int(time.time()) + lifetime}, key, algorithm="HS256")


    def long_lived(user_id, key):
        return jwt.encode({"sub": user_id, "exp": int(time.time()) + LONG}, key, algorithm="HS256")


    def short_lived(user_id, key):
        return jwt.encode({"sub": user_id, "exp": int(time.time()) + SHORT}, key, algorithm="HS256")


    def unset(user_id, key):
        return jwt.encode({"sub": user_id, "exp": int(time.time()) + UNSET}, key, algorithm="HS256")


    def provided(user_id, key):
        return jwt.encode({"sub": user_id, "exp": int(time.time()) + PROVIDED}, key, algorithm="HS256")
    """
)


def test_a_setting_read_with_a_default_is_the_configured_value_or_the_default(tmp_path: Path):
    (tmp_path / "nhilint.toml").write_text("")
    (tmp_path / "manage.py").write_text('import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "app.settings")\n')
    app = tmp_path / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "settings.py").write_text(SETTINGS)
    (app / "tokens.py").write_text(TOKENS)
    done = subprocess.run(
        [sys.executable, "-m", "nhilint", "check", ".", "--output-format", "json", "--no-cache", "--select", "NHL402"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert done.returncode == 1, done.stderr
    found = {f["start"]["line"]: f["message"] for f in json.loads(done.stdout)}
    # the settings module's 30 days (not the default's 300 s); its 600 s is no finding; the
    # unset key's default, 300 days; a nested getattr(...).get(...).get(...) default, 120 days
    assert sorted(found) == [17, 25, 29], found
    assert "30 days" in found[17] and "300 days" in found[25] and "120 days" in found[29]
