"""Rule options that change what is reported, through the real configuration."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.helpers import findings

WECHAT = textwrap.dedent(
    """\
    import requests

    def menu(access_token):
        return requests.get(f"https://api.weixin.qq.com/cgi-bin/menu/get?access_token={access_token}", timeout=5)

    def repos(access_token):
        return requests.get(f"https://git.example.com/api/repos?access_token={access_token}", timeout=5)
    """
)


FIREBASE = textwrap.dedent(
    """\
    import requests

    def lookup(api_key, id_token, database_url):
        requests.post("https://identitytoolkit.googleapis.com/v1/accounts:lookup?key={0}".format(api_key))
        requests.get("https://api.example.com/v1/accounts?token={0}".format(api_key))
        return requests.get("{0}/users.json?auth={1}".format(database_url, id_token))
    """
)


def test_the_host_of_a_format_template_decides_the_confidence():
    found = {f.start.line: f for f in findings(FIREBASE, select=["NHL403"])}
    assert found[4].confidence == "low" and "identitytoolkit.googleapis.com takes the credential" in found[4].message
    assert found[5].confidence == "medium"
    assert found[6].confidence == "medium" and "(auth=...)" in found[6].message


def test_a_query_only_provider_is_reported_at_low_confidence_and_says_so():
    found = {f.start.line: f for f in findings(WECHAT, select=["NHL403"])}
    assert found[4].confidence == "low" and "takes the credential only in the query" in found[4].message
    assert found[7].confidence == "medium" and "only in the query" not in found[7].message


API_KEYS = textwrap.dedent(
    """\
    import requests

    def gifs(api_key, query):
        return requests.get("https://api.example.com/v1/gifs/search", params={"api_key": api_key, "q": query}, timeout=5)

    def weather(api_key, city):
        return requests.get(f"https://api.example.com/data/2.5/weather?q={city}&APPID={api_key}", timeout=5)

    def admin(access_token, room):
        return requests.get(f"https://chat.example.com/_admin/rooms/{room}?access_token={access_token}", timeout=5)

    def secret_in_post(client_secret):
        return requests.post("https://id.example.com/oauth2/token", params={"client_secret": client_secret}, timeout=5)
    """
)


def test_an_api_key_under_its_own_name_is_reported_at_low_confidence_and_says_why():
    """Many APIs take their keys only in the query (`api_key=`, `APPID=`, `key=`): the
    provider's design, as for the query-only hosts; an access token or a client secret there
    is the caller's choice, at the rule's usual confidence."""
    found = {f.start.line: f for f in findings(API_KEYS, select=["NHL403"])}
    assert sorted(found) == [4, 7, 10, 13]
    for line in (4, 7):
        assert found[line].confidence == "low" and "many APIs take their keys only in the query" in found[line].message
    for line in (10, 13):
        assert found[line].confidence == "medium" and "only in the query" not in found[line].message


PROVIDER_URLS = textwrap.dedent(
    """\
    import requests

    from .oauth import BaseOAuth2

    def search(api_key, query, https_enabled=True):
        scheme = "https" if https_enabled else "http"
        url = f"{scheme}://api.serpstack.com/search"
        return requests.get(url, params={"access_key": api_key, "query": query}, timeout=5)

    def lookup(api_key, query, https_enabled=True):
        scheme = "https" if https_enabled else "http"
        return requests.get(f"{scheme}://api.example.com/search", params={"access_key": api_key}, timeout=5)

    class QQLike(BaseOAuth2):
        OPENID_URL = "https://graph.qq.com/oauth2.0/me"

        def openid(self, access_token):
            return self.request(self.OPENID_URL, params={"access_token": access_token})

    class ExampleLike(BaseOAuth2):
        ME_URL = "https://id.example.com/oauth2.0/me"

        def me(self, access_token):
            return self.request(self.ME_URL, params={"access_token": access_token})
    """
)


def test_the_provider_host_is_found_behind_a_run_time_scheme_and_a_clients_own_request():
    """`f"{scheme}://host/..."` and `self.request(URL, params=...)` (one positional: the URL, as
    social-auth's backends call it) name their host: a query-only provider's is low confidence."""
    found = {f.start.line: f for f in findings(PROVIDER_URLS, select=["NHL403"])}
    assert sorted(found) == [8, 12, 18, 24]
    assert found[8].confidence == "low" and "api.serpstack.com takes the credential only in the query" in found[8].message
    assert found[12].confidence == "medium" and "only in the query" not in found[12].message
    assert found[18].confidence == "low" and "graph.qq.com takes the credential only" in found[18].message
    assert found[24].confidence == "medium" and "only in the query" not in found[24].message


def test_the_provider_host_comes_from_a_setting_default_in_another_module(tmp_path):
    """`GRAPH_API_URL = getattr(settings, ...).get("GRAPH_API_URL", f"https://graph.facebook.com/{VERSION}")`
    in constants.py, sent with a token in flows.py: the default names the host (a setting read
    with a default is that default unless configured, as an environment variable's)."""
    package = tmp_path / "social"
    package.mkdir()
    (tmp_path / "nhilint.toml").write_text("")
    (package / "__init__.py").write_text("")
    (package / "constants.py").write_text(textwrap.dedent(
        """\
        from django.conf import settings

        VERSION = getattr(settings, "PROVIDERS", {}).get("facebook", {}).get("VERSION", "v19.0")
        GRAPH_API_URL = getattr(settings, "PROVIDERS", {}).get("facebook", {}).get(
            "GRAPH_API_URL", f"https://graph.facebook.com/{VERSION}"
        )
        OWN_API_URL = getattr(settings, "PROVIDERS", {}).get("own", {}).get("URL", "https://id.example.com/v2")
        """))
    (package / "flows.py").write_text(textwrap.dedent(
        """\
        import requests

        from .constants import GRAPH_API_URL, OWN_API_URL

        def me(token):
            return requests.get(f"{GRAPH_API_URL}/me", params={"access_token": token}, timeout=5)

        def own(token):
            return requests.get(f"{OWN_API_URL}/me", params={"access_token": token}, timeout=5)
        """))
    done = subprocess.run(
        [sys.executable, "-m", "nhilint", "check", ".", "--output-format", "json", "--no-cache", "--select", "NHL403"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert done.returncode == 1, done.stderr
    found = {(f["path"], f["start"]["line"]): f for f in json.loads(done.stdout)}
    assert sorted(found) == [("social/flows.py", 6), ("social/flows.py", 9)]
    assert found[("social/flows.py", 6)]["confidence"] == "low"
    assert "graph.facebook.com takes the credential only in the query" in found[("social/flows.py", 6)]["message"]
    assert found[("social/flows.py", 9)]["confidence"] == "medium"


def test_allow_hosts_silences_a_host_and_its_subdomains(tmp_path):
    (tmp_path / "app.py").write_text(WECHAT)
    (tmp_path / "nhilint.toml").write_text('[rules.NHL403]\nallow-hosts = ["weixin.qq.com"]\n')
    done = subprocess.run(
        [sys.executable, "-m", "nhilint", "check", ".", "--output-format", "concise", "--no-cache", "--select", "NHL403"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert done.returncode == 1, done.stderr
    assert [line.split(":")[1] for line in done.stdout.splitlines() if line.startswith("app.py")] == ["7"]


def test_allow_hosts_must_be_a_list_of_strings(tmp_path):
    (tmp_path / "app.py").write_text(WECHAT)
    (tmp_path / "nhilint.toml").write_text('[rules.NHL403]\nallow-hosts = "weixin.qq.com"\n')
    done = subprocess.run([sys.executable, "-m", "nhilint", "check", "."], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 2
    assert "allow-hosts" in done.stderr


def test_a_retired_query_only_provider_is_low_confidence():
    """Daum's and Edmodo's retired APIs took the token in the query only: the caller could not
    move it (nhilint.catalogue.http.QUERY_ONLY_HOSTS); another host in the same shape stays medium."""
    source = textwrap.dedent(
        """\
        import requests

        def profile(token):
            return requests.get("https://apis.daum.net/user/v1/show.json", params={"access_token": token}, timeout=5)

        def other_profile(token):
            return requests.get("https://api.example.org/user/v1/show.json", params={"access_token": token}, timeout=5)
        """
    )
    found = {f.start.line: f for f in findings(source, select=["NHL403"])}
    assert sorted(found) == [4, 7]
    assert found[4].confidence == "low" and "apis.daum.net takes the credential only" in found[4].message
    assert found[7].confidence == "medium"


CUSTOM_EXPIRY = textwrap.dedent(
    """\
    import time

    import jwt

    def issue(user, key):
        return jwt.encode({"user": user, "expires": time.time() + 600}, key, algorithm="HS256")

    def read(token, key):
        claims = jwt.decode(token, key, algorithms=["HS256"])
        return claims if claims["expires"] >= time.time() else None
    """
)


def test_a_custom_expiry_claim_the_module_compares_is_low_confidence_and_says_so():
    """NHL401: `expires` is compared by read(), and by no library: reported, at low confidence,
    for what it is; without read() it is an ordinary finding."""
    found = findings(CUSTOM_EXPIRY, select=["NHL401"])
    assert [(f.start.line, f.confidence) for f in found] == [(6, "low")]
    assert "`expires` claim is compared only by this module's own code" in found[0].message
    alone = findings(CUSTOM_EXPIRY.split("def read")[0], select=["NHL401"])
    assert [(f.start.line, f.confidence) for f in alone] == [(6, "high")] and "it never expires" in alone[0].message
