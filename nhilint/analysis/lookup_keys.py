"""Module constants that only ever name an entry: `APP_SECRET = "svc_app_secret"` read solely as
`settings[APP_SECRET]`, `config.get(APP_SECRET)`, `{APP_SECRET: value}` or `APP_SECRET in
options`. Such a constant holds the key a secret is stored under, not the secret (wavefront-sdk's
`CSP_APP_SECRET = 'csp_app_secret'` beside `CSP_APP_ID = 'csp_app_id'`, looked up in the
service's settings dict)."""

from __future__ import annotations

from typing import Dict, Set

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import leaf_name
from nhilint.context import FileContext
from nhilint.walk import walk

# `mapping.get(NAME)`, `options.pop(NAME, None)`, `os.getenv(NAME)`: the first argument names
# the entry. Not configparser's `get(section, option)` second argument: in `d.get(KEY, VALUE)`
# the second is the default, a value.
_FIRST_ARGUMENT_LOOKUPS = frozenset({"get", "pop", "setdefault", "getenv", "getint", "getfloat", "getboolean", "has_key"})
# `getattr(settings, NAME)`, `hasattr(settings, NAME)`: the second argument names the attribute
_SECOND_ARGUMENT_LOOKUPS = frozenset({"getattr", "hasattr"})


def _identifier(text: str) -> bool:
    """An entry's name: lower-case words (digits allowed after the first letter) joined by `_`,
    `.` or `-`, two words at least (`svc_app_secret`, `auth.client-secret`). A drawn secret mixes
    cases or has no separator between words; a weak one written as words is only taken for a
    name when every read of it says so."""
    words = text.replace(".", "_").replace("-", "_").split("_")
    return len(words) >= 2 and all(w[:1].isalpha() and w.isascii() and w.isalnum() and w.islower() for w in words)


def _constants(context: FileContext) -> Dict[str, cst.BaseExpression]:
    """The module's names bound once, at its top level, to an entry-name literal."""
    return {name: value for name, value in context.module_constants.items()
            if value is not None and _identifier(string_literal(value) or "")}


def lookup_key_constants(context: FileContext) -> Dict[str, cst.BaseExpression]:
    """The module constants holding an entry's name whose every read in the module, one at least,
    is a lookup key, with the literal each is bound to: a subscript (`store[NAME]`), the entry argument of a mapping's or
    environment's getter, a dict display's key, the left side of `in`. Any other read (passed
    to a function, signed with, compared, formatted) keeps the constant a possible secret.
    Worked out once per file."""

    def compute() -> Dict[str, cst.BaseExpression]:
        constants = _constants(context)
        if not constants:
            return {}
        lookups: Set[int] = set()  # the ids of Name nodes read as a lookup key
        skipped: Set[int] = set()  # names that are not reads (an attribute's or keyword's name, a target)
        reads: Dict[str, int] = {}
        other: Set[str] = set()

        def mark(expr: cst.BaseExpression) -> None:
            if isinstance(expr, cst.Name):
                lookups.add(id(expr))

        def visit(node: cst.CSTNode) -> bool:
            if isinstance(node, cst.Subscript):
                for element in node.slice:
                    if isinstance(element.slice, cst.Index):
                        mark(element.slice.value)
            elif isinstance(node, cst.Call):
                positional = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
                leaf = leaf_name(node)
                if leaf in _FIRST_ARGUMENT_LOOKUPS and positional:
                    mark(positional[0])
                elif leaf in _SECOND_ARGUMENT_LOOKUPS and len(positional) >= 2:
                    mark(positional[1])
            elif isinstance(node, cst.DictElement):
                mark(node.key)
            elif isinstance(node, cst.Comparison):
                if any(isinstance(target.operator, (cst.In, cst.NotIn)) for target in node.comparisons):
                    mark(node.left)
            elif isinstance(node, cst.Attribute):
                skipped.add(id(node.attr))
            elif isinstance(node, cst.Arg) and node.keyword is not None:
                skipped.add(id(node.keyword))
            elif isinstance(node, (cst.AssignTarget, cst.AnnAssign)):
                skipped.add(id(node.target))
            elif isinstance(node, cst.Name) and node.value in constants and id(node) not in skipped:
                reads[node.value] = reads.get(node.value, 0) + 1
                if id(node) not in lookups:
                    other.add(node.value)
            return True

        walk(context.module, visit)
        return {name: value for name, value in constants.items() if reads.get(name) and name not in other}

    return context.memo(("lookup-key-constants",), compute)


def names_an_entry(context: FileContext, name: str, value: cst.BaseExpression) -> bool:
    """Whether `value` is the literal a module constant named `name` is bound to, and that
    constant is only ever read as a lookup key (`lookup_key_constants`)."""
    return lookup_key_constants(context).get(name) is value
