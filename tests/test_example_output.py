"""NHL404 in an example program: its `print` shows the reader what it obtains (documentation,
as NHL301 treats an example's literals); its logger calls, and the same print outside an
example, are still reported."""

from __future__ import annotations

import textwrap

import pytest

from tests.helpers import findings

SCRIPT = textwrap.dedent(
    """\
    import logging
    from os import getenv

    import requests

    log = logging.getLogger(__name__)

    if __name__ == "__main__":
        answer = requests.post("https://auth.example.com/token", data={"grant_type": "password",
                               "username": getenv("USER_NAME"), "password": getenv("USER_PASSWORD")}, timeout=10).json()
        print("access token:", answer["access_token"])
        log.info("got %s", answer["access_token"])
    """
)


@pytest.mark.parametrize("path", ["examples/get_tokens.py", "example/get_tokens.py", "demo/login.py"])
def test_an_example_prints_what_it_obtains(path):
    assert sorted(f.start.line for f in findings(SCRIPT, select=["NHL404"], path=path)) == [12]


@pytest.mark.parametrize("path", ["tools/get_tokens.py", "examples/settings.py"])
def test_the_same_print_elsewhere_is_reported(path):
    assert sorted(f.start.line for f in findings(SCRIPT, select=["NHL404"], path=path)) == [11, 12]


SERVER = textwrap.dedent(
    """\
    from fastapi import FastAPI

    app = FastAPI()


    class UserManager:
        async def on_after_forgot_password(self, user, token):
            print(f"User {user.id} has forgot their password. Reset token: {token}")
    """
)


def test_an_example_server_prints_to_its_log():
    """An example web app's stdout is the server's log: a reset token printed there is logged."""
    assert sorted(f.start.line for f in findings(SERVER, select=["NHL404"], path="examples/app/users.py")) == [8]
