"""A read-only walk over a libcst tree, several times cheaper than `CSTNode.visit`.

libcst's visit rebuilds every node it passes, since a transformer may replace children: for a
read-only pass that costs about three times the parse (measured on the benchmark corpus: 39 s of
visiting for 10 s of parsing). nhilint never changes the tree, so this walk reads the fields
directly, in the order libcst visits them (nhilint/child_fields.py, generated from libcst and
checked against it by tests/test_walk.py), and skips whitespace, comments and punctuation.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping

import libcst as cst

from nhilint.child_fields import CHILD_FIELDS

_Node = cst.CSTNode


def children(node: _Node) -> Iterator[_Node]:
    """The node's children that can hold code, in source order."""
    fields = CHILD_FIELDS.get(type(node).__name__)
    if fields is None:  # a node class newer than the table: libcst's own (slower) answer
        yield from node.children
        return
    for name in fields:
        value = getattr(node, name)
        kind = type(value)
        if kind is tuple or kind is list:
            for item in value:
                if _is_node(type(item)):
                    yield item
        elif _is_node(kind):
            yield value


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
    """Depth first; `on_visit` returns whether to descend into the node's children."""
    if on_visit(node):
        for child in children(node):
            walk(child, on_visit, on_leave)
    on_leave(node)


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
    node: _Node, visits: Mapping[str, List[Callable[[_Node], Any]]],
    leaves: Mapping[str, List[Callable[[_Node], Any]]],
) -> None:
    type_name = type(node).__name__
    for function in visits.get(type_name, ()):
        function(node)
    for child in children(node):
        _walk_batched(child, visits, leaves)
    for function in leaves.get(type_name, ()):
        function(node)
