"""Which functions hand out what a store keeps: those that return it, or else those that test
or look it up, each replaced by the functions asking it when it only answers a question
(nhilint.flow.predicates). These are the functions judged for "is an expiry compared before
reuse?" (nhilint.flow.store_expiry).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

import libcst as cst

from nhilint.analysis.syntax import is_constant
from nhilint.flow.stores import RETURNED
from nhilint.patterns import compiled_on_first_use
from nhilint.walk import nodes_of

if TYPE_CHECKING:
    from nhilint.analysis.scope import ScopeFacts
    from nhilint.flow.stores import Store, StoreRead, Stores, StoreWrite


def serving_functions(stores: Stores, write: StoreWrite) -> List[Optional[cst.FunctionDef]]:
    """The functions that hand out what the store keeps: those that return it, or else those
    that test or look it up (the cached function itself for a decorator); empty when it is
    only ever overwritten."""
    if write.store.decorator:
        return [write.function]
    reads = stores.reads_of(write.store)
    if write.key is not None and write.store.identity.startswith("cache:"):
        # one cache object for many purposes: the reads of this entry are those of its key (or
        # the writer's own look-up); with none in sight, it is read elsewhere, and the writer
        # is all we can judge
        written = " ".join(stores.context.module.code_for_node(write.key).split())
        reads = [r for r in reads if r.function is write.function or " ".join(r.key.split()) == written]
        if not reads:
            return [write.function]
    if not reads and write.store.identity.startswith(("global:", "class:", "cache:")):
        return [write.origin]  # kept where other modules and processes can read it: read elsewhere
    levels: Dict[Optional[cst.FunctionDef], int] = {}
    for read in reads:
        if read.served and not _just_written(stores, write, read) and not _fresh(stores, read) \
                and not (write.key is None and _other_field(stores, read)) and not _replaced_after(stores, write, read) \
                and not _only_chooses(stores, write, read):
            levels[read.function] = max(levels.get(read.function, 0), read.served)
    if write.key is None:
        # `get_details()` testing the slot to read its resource and authority: no reuse
        levels = {function: level for function, level in levels.items()
                  if level == RETURNED or not _inspects_only(stores, write, function, reads)}
    if write.function in levels and write.key is not None:
        return [write.function]  # the writer looks its key up first: that is what serves this entry
    returning = [function for function, level in levels.items() if level == RETURNED]
    # a function declared to answer a question (`_has_auth_credentials() -> bool` returning
    # `self.api_key or self.access_token`) hands out nothing: its askers are judged with the rest
    handing = [function for function in returning if function is None or not _answers(stores, function)]
    if handing:
        return handing
    return _asking_instead(stores, write.store, list(levels))


def testing_functions(stores: Stores, write: StoreWrite, serving: List[Optional[cst.FunctionDef]]) -> List[cst.FunctionDef]:
    """The other functions that read the store without handing it out: those that test it
    (`if self._token is not None and self.is_session_valid(): return`)."""
    return list(dict.fromkeys(read.function for read in stores.reads_of(write.store)
                              if read.function is not None and read.function not in serving))


def plain_accessor(stores: Stores, function: Optional[cst.FunctionDef]) -> bool:
    """A method whose whole body returns one attribute of the object (`def get_access_token(self):
    return self._access_token`, `@property def token(self)`, maybe with a docstring)."""
    if function is None or stores.module.owner_of(function) is None:
        return False
    body = [statement for statement in function.body.body
            if not (isinstance(statement, cst.SimpleStatementLine) and isinstance(statement.body[0], cst.Expr)
                    and isinstance(statement.body[0].value, cst.SimpleString))] \
        if isinstance(function.body, cst.IndentedBlock) else []
    if len(body) != 1 or not isinstance(body[0], cst.SimpleStatementLine) or not isinstance(body[0].body[0], cst.Return):
        return False
    returned = body[0].body[0].value
    return isinstance(returned, cst.Attribute) and isinstance(returned.value, cst.Name) and returned.value.value == "self"


def unread_accessor(stores: Stores, function: Optional[cst.FunctionDef]) -> bool:
    """A method whose whole body returns one attribute of the object (`@property def
    access_token(self): return self._access_token`, maybe with a docstring), named by no
    attribute read in the module (nothing here calls it): the object's state shown as is,
    beside a getter that compares the expiry (`get_access_token()`), the one the class uses."""
    if not plain_accessor(stores, function):
        return False
    assert function is not None
    name = function.name.value
    owner = stores.module.owner_of(function)
    if any(node.attr.value == name for node in nodes_of(owner, cst.Attribute, nested=True)):
        return False  # `self.access_token` read by the class itself
    context = stores.context
    elsewhere = context.memo("attribute-names-read-off-self", lambda: frozenset(
        node.attr.value for node in nodes_of(context.module, cst.Attribute, nested=True)
        if not (isinstance(node.value, cst.Name) and node.value.value == "self")))
    return name not in elsewhere  # `client.access_token` in the module: its user reads it


def _answers(stores: Stores, function: cst.FunctionDef) -> bool:
    from nhilint.flow.predicates import asks_a_question

    return asks_a_question(stores.module, function)


def _asking_instead(stores: Stores, store: Store, testing: List[Optional[cst.FunctionDef]]) -> List[Optional[cst.FunctionDef]]:
    """Functions that only test the kept value, each replaced by those asking it when it
    answers a question (`is_authenticated`, `_token_expires_soon()`: nhilint.flow.predicates).
    One that writes the slot itself asks about what it has just put there (a loader checking
    what it read back: `self.token = data.get("token")`, then `if not self.is_authenticated:
    raise`): not a reuse."""
    from nhilint.flow.predicates import askers, asks_a_question

    writers = {id(other.function) for other in stores.writes if other.store.identity == store.identity}
    found: List[Optional[cst.FunctionDef]] = []
    for function in testing:
        if function is None or not asks_a_question(stores.module, function):
            found.append(function)
            continue
        asking = askers(stores.module, function)
        found.extend([asker for asker in asking if id(asker) not in writers] if asking else [function])
    return list(dict.fromkeys(found))


def _just_written(stores: Stores, write: StoreWrite, read: StoreRead) -> bool:
    """`self.token = parse(body); return self.token`: a read, in the writer, of what it has
    just written on every path: the fresh value, not a kept one."""
    if read.function is None or read.function is not write.function or write.store.decorator:
        return False
    facts = stores.module.flow(read.function).facts
    written = write.node if not isinstance(write.node, cst.Decorator) else None
    if written is None or facts.order_of(read.node) <= facts.order_of(written):
        return False
    around = set()
    current: Optional[cst.CSTNode] = read.node
    while current is not None:
        around.add(id(current))
        current = facts.parent_of(current)
    current = facts.parent_of(written)
    while current is not None and id(current) not in around:
        if isinstance(current, (cst.If, cst.Else, cst.For, cst.While, cst.Try, cst.ExceptHandler, cst.Match, cst.IfExp)):
            return False  # written on one path only: the read may hand out the kept value
        current = facts.parent_of(current)
    return True


def _fresh(stores: Stores, read: StoreRead) -> bool:
    """`self.token = answer.get("token")` in a `try` (and `self.token = None` in its handler),
    then `self.raw = Maker(self.token)`: a read of a one-slot attribute the function assigned
    on every path before it hands out the value just put there, not a kept one, whichever of
    the writes it was."""
    if read.function is None or not isinstance(read.node, cst.Attribute):
        return False
    from nhilint.flow.reaching import assigned_before

    code = stores.context.module.code_for_node
    target = " ".join(code(read.node).split())
    facts = stores.module.flow(read.function).facts
    return assigned_before(facts, target, read.node, lambda node: " ".join(code(node).split()))


def _other_field(stores: Stores, read: StoreRead) -> bool:
    """`self.user.get("account_id")` or `self.user["displayName"]` of a one-slot attribute that
    keeps a whole token answer (`self.user = answer.json()`): a field that names no credential
    is read, the token is not handed out."""
    from nhilint.analysis.credentials import string_literal
    from nhilint.analysis.names import is_token_name

    facts = stores.module.flow(read.function).facts if read.function is not None else None
    if facts is None or not isinstance(read.node, cst.Attribute):
        return False
    parent = facts.parent_of(read.node)
    field: Optional[str] = None
    if isinstance(parent, cst.Attribute) and parent.attr.value == "get":
        call = facts.parent_of(parent)
        if isinstance(call, cst.Call) and call.func is parent and call.args:
            field = string_literal(call.args[0].value)
    elif isinstance(parent, cst.Subscript) and parent.value is read.node and len(parent.slice) == 1:
        index = parent.slice[0].slice
        field = string_literal(index.value) if isinstance(index, cst.Index) else None
    return field is not None and not is_token_name(field)


# a method named for the field it reads off a token it is given: `_get_token_resource(token)`,
# `_get_authority_from_token(token)`, `get_claims(token)`
_FIELD_GETTER = compiled_on_first_use(r"^_*get_(?:token_)?(?P<field>\w+?)(?:_from_token)?$")


def _inspects_only(stores: Stores, write: StoreWrite, function: Optional[cst.FunctionDef],
                   reads: List[StoreRead]) -> bool:
    """A function that tests a one-slot token only to read fields that name no credential off
    it, through the class's getters named for them (kqlmagic's `get_details()`: `if
    self._current_token: details["resource"] = self._get_token_resource(self._current_token)`)
    or a look-up (`self.token.get("scope")`): it describes the kept token and hands none of it
    out, so it is no reuse whose expiry check matters. One that also writes the slot, or reads
    it any other way (sends it, formats it), is judged as a reuse."""
    if function is None or any(other.function is function and other.store.identity == write.store.identity
                               for other in stores.writes):
        return False
    facts = stores.module.flow(function).facts
    inspected = False
    for read in reads:
        if read.function is not function:
            continue
        if _field_getter_argument(stores, facts, read.node) or _other_field(stores, read):
            inspected = True
        elif not _bare_test(facts, read.node):
            return False
    return inspected


def _field_getter_argument(stores: Stores, facts: "ScopeFacts", read: cst.CSTNode) -> bool:
    """`self._get_token_resource(self._current_token)`: the read handed to a method of the
    class named for a field that is no credential."""
    from nhilint.analysis.names import names_credential_field

    argument = facts.parent_of(read)
    call = facts.parent_of(argument) if isinstance(argument, cst.Arg) else None
    if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute):
        return False
    if not (isinstance(call.func.value, cst.Name) and call.func.value.value == "self"):
        return False
    getter = _FIELD_GETTER.match(call.func.attr.value)
    return getter is not None and not names_credential_field(getter.group("field"))


def _bare_test(facts: "ScopeFacts", read: cst.CSTNode) -> bool:
    """`if self._token:`, `elif self._token is not None:`, `if not self._token`: the read is
    the whole test, or a presence test of it."""
    current, parent = read, facts.parent_of(read)
    if isinstance(parent, cst.ComparisonTarget):
        return False  # the slot on the right of a comparison: compared with something
    if isinstance(parent, cst.Comparison) and all(isinstance(target.operator, (cst.Is, cst.IsNot))
                                                   and isinstance(target.comparator, cst.Name)
                                                   and target.comparator.value == "None" for target in parent.comparisons):
        current, parent = parent, facts.parent_of(parent)
    elif isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
        current, parent = parent, facts.parent_of(parent)
    return isinstance(parent, (cst.If, cst.While, cst.IfExp)) and parent.test is current


def _replaced_after(stores: Stores, write: StoreWrite, read: StoreRead) -> bool:
    """A one-slot read in a function that then replaces the slot in a statement of its own body
    (not in a branch): `if self.access_token: print("Replacing cached tokens...")` before the
    new login's `self.access_token = ...` (the test only words a message: its branch does not
    leave the function), or a logout sending the token to be revoked, then `self.access_token =
    None`. The function ends with the slot replaced or emptied whatever it read; it reuses
    nothing."""
    function = read.function
    if function is None or write.key is not None or read.served == RETURNED:
        return False
    facts = stores.module.flow(function).facts
    at = facts.order_of(read.node)
    # written by a statement of the function's own body after the read (in a branch, the read
    # may decide whether it is)
    for other, _ in _top_level_writes(stores, write, function):
        if facts.order_of(other.node) <= at:
            continue
        emptied = isinstance(other.node, cst.Name) and other.node.value == "None"  # the value written
        if emptied or _only_words_a_message(facts, read.node):
            return True
    return _only_words_a_message(facts, read.node) and _refilled_by_call(stores, write, function, at)


def _top_level_writes(stores: Stores, write: StoreWrite, function: cst.FunctionDef) -> List[Tuple[StoreWrite, cst.CSTNode]]:
    """The one-slot writes of `write`'s store that a statement of `function`'s own body makes
    (not one in a branch), each with that statement."""
    facts = stores.module.flow(function).facts
    top = {id(statement) for statement in function.body.body} if isinstance(function.body, cst.IndentedBlock) else set()
    found = []
    for other in stores.writes:
        if other.function is not function or other.store.identity != write.store.identity or other.key is not None:
            continue
        statement: Optional[cst.CSTNode] = other.node
        while statement is not None and not isinstance(statement, cst.SimpleStatementLine):
            statement = facts.parent_of(statement)
        if statement is not None and id(statement) in top:
            found.append((other, statement))
    return found


def _only_chooses(stores: Stores, write: StoreWrite, read: StoreRead) -> bool:
    """A one-slot read that is only the test of an `if` (or a conditional expression) whose
    branches neither leave the function, nor write the slot, nor call a method of the object:
    `if self._token: line = to_json(event) else: line = to_line(event)` (wavefront-sdk's
    `send_event()` choosing its event format). The test decides how the function goes on, not
    whether the kept token is used; a read of its value, there or elsewhere, is judged itself."""
    function = read.function
    if function is None or write.key is not None or read.served == RETURNED:
        return False
    flow = stores.module.flow(function)
    facts = flow.facts
    if not _only_words_a_message(facts, read.node):
        return False
    branch: Optional[cst.CSTNode] = facts.parent_of(read.node)
    while branch is not None and not isinstance(branch, (cst.If, cst.IfExp)):
        branch = facts.parent_of(branch)
    if branch is None:
        return False
    for other in stores.writes:
        if other.function is function and other.store.identity == write.store.identity:
            node: Optional[cst.CSTNode] = other.node
            while node is not None and node is not branch:
                node = facts.parent_of(node)
            if node is branch:
                return False  # `if not self._token: self._token = fetch()`: the test decides the fetch
    return not any(isinstance(call.func, cst.Attribute) and flow.is_self(call.func.value)
                   for call in nodes_of(branch, cst.Call, nested=True))


def _refilled_by_call(stores: Stores, write: StoreWrite, function: cst.FunctionDef, at: int) -> bool:
    """Whether a statement of `function`'s own body after position `at` calls a method of the
    module that writes the slot in its own body before it reads it (`send_event()` choosing its
    format by `self._token`, then `self._report(...)`, whose first statement is `self._token =
    self._service.get_access_token()`): the slot is replaced whatever was read."""
    flow = stores.module.flow(function)
    facts = flow.facts
    for statement in function.body.body if isinstance(function.body, cst.IndentedBlock) else ():
        if not isinstance(statement, cst.SimpleStatementLine) or facts.order_of(statement) <= at:
            continue
        for call in nodes_of(statement, cst.Call, nested=True):
            target = stores.module.resolve(flow, call)
            if target is not None and target[0] is not function and _writes_first(stores, write, target[0]):
                return True
    return False


def _writes_first(stores: Stores, write: StoreWrite, method: cst.FunctionDef) -> bool:
    """A one-slot write in a statement of `method`'s own body (not in a branch) with no read of
    the slot in the method before it."""
    facts = stores.module.flow(method).facts
    reads = [facts.order_of(read.node) for read in stores.reads_of(write.store) if read.function is method]
    return any(all(r >= facts.order_of(statement) for r in reads) for _, statement in _top_level_writes(stores, write, method))


def _only_words_a_message(facts: "ScopeFacts", read: cst.CSTNode) -> bool:
    """Whether `read` is in the test of an `if` none of whose branches leaves the function
    (`if self.token: print("Replacing...")`), or of a conditional expression choosing between
    two constants (`"json" if self.token else "line"`); not `if self.token: return`, whose test
    decides whether the rest runs."""
    child, current = read, facts.parent_of(read)
    while current is not None and not isinstance(current, (cst.If, cst.BaseSmallStatement, cst.FunctionDef)):
        if isinstance(current, cst.IfExp) and child is current.test and is_constant(current.body) and is_constant(current.orelse):
            return True  # `fmt = "json" if self._token else "line"`: the test picks a word
        child, current = current, facts.parent_of(current)
    if not isinstance(current, cst.If) or child is not current.test:
        return False
    return not nodes_of(current, (cst.Return, cst.Raise, cst.Continue, cst.Break))
