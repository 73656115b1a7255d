"""Branches of a function's own test of a parameter: of its type or of its value.

Where a type test says the parameter holds no token (`other_type_branch`): a function that takes "an ORM object or a user wrapper" dispatches on the object's type:
`if isinstance(orm_object, APIToken): ... else: expand_scopes(owner=orm_object)`. A caller
handing it a token takes the first branch; what the other branch logs is a user or a
service, not the token. A parameter's sink found only in such a branch is no sink for a
caller's token.

Only for a parameter whose name does not say it holds a token: `def send(token): if
isinstance(token, AccessToken): ... else: log(token)` has the raw token string in its other
branch, and stays a sink.

Where a value test picks the branch a sink is in (`value_condition`, `taken_sinks`): `if
method == "GET": client.get(url, params=data)` sends the mapping in the query only for a
GET; a caller that asks for a POST never reaches that sink. `if value is not None:` of a
parameter that defaults to None runs only for a caller that passes one; `if include_token:` of
a flag that defaults to False only for a caller that passes it true (also what a function
returns that puts the token in its dict only there: `guarded_entries`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Mapping, Optional, Tuple

import libcst as cst

from nhilint.analysis.branches import final_statement
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.names import is_token_name
from nhilint.analysis.syntax import is_none, presence_subject
from nhilint.flow.labels import token_labels
from nhilint.flow.reaching import reaching_bindings

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow
    from nhilint.flow.labels import Labels
    from nhilint.flow.summary import Sink

# Types a token itself may have: a branch that tests for one of these may hold a token.
_TOKEN_CARRYING_TYPES = frozenset({
    "str", "bytes", "bytearray", "dict", "Dict", "Mapping", "MutableMapping", "object", "Any", "tuple", "list",
})


def other_type_branch(flow: "FunctionFlow", node: cst.CSTNode, param: str) -> bool:
    """Whether `node` runs only where a type test on the parameter `param` rules out a token:
    the branch of `isinstance(param, User)` (no tested type names a token or may be a
    string), or the other branch of `isinstance(param, APIToken)` (tokens take the first)."""
    if is_token_name(param):
        return False
    child, current = node, flow.facts.parent_of(node)
    while current is not None and not isinstance(current, (cst.FunctionDef, cst.ClassDef)):
        if isinstance(current, cst.If) and child is not current.test:
            types = _tested_types(current.test, param)
            if types is not None:
                tested, negated = types
                in_body = (child is current.body) != negated
                if in_body and not any(_may_be_token(name) for name in tested):
                    return True
                if not in_body and any(_names_token(name) for name in tested):
                    return True
        child, current = current, flow.facts.parent_of(current)
    return False


def _tested_types(test: cst.BaseExpression, param: str) -> Optional[Tuple[List[str], bool]]:
    """The type names `isinstance(param, ...)` tests, and whether the test is negated (`not
    isinstance(...)`); None for any other test."""
    negated = False
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        test, negated = test.expression, True
    if not (isinstance(test, cst.Call) and leaf_name(test) == "isinstance" and len(test.args) == 2):
        return None
    subject = test.args[0].value
    if not (isinstance(subject, cst.Name) and subject.value == param):
        return None
    kinds = test.args[1].value
    elements = [e.value for e in kinds.elements] if isinstance(kinds, cst.Tuple) else [kinds]
    names = [dotted_name(e) for e in elements]
    if not names or any(name is None for name in names):
        return None  # `isinstance(x, self.kinds)`: the types are not known here
    return [name.rsplit(".", 1)[-1] for name in names if name is not None], negated


# words in a class name that say its objects hold a token (`APIToken`, `OAuth2Credentials`):
# class names run words together (`APIToken`), so a part of the name, not a word of it
_TOKEN_TYPE_WORDS = ("token", "jwt", "credential", "secret", "bearer", "apikey", "api_key", "password")


def _names_token(type_name: str) -> bool:
    lowered = type_name.lower()
    return any(word in lowered for word in _TOKEN_TYPE_WORDS)


def _may_be_token(type_name: str) -> bool:
    return type_name in _TOKEN_CARRYING_TYPES or _names_token(type_name)


def only_for_non_dicts(flow: "FunctionFlow", log_call: cst.CSTNode) -> bool:
    """The log runs only under `if not isinstance(x, dict):` (a serializer that logs the
    objects it is given, not the dicts)."""
    node: cst.CSTNode = log_call
    parent = flow.facts.parent_of(node)
    while parent is not None and not isinstance(parent, cst.FunctionDef):
        if isinstance(parent, cst.If) and node is parent.body and _not_a_dict_test(parent.test):
            return True
        node, parent = parent, flow.facts.parent_of(parent)
    return False


def _not_a_dict_test(test: cst.BaseExpression) -> bool:
    if not isinstance(test, cst.UnaryOperation) or not isinstance(test.operator, cst.Not):
        return False
    check = test.expression
    return (
        isinstance(check, cst.Call) and leaf_name(check) == "isinstance" and len(check.args) == 2
        and dotted_name(check.args[1].value) == "dict"
    )


def value_condition(flow: "FunctionFlow", node: cst.CSTNode) -> Tuple[str, ...]:
    """The branch of a test of a parameter against literals that `node` runs in, as the
    parameter's name and the values (lower case) it runs for: `if method == "GET":` gives
    `("method", "get")`, `if method.upper() in ("GET", "HEAD"):` gives `("method", "get",
    "head")`, `if method == HttpMethod.GET:` gives `("method", "get")`; `()`
    outside any. A helper that sends a mapping as the query only for GET
    (`if method == "GET": params = data`) sends none when its caller asks for a POST."""
    function = flow.scope
    if not isinstance(function, cst.FunctionDef):
        return ()
    every = (*function.params.params, *function.params.posonly_params, *function.params.kwonly_params)
    params = {p.name.value for p in every}
    child, current = node, flow.facts.parent_of(node)
    while current is not None and current is not function:
        # also the arms of `payload if method == "get" else None`
        if isinstance(current, (cst.If, cst.IfExp)) and (child is current.body or child is current.orelse):
            test, negated = _unnegated(flow, current.test)
            not_in = _not_in(test)
            found = _literal_test(test, params, not_in)
            negated = negated != not_in  # `method not in (...)`: the `in` test's other branch
            if found and negated != (child is current.orelse):
                # the `else:` of `if method in (...)`; not of `if method == "GET" and not
                # files:`, whose other branch runs for a GET too
                if isinstance(test, cst.Comparison):
                    return (found[0], NOT, *found[1:])
            elif found:
                return found
            if child is current.body or child is current.orelse:
                found = _presence_branch(test, negated, child is current.orelse, every)
                if found:
                    return found
        child, current = current, flow.facts.parent_of(current)
    return ()


def _presence_branch(test: cst.BaseExpression, negated: bool, in_else: bool,
                     params: Tuple[cst.Param, ...]) -> Tuple[str, ...]:
    """The arm of a test of whether a parameter defaulting to None was given: `if value:` /
    `if value is not None:` (its body runs only for a value passed: GIVEN; its `else:` only
    without one: ABSENT), `if not value:` / `if value is None:` the other way round."""
    given = _given_test(test, params)
    if given:
        return (given[0], given[1] if negated == in_else else ABSENT)
    absent = _absent_test(test, params)
    if absent and not negated:
        return (absent[0], GIVEN if in_else else ABSENT)
    return ()


def _absent_test(test: cst.BaseExpression, params: Tuple[cst.Param, ...]) -> Tuple[str, ...]:
    """`if value is None:` of a parameter that defaults to None."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.Is) and is_none(test.comparisons[0].comparator)
            and isinstance(test.left, cst.Name)):
        return ()
    param = next((p for p in params if p.name.value == test.left.value), None)
    return (test.left.value,) if param is not None and is_none(param.default) else ()


