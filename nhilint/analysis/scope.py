"""Def-use facts of one function (or of the module body), built by one walk on demand.

Only functions that hold a call a rule cares about are walked, so this never sits on the
per-file hot path. Order numbers stand in for positions: a node with a smaller number comes
earlier in the source, which is what "later in the function" needs.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import libcst as cst

from nhilint.analysis.imports import add_import, dotted_name
from nhilint.walk import children

ScopeNode = Union[cst.FunctionDef, cst.Lambda, cst.Module]


class Binding:
    """A name bound in a scope. A plain class (as ScopeFacts): a dataclass costs about 4 M
    instructions to create at every start (benchmarks/README.md, speed21)."""

    __slots__ = ("order", "value", "unpacked_from", "at")

    def __init__(
        self, order: int, value: Optional[cst.BaseExpression],
        unpacked_from: Optional[cst.BaseExpression] = None, at: Optional[cst.CSTNode] = None,
    ) -> None:
        self.order = order
        self.value = value  # None: bound, but not to a simple value (for, with, unpack)
        # `scheme, _, token = auth.partition(" ")`: what the name was unpacked from
        self.unpacked_from = unpacked_from
        # the node that binds (the assignment, loop, `with` item...): where in the tree it happens
        self.at = at


class ScopeFacts:
    """What one walk of a scope found (collect_scope_facts fills it in). A plain class, as
    Binding: created at every start, never compared."""

    __slots__ = ("node", "order", "parent", "params", "bindings", "item_stores", "mutations", "item_deletes",
                 "merges", "appends", "loads", "attribute_stores", "globals", "imports", "calls", "own_calls", "returns")

    def __init__(self, node: ScopeNode) -> None:
        self.node = node
        self.order: Dict[int, int] = {}  # id(node) -> pre-order number
        self.parent: Dict[int, cst.CSTNode] = {}
        self.params: Dict[str, Optional[cst.BaseExpression]] = {}
        self.bindings: Dict[str, List[Binding]] = {}
        # `name["key"] = value` stores, and calls that mutate a name (`name.update(...)`)
        self.item_stores: Dict[str, List[Tuple[int, cst.BaseExpression, cst.BaseExpression]]] = {}
        self.mutations: Dict[str, List[int]] = {}
        self.item_deletes: Dict[str, List[Tuple[int, cst.BaseExpression]]] = {}
        # `name.update(other)`: a mapping merged in whole, its entries unknown here
        self.merges: Dict[str, List[Tuple[int, cst.BaseExpression]]] = {}
        # `parts.append(value)`, `seen.add(value)`, `args.extend(values)`: what a list or set is given
        self.appends: Dict[str, List[Tuple[int, cst.BaseExpression]]] = {}
        self.loads: Dict[str, List[cst.Name]] = {}
        # `self._token = value` stores, by dotted target, and names declared `global`
        self.attribute_stores: Dict[str, List[Binding]] = {}
        self.globals: List[str] = []
        self.imports: Dict[str, str] = {}  # imports inside the function
        self.calls: List[cst.Call] = []  # nested functions' and lambdas' included
        self.own_calls: List[cst.Call] = []  # in this scope itself
        self.returns: List[cst.BaseExpression] = []

    def order_of(self, node: cst.CSTNode) -> int:
        return self.order.get(id(node), -1)

    def parent_of(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        return self.parent.get(id(node))

    def within(self, node: cst.CSTNode, ancestor: cst.CSTNode) -> bool:
        """Whether `node` is `ancestor` or sits inside it."""
        current: Optional[cst.CSTNode] = node
        while current is not None:
            if current is ancestor:
                return True
            current = self.parent.get(id(current))
        return False

    def is_local(self, name: str) -> bool:
        return name in self.params or name in self.bindings

    def binding_before(self, name: str, order: int) -> Optional[Binding]:
        """The last binding of `name` that takes effect before `order` (a read's position)."""
        before = [b for b in self.bindings.get(name, ()) if b.order < order]
        return before[-1] if before else None

    def loads_after(self, name: str, order: int) -> List[cst.Name]:
        return [n for n in self.loads.get(name, ()) if self.order_of(n) > order]


_MUTATING_METHODS = frozenset({"update", "setdefault", "pop", "clear", "popitem"})
# Methods that put a value in a list, a set or a deque: the argument holding it, by position
_ADDING_METHODS = {"append": 0, "add": 0, "appendleft": 0, "extend": 0, "insert": 1}


def _added_value(call: cst.Call, position: int) -> Optional[cst.BaseExpression]:
    """The value `parts.append(value)` / `parts.insert(0, value)` puts in the container (for
    `extend`, the iterable: what it holds, its elements hold)."""
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    return positional[position].value if len(positional) > position and len(call.args) == position + 1 else None


def _update_stores(call: cst.Call) -> Optional[List[Tuple[cst.BaseExpression, cst.BaseExpression]]]:
    """The (key, value) pairs of `d.update({"k": v})` / `d.update(k=v)`, or None when they are
    not all written there (`d.update(other)`, `**spread`)."""
    pairs: List[Tuple[cst.BaseExpression, cst.BaseExpression]] = []
    for arg in call.args:
        if arg.star:
            return None
        if arg.keyword is not None:
            pairs.append((cst.SimpleString(repr(arg.keyword.value)), arg.value))
        elif isinstance(arg.value, cst.Dict) and all(isinstance(e, cst.DictElement) for e in arg.value.elements):
            pairs.extend((e.key, e.value) for e in arg.value.elements)  # type: ignore[union-attr]
        else:
            return None
    return pairs


def _merged(call: cst.Call) -> Optional[cst.BaseExpression]:
    """`kwargs.update(updates)`: the one mapping merged in whole."""
    if len(call.args) != 1 or call.args[0].star or call.args[0].keyword is not None:
        return None
    return call.args[0].value


def _setdefault_store(call: cst.Call) -> Optional[List[Tuple[cst.BaseExpression, cst.BaseExpression]]]:
    """`params.setdefault("access_token", token)`: as `params["access_token"] = token` (after
    the call the key is there; the value is this one unless it was there before)."""
    if len(call.args) != 2 or any(arg.star or arg.keyword is not None for arg in call.args):
        return None
    return [(call.args[0].value, call.args[1].value)]


def _popped_key(call: cst.Call) -> Optional[cst.BaseExpression]:
    """The string key of `d.pop("k")` / `d.pop("k", default)`, else None."""
    if not call.args or call.args[0].keyword is not None or call.args[0].star:
        return None
    key = call.args[0].value
    return key if isinstance(key, (cst.SimpleString, cst.ConcatenatedString)) else None


def _target_names(target: cst.BaseExpression) -> Sequence[str]:
    if isinstance(target, cst.Name):
        return (target.value,)
    if isinstance(target, (cst.Tuple, cst.List)):
        names: List[str] = []
        for element in target.elements:
            names.extend(_target_names(element.value))
        return names
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return ()


# The node types the collector acts on, tested by exact type: isinstance against libcst's
# classes goes through ABCMeta, and this runs for every node of every scope (SPEC §9).
_SCOPE_TYPES = frozenset({cst.FunctionDef, cst.ClassDef, cst.Lambda})
_RECORDED_TYPES = frozenset({
    cst.Name, cst.Call, cst.For, cst.CompFor, cst.WithItem, cst.ExceptHandler, cst.Param,
    cst.Import, cst.ImportFrom, cst.Del, cst.Global, cst.Nonlocal, cst.Return,
})
_STORE_TYPES = frozenset({cst.Assign, cst.AnnAssign, cst.AugAssign, cst.NamedExpr})


class _FactsCollector:
    def __init__(self, facts: ScopeFacts) -> None:
        self.facts = facts
        self.counter = 0  # nodes visited so far: the next node's order number
        self.nested = 0  # depth inside nested defs/classes: their bindings are not ours

    def collect(self) -> None:
        """One depth-first walk of the scope (in nhilint.walk's order), inlined: it runs for
        every node of every scope analysed, the largest share of a check after the parse.
        Only stores and nested scopes are left again (after their subtree); a node's parent
        is noted as its children are put on the stack."""
        facts = self.facts
        root, order, parent = facts.node, facts.order, facts.parent
        # a node to visit, or a 1-tuple: the node to leave once everything above it is done
        stack: List[Any] = [root]
        pop, push = stack.pop, stack.append
        while stack:
            node = pop()
            kind = type(node)
            if kind is tuple:
                self._leave(node[0])
                continue
            order[id(node)] = self.counter
            self.counter += 1
            if kind in _SCOPE_TYPES and node is not root:
                self.nested += 1
                push((node,))
            elif kind in _STORE_TYPES:
                push((node,))
            if kind is cst.Name:  # most of the nodes recorded
                self._record_name(node)
            elif kind in _RECORDED_TYPES:
                self._record(node)
            below = children(node)
            if below:
                for child in below:
                    parent[id(child)] = node
                below.reverse()
                stack.extend(below)

    def _leave(self, node: cst.CSTNode) -> None:
        if type(node) in _STORE_TYPES:
            self._record_stores(node)
        else:  # a nested scope
            self.nested -= 1

    def _record_stores(self, original_node: cst.CSTNode) -> None:
        # An assignment takes effect after its value is evaluated: number it past its subtree,
        # so `x = x.refresh()` reads the previous `x`, not itself.
        kind = type(original_node)  # exact type tests, as _record
        if kind is cst.Assign:
            for target in original_node.targets:  # type: ignore[attr-defined]
                self._record_store(target.target, original_node.value, self.counter, original_node)  # type: ignore[attr-defined]
        elif kind is cst.AnnAssign and original_node.value is not None:  # type: ignore[attr-defined]
            self._record_store(original_node.target, original_node.value, self.counter, original_node)  # type: ignore[attr-defined]
        elif kind is cst.AugAssign:
            for name in _target_names(original_node.target):  # type: ignore[attr-defined]
                self._bind(name, None, self.counter, at=original_node)
        elif kind is cst.NamedExpr:
            for name in _target_names(original_node.target):
                self._bind(name, original_node.value, self.counter, at=original_node)

    def _bind(
        self, name: str, value: Optional[cst.BaseExpression], order: int,
        unpacked_from: Optional[cst.BaseExpression] = None, at: Optional[cst.CSTNode] = None,
    ) -> None:
        if not self.nested:
            self.facts.bindings.setdefault(name, []).append(Binding(order, value, unpacked_from, at))

    def _record(self, node: cst.CSTNode) -> None:
        """`node` is of one of _RECORDED_TYPES, none of which derives from another: its exact
        type says which it is (isinstance against libcst's classes goes through ABCMeta)."""
        facts = self.facts
        order = self.counter - 1
        kind = type(node)
        if kind is cst.Name:
            self._record_name(node)
        elif kind is cst.Call:
            facts.calls.append(node)
            if not self.nested:
                facts.own_calls.append(node)
            func = node.func
            if (
                type(func) is cst.Attribute
                and func.attr.value in _MUTATING_METHODS
                and (type(func.value) is cst.Name or type(func.value) is cst.Attribute)
                and dotted_name(func.value) is not None
            ):
                # `headers.update(...)`, and `session.headers.update(...)` by the container's
                # dotted name, as `session.headers["Authorization"] = ...` is
                name = func.value.value if type(func.value) is cst.Name else dotted_name(func.value)
                stores = _update_stores(node) if func.attr.value == "update" else (
                    _setdefault_store(node) if func.attr.value == "setdefault" else None)
                popped = _popped_key(node) if func.attr.value == "pop" else None
                if stores is not None:  # `to_encode.update({"exp": expire})`: as `to_encode["exp"] = expire`
                    facts.item_stores.setdefault(name, []).extend((order, k, v) for k, v in stores)
                elif popped is not None:  # `claims.pop("exp", None)`: as `del claims["exp"]`
                    facts.item_deletes.setdefault(name, []).append((order, popped))
                else:
                    facts.mutations.setdefault(name, []).append(order)
                    merged = _merged(node) if func.attr.value == "update" else None
                    if merged is not None:
                        facts.merges.setdefault(name, []).append((order, merged))
            elif (
                type(func) is cst.Attribute
                and func.attr.value in _ADDING_METHODS
                and (type(func.value) is cst.Name or type(func.value) is cst.Attribute)
            ):
                name = func.value.value if type(func.value) is cst.Name else dotted_name(func.value)
                added = _added_value(node, _ADDING_METHODS[func.attr.value])
                if name is not None and added is not None:
                    facts.appends.setdefault(name, []).append((order, added))
        elif kind is cst.For or kind is cst.CompFor:
            for name in _target_names(node.target):
                self._bind(name, None, order, at=node)
        elif kind is cst.WithItem and node.asname is not None:
            for name in _target_names(node.asname.name):
                self._bind(name, None, order, at=node)
        elif kind is cst.ExceptHandler and node.name is not None:
            for name in _target_names(node.name.name):
                self._bind(name, None, order, at=node)
        elif kind is cst.Param and not self.nested:
            facts.params[node.name.value] = node.default
        elif kind is cst.Import or kind is cst.ImportFrom:
            if not self.nested:
                add_import(facts.imports, node)  # `def f(): import jwt` resolves like a module import
            names = node.names if not isinstance(node.names, cst.ImportStar) else ()
            for alias in names:
                bound = alias.asname.name if alias.asname is not None else alias.name
                if isinstance(bound, cst.Name):
                    self._bind(bound.value, None, order, at=node)
                elif isinstance(bound, cst.Attribute):
                    head = bound
                    while isinstance(head, cst.Attribute):
                        head = head.value  # type: ignore[assignment]
                    if isinstance(head, cst.Name):
                        self._bind(head.value, None, order, at=node)
        elif kind is cst.Del:
            targets = node.target.elements if isinstance(node.target, cst.Tuple) else ()
            for target in [element.value for element in targets] or [node.target]:
                if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
                    index = target.slice[0].slice if len(target.slice) == 1 else None
                    if isinstance(index, cst.Index):
                        facts.item_deletes.setdefault(target.value.value, []).append((order, index.value))
        elif (kind is cst.Global or kind is cst.Nonlocal) and not self.nested:
            facts.globals.extend(item.name.value for item in node.names)
        elif kind is cst.Return and node.value is not None and not self.nested:
            facts.returns.append(node.value)

    def _record_store(
        self, target: cst.BaseExpression, value: cst.BaseExpression, order: int, at: cst.CSTNode
    ) -> None:
        kind = type(target)  # exact type tests, as _record
        if kind is cst.Name:
            self._bind(target.value, value, order, at=at)  # type: ignore[attr-defined]
        elif kind is cst.Attribute:
            dotted = dotted_name(target)
            if dotted is not None and not self.nested:
                self.facts.attribute_stores.setdefault(dotted, []).append(Binding(order, value, at=at))
        elif kind is cst.Subscript and type(target.value) in (cst.Name, cst.Attribute):  # type: ignore[attr-defined]
            # `cache[key] = v` and `self._cache[key] = v`, by the dotted name of the container
            container = dotted_name(target.value)
            if container and len(target.slice) == 1 and isinstance(target.slice[0].slice, cst.Index):
                key = target.slice[0].slice.value
                self.facts.item_stores.setdefault(container, []).append((order, key, value))
        else:
            for name in _target_names(target):
                self._bind(name, None, order, unpacked_from=value, at=at)

    def _record_name(self, node: cst.Name) -> None:
        parent = self.facts.parent.get(id(node))
        role = _NAME_ROLES.get(type(parent), _UNKNOWN_ROLE)
        if role is _UNKNOWN_ROLE:
            role = _NAME_ROLES[type(parent)] = _name_role(type(parent))
        if role == "any" or (role is not None and getattr(parent, role) is node):
            return  # `obj.attr`, `f(key=...)`, `def name`, `import name`, `name = ...`: not a read
        self.facts.loads.setdefault(node.value, []).append(node)


# Where a Name under a node of this type is not a read: its field that holds such a name, or
# "any" when no name there is one. By type, worked out once for each (isinstance against
# libcst's classes goes through ABCMeta, and this runs for every Name of every scope).
_NOT_READS: Tuple[Tuple[Tuple[type, ...], str], ...] = (
    ((cst.Attribute,), "attr"),
    ((cst.Arg,), "keyword"),
    ((cst.Param, cst.FunctionDef, cst.ClassDef, cst.ImportAlias, cst.AsName), "any"),
    ((cst.AssignTarget,), "target"),
    ((cst.AnnAssign, cst.AugAssign), "target"),
)
_UNKNOWN_ROLE = "?"
_NAME_ROLES: Dict[type, Optional[str]] = {}


def _name_role(kind: type) -> Optional[str]:
    return next((role for bases, role in _NOT_READS if issubclass(kind, bases)), None)


def collect_scope_facts(node: ScopeNode) -> ScopeFacts:
    facts = ScopeFacts(node=node)
    _FactsCollector(facts).collect()
    return facts
