"""Whether an authlib `JsonWebToken(algorithms)` instance is used to verify in the module.

The constructor fixes the algorithms an instance accepts, but only its `.decode()` verifies
anything: an instance that only mints (`JsonWebToken(header["alg"]).encode(...)`, where the
header is the signing key's own), or one a library builds for its callers and never decodes with
(authlib's own module-level `jwt`), accepts no token here. Its algorithms are judged where a
token is verified with it.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from nhilint.analysis.scope import ScopeFacts
from nhilint.context import FileContext
from nhilint.walk import walk

_DECODING_METHODS = frozenset({"decode"})


def decodes_in_module(context: FileContext, constructor: cst.Call, facts: ScopeFacts) -> bool:
    """`JsonWebToken([...]).decode(...)`, or the name or attribute the instance is bound to
    (`self._jwt = JsonWebToken(...)`) has `.decode(...)` called on it somewhere in the module."""
    parent = facts.parent_of(constructor)
    if isinstance(parent, cst.Attribute) and parent.value is constructor:
        return parent.attr.value in _DECODING_METHODS
    target = _bound_to(parent)
    if target is None:
        return True  # handed on as is (an argument, a return): where it verifies is not in sight
    code = context.module.code_for_node
    wanted = code(target)
    found = False

    def visit(node: cst.CSTNode) -> bool:
        nonlocal found
        # every attribute, also inside a chain (`self._jwt.decode(token, key).copy()`)
        if isinstance(node, cst.Attribute) and node.attr.value in _DECODING_METHODS and code(node.value) == wanted:
            found = True
        return not found

    walk(context.module, visit)
    return found


def _bound_to(parent: Optional[cst.CSTNode]) -> Optional[cst.BaseExpression]:
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
        target = parent.targets[0].target
        return target if isinstance(target, (cst.Name, cst.Attribute)) else None
    if isinstance(parent, cst.AnnAssign):
        return parent.target if isinstance(parent.target, (cst.Name, cst.Attribute)) else None
    return None
