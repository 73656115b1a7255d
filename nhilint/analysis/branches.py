"""What a branch of code does with the request it handles, and which two places no run of a
function reaches both of (the arms of one `if`; an arm that returns, and what follows it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

from nhilint.analysis.syntax import is_none

if TYPE_CHECKING:
    from nhilint.analysis.scope import ScopeFacts


def final_statement(body: cst.BaseSuite) -> Optional[cst.BaseSmallStatement]:
    """The simple statement a block ends with (`return ...`, `raise ...`), also on the line of
    its `if` (`if x: return y`); None when it ends with a compound statement."""
    if isinstance(body, cst.SimpleStatementSuite):
        return body.body[-1] if body.body else None
    last = body.body[-1] if isinstance(body, cst.IndentedBlock) and body.body else None
    return last.body[-1] if isinstance(last, cst.SimpleStatementLine) and last.body else None


def rejects(body: cst.BaseSuite) -> bool:
    """Whether a block ends by turning the request away: a `raise`, or a `return` of nothing,
    None or False (`return claims` there would accept it), or of a refusal (a 401 or 403
    answer, also made ready as the answer, `response = web.json_response(..., status=401)`);
    also on the line of its `if` (`if "refresh" in claims: raise InvalidToken()`)."""
    small = final_statement(body)
    if isinstance(small, cst.Raise):
        return True
    if isinstance(small, cst.Return):
        value = small.value
        return value is None or (isinstance(value, cst.Name) and value.value in ("None", "False")) \
            or (isinstance(value, cst.Call) and _refusal_answer(value))
    # `response = web.json_response({...}, status=401)`, returned after the `if`
    return isinstance(small, cst.Assign) and isinstance(small.value, cst.Call) and _refusal_answer(small.value)


def _refusal_answer(call: cst.Call) -> bool:
    """`web.json_response({...}, status=401)`, `JSONResponse(..., status_code=403)`,
    `HttpResponseForbidden()`, `Response("no", 401)`: an answer that turns the request away."""
    func = call.func
    name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
    if "unauthorized" in name.lower() or "forbidden" in name.lower():
        return True
    return any(isinstance(arg.value, cst.Integer) and arg.value.value in ("401", "403")
               and (arg.keyword is None or arg.keyword.value in ("status", "status_code"))
               for arg in call.args)


def tested_as_set(test: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """`X` of `if X:` or `if X is not None:`, a name or an attribute: the value the `if`'s body
    runs only where it is set. None for any other test."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
            and isinstance(test.comparisons[0].operator, cst.IsNot) and is_none(test.comparisons[0].comparator):
        test = test.left
    return test if isinstance(test, (cst.Name, cst.Attribute)) else None


def left_before(facts: "ScopeFacts", read: cst.CSTNode, later: cst.CSTNode) -> bool:
    """Whether the innermost `if` arm holding `read` ends by leaving the function (`return
    answer["sessionToken"]`) and `later` comes after that `if`: a run that reaches `later` did
    not take the arm."""
    parent = facts.parent_of(read)
    while parent is not None and not isinstance(parent, cst.FunctionDef):
        holder = facts.parent_of(parent)
        if isinstance(parent, (cst.IndentedBlock, cst.SimpleStatementSuite)) and isinstance(holder, (cst.If, cst.Else)):
            if not isinstance(final_statement(parent), (cst.Return, cst.Raise)):
                return False
            branch = holder if isinstance(holder, cst.If) else facts.parent_of(holder)
            return branch is not None and not facts.within(later, branch) \
                and facts.order_of(later) > facts.order_of(branch) >= 0
        parent = holder
    return False


def other_arms(facts: "ScopeFacts", one: cst.CSTNode, other: cst.CSTNode) -> bool:
    """Whether two nodes sit in different arms of one `if` (its body, its `elif`s, its `else`):
    no run reaches both."""
    arms: "dict[int, int]" = {}  # id(if) -> id(the arm `one` is in)
    node, parent = one, facts.parent_of(one)
    while parent is not None and not isinstance(parent, cst.FunctionDef):
        if isinstance(parent, cst.If):
            arms[id(parent)] = id(node)
        node, parent = parent, facts.parent_of(parent)
    node, parent = other, facts.parent_of(other)
    while parent is not None and not isinstance(parent, cst.FunctionDef):
        if isinstance(parent, cst.If) and id(parent) in arms:
            return arms[id(parent)] != id(node) and node is not parent.test and arms[id(parent)] != id(parent.test)
        node, parent = parent, facts.parent_of(parent)
    return False


def handles_failure_of(facts: "ScopeFacts", handler_part: cst.CSTNode, tried: cst.CSTNode) -> bool:
    """Whether `handler_part` sits in an `except` clause of a `try` whose body holds `tried`:
    it runs when the body failed (`try: payload = json.loads(resp.text); token =
    payload["access_token"]` then `except JSONDecodeError: log(resp.text)`: an answer that would
    not parse holds no token the body read)."""
    node, parent = handler_part, facts.parent_of(handler_part)
    while parent is not None and not isinstance(parent, cst.FunctionDef):
        if isinstance(node, cst.ExceptHandler) and isinstance(parent, cst.Try):
            return facts.within(tried, parent.body)
        node, parent = parent, facts.parent_of(parent)
    return False
