"""What the JWT verification rules share: their family, prefilter words and the call analysis."""

from __future__ import annotations

from typing import ClassVar, Optional, Tuple

import libcst as cst

from nhilint.analysis.jwt_calls import JwtCall, jwt_call
from nhilint.rule import Rule


class JwtRule(Rule):
    family: ClassVar[str] = "token-verification"

    # Every JWT API is reached through an import of its top-level module, so a file that never
    # names one (jwt, jose, authlib, google, ...) cannot hold a finding.
    catalogue_words: ClassVar[Tuple[str, ...]] = ("module_words",)

    def jwt_call(self, node: cst.Call) -> Optional[JwtCall]:
        jc = jwt_call(self.context, node)
        if jc is None or jc.unknown:
            return None
        return jc
