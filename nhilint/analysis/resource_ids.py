"""Names of tokens that are resources' identifiers: `userToken` put in a URL path right after
its own collection (`self.__buildUrl("users", userToken)`, `f"/users/{user_token}"`).

Some payment APIs (Hyperwallet, Marqeta) call every object's identifier its token (`usr-...`,
documented as "a token identifying the User"): the client authenticates otherwise, and puts
the identifier in paths as REST puts any id, `/users/{id}`. A token that grants access does
not sit after the collection named for it: Discord's webhook token follows the webhook's id
(`webhooks/{id}/{token}`), Telegram's bot token is glued to `bot`. So a name whose prefix names
a thing (`user` of `userToken`, `bank_account` of `bankAccountToken`) and which the module
puts right after that thing's collection (`users`, `bank-accounts`) names an identifier
wherever the module uses it, in a query too.
"""

from __future__ import annotations

from typing import FrozenSet, List, Optional, Set, Union

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.names import snake_case
from nhilint.context import FileContext
from nhilint.patterns import compiled_on_first_use
from nhilint.walk import walk

# the last segment of a path literal: `users` of `"users"`, `"/v3/users/"`, `"bank-accounts/"`
_LAST_SEGMENT = compiled_on_first_use(r"(?:^|/)(?P<segment>[A-Za-z][A-Za-z0-9_-]*)/?$")


def thing_of(name: str) -> str:
    """The thing a token name is about: `user` of `user_token`, `bank_account` of
    `bankAccountToken`; '' for a name that is not `<thing>_token` (`token`, `access_token` has
    `access`, which no collection is named for, and is asked like any)."""
    snake = snake_case(name).lstrip("_")
    return snake[:-len("_token")] if snake.endswith("_token") else ""


def resource_id_names(context: FileContext) -> FrozenSet[str]:
    """The names (as written: `userToken`) the module puts in a URL path right after their own
    collection; worked out once per file, for files that say `token`."""
    return context.memo(("resource-id-names",), lambda: _find(context) if context.mentions("token") else frozenset())


def _find(context: FileContext) -> FrozenSet[str]:
    found: Set[str] = set()

    def visit(node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Call):
            _after_literal([arg.value for arg in node.args if arg.keyword is None and not arg.star], found)
        elif isinstance(node, cst.FormattedString):
            parts: List[Union[str, cst.BaseExpression]] = []
            for part in node.parts:
                if isinstance(part, cst.FormattedStringText):
                    parts.append(part.value)
                elif isinstance(part, cst.FormattedStringExpression):
                    # `f"{BOARD_BASE}/{self.board_token}"`: the module's constant URL, written out
                    constant = _constant_text(context, part.expression)
                    parts.append(constant if constant is not None else part.expression)
            _after_literal(_joined_texts(parts), found, joined=True)
        elif isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            _after_literal([node.left, node.right], found, joined=True)
        return True

    walk(context.module, visit)
    return frozenset(found)


def _after_literal(parts: List[Union[str, cst.BaseExpression]], found: Set[str], joined: bool = False) -> None:
    """`("users", userToken)` as a path builder's arguments, or `"/users/"` + `user_token`
    joined (an f-string's text is given as a str): a name right after the literal segment of
    its own collection."""
    for before, after in zip(parts, parts[1:]):
        name = _name(after) if not isinstance(after, str) else None
        if name is None:
            continue
        text = before if isinstance(before, str) else string_literal(before)
        if text is None or (joined and not text.endswith("/")):
            continue
        segment = _LAST_SEGMENT.search(text)
        thing = thing_of(name)
        if segment is None or not thing:
            continue
        collection = segment.group("segment").lower().replace("-", "_")
        if collection in (thing + "s", thing + "es"):
            found.add(name)


def _constant_text(context: FileContext, node: cst.BaseExpression) -> Optional[str]:
    """The text of a module constant bound once to a string literal (`BOARD_BASE = "https://
    boards-api.greenhouse.io/v1/boards"`), else None."""
    if not isinstance(node, cst.Name) or node.value not in context.module_constants:
        return None
    value = context.evaluator.value(node, None)
    return value if isinstance(value, str) else None


def _joined_texts(parts: List[Union[str, cst.BaseExpression]]) -> List[Union[str, cst.BaseExpression]]:
    """Adjacent texts joined into one (`".../boards"` and `"/"`)."""
    joined: List[Union[str, cst.BaseExpression]] = []
    for part in parts:
        if isinstance(part, str) and joined and isinstance(joined[-1], str):
            joined[-1] = joined[-1] + part
        else:
            joined.append(part)
    return joined


def _name(node: cst.BaseExpression) -> Optional[str]:
    """`userToken` of `userToken`, `self.user_token`."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return node.attr.value
    return None
