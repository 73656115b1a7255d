"""Whether a client object's token slot carries its own expiry, read by the object's class.

A client keeps its current token in an attribute and the token says when it expires: the token
dict an OAuth client session returns holds `expires_at` (requests-oauthlib's `fetch_token`), a
JWT holds `exp`. When a method of the class reads that expiry from the slot (`expires_at`
returning `self.token["expires_at"]`, `expire_timestamp` returning the `exp` of the decoded
`self.token`), the slot is kept with its expiry, as one written beside it is
(nhilint.flow.store_expiry.keeps_expiry_beside): its readers, in the class or its callers,
compare it. A property that hands the slot back (`token` returning `self._token`) reads the slot
too.

A slot the client fills again when the service turns its token away is handled as well: a write
of the store in an `except` clause that asks for that answer (`if e.status != 401: raise`,
`"invalid access token"`): the token is replaced when it has expired or been revoked, which is
what an expiry check is for (twitchio's client refreshes its app token so).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Dict, FrozenSet, List, Optional

import libcst as cst

from nhilint.analysis.imports import dotted_name
from nhilint.analysis.branches import final_statement
from nhilint.analysis.syntax import is_none, without_docstring
from nhilint.patterns import compiled_on_first_use
from nhilint.walk import nodes_of

if TYPE_CHECKING:
    from nhilint.analysis.scope import ScopeFacts
    from nhilint.flow.function import FunctionFlow
    from nhilint.flow.module import ModuleFlow
    from nhilint.flow.stores import StoreWrite

# a field or attribute of a token that says when it expires
_EXPIRY_FIELD = compiled_on_first_use(r"^_*(exp|expires|expiry|expiration|expires_(at|in|on)|expiration_(time|date)|valid_until)$", re.I)


def expiry_read_from_slot(module: "ModuleFlow", owner: Optional[cst.ClassDef], attribute: str) -> bool:
    """A method of `owner` reads an expiry from `self.<attribute>` (or from a property of the
    class that hands the attribute back)."""
    if owner is None:
        return False
    methods = [s for s in owner.body.body if isinstance(s, cst.FunctionDef)] if isinstance(owner.body, cst.IndentedBlock) else []
    names = {attribute} | {name for name, held in _property_aliases(methods).items() if held == attribute}
    wanted: FrozenSet[str] = frozenset(f"self:{name}" for name in names)
    for method in methods:
        flow = module.flow(method)
        for container in _expiry_reads(flow, method):
            if flow.deps(container) & wanted:
                return True
    return False


def _expiry_reads(flow: "FunctionFlow", method: cst.FunctionDef) -> List[cst.BaseExpression]:
    """The containers an expiry is read from: `R` of `R["expires_at"]`, `R.get("exp")`,
    `R.expires_at`."""
    found: List[cst.BaseExpression] = []
    evaluate = flow.context.evaluator.value
    for node in nodes_of(method.body, cst.Subscript, nested=True):
        index = node.slice[0].slice if len(node.slice) == 1 else None
        key = evaluate(index.value, flow.facts) if isinstance(index, cst.Index) else None
        if isinstance(key, str) and _EXPIRY_FIELD.match(key):
            found.append(node.value)
    for call in nodes_of(method.body, cst.Call, nested=True):
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value == "get" and call.args:
            key = evaluate(call.args[0].value, flow.facts)
            if isinstance(key, str) and _EXPIRY_FIELD.match(key):
                found.append(func.value)
    for attribute in nodes_of(method.body, cst.Attribute, nested=True):
        if _EXPIRY_FIELD.match(attribute.attr.value) and dotted_name(attribute.value) != "self":
            found.append(attribute.value)
    return found


def _property_aliases(methods: List[cst.FunctionDef]) -> Dict[str, str]:
    """`@property def token(self): return self._token` (asserts and a docstring before the
    return allowed): {"token": "_token"}."""
    aliases: Dict[str, str] = {}
    for method in methods:
        if not any(dotted_name(d.decorator) == "property" for d in method.decorators):
            continue
        body = without_docstring(method.body.body) if isinstance(method.body, cst.IndentedBlock) else ()
        last = body[-1] if body else None
        if not isinstance(last, cst.SimpleStatementLine) or not isinstance(last.body[0], cst.Return):
            continue
        returned = dotted_name(last.body[0].value) if last.body[0].value is not None else None
        if returned is not None and returned.startswith("self.") and returned.count(".") == 1:
            aliases[method.name.value] = returned.split(".", 1)[1]
    return aliases


# what a service answers for a token it no longer takes
_REJECTED = compiled_on_first_use(
    r"\b40[13]\b|unauthori[sz]ed|invalid[_ ]?(access[_ ]?|oauth[_ ]?)?token|token[_ ]?(has[_ ]?)?(expired|failed|rejected)"
    r"|expired[_ ]?token", re.I)


def dropped_on_failed_answer(module: "ModuleFlow", write: "StoreWrite") -> bool:
    """The class empties the slot when an answer fails (`if response.status_code < 400: return
    response`, then `self._token = None` and the request again; or `self._token = None` under
    `if response.status_code == 401:`), and fetches again when the slot is empty: a rejected or
    expired token is replaced on its first rejection, as in an `except` clause."""
    if write.function is None:
        return False
    flow = module.flow(write.function)
    owner = flow.owner
    assign = flow.facts.parent_of(write.node)
    if owner is None or not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
        return False
    target = assign.targets[0].target
    if not (isinstance(target, cst.Attribute) and flow.is_self(target.value)):
        return False
    for method, value in module.attribute_writes(owner, target.attr.value):
        if method is not None and is_none(value) and _after_failed_answer(module.flow(method).facts, value):
            return True
    return False


def _after_failed_answer(facts: "ScopeFacts", node: cst.CSTNode) -> bool:
    """`node` runs only for a failed answer: inside `if <failed status>:` or the `else:` of `if
    <good status>:` (`if response.status == 200: ... else: self.token = None`), or after an
    `if <good status>: return ...` earlier in its block."""
    child, current = node, facts.parent_of(node)
    while current is not None and not isinstance(current, cst.FunctionDef):
        if isinstance(current, cst.If) and child is current.body and _status_test(current.test) is False:
            return True
        if isinstance(current, cst.If) and child is current.orelse and isinstance(child, cst.Else) \
                and _status_test(current.test) is True:
            return True
        if isinstance(current, cst.IndentedBlock):
            for statement in current.body:
                if statement is child:
                    break
                if _returns_on_success(statement):
                    return True
        child, current = current, facts.parent_of(current)
    return False


def _returns_on_success(statement: cst.CSTNode) -> bool:
    """`if response.status_code < 400: return response`, also as the end of a `try` body
    (`try: response = ...; if response and response.status_code < 400: return response`)."""
    if isinstance(statement, cst.If):
        return _status_test(statement.test) is True and isinstance(final_statement(statement.body), cst.Return)
    if isinstance(statement, cst.Try):
        return any(_returns_on_success(inner) for inner in statement.body.body)
    return False


def _status_test(test: cst.BaseExpression) -> Optional[bool]:
    """True for a test that an answer succeeded (`response.status_code < 400`, `== 200`,
    `response.ok`), False for one that it failed (`>= 400`, `!= 200`, `== 401`, `not
    response.ok`), None for any other test."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = _status_test(test.expression)
        return None if inner is None else not inner
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        # `response and response.status_code < 400`: a success when its status test says so
        return True if True in (_status_test(test.left), _status_test(test.right)) else None
    if isinstance(test, (cst.Attribute, cst.Name)):
        return True if (dotted_name(test) or "").endswith(".ok") else None
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
        return None
    if not (dotted_name(test.left) or "").endswith((".status_code", ".status")):
        return None
    operator, value = test.comparisons[0].operator, test.comparisons[0].comparator
    code = int(value.value) if isinstance(value, cst.Integer) else None
    if code is None:
        return None
    if isinstance(operator, cst.LessThan):
        return code <= 400
    if isinstance(operator, (cst.GreaterThanEqual, cst.GreaterThan)):
        return False if code >= 399 else None
    if isinstance(operator, cst.Equal):
        return code < 300 if code < 300 or code in (401, 403) else None
    if isinstance(operator, cst.NotEqual):
        return False if code < 300 else None
    return None


