"""Our own import table: which local name stands for which qualified name.

libcst's ScopeProvider + QualifiedNameProvider cost ~8-11x the parse (SPEC §9). Rules only need
"is this callee `jwt.decode` under some spelling?", which a dictionary of import aliases answers.
"""

from __future__ import annotations

from typing import Dict, Iterable, Optional, Tuple, Union

import libcst as cst


# These two run for nearly every node a rule looks at: exact type tests, since an isinstance of
# a libcst class goes through the ABC machinery (a Python-level call) whenever it fails.
_Attribute, _Name = cst.Attribute, cst.Name


def dotted_name(expr: cst.BaseExpression) -> Optional[str]:
    """`a.b.c` for a Name/Attribute chain, else None."""
    parts = []
    while type(expr) is _Attribute:
        parts.append(expr.attr.value)  # type: ignore[attr-defined]
        expr = expr.value  # type: ignore[attr-defined]
    if type(expr) is not _Name:
        return None
    parts.append(expr.value)  # type: ignore[attr-defined]
    return ".".join(reversed(parts))


def leaf_name(call: cst.Call) -> str:
    """The last name of a callee: `decode` of `jwt.decode(...)`, `f` of `f(...)`; '' otherwise."""
    func = call.func
    kind = type(func)
    if kind is _Attribute:
        return func.attr.value  # type: ignore[attr-defined]
    return func.value if kind is _Name else ""  # type: ignore[attr-defined]


def _module_name(node: Union[cst.Attribute, cst.Name]) -> str:
    return dotted_name(node) or ""


def add_import(
    table: Dict[str, str], stmt: Union[cst.Import, cst.ImportFrom], importer: Optional[Tuple[str, bool]] = None
) -> None:
    """Record the names one import statement binds. A relative import is made absolute when the
    importing module's dotted name (and whether it is a package) is known: it names one of the
    project's own modules (nhilint.project)."""
    if isinstance(stmt, cst.Import):
        for alias in stmt.names:
            full = _module_name(alias.name)
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                table[alias.asname.name.value] = full
            else:
                # `import google.oauth2.id_token` binds `google`; attribute chains do the rest.
                head = full.split(".", 1)[0]
                table[head] = head
        return
    if stmt.relative:
        if importer is None:
            return  # relative imports point into the user's own package, never a library we know
        from nhilint.project.layout import absolute_import

        resolved = absolute_import(importer[0], importer[1], len(stmt.relative),
                                   _module_name(stmt.module) if stmt.module is not None else None)
        if resolved is None:
            return
        base = resolved
    elif stmt.module is None:
        return
    else:
        base = _module_name(stmt.module)
    if isinstance(stmt.names, cst.ImportStar):
        return
    for alias in stmt.names:
        name = _module_name(alias.name)
        local = name
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            local = alias.asname.name.value
        table[local] = f"{base}.{name}"


def _import_statements(body: Iterable[cst.CSTNode]) -> Iterable[Union[cst.Import, cst.ImportFrom]]:
    """Imports at module level, including those under `if`/`try` (TYPE_CHECKING, fallbacks)."""
    for stmt in body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, (cst.Import, cst.ImportFrom)):
                    yield small
        elif isinstance(stmt, cst.If):
            yield from _import_statements(stmt.body.body)
            if stmt.orelse is not None:
                yield from _import_statements([stmt.orelse])
        elif isinstance(stmt, cst.Else):
            yield from _import_statements(stmt.body.body)
        elif isinstance(stmt, cst.Try):
            yield from _import_statements(stmt.body.body)
            for handler in stmt.handlers:
                yield from _import_statements(handler.body.body)
            if stmt.orelse is not None:
                yield from _import_statements(stmt.orelse.body.body)


def module_imports(module: cst.Module, importer: Optional[Tuple[str, bool]] = None) -> Dict[str, str]:
    table: Dict[str, str] = {}
    for stmt in _import_statements(module.body):
        add_import(table, stmt, importer)
    return table
