"""A module's shape read with Python's own parser: the names its export offers, without libcst.

Most lookups into another module only ask what a name is there (a class, a function, a
constant, an import): one file in three that a check imports is never asked for a value (issue
14's measure on the quick corpus: 19 of 55). The standard library's parser gives those names for
a fraction of libcst's parse; the module is parsed with libcst (nhilint.project.build) only
when a value is asked for. The names are those nhilint.context and nhilint.analysis.imports
find in libcst's tree (tests/test_project_shape.py holds the two to the same answer).
"""

from __future__ import annotations

import ast
import warnings
from typing import Dict, Iterable, List, Optional, Set, Tuple

from nhilint.project.exports import ClassShape, Shape
from nhilint.project.layout import absolute_import

_Definition = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def read_shape(data: bytes, path: str, module: str, is_package: bool, digest: str) -> Optional[Shape]:
    """The module's shape; None if Python's parser rejects it."""
    tree = parse_syntax(data)
    return shape_of(tree, path, module, is_package, digest, b"global " in data) if tree is not None else None


def parse_syntax(data: bytes) -> Optional[ast.Module]:
    """The module's tree by Python's own parser; None if it rejects it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escape sequences and the like
            return ast.parse(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def shape_of(tree: ast.Module, path: str, module: str, is_package: bool, digest: str, says_global: bool = True) -> Shape:
    """The names a parsed module binds and imports (`says_global`: its text holds "global ",
    without which no function rebinds a module global and that walk is skipped)."""
    from nhilint.analysis.environments import environment_of_module

    constants, definitions = _bindings(tree.body)
    rebound = _declared_global(tree.body) if says_global else set()
    if rebound:  # `global client_id` in `initialize()`: no longer one value (as nhilint.context)
        constants = [name for name in constants if name not in rebound]
    imports = _imports(tree.body, (module, is_package))
    assigned = _assigned(tree.body)
    defined = {stmt.name for stmt in tree.body if isinstance(stmt, _Definition)}
    return Shape(
        module=module, path=path, digest=digest,
        imports=imports,
        constants=tuple(constants),
        functions=tuple(name for name, node in definitions.items() if not isinstance(node, ast.ClassDef)),
        classes={
            name: ClassShape(
                methods=tuple(dict.fromkeys(
                    s.name for s in node.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)))),
                attributes=tuple(dict.fromkeys(_class_attributes(node))),
                typed_fields=tuple(_typed_fields(node, module, imports, definitions)),
                bases=_bases(node, imports, assigned, defined),
            )
            for name, node in definitions.items() if isinstance(node, ast.ClassDef)
        },
        environment=environment_of_module(module),
    )


def _bindings(body: List[ast.stmt]) -> Tuple[List[str], Dict[str, ast.stmt]]:
    """As nhilint.context._module_bindings: names bound once at module level to a value, and
    the functions and classes defined once there."""
    values: Dict[str, bool] = {}  # name -> bound once, to a value
    bound: Set[str] = set()
    definitions: Dict[str, ast.stmt] = {}
    for stmt in body:
        if isinstance(stmt, _Definition):
            if stmt.name not in bound:
                definitions[stmt.name] = stmt
            else:
                definitions.pop(stmt.name, None)  # rebound: which one runs depends on the order
                if stmt.name in values:
                    values[stmt.name] = False  # `X = 1` then `def X()`: no longer one value
            bound.add(stmt.name)
            continue
        targets: List[ast.expr] = []
        has_value = False
        if isinstance(stmt, ast.Assign):
            targets, has_value = list(stmt.targets), True
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, has_value = [stmt.target], True
        elif isinstance(stmt, ast.AugAssign):
            targets = [stmt.target]
        for target in targets:
            if isinstance(target, ast.Name):
                values[target.id] = has_value and target.id not in bound
                definitions.pop(target.id, None)
                bound.add(target.id)
    return [name for name, once in values.items() if once], definitions


# The fields of Python's tree that hold statements: `global` is a statement, so the walk for it
# never goes into expressions (as nhilint.project.places' walk for definitions)
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def _declared_global(body: List[ast.stmt]) -> Set[str]:
    """The names a function of the module rebinds through a `global` statement."""
    names: Set[str] = set()
    pending: List[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Global):
            names.update(node.names)
            continue
        for field in _BLOCKS:
            block = getattr(node, field, None)
            if isinstance(block, list):
                pending.extend(block)
    return names


def _assigned(body: List[ast.stmt]) -> Set[str]:
    """Every name a statement of the module's top level assigns (nhilint.context's
    `module_constants` keys: `X = ...`, `X: T = ...`, `X += ...`)."""
    found: Set[str] = set()
    for stmt in body:
        targets = (stmt.targets if isinstance(stmt, ast.Assign) else
                   [stmt.target] if isinstance(stmt, ast.AnnAssign) and stmt.value is not None else
                   [stmt.target] if isinstance(stmt, ast.AugAssign) else [])
        found.update(target.id for target in targets if isinstance(target, ast.Name))
    return found


def _bases(cls: ast.ClassDef, imports: Dict[str, str], assigned: Set[str], defined: Set[str]) -> Optional[Tuple[str, ...]]:
    """The class's bases as nhilint.context's `qualified_name` gives them from libcst's tree: an
    import's qualified name, a name of the module as written, a builtin's `builtins.` name.
    None where only libcst's reader can tell: a base read through a module-level value (the
    class it is an instance of), an expression that is no dotted name, or an imported name a
    library call of the catalogue may have (an import of the project may stand for the
    library's name)."""
    from nhilint.catalogue import DEFAULT_CATALOGUE

    found = []
    for base in cls.bases:
        dotted = _dotted(base)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        if head in assigned:
            return None
        if head in imports:
            qualified = imports[head] + (f".{rest}" if rest else "")
            if "." in qualified and qualified.rpartition(".")[2] in DEFAULT_CATALOGUE.leaf_names:
                return None
            found.append(qualified)
        elif head in defined:
            found.append(dotted)
        else:
            found.append(f"builtins.{dotted}")
    return tuple(found)


def _dotted(expr: ast.expr) -> Optional[str]:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        inner = _dotted(expr.value)
        return f"{inner}.{expr.attr}" if inner is not None else None
    return None


def _class_attributes(cls: ast.ClassDef) -> Iterable[str]:
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            yield stmt.targets[0].id
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            yield stmt.target.id


def _typed_fields(cls: ast.ClassDef, module: str, imports: Dict[str, str],
                  definitions: Dict[str, ast.stmt]) -> Iterable[Tuple[str, str]]:
    """`project: ProjectSettings` in a class body, with the class qualified: one of this
    module's, or an imported one (`settings.AuthSettings` through `from app import settings`).
    A field of several possible types (`Optional[...]`, a union) is left out."""
    for stmt in cls.body:
        if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
            continue
        annotation = stmt.annotation
        if isinstance(annotation, ast.Name):
            if isinstance(definitions.get(annotation.id), ast.ClassDef):
                yield stmt.target.id, f"{module}.{annotation.id}"
            elif annotation.id in imports:
                yield stmt.target.id, imports[annotation.id]
        elif isinstance(annotation, ast.Attribute) and isinstance(annotation.value, ast.Name):
            if annotation.value.id in imports:
                yield stmt.target.id, f"{imports[annotation.value.id]}.{annotation.attr}"


def _imports(body: List[ast.stmt], importer: Tuple[str, bool]) -> Dict[str, str]:
    """As nhilint.analysis.imports.module_imports, with relative imports made absolute."""
    table: Dict[str, str] = {}
    for stmt in _import_statements(body):
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname is not None:
                    table[alias.asname] = alias.name
                else:
                    head = alias.name.split(".", 1)[0]  # `import a.b` binds `a`
                    table[head] = head
            continue
        if stmt.level:
            base = absolute_import(importer[0], importer[1], stmt.level, stmt.module)
            if base is None:
                continue
        elif stmt.module is None:
            continue
        else:
            base = stmt.module
        for alias in stmt.names:
            if alias.name == "*":
                break
            table[alias.asname or alias.name] = f"{base}.{alias.name}"
    return table


def _import_statements(body: Iterable[ast.stmt]) -> Iterable[ast.stmt]:
    """Imports at module level, including those under `if`/`try` (TYPE_CHECKING, fallbacks)."""
    for stmt in body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            yield stmt
        elif isinstance(stmt, ast.If):
            yield from _import_statements(stmt.body)
            yield from _import_statements(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            yield from _import_statements(stmt.body)
            for handler in stmt.handlers:
                yield from _import_statements(handler.body)
            yield from _import_statements(stmt.orelse)