def refilled_when_rejected(module: "ModuleFlow", writes: List["StoreWrite"]) -> bool:
    """One of the writes of a store is in an `except` clause whose code asks whether the
    service rejected the token (a 401, "invalid access token"), or in a function of the
    module called from one (`except ExpiredTokenError: self.refresh_tokens()`, the request
    helper raising it on the service's "token expired" answer)."""
    for write in writes:
        if write.function is None:
            continue
        if _in_rejection_handler(module, write.function, write.node) or _hooked_on_failure(module, write.function) \
                or dropped_on_failed_answer(module, write):
            return True
        # up to three calls away: `except ExpiredTokenError: self.refresh_tokens()`, which
        # calls `self._write_config()`, which stores the token
        seen = {write.function}
        frontier = [write.function]
        for _ in range(3):
            step = []
            for function in frontier:
                for caller, call in module.callers(function):
                    scope = caller.scope
                    if not isinstance(scope, cst.FunctionDef):
                        continue
                    if _in_rejection_handler(module, scope, call) or _hooked_on_failure(module, scope):
                        return True  # every call is asked: a caller may refresh both before and on refusal
                    if scope not in seen:
                        seen.add(scope)
                        step.append(scope)
            frontier = step
        if any(_refilled_elsewhere(module, function) for function in seen):
            return True
    return False


