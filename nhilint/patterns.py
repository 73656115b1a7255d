"""Regular expressions compiled when first used.

Python's `re` compiler is written in Python: a pattern of nhilint's costs about a million
instructions to compile. nhilint's modules hold about a hundred, and a one-file check uses a
fraction of them (pyjwt's `api_jwt.py`: 29 of 105; the rest belong to rules that find nothing
to look at, to suppression comments the file does not have, to secrets it does not hold).
Compiled at import, they cost every run a twentieth of a one-file check; compiled on first use,
only the runs that use them pay, once.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, Dict, cast

# what rules read of a compiled pattern: after the first use they are the object's own
# attributes, so a call costs what it costs on the compiled pattern
_KEPT = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "pattern", "flags")


class OnFirstUse:
    """Stands for `re.compile(pattern, flags)`; compiles it when one of its attributes is read."""

    def __init__(self, pattern: Any, flags: int) -> None:
        self._source = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        own: Dict[str, Any] = self.__dict__
        if name.startswith("__") or "_source" not in own:
            # a protocol's hook (copy, pickle) asked of the object itself, or an object being
            # unpickled, whose attributes are not set yet: not the pattern's
            raise AttributeError(name)
        compiled = own.get("_compiled")
        if compiled is None:
            compiled = own["_compiled"] = re.compile(own["_source"], own["_flags"])
            for attribute in _KEPT:
                own[attribute] = getattr(compiled, attribute)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"compiled_on_first_use({self._source!r}, {self._flags!r})"


def compiled_on_first_use(pattern: AnyStr, flags: int = 0) -> "re.Pattern[AnyStr]":
    """What `re.compile(pattern, flags)` gives, compiled the first time it is used (a syntax
    error in the pattern shows then: tests/test_patterns.py compiles every one of nhilint's)."""
    return cast("re.Pattern[AnyStr]", OnFirstUse(pattern, flags))
