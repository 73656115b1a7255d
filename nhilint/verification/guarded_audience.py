"""Whether the audience a function compares by hand is compared only when an optional
parameter is given.

`if expected_audience and claims.get("aud") != expected_audience: raise ...` after a decode that
binds no audience (google-auth's `jwt.decode(assertion, certs=certs)`), with `expected_audience:
str | None`: a caller that passes None (the type says it may) gets no audience check at all,
as an audience setting that is None unless configured does.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from nhilint.analysis.branches import tested_as_set
from nhilint.analysis.scope import ScopeFacts
from nhilint.analysis.syntax import is_none
from nhilint.analysis.values import field_read
from nhilint.context import FileContext
from nhilint.verification.audience_claims import AUDIENCE_FIELDS
from nhilint.walk import nodes_of


def audience_compared_only_if_given(context: FileContext, facts: ScopeFacts) -> Optional[str]:
    """The optional parameter every comparison of an audience field in the function is guarded
    by (`expected and aud != expected`, or the body of `if expected:`), or None."""
    function = facts.node
    if not isinstance(function, cst.FunctionDef):
        return None
    # locals bound to an audience field: `audience = decoded.get("aud")`
    held = {small.targets[0].target.value for small in nodes_of(function, cst.Assign)
            if len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)
            and field_read(context, small.value, facts) in AUDIENCE_FIELDS}
    guards = set()
    for comparison in nodes_of(function, cst.Comparison):
        operands = (comparison.left, *(target.comparator for target in comparison.comparisons))
        if not any(field_read(context, operand, facts) in AUDIENCE_FIELDS
                   or (isinstance(operand, cst.Name) and operand.value in held) for operand in operands):
            continue
        guard = _guard(facts, comparison)
        if guard is None or not _optional_param(function, guard):
            return None
        guards.add(guard)
    return guards.pop() if len(guards) == 1 else None


def _guard(facts: ScopeFacts, node: cst.CSTNode) -> Optional[str]:
    """The parameter name X of `X and <node>` or of an `if X:` / `if X is not None:` whose body
    holds the node; None where the comparison runs unguarded."""
    child, parent = node, facts.parent_of(node)
    while parent is not None and not isinstance(parent, cst.FunctionDef):
        if isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.And) and child is parent.right:
            name = _tested_name(parent.left)
            if name is not None:
                return name
        if isinstance(parent, cst.If) and child is parent.body:
            return _tested_name(parent.test)
        child, parent = parent, facts.parent_of(parent)
    return None


def _tested_name(test: cst.BaseExpression) -> Optional[str]:
    tested = tested_as_set(test)
    return tested.value if isinstance(tested, cst.Name) else None


def _optional_param(function: cst.FunctionDef, name: str) -> bool:
    """A parameter that may be None: defaulting to None, or typed `X | None` / `Optional[X]`."""
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.name.value != name:
            continue
        if param.default is not None and is_none(param.default):
            return True
        annotation = param.annotation.annotation if param.annotation is not None else None
        if annotation is None:
            return False
        names = {node.value for node in nodes_of(annotation, cst.Name, nested=True)}
        return "None" in names or "Optional" in names
    return False