def _refilled_elsewhere(module: "ModuleFlow", function: cst.FunctionDef) -> bool:
    """Another module of the project calls the function that stores the token in a branch
    that asks whether the service rejected it (`if resp.status_code == 401: await
    refresh_access_token(config)` in the client of `auth.py`'s refresh): the token is fetched
    again on its first rejection, as within a module. Asked on the way to a finding only."""
    from nhilint.flow.callers_elsewhere import answers_elsewhere

    def rejected(caller: "FunctionFlow", call: cst.Call) -> Optional[bool]:
        return True if _reached_on_rejection(caller.module, caller.scope, call, 2) else None

    return True in answers_elsewhere(module.flow(function), "refilled-on-rejection", rejected)


# keywords of a retry helper's hook that runs when an attempt fails (jaraco.functools'
# `retry_call(..., cleanup=self.login)`, an `on_error=` / `on_unauthorized=` callback)
_FAILURE_HOOK = compiled_on_first_use(
    r"^(cleanup|on_?(error|failure|fail|retry|unauthori[sz]ed|auth_?(error|failure)|reject(ed|ion)?)|before_?retry|reauth\w*|relogin)$", re.I)
# exceptions that say only the network failed: a hook limited to them never sees a rejected token
_NETWORK_ERRORS = compiled_on_first_use(r"^(ConnectionError|ConnectTimeout|ReadTimeout|Timeout|TimeoutError|NetworkError|"
                                        r"ClientConnectionError|ConnectError|ServerDisconnectedError|OSError)$")


def _hooked_on_failure(module: "ModuleFlow", function: cst.FunctionDef) -> bool:
    """`function` is handed, not called, as the hook a retry helper runs when an attempt fails
    (`retry_call(attempt, cleanup=self.login)`): the attempt that met a rejected token logs in
    again. Not when the helper traps only network errors (`trap=requests.ConnectionError`)."""
    return id(function) in module.context.memo("slot-failure-hooks", lambda: _failure_hooks(module))


def _failure_hooks(module: "ModuleFlow") -> FrozenSet[int]:
    """The functions of the module handed as such a hook, by id: one walk of the module's calls,
    however many stores and callers ask."""
    found = set()
    for scope in [module.context.module, *module.every_function()]:
        flow = module.flow(scope)
        for call in flow.facts.own_calls:
            hooked = [arg.value for arg in call.args
                      if arg.keyword is not None and _FAILURE_HOOK.match(arg.keyword.value)]
            if not hooked or _traps_only_network_errors(call):
                continue
            for value in hooked:
                target = module.resolve_reference(flow, value) if dotted_name(value) is not None else None
                if target is not None:
                    found.add(id(target[0]))
    return frozenset(found)


def _traps_only_network_errors(call: cst.Call) -> bool:
    """`trap=requests.ConnectionError`, `exceptions=(ConnectTimeout, ReadTimeout)`: the
    exceptions a retry helper retries on, when written out, are all network failures."""
    for arg in call.args:
        if arg.keyword is None or arg.keyword.value not in ("trap", "exceptions", "retry_on", "exception", "on"):
            continue
        value = arg.value
        elements = [e.value for e in value.elements] if isinstance(value, (cst.Tuple, cst.List)) else [value]
        names = [dotted_name(e) for e in elements]
        if names and all(n is not None and _NETWORK_ERRORS.match(n.rsplit(".", 1)[-1]) for n in names):
            return True
    return False


