"""Whether a value is one this function has just drawn at random: a new secret, made here.

`password = "".join(str(randint(0, 9)) for _ in range(5))`, `secrets.token_urlsafe(32)`,
`uuid.uuid4().hex`, also formatted into a text with no other credential in it (`f"/{password}@
{bot_name}"`). Such a value existed nowhere before this line: printing it at its creation shows
a new secret to the one person who is to use it (a pairing code typed to a bot, a key handed
over), as a key service's `create()` does.
"""

from __future__ import annotations

import libcst as cst

from nhilint.flow.function import FunctionFlow
from nhilint.flow.labels import token_labels
from nhilint.walk import nodes_of

# modules whose calls draw random values; pyotp's `random_base32()` / `random_hex()` draw a new
# OTP seed from `random.SystemRandom` (checked with pyotp 2.9)
_RANDOM_MODULES = ("secrets.", "random.", "os.urandom", "uuid.uuid4", "pyotp.random_")

# how many local names deep a value is followed
_DEPTH = 3


def drawn_here(flow: FunctionFlow, name: cst.Name, depth: int = 0) -> bool:
    """Every value the local `name` may hold here is drawn at random in this function, alone or
    formatted with values that are no credentials."""
    if depth > _DEPTH or not flow.facts.is_local(name.value) or name.value in flow.facts.params:
        return False
    bindings = flow.reaching(name.value, name)
    return bool(bindings) and all(
        binding.value is not None and _drawn(flow, binding.value, depth) for binding in bindings
    )


def _drawn(flow: FunctionFlow, value: cst.BaseExpression, depth: int) -> bool:
    """A random draw, or a text made of parts each of which is a draw or no credential (and
    one draw at least)."""
    parts = _parts(value)
    drawn = False
    for part in parts:
        if random_call(flow, part) or _drawing_helper(flow, part, depth) or _given_or_drawn(flow, part, depth):
            drawn = True
        elif isinstance(part, cst.Name) and flow.facts.is_local(part.value) and drawn_here(flow, part, depth + 1):
            drawn = True
        elif token_labels(flow.labels(part)):
            return False  # a credential formatted in beside the draw
    return drawn


def _drawing_helper(flow: FunctionFlow, value: cst.BaseExpression, depth: int) -> bool:
    """`_random_password()`, a function of the module each of whose returns is a draw
    (`return "".join(secrets.choice(alphabet) for _ in range(24))`)."""
    if depth > _DEPTH or not isinstance(value, cst.Call):
        return False
    target = flow.module.resolve(flow, value)
    if target is None:
        return False
    helper = flow.module.flow(target[0])
    returns = helper.facts.returns
    return bool(returns) and all(_drawn(helper, returned, depth + 1) for returned in returns)


def _given_or_drawn(flow: FunctionFlow, value: cst.BaseExpression, depth: int) -> bool:
    """`postgres_password or _random_password()` in a command-line command: the value the
    person gave as an option, else one drawn here; either way nothing the person does not know
    or that existed before (a command's parameters are what its person typed)."""
    if not (isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or)
            and isinstance(value.left, cst.Name) and value.left.value in flow.facts.params):
        return False
    from nhilint.flow.printed_answers import command_function  # asked of a printed draw only

    return command_function(flow) and _drawn(flow, value.right, depth + 1)


def _parts(value: cst.BaseExpression) -> "list[cst.BaseExpression]":
    """The operands a text is made of: an f-string's values, both sides of `+` or `%`."""
    if isinstance(value, cst.FormattedString):
        return [part.expression for part in value.parts if isinstance(part, cst.FormattedStringExpression)]
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, (cst.Add, cst.Modulo)):
        return _parts(value.left) + _parts(value.right)
    return [value]


def random_call(flow: FunctionFlow, expr: cst.BaseExpression) -> bool:
    """The expression draws a random value (`secrets.token_hex(4)`, `"".join(str(randint(0,
    9)) for _ in range(5))`, `uuid.uuid4().hex`)."""
    return any(
        (flow.context.qualified_name(call.func, flow.facts) or "").startswith(_RANDOM_MODULES)
        for call in nodes_of(expr, cst.Call, nested=True)
    )
