"""The names a module hands to caches as a time-to-live.

A constant named like a token lifetime (`TOKEN_TTL`, `TOKEN_LIFETIME_SECONDS`) that the module
only ever gives a cache as its time-to-live (`@ttl_cache(ttl=TOKEN_LIFETIME_SECONDS - 60)`,
`cache.set("token", token, TOKEN_TTL)`) says how long a fetched token is kept, not how long a
token this project mints lives: NHL402 leaves it to the cache rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Set, Tuple

import libcst as cst

from nhilint.analysis.imports import leaf_name
from nhilint.analysis.http import argument
from nhilint.catalogue.caches import CACHES
from nhilint.walk import nodes_of, walk

if TYPE_CHECKING:
    from nhilint.context import FileContext


def only_cache_ttl(context: "FileContext", name: str, definition: cst.Name) -> bool:
    """Whether the module uses `name` (other than where `definition` binds it), and every use is
    inside the time-to-live a cache call is given. An attribute of the same name
    (`settings.TOKEN_TTL`) counts as a use: in doubt, not only a cache's."""
    names, in_ttls = _uses(context)
    uses = [node for node in names.get(name, []) if node is not definition]
    return bool(uses) and all(id(node) in in_ttls for node in uses)


def _uses(context: "FileContext") -> Tuple[Dict[str, List[cst.Name]], Set[int]]:
    """Every `Name` of the module by its text, and the ids of those inside a cache's TTL."""
    def compute() -> Tuple[Dict[str, List[cst.Name]], Set[int]]:
        names: Dict[str, List[cst.Name]] = {}
        in_ttls: Set[int] = set()

        def visit(node: cst.CSTNode) -> bool:
            kind = type(node)  # exact type tests: this visits every node of the module
            if kind is cst.Name:
                names.setdefault(node.value, []).append(node)  # type: ignore[attr-defined]
            elif kind is cst.Call:
                for ttl in _ttl_arguments(context, node):
                    in_ttls.update(id(name) for name in nodes_of(ttl, cst.Name))
            return True

        walk(context.module, visit)
        return names, in_ttls
    return context.memo("cache_ttls.uses", compute)


def _ttl_arguments(context: "FileContext", call: cst.Call) -> List[cst.BaseExpression]:
    """The time-to-live `call` gives a cache: a cache decorator's or class's (`ttl_cache(ttl=)`,
    `TTLCache(maxsize, ttl)`) or a cache write's (nhilint.flow.store_ttls.written_ttl)."""
    # imported here: the stores' time-to-lives are not loaded for a rule that may never ask (NHL402
    # asks only for a module constant named like a lifetime)
    from nhilint.flow.store_ttls import written_ttl

    qualified = context.qualified_name(call.func)
    api = CACHES.decorator(qualified) or CACHES.cache_class(qualified)
    if api is not None:
        value = argument(call, api.ttl_keyword, api.ttl_position) if api.ttl_keyword else None
        return [value] if value is not None else []
    positional = [arg.value for arg in call.args if arg.keyword is None]
    written = written_ttl(call, leaf_name(call), positional)
    return [written[0]] if written is not None else []
