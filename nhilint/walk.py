"""A read-only walk over a libcst tree, several times cheaper than `CSTNode.visit`.

libcst's visit rebuilds every node it passes, since a transformer may replace children: for a
read-only pass that costs about three times the parse (measured on the benchmark corpus: 39 s of
visiting for 10 s of parsing). nhilint never changes the tree, so this walk reads the fields
directly, in the order libcst visits them (nhilint/child_fields.py, generated from libcst and
checked against it by tests/test_walk.py), and skips whitespace, comments and punctuation.

Both walks keep their own stack instead of recursing: libcst nests a chain (`a + a + …`, 200
chained method calls, 500 `elif`, pydoc_data/topics.py's adjacent strings) one node per link, and
a walk must not fail on real code because Python's recursion limit is 1,000 (issue 17 item 4).
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple

import libcst as cst

from nhilint.child_fields import CHILD_FIELDS

_Node = cst.CSTNode


def children(node: _Node) -> List[_Node]:
    """The node's children that can hold code, in source order."""
    plan = _PLANS.get(type(node))
    if plan is None:
        plan = _plan(type(node))
        if plan is None:  # a node class newer than the table: libcst's own (slower) answer
            return list(node.children)
    read, single = plan
    found: List[_Node] = []
    if read is None:
        return found
    # one C call reads every child field (this runs for every node the walks and the scope
    # facts pass: a fifth of its cost was reading the fields one by one)
    for value in (read(node),) if single else read(node):
        kind = type(value)
        if kind is tuple or kind is list:
            for item in value:
                if _NODE_TYPES.get(type(item)) or _is_node(type(item)):
                    found.append(item)
        elif _NODE_TYPES.get(kind) or _is_node(kind):
            found.append(value)
    return found


# per node class: a reader of its child fields (an attrgetter, and whether it reads one field,
# when it returns the value itself), or (None, False) for a class without any
_Plan = Tuple[Optional[Callable[[_Node], Any]], bool]
_PLANS: Dict[type, _Plan] = {}


def _plan(kind: type) -> Optional[_Plan]:
    fields = CHILD_FIELDS.get(kind.__name__)
    if fields is None:
        return None
    plan: _Plan = (attrgetter(*fields), len(fields) == 1) if fields else (None, False)
    _PLANS[kind] = plan
    return plan


_NODE_TYPES: Dict[type, bool] = {}


def _is_node(kind: type) -> bool:
    """isinstance(value, CSTNode), once per type: CSTNode is an ABC, whose checks are slow."""
    known = _NODE_TYPES.get(kind)
    if known is None:
        known = _NODE_TYPES[kind] = issubclass(kind, _Node)
    return known


def walk(
    node: _Node, on_visit: Callable[[_Node], bool], on_leave: Callable[[_Node], None] = lambda node: None
) -> None:
    """Depth first; `on_visit` returns whether to descend into the node's children; `on_leave`
    is called for every node visited, after its children."""
    # a node to visit, or a 1-tuple: the node to leave once everything above it in the stack is done
    stack: List[Any] = [node]
    pop, push = stack.pop, stack.append
    while stack:
        item = pop()
        if type(item) is tuple:
            on_leave(item[0])
        elif on_visit(item):
            push((item,))
            below = children(item)
            below.reverse()
            stack.extend(below)
        else:
            on_leave(item)


def nodes_of(node: _Node, kind: type, nested: bool = False) -> List[Any]:
    """The nodes of one type in a subtree, in source order; one of that type is not entered
    (`nodes_of(expr, cst.Name)`: the names an expression reads) unless `nested` asks for the
    ones inside it too (every `cst.Call` of an expression, arguments' calls included)."""
    found: List[Any] = []

    def visit(current: _Node) -> bool:
        if isinstance(current, kind):
            found.append(current)
            return nested
        return True

    walk(node, visit)
    return found


def walk_batched(node: _Node, visitors: Iterable[Any]) -> None:
    """`libcst.visit_batched` without the rebuilding: each visitor's `get_visitors()` maps
    `visit_<Type>` / `leave_<Type>` to functions of the node, called in the visitors' order."""
    methods: Dict[str, List[Callable[[_Node], Any]]] = {}
    for visitor in visitors:
        for name, function in visitor.get_visitors().items():
            methods.setdefault(name, []).append(function)
    visits: Dict[str, List[Callable[[_Node], Any]]] = {}
    leaves: Dict[str, List[Callable[[_Node], Any]]] = {}
    for name, functions in methods.items():
        kind, _, type_name = name.partition("_")
        if kind == "visit":
            visits[type_name] = functions
        elif kind == "leave":
            leaves[type_name] = functions
    _walk_batched(node, visits, leaves)


def _walk_batched(
    root: _Node, visits: Mapping[str, List[Callable[[_Node], Any]]],
    leaves: Mapping[str, List[Callable[[_Node], Any]]],
) -> None:
    """`walk` with the dispatch inlined: this loop is the engine's hot path."""
    get_visits, get_leaves = visits.get, leaves.get
    stack: List[Any] = [root]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        if type(node) is tuple:
            node = node[0]
            for function in get_leaves(type(node).__name__, ()):
                function(node)
            continue
        for function in get_visits(type(node).__name__, ()):
            function(node)
        push((node,))
        below = children(node)
        if below:
            below.reverse()
            stack.extend(below)
