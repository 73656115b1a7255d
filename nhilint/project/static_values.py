"""Static values (nhilint.analysis.values) as JSON values and back: how a module's constants
travel in its export and in the export cache."""

from __future__ import annotations

from typing import Any

from nhilint.analysis.values import UNKNOWN, DictValue, Moment

# An unknown value inside a known one (`{"verify_aud": env_flag("X")}`): kept unknown, never
# read back as None, which a rule would take for a value the code wrote
_UNKNOWN = {"__unknown__": True}


def to_json(value: Any) -> Any:
    """A static value (nhilint.analysis.values) as a JSON value."""
    if isinstance(value, DictValue):
        items = {str(k): to_json(v) for k, v in value.items.items() if isinstance(k, str)}
        return {"__dict__": items, "open": value.open or len(items) != len(value.items)}
    if isinstance(value, Moment):
        return {"__moment__": value.offset}
    if isinstance(value, tuple):
        return [to_json(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return dict(_UNKNOWN)  # UNKNOWN, or a value JSON cannot hold


def from_json(value: Any) -> Any:
    """The inverse of `to_json`, for the evaluator."""
    if isinstance(value, dict) and value.get("__unknown__") is True:
        return UNKNOWN
    if isinstance(value, dict) and "__dict__" in value:
        return DictValue({k: from_json(v) for k, v in value["__dict__"].items()}, bool(value.get("open")))
    if isinstance(value, dict) and "__moment__" in value:
        return Moment(float(value["__moment__"]))
    if isinstance(value, list):
        return tuple(from_json(v) for v in value)
    return value