def _in_rejection_handler(module: "ModuleFlow", function: cst.FunctionDef, node: Optional[cst.CSTNode]) -> bool:
    """`node` is in an `except` clause whose code asks whether the service rejected the token,
    or in the body of an `if` asking that of an answer (`if r.status_code in (401, 403):
    if self.login(): ...`, the request sent again with the new token)."""
    facts = module.flow(function).facts
    child = None
    while node is not None and node is not function:
        if isinstance(node, cst.ExceptHandler) and _catches_rejection(module, node):
            return True
        if isinstance(node, cst.If) and child is node.body and _REJECTED.search(module.context.module.code_for_node(node.test)):
            return True
        if isinstance(node, cst.IndentedBlock) and child is not None and _after_rejection(module, node, child):
            return True
        child, node = node, facts.parent_of(node)
    return False


def _catches_rejection(module: "ModuleFlow", handler: cst.ExceptHandler) -> bool:
    """The `except` clause's code asks whether the service rejected the token, or it catches an
    exception the module raises on such an answer (`if r.status_code == 401: raise AuthFailed()`)."""
    if _REJECTED.search(module.context.module.code_for_node(handler)):
        return True
    caught = handler.type
    names = [e.value for e in caught.elements] if isinstance(caught, cst.Tuple) else [caught] if caught is not None else []
    raised = module.context.memo("slot-rejection-exceptions", lambda: _rejection_exceptions(module))
    return any(dotted_name(name) is not None and dotted_name(name).rsplit(".", 1)[-1] in raised for name in names)


def _rejection_exceptions(module: "ModuleFlow") -> FrozenSet[str]:
    """The exceptions the module raises where the service turned the token away: a `raise` of
    them sits under an `if` whose test asks so (`if r.status_code == 401: raise AuthFailed()`;
    also raised where no token is held yet, which the same handler answers with a login)."""
    under: Dict[str, bool] = {}
    for function in module.every_function():
        facts = module.flow(function).facts
        for statement in nodes_of(function.body, cst.Raise, nested=True):
            raised = statement.exc.func if isinstance(statement.exc, cst.Call) else statement.exc
            name = dotted_name(raised) if raised is not None else None
            if name is None:
                continue
            node, asked = facts.parent_of(statement), False
            while node is not None and node is not function:
                if isinstance(node, cst.If) and _REJECTED.search(module.context.module.code_for_node(node.test)):
                    asked = True
                    break
                node = facts.parent_of(node)
            leaf = name.rsplit(".", 1)[-1]
            under[leaf] = under.get(leaf, False) or asked
    return frozenset(name for name, asked in under.items() if asked)


def _after_rejection(module: "ModuleFlow", block: cst.IndentedBlock, child: cst.CSTNode) -> bool:
    """`child` follows, in its block, a `try` whose body returns and whose `except` catches a
    rejection and falls through (`try: return await self._client.readings() except AuthFailed:
    pass`, then a new login): it runs only once the service turned the token away."""
    for statement in block.body:
        if statement is child:
            return False
        if isinstance(statement, cst.Try) and statement.orelse is None and statement.finalbody is None \
                and isinstance(final_statement(statement.body), cst.Return) and statement.handlers \
                and all(_catches_rejection(module, handler) for handler in statement.handlers) \
                and not any(isinstance(final_statement(handler.body), (cst.Return, cst.Raise)) for handler in statement.handlers):
            return True
    return False


def _reached_on_rejection(module: "ModuleFlow", scope: object, call: cst.CSTNode, depth: int) -> bool:
    """The call is in a rejection branch of its function, or that function is called in one by
    a function of its module (`_refresh_and_retry()` under `if resp.status_code == 401:`), up to
    `depth` calls up."""
    if not isinstance(scope, cst.FunctionDef):
        return False
    if _in_rejection_handler(module, scope, call):
        return True
    return depth > 0 and any(_reached_on_rejection(module, caller.scope, at, depth - 1)
                             for caller, at in module.callers(scope))
