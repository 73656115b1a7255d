"""Rule options that change what is reported, through the real configuration."""

from __future__ import annotations

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


def test_a_query_only_provider_is_reported_at_low_confidence_and_says_so():
    found = {f.start.line: f for f in findings(WECHAT, select=["NHL403"])}
    assert found[4].confidence == "low" and "takes the credential only in the query" in found[4].message
    assert found[7].confidence == "medium" and "only in the query" not in found[7].message


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