def guarded_entries(flow: "FunctionFlow", returned: cst.BaseExpression,
                    labels: "Labels") -> Optional[Tuple[Tuple[str, ...], "Labels"]]:
    """`data = {"hint": token[:4] + "..."}`, `if include_token: data["token"] = token`, then
    `return data`: the returned dict holds a token only where every entry that puts one in is
    stored under one test of an optional parameter (a flag defaulting to False, a value
    defaulting to None). That test, and what the dict holds without those entries; None where
    that is not so (a token in the dict as made, or stored outside the test, or merged in)."""
    if not isinstance(returned, cst.Name) or not flow.facts.is_local(returned.value):
        return None
    facts, name = flow.facts, returned.value
    stores = facts.item_stores.get(name)
    if not stores or facts.appends.get(name) or facts.merges.get(name):
        return None
    bindings = reaching_bindings(facts, name, returned)
    if not bindings or any(b.value is None or token_labels(flow.labels(b.value)) for b in bindings):
        return None
    made, at = min(b.order for b in bindings), facts.order_of(returned)
    condition: Tuple[str, ...] = ()
    for order, _key, value in stores:
        if not made < order < at or not token_labels(flow.labels(value)):
            continue
        arm = value_condition(flow, value)
        if arm[1:] not in ((GIVEN,), (TRUTHY,)) or (condition and arm != condition):
            return None
        condition = arm
    if not condition:
        return None
    return condition, labels - token_labels(labels)


