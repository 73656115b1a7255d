"""nhilint.analysis.services and url_host: which hosts are one service (NHL302)."""

import pytest

from nhilint.analysis.http import url_host
from nhilint.analysis.services import same_service


@pytest.mark.parametrize("url, host, domain", [
    ("https://api.github.com/repos", "api.github.com", "github.com"),
    ("https://api.tracker.example.com/issues", "api.tracker.example.com", "tracker.example.com"),
    ("https://api.example.com/x", "api.example.com", "example.com"),
    ("http://localhost:8000/x", "localhost", "localhost"),
])
def test_url_host(url, host, domain):
    assert url_host(url) == (host, domain)


@pytest.mark.parametrize("prefix", [
    # the known beginning of `f"https://api.{target}.{tld}/x"` and `f"https://api.amazon.{tld}/x"`:
    # the host is cut where the code fills a part in
    "https://api.", "https://api.amazon.", "https://-eu.example.com", "https://",
])
def test_a_cut_host_is_not_known(prefix):
    assert url_host(prefix) is None


@pytest.mark.parametrize("first, second", [
    ("github.com", "github.com"), ("wyze.com", "wyzecam.com"), ("amazon.com", "amazonaws.com"),
    ("github.com", "githubusercontent.com"), ("amazon.com", "amazon.de"),
])
def test_one_vendor(first, second):
    assert same_service(("host", first), ("host", second))


@pytest.mark.parametrize("first, second", [
    ("box.com", "boxcar.io"), ("github.com", "gitlab.com"), ("example.com", "example.net"),
    ("tracker.example.com", "chat.example.org"), ("slack.com", "stripe.com"),
])
def test_other_vendors(first, second):
    assert not same_service(("host", first), ("host", second))
