"""How long a minted token lives, and where that lifetime is written.

`jwt.encode({"exp": now + timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)}, ...)` mints a token
whose lifetime is a number written elsewhere: often in another module (`settings.py`, a pydantic
`Settings` class), sometimes behind an alias (`ACCESS_TOKEN_EXPIRE_MINUTES =
settings.jwt_expire_minutes`). The fix for a too-long lifetime is where the number is written, so
NHL402 names that place in its finding at the mint. The origin is followed through the project
index: a constant of another module carries its origin (nhilint.project.exports.Origin), and the
evaluator says which of them a value read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

import libcst as cst

from nhilint.analysis.values import DictValue, Moment, as_seconds
from nhilint.catalogue.jwt import ENCODE
from nhilint.project.exports import ConstantExport, Origin
from nhilint.project.static_values import from_json

if TYPE_CHECKING:
    from nhilint.analysis.jwt_calls import JwtCall

# claims that say what kind of token it is (a refresh token has a longer limit)
_KIND_CLAIMS = ("type", "token_type", "typ")


class MintedLifetime:
    """How long a minted token lives, and whether it is a refresh token.
    A plain class: never compared, hashed or copied, and a dataclass costs about 3 M
    instructions to create at every start (benchmarks/README.md, speed20)."""

    __slots__ = ("seconds", "refresh", "origin")

    def __init__(self, seconds: float, refresh: bool, origin: Optional[Origin]) -> None:
        self.seconds = seconds
        self.refresh = refresh
        self.origin = origin  # where the lifetime is written, when another module holds it


def minted_lifetime(jc: "JwtCall", function: Optional[cst.FunctionDef]) -> Optional[MintedLifetime]:
    """The `exp` an encode call's payload gives its token, as seconds from now; None when the
    payload or its `exp` is not known."""
    if jc.api.role != ENCODE:
        return None
    payload, reads = jc.context.evaluator.reading_remote(lambda: jc.value(jc.api.payload))
    if not isinstance(payload, DictValue):
        return None
    exp = payload.get("exp")
    if not isinstance(exp, Moment):
        return None
    kind = next((payload.get(claim) for claim in _KIND_CLAIMS if isinstance(payload.get(claim), str)), None)
    refresh = (
        "refresh" in jc.api.qualname
        or (function is not None and "refresh" in function.name.value.lower())
        or (isinstance(kind, str) and "refresh" in kind.lower())
    )
    return MintedLifetime(exp.offset, refresh, single_origin(reads))


def single_origin(reads: Sequence[ConstantExport]) -> Optional[Origin]:
    """The one place a number read from other modules is written; None for none or several."""
    origins = {read.origin for read in reads if read.origin is not None and as_seconds(from_json(read.value)) is not None}
    return origins.pop() if len(origins) == 1 else None