def return_condition(flow: "FunctionFlow", returned: cst.BaseExpression) -> Tuple[str, ...]:
    """The arm a `return` runs in, as value_condition says of a call; also past an earlier
    `if` of an enclosing block that returns or raises: `if section is None: return
    parser.sections()`, then `return (host, user, password)` runs only for a section given."""
    found = value_condition(flow, returned)
    if found:
        return found
    function = flow.scope
    if not isinstance(function, cst.FunctionDef):
        return ()
    every = (*function.params.params, *function.params.posonly_params, *function.params.kwonly_params)
    node: cst.CSTNode = returned
    parent = flow.facts.parent_of(node)
    while parent is not None and parent is not function:
        if isinstance(parent, cst.IndentedBlock):
            for statement in parent.body:
                if statement is node:
                    break
                if isinstance(statement, cst.If) and statement.orelse is None \
                        and isinstance(final_statement(statement.body), (cst.Return, cst.Raise)):
                    test, negated = _unnegated(flow, statement.test)
                    arm = _presence_branch(test, negated, False, every)
                    if arm:  # past the `if`: the other arm's condition
                        return (arm[0], ABSENT if arm[1] in (GIVEN, TRUTHY) else GIVEN)
        node, parent = parent, flow.facts.parent_of(parent)
    return ()


# the mark of a `value_condition` that runs only when the parameter holds none of the values:
# the `else:` of `if method in ("POST", "PUT"):`, or `if method not in (...)`
NOT = "<not>"


def _unnegated(flow: "FunctionFlow", test: cst.BaseExpression) -> Tuple[cst.BaseExpression, bool]:
    """The test without its `not`, and whether there was one; a local bound once to a test is
    read as that test (`in_body = method in ("POST", "PUT")`, then `if in_body:`)."""
    negated = False
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        test, negated = test.expression, True
    if isinstance(test, cst.Name):
        bound = flow.context.bound_expression(test, flow.facts)
        if isinstance(bound, cst.Comparison):
            test = bound
    return test, negated


def _not_in(test: cst.BaseExpression) -> bool:
    return isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
        and isinstance(test.comparisons[0].operator, cst.NotIn)


# the values of a `value_condition` that runs only when the parameter was given: `if
# secret_value is not None:`, `if secret_value:` of a parameter whose default is None; and
# only when it was not (or None was passed): `if section is None:`, `if not section:`
GIVEN = "<given>"
ABSENT = "<absent>"
# the value of a `value_condition` that runs only when a flag defaulting to False is passed
# true: `if include_token:` of `include_token: bool = False`
TRUTHY = "<truthy>"


def _given_test(test: cst.BaseExpression, params: Tuple[cst.Param, ...]) -> Tuple[str, ...]:
    """`if value is not None:` / `if value:` (`bool(value)`) of a parameter that defaults to None: the branch runs
    only for a call that passes one. A call that leaves it to its default never takes it. `if
    include_token:` of a flag that defaults to False runs only for a call that passes it true."""
    subject = presence_subject(test)
    if not isinstance(subject, cst.Name):
        return ()
    param = next((p for p in params if p.name.value == subject.value), None)
    if param is None:
        return ()
    if is_none(param.default):
        return (subject.value, GIVEN)
    if isinstance(param.default, cst.Name) and param.default.value == "False" and not isinstance(test, cst.Comparison):
        return (subject.value, TRUTHY)
    return ()


