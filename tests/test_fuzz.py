"""Property: no program makes check_source raise, or fail inside a rule (SPEC §8).

The engine turns a rule's exception into an NHL900 "internal error" result so that one file
cannot stop a run; here that result is still a failure. A normal run tries 30 programs per
property; set NHILINT_FUZZ_EXAMPLES (e.g. 2000) for a longer search.
"""

from __future__ import annotations

import os

import hypothesmith
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nhilint.engine import check_source
from tests.helpers import plan

EXAMPLES = int(os.environ.get("NHILINT_FUZZ_EXAMPLES", "30"))
PLAN = plan()
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                       HealthCheck.data_too_large])


def assert_checked_cleanly(source: bytes) -> None:
    result = check_source(source, "generated.py", PLAN)
    for finding in result.findings:
        assert finding.start.line >= 1 and finding.start.column >= 1
        assert "internal error" not in finding.message, finding.message


@FUZZ
@given(hypothesmith.from_grammar())
def test_generated_programs_never_crash_the_engine(program: str) -> None:
    # `import jwt` wakes the JWT rules (the prefilter); lone surrogates reach the decoder as bytes
    assert_checked_cleanly(b"import jwt\n" + program.encode("utf-8", "surrogatepass"))


# Generated programs almost never call a token API, so the rules' argument analysis (option
# dicts, TTLs, headers, payloads) also gets odd but plausible arguments in the calls it reads.
_LEAVES = st.sampled_from([
    "None", "True", "False", "0", "-1", "3600", "1e9", "'HS256'", "'none'", "'aud'", "'exp'",
    "'access_token'", "token", "key", "x", "OPTS", "f()", "a.b", "x[0]", "...", "b'x'", "lambda: 0",
    "f'Bearer {token}'", "'Bearer ' + token", "os.environ['API_TOKEN']", "settings.API_KEY",
    "'ghp_abcdefghijklmnopqrstuvwxyz0123456789'", "'http://example.com/?token='",
    "time.time()", "timedelta(days=7)",
])


def _compound(children: "st.SearchStrategy[str]") -> "st.SearchStrategy[str]":
    pair = st.tuples(children, children)
    return st.one_of(
        st.lists(children, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(children, max_size=3).map(lambda items: "(" + ", ".join(items) + ",)"),
        # any key, {{}: 1} included: a TypeError at run time, an open mapping to nhilint
        st.lists(st.tuples(children, children), max_size=3).map(
            lambda items: "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"),
        pair.map(lambda ab: f"{{**{ab[0]}, 'verify_aud': {ab[1]}}}"),
        pair.map(lambda ab: f"dict(verify_signature={ab[0]}, leeway={ab[1]})"),
        pair.map(lambda ab: f"({ab[0]} + {ab[1]})"),
        pair.map(lambda ab: f"({ab[0]} if x else {ab[1]})"),
        pair.map(lambda ab: f"min({ab[0]}, {ab[1]})"),
        children.map(lambda a: f"[{a} for _ in y]"),
        children.map(lambda a: f"-{a}"),
        children.map(lambda a: f"{a}.get('access_token')"),
        children.map(lambda a: f"{a}['exp']"),
    )


_EXPRESSIONS = st.recursive(_LEAVES, _compound, max_leaves=8)
_TEMPLATES = st.sampled_from([
    "def f(token, key):\n    return jwt.decode(token, key, algorithms={0}, audience={1}, options={2})\n",
    "OPTS = {0}\ndef f(token, key):\n    claims = jwt.decode(token, key, **OPTS, leeway={1})\n    return claims[{2}]\n",
    "def mint(sub, key):\n    return jwt.encode({{'sub': sub, 'exp': {0}}}, {1}, algorithm={2})\n",
    "@functools.lru_cache(maxsize={0})\ndef get_token(scope):\n"
    "    return requests.post({1}, data={{'scope': scope}}, timeout={2}).json()['access_token']\n",
    "API_TOKEN = {0}\ndef call(url):\n    logging.info({1}, API_TOKEN)\n"
    "    return requests.get(url, headers={{'Authorization': {2}}}, verify={0})\n",
    "def view():\n    token = request.headers[{0}]\n"
    "    return requests.get({1}, headers={{'Authorization': token}}, params={2})\n",
    "class ProdConfig:\n    API_TOKEN = {0}\nclass StagingConfig:\n    API_TOKEN = {1}\n"
    "CONFIGS = {{'prod': {2}, 'dev': {2}}}\n",
    "cache = TTLCache(maxsize=10, ttl={0})\ndef verify(token):\n"
    "    if token in cache:\n        return cache[token]\n    cache[token] = jwt.decode(token, {1}, algorithms={2})\n",
])
_IMPORTS = (
    "import functools, logging, os, time\nfrom datetime import timedelta\nimport jwt, requests\n"
    "from cachetools import TTLCache\nfrom flask import request\n"
)


@FUZZ
@given(_TEMPLATES, _EXPRESSIONS, _EXPRESSIONS, _EXPRESSIONS)
def test_odd_arguments_to_token_apis_never_crash_a_rule(template: str, a: str, b: str, c: str) -> None:
    assert_checked_cleanly((_IMPORTS + template.format(a, b, c)).encode())
