"""nhilint.flow.message_slots: what a log message calls each value it formats."""

import time

import libcst as cst

from nhilint.flow.message_slots import PRINTF, described_locations


def _call(source: str) -> cst.Call:
    statement = cst.parse_module(source).body[0]
    call = statement.body[0].value  # type: ignore[attr-defined]
    assert isinstance(call, cst.Call)
    return call


def _located(source: str, index: int) -> list:
    call = _call(source)
    value = call.args[index].value
    return [cst.Module([]).code_for_node(expr) for expr in described_locations(call, value)]


def test_each_way_of_formatting():
    assert _located('log.info("profile [%s] from file: %s", profile, creds)', 2) == ["creds"]
    assert _located('log.info("profile [%s] from file: %s", profile, creds)', 1) == []
    assert _located('log.info("token path %(p)s", {"p": creds})', 1) == ["creds"]
    assert _located('print(f"cache-file at {location()}")', 0) == ["location()"]
    assert _located('print("from file {0}: {1}".format(a, b))', 0) == ["a"]
    assert _located('print("folder %s, key %s" % (a, b))', 0) == ["a"]


def test_placeholders_are_read_in_linear_time():
    started = time.perf_counter()
    for text in ("%" + "0" * 200_000, "%(" + "a" * 200_000, "%-" * 100_000, "% " * 100_000 + "."):
        list(PRINTF.finditer(text))
    assert time.perf_counter() - started < 2
