"""What a log message says of the values it formats: the words written just before each
placeholder. `logger.info("Deleting profile [%s] from file: %s", profile, credentials)` calls
its second value a file; a name alone (`credentials`) would call it a credential, and the
message, written by the one who knows, wins (NHL404).

Four ways of formatting are read: a logger's own arguments (`"... %s", value`), `%` (`"..." %
(a, b)`, `%(name)s` with a dict), `str.format` (`"{}"`, `"{0}"`, `"{name}"`) and f-strings.
"""

from __future__ import annotations

import re
import string
from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.patterns import compiled_on_first_use

# The message's last word before the placeholder names a place on disk (`from file: %s`,
# `cache-file at {path}`, `token path %s`): only the text's last 40 characters are searched.
_LOCATION_WORD = compiled_on_first_use(
    r"(?:^|[^a-z0-9])(?:file|filename|path|dir|directory|folder|location)s?[\s:=\"'`(\[]*"
    r"(?:(?:at|in|from|to|is)[\s:=\"'`(\[]*)?$", re.I)
_TAIL = 40
# ... or an anti-forgery token (`"Got CSRF token: %s"`): bound to the session, useless without
# its cookie (the words of nhilint.analysis.names.ANTI_FORGERY_WORDS that a message writes)
# (also "CSRF token found for %s: %s": a verb and a few words of where it came from, bounded)
_ANTI_FORGERY_WORD = compiled_on_first_use(
    r"(?:^|[^a-z0-9])(?:csrf|xsrf|anti-?forgery|authenticity)[\s_-]*tokens?[\s:=\"'`(\[]*"
    r"(?:(?:is|was|of|found|received|extracted|obtained|retrieved|read|set)\b"
    r"(?:(?!token|key|secret|passw|bearer|auth)[^.;\n]){0,24})?[\s:=\"'`(\[]*$", re.I)

# a printf placeholder: `%s`, `%r`, `%(name)s` (group 1), `%-10.3f`, `%.5s` (its precision, group
# 2, cuts a string to that many characters), its conversion (group 3); `%%` is a literal percent
# sign. The `0` flag is read as part of the width: flags and digits never overlap, so the match is
# linear on any text.
PRINTF = compiled_on_first_use(r"%(?:\(([^()%]*)\))?[-# +]*(?:\d+|\*)?(?:\.(\d+|\*))?([a-zA-Z%])")


def described_locations(call: cst.Call, value: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The parts of `value`, one of the logged arguments of `call`, that the message calls a
    file's location, or an anti-forgery token: no credential, whatever their names say."""
    found: List[cst.BaseExpression] = []
    args = [arg for arg in call.args if arg.keyword is None and not arg.star]
    if len(args) > 1 and value is not args[0].value:
        text = string_literal(args[0].value)
        if isinstance(text, str) and len(args) == 2 and isinstance(value, cst.Dict):
            # `logger.info("file %(path)s", {"path": credentials})`: the entries by their keys
            found.extend(expr for expr, before in _percent_slots(text, [], _keyed(value)) if _location(before))
        elif isinstance(text, str):
            slots = _percent_slots(text, [arg.value for arg in args[1:]], {})
            found.extend(expr for expr, before in slots if expr is value and _location(before))
    for node in _formatted(value):
        found.extend(expr for expr, before in _slots(node) if _location(before))
    return found


def _location(before: str) -> bool:
    tail = before[-_TAIL:]
    return bool(_LOCATION_WORD.search(tail)) or bool(_ANTI_FORGERY_WORD.search(tail))


def _formatted(value: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The formatting expressions in the logged value: itself, or the parts of a `+` or of
    adjacent literals."""
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        return _formatted(value.left) + _formatted(value.right)
    if isinstance(value, cst.ConcatenatedString):  # adjacent literals: `f"..." f"... file '{path}'"`
        return _formatted(value.left) + _formatted(value.right)
    return [value]


def _slots(node: cst.BaseExpression) -> List[Tuple[cst.BaseExpression, str]]:
    """Each formatted expression of `node` with the message text just before its placeholder."""
    if isinstance(node, cst.FormattedString):
        slots, before = [], ""
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                before += part.value
            else:
                slots.append((part.expression, before))
                before += "{}"  # an earlier value's place, as in a `%` message
        return slots
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
        text = string_literal(node.left)
        if not isinstance(text, str):
            return []
        right = node.right
        if isinstance(right, cst.Tuple):
            return _percent_slots(text, [element.value for element in right.elements], {})
        return _percent_slots(text, [right], _keyed(right))
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
        text = string_literal(node.func.value)
        if isinstance(text, str):
            return _format_slots(text, node.args)
    return []


def _keyed(mapping: cst.BaseExpression) -> Dict[str, cst.BaseExpression]:
    """The entries of a dict literal under literal string keys, for `%(name)s`."""
    if not isinstance(mapping, cst.Dict):
        return {}
    keyed = {string_literal(e.key): e.value for e in mapping.elements if isinstance(e, cst.DictElement)}
    return {key: expr for key, expr in keyed.items() if isinstance(key, str)}


def _percent_slots(text: str, positional: Sequence[cst.BaseExpression],
                   keyed: Dict[str, cst.BaseExpression]) -> List[Tuple[cst.BaseExpression, str]]:
    slots: List[Tuple[cst.BaseExpression, str]] = []
    index = 0
    for match in PRINTF.finditer(text):
        if match.group(3) == "%":
            continue
        # the text since the message began (earlier placeholders in it): "CSRF token found for
        # %s: %s" describes its second value before its first placeholder
        before = text[:match.start()]
        if match.group(1) is not None:
            expr: Optional[cst.BaseExpression] = keyed.get(match.group(1))
        else:
            expr = positional[index] if index < len(positional) else None
            index += 1
        if expr is not None:
            slots.append((expr, before))
    return slots


def _format_slots(text: str, args: Sequence[cst.Arg]) -> List[Tuple[cst.BaseExpression, str]]:
    positional = [arg.value for arg in args if arg.keyword is None and not arg.star]
    keyed = {arg.keyword.value: arg.value for arg in args if arg.keyword is not None}
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return []  # not a valid format string: nothing can be said of its fields
    slots: List[Tuple[cst.BaseExpression, str]] = []
    automatic = 0
    before = ""
    for literal, field, _spec, _conversion in fields:
        before += literal  # the text since the message began, as for `%`
        if field is None:
            continue
        name = re.split(r"[.\[]", field, maxsplit=1)[0]  # `{0.path}`, `{conf[file]}`: the argument
        if name == "":
            expr = positional[automatic] if automatic < len(positional) else None
            automatic += 1
        elif name.isdigit():
            expr = positional[int(name)] if int(name) < len(positional) else None
        else:
            expr = keyed.get(name)
        if expr is not None:
            slots.append((expr, before))
        before += "{}"
    return slots