def _literal_test(test: cst.BaseExpression, params: "set[str]", not_in: bool = False) -> Tuple[str, ...]:
    """The parameter a test compares with literals, and the literals (`not_in`: read a `not in`
    as its `in`, for the caller to take the other branch)."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        # `if method.upper() == "GET" and not files:`: the body runs only where each side holds
        return _literal_test(test.left, params) or _literal_test(test.right, params)
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
        return ()
    operator = test.comparisons[0].operator
    left, right = test.left, test.comparisons[0].comparator
    if isinstance(operator, cst.Equal):
        subject, values = (left, [right]) if _literal(right) is not None else (right, [left])
    elif isinstance(operator, cst.NotIn if not_in else cst.In) and isinstance(right, (cst.Tuple, cst.List, cst.Set)):
        subject, values = left, [e.value for e in right.elements]
    else:
        return ()
    if isinstance(subject, cst.Call) and isinstance(subject.func, cst.Attribute) \
            and subject.func.attr.value in ("upper", "lower", "casefold") and not subject.args:
        subject = subject.func.value  # `method.upper() == "GET"`
    if not (isinstance(subject, cst.Name) and subject.value in params):
        return ()
    literals = [_literal(value) for value in values]
    if not literals or any(text is None for text in literals):
        return ()
    return (subject.value, *(text for text in literals if text is not None))


def _literal(expr: cst.BaseExpression) -> Optional[str]:
    """A string literal, or an enum member (`HttpMethod.GET`, by its last name: however the
    enum is imported, and its members are named for their values), lower case; None for
    anything else."""
    if isinstance(expr, cst.SimpleString):
        return expr.evaluated_value.lower() if isinstance(expr.evaluated_value, str) else None
    if isinstance(expr, cst.Attribute) and expr.attr.value.isupper():
        return expr.attr.value.lower()
    return None


def holds_for(condition: Tuple[str, ...], argument: Optional[cst.BaseExpression]) -> Optional[bool]:
    """Whether a sink found under `condition` (value_condition) runs for a call passing
    `argument` for the tested parameter: False for a value the branch does not take, True
    for one it does, None when the call does not show (a name, nothing passed)."""
    if condition[1:] == (TRUTHY,):
        # run only for a flag passed true: never for its default, nor a false literal
        if argument is None or (isinstance(argument, cst.Name) and argument.value in ("False", "None")) \
                or (isinstance(argument, cst.Integer) and argument.value == "0"):
            return False
        return True if isinstance(argument, cst.Name) and argument.value == "True" else None
    if condition[1:] == (GIVEN,):
        # run only for a value passed: never for the default (not passed, or None written out)
        return False if argument is None or (isinstance(argument, cst.Name) and argument.value == "None") else None
    if condition[1:] == (ABSENT,):
        # run only without a value: for the default, not for a literal passed
        if argument is None or (isinstance(argument, cst.Name) and argument.value == "None"):
            return True
        return False if isinstance(argument, (cst.SimpleString, cst.ConcatenatedString, cst.Integer)) else None
    if not condition or argument is None:
        return None
    passed = _literal(argument)
    if passed is None:
        return None
    if condition[1:2] == (NOT,):
        return passed not in condition[2:]
    return passed in condition[1:]


def taken_sinks(param_sinks: Mapping[str, Tuple["Sink", ...]],
                bound: Mapping[str, cst.BaseExpression]) -> Mapping[str, Tuple["Sink", ...]]:
    """A helper's parameter sinks, less those in a branch the call's arguments rule out
    (`self._internal(method=HttpMethod.POST, data=login)` never takes `if method ==
    HttpMethod.GET: client.get(url, params=data)`)."""
    if not any(sink.only_if for reached in param_sinks.values() for sink in reached):
        return param_sinks
    return {
        name: tuple(sink for sink in reached if holds_for(sink.only_if, bound.get(sink.only_if[0] if sink.only_if else "")) is not False)
        for name, reached in param_sinks.items()
    }
