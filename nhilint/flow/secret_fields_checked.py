"""A value logged where the code has checked it holds no secret field.

`has_secret = any(field in data for field in SENSITIVE_FIELDS)`, then `if not has_secret:
log.debug("Body: %s", data)`: a request helper that logs each body except those with a
password, token or secret field. A login body posted through it is never logged, so the
helper's log is no sink for its parameter there (NHL404), and the rule does not report it
either. The same holds for `if "password" not in data:`, for the `else:` of `if any(...)`,
and past `if any(...): return`.

The check must name a credential field: a literal key (`"password" in data`), or the
elements of the collection a comprehension walks (`for field in SENSITIVE_FIELDS`, a
module constant or a literal), at least one of them a credential's name. A check of other
keys (`if "debug" in data:`) says nothing of the secrets in the value. Which secret fields a
body may carry is not weighed: the author chose to leave the secret-bearing bodies out, as a
filter named for redaction is trusted (nhilint.flow.log_filters).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Sequence

import libcst as cst

from nhilint.analysis.branches import final_statement
from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.names import names_credential_field

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow


def secret_fields_ruled_out(flow: "FunctionFlow", call: cst.Call, written: str) -> bool:
    """Whether `call` runs only where a test found no credential field in `written`: in the
    branch of `if not any(f in data for f in SECRET_FIELDS):` (or the `else:` of its positive
    form), or after an `if` of the positive form that returns or raises."""
    node: cst.CSTNode = call
    parent = flow.facts.parent_of(node)
    while parent is not None and not isinstance(parent, cst.ClassDef):
        if isinstance(parent, cst.If) and node is not parent.test:
            says = _says_secret_free(flow, parent.test, written)
            if says is not None and says == (node is parent.body):
                return True
        if isinstance(parent, (cst.IndentedBlock, cst.Module)):
            for statement in parent.body:
                if statement is node:
                    break
                if isinstance(statement, cst.If) and statement.orelse is None \
                        and isinstance(final_statement(statement.body), (cst.Return, cst.Raise)) \
                        and _says_secret_free(flow, statement.test, written) is False:
                    return True
        if isinstance(parent, cst.FunctionDef):
            break
        node, parent = parent, flow.facts.parent_of(parent)
    return False


def _says_secret_free(flow: "FunctionFlow", test: cst.BaseExpression, written: str, depth: int = 0) -> Optional[bool]:
    """True when the test holds only where `written` has no credential field, False when it
    holds only where it has one, None when it says neither."""
    if depth > 4:
        return None
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = _says_secret_free(flow, test.expression, written, depth + 1)
        return None if inner is None else not inner
    if isinstance(test, cst.Name):
        return _bound_test(flow, test.value, written, depth)
    if isinstance(test, cst.BooleanOperation):
        left = _says_secret_free(flow, test.left, written, depth + 1)
        right = _says_secret_free(flow, test.right, written, depth + 1)
        if isinstance(test.operator, cst.Or):  # either field present: a secret is there
            return False if left is False and right is False else None
        return True if left is True and right is True else None  # each field absent
    if isinstance(test, cst.Comparison):
        return _membership(flow, test, written, ())
    if isinstance(test, cst.Call) and leaf_name(test) in ("any", "all") and len(test.args) == 1 \
            and isinstance(test.func, cst.Name):
        walked = test.args[0].value
        if not isinstance(walked, (cst.GeneratorExp, cst.ListComp)) or len(_comprehensions(walked)) != 1:
            return None
        loop = walked.for_in
        if not (isinstance(loop.target, cst.Name) and _names_secret_fields(flow, loop.iter)) \
                or not isinstance(walked.elt, cst.Comparison):
            return None
        says = _membership(flow, walked.elt, written, (loop.target.value,))
        # any(f in data): a secret field there; all(f not in data): none there
        if says is False and test.func.value == "any" or says is True and test.func.value == "all":
            return says
    return None


def _comprehensions(walked: cst.BaseExpression) -> Sequence[cst.CompFor]:
    found = []
    loop = getattr(walked, "for_in", None)
    while loop is not None:
        found.append(loop)
        loop = loop.inner_for_in
    return found


def _bound_test(flow: "FunctionFlow", name: str, written: str, depth: int) -> Optional[bool]:
    """`has_secret = any(...)` (also set to a plain False or True in an `except:`): what each
    binding of the local says, when the non-constant ones agree."""
    bindings = flow.facts.bindings.get(name, ())
    said = {_says_secret_free(flow, binding.value, written, depth + 1)
            for binding in bindings if binding.value is not None and not _constant(binding.value)}
    return said.pop() if len(said) == 1 else None


def _constant(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Name) and value.value in ("True", "False", "None")


def _membership(flow: "FunctionFlow", test: cst.Comparison, written: str, fields: Sequence[str]) -> Optional[bool]:
    """`"password" in data` (False: present) / `"password" not in data` (True: absent); the
    key may be the comprehension's variable (`fields`), whose collection was checked."""
    if len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    if not isinstance(target.operator, (cst.In, cst.NotIn)) or not _holds(target.comparator, written):
        return None
    key = test.left
    literal = string_literal(key)
    named = literal is not None and names_credential_field(literal) \
        or isinstance(key, cst.Name) and key.value in fields
    if not named:
        return None
    return isinstance(target.operator, cst.NotIn)


def _holds(container: cst.BaseExpression, written: str) -> bool:
    """`data` or `data.keys()`: the value itself."""
    if isinstance(container, cst.Call) and isinstance(container.func, cst.Attribute) \
            and container.func.attr.value == "keys" and not container.args:
        container = container.func.value
    return dotted_name(container) == written


def _names_secret_fields(flow: "FunctionFlow", collection: cst.BaseExpression) -> bool:
    """A literal collection, or a module constant bound to one (`{"password", "token"}`,
    `frozenset({...})`), with a credential's name among its elements."""
    if isinstance(collection, cst.Name):
        bound = flow.context.module_constants.get(collection.value)
        if bound is None or flow.facts.is_local(collection.value):
            return False
        collection = bound
    if isinstance(collection, cst.Call) and leaf_name(collection) in ("set", "frozenset", "tuple", "list") \
            and len(collection.args) == 1:
        collection = collection.args[0].value
    if not isinstance(collection, (cst.Set, cst.List, cst.Tuple)):
        return False
    return any(names_credential_field(text) for text in
               (string_literal(element.value) for element in collection.elements) if text is not None)

