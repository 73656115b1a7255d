"""Which service an API client talks to, as the sharing rules compare them (NHL302): a client
class by its package (`slack_sdk` and `slack_bolt` both say `slack`) or, for a class of the
project, by its name (`GithubClient`); a request by its host; and whether two of them are one
service (`GithubClient` and `api.github.com` are)."""

from __future__ import annotations

from typing import Tuple

from nhilint.patterns import compiled_on_first_use

Service = Tuple[str, str]  # ("class", qualified name) or ("host", domain)

# Packages that are clients of one service under other names (PyGithub and octokit: GitHub).
_SERVICE_OF_PACKAGE = {"octokit": "github", "ghapi": "github", "githubkit": "github", "pygithub": "github"}
_GENERIC_WORDS = frozenset({"client", "api", "sdk", "service", "connection", "connector", "async", "sync", "http", "rest", "web", "bot"})
_CAMEL_WORD = compiled_on_first_use(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")


def class_words(qualname: str) -> Tuple[str, ...]:
    words = {part.lower() for segment in qualname.split(".") for part in _CAMEL_WORD.findall(segment)}
    return tuple(sorted(words - _GENERIC_WORDS))


def _service_words(qualname: str) -> "set[str]":
    """The service a client class names: by its package (`slack_sdk` and `slack_bolt` both say
    `slack`, `langchain_openai` says `openai` and `langchain`), or for a class of this module
    by its name (`GithubClient` says `github`)."""
    if "." not in qualname:
        return set(class_words(qualname)) or {qualname.lower()}
    package = qualname.split(".", 1)[0].lower()
    if package in _SERVICE_OF_PACKAGE:
        return {_SERVICE_OF_PACKAGE[package]}
    words = {word for word in package.split("_") if len(word) > 2} - _GENERIC_WORDS - {"python", "aio"}
    return words or {package}


def same_service(first: Service, second: Service) -> bool:
    """Whether two clients talk to one service: the same class or package, the same domain (or
    two of one vendor: `wyze.com` and `wyzecam.com`), or a class named after the host's domain
    (`GithubClient`, `api.github.com`) or an SDK whose package is named so
    (`scrapegraph_py.Client`, `api.scrapegraphai.com`)."""
    if first == second:
        return True
    kinds = {first[0], second[0]}
    if kinds == {"class"}:
        return bool(_service_words(first[1]) & _service_words(second[1]))
    if kinds == {"host"}:
        return _one_vendor(first[1], second[1])
    cls, host = (first, second) if first[0] == "class" else (second, first)
    if any(word in host[1].split(".") for word in class_words(cls[1]) if len(word) > 2):
        return True
    # an SDK whose package's first word is the vendor's name, one name beginning the other
    # (`scrapegraph_py.Client` and `api.scrapegraphai.com`), as two domains of one vendor are;
    # the first word only: `google_cloud_storage` names Google, not any `cloud…` domain
    vendor = cls[1].split(".", 1)[0].lower().split("_", 1)[0]
    return "." in cls[1] and len(vendor) >= 5 and _one_vendor(f"{vendor}.", host[1])


def _one_vendor(first: str, second: str) -> bool:
    """Two domains of one vendor's API, by their names: one name begins the other, four letters
    at least (`wyze.com` and `wyzecam.com`, `github.com` and `githubusercontent.com`,
    `amazon.com` and `amazonaws.com`), or the same name under another top-level domain."""
    names = sorted((first.split(".", 1)[0], second.split(".", 1)[0]), key=len)
    if "example" in names:
        return False  # RFC 2606's documentation name stands for any vendor (nhilint.analysis.http.url_host)
    return len(names[0]) >= 4 and names[1].startswith(names[0])
