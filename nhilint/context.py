"""What rules may ask about the file being checked, and where they hand in their reports.

One FileContext per file. The engine keeps `scope_stack`/`statement_stack` current during the
batched visit; everything else (scope facts, per-call analyses) is computed on first request and
memoised, so rules sharing a question (NHL101..NHL105 all ask "what does this decode call do?")
pay for it once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Sequence, Set, Tuple, TypeVar, Union

import libcst as cst

from nhilint.analysis.imports import dotted_name, module_imports
from nhilint.analysis.scope import ScopeFacts, ScopeNode, collect_scope_facts
from nhilint.analysis.values import Evaluator
from nhilint.catalogue import Catalogue
from nhilint.testfiles import is_test_file, says_test_only

if TYPE_CHECKING:
    from nhilint.project.index import ProjectIndex

T = TypeVar("T")

# `a = A(); b = a.make(); c = b.make()...`: how far we follow instances before giving up
_MAX_INSTANCE_DEPTH = 8


# a finding's second place: (absolute path, line, message) in another module of the project,
# (None, node, message) in the module being checked
RelatedPlace = Tuple[Optional[str], Union[int, cst.CSTNode], str]


class Report:
    """What a rule reported, before its place is known. A plain class: a dataclass costs about 4 M
    instructions to create at every start (benchmarks/README.md, speed21)."""

    __slots__ = ("code", "node", "statement", "message", "confidence", "related")

    def __init__(self, code: str, node: cst.CSTNode, statement: Optional[cst.CSTNode], message: str,
                 confidence: Optional[str], related: Tuple["RelatedPlace", ...] = ()) -> None:
        self.code = code
        self.node = node
        self.statement = statement
        self.message = message
        self.confidence = confidence
        # second places (nhilint.ftypes.Related): (absolute path, line, message) in another
        # module, (None, node, message) in this one
        self.related = related


# The fields of libcst's nodes that hold statements: `global` is a statement, so the walk for it
# never goes into expressions (nhilint.project.shape's walk of Python's tree does the same). A
# walk of every node took 0.37 s of litellm's `proxy_server.py` check, for 30 modules saying "global "
_BLOCKS = ("body", "orelse", "handlers", "finalbody", "cases")


def _declared_global(module: cst.Module) -> Set[str]:
    """The names a function of the module rebinds through a `global` statement."""
    names: Set[str] = set()
    pending: List[cst.CSTNode] = list(module.body)
    while pending:
        node = pending.pop()
        if type(node) is cst.Global:
            names.update(item.name.value for item in node.names)
            continue
        # a statement line's small statements, a block's statements, a compound statement's
        # blocks, `elif` / `else` / `except` / `finally` / `case` clauses; no small statement
        # has a body (a lambda's is an expression, never reached)
        for field in _BLOCKS:
            block = getattr(node, field, None)
            if isinstance(block, cst.CSTNode):
                pending.append(block)
            elif isinstance(block, (list, tuple)):
                pending.extend(block)
    return names


def _module_bindings(
    module: cst.Module,
) -> "tuple[Dict[str, Optional[cst.BaseExpression]], Set[str], Dict[str, Union[cst.FunctionDef, cst.ClassDef]]]":
    """Module-level `NAME = value` constants (None when bound more than once), all bound names,
    and the functions and classes defined once at module level, by name."""
    constants: Dict[str, Optional[cst.BaseExpression]] = {}
    bound: Set[str] = set()
    definitions: Dict[str, Union[cst.FunctionDef, cst.ClassDef]] = {}
    for stmt in module.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            name = stmt.name.value
            if name not in bound:
                definitions[name] = stmt
            else:
                definitions.pop(name, None)  # rebound: which one runs depends on the order
                if name in constants:
                    constants[name] = None  # `X = 1` then `def X()`: no longer one value
            bound.add(name)
            continue
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            targets: List[cst.BaseExpression] = []
            value: Optional[cst.BaseExpression] = None
            if isinstance(small, cst.Assign):
                targets = [t.target for t in small.targets]
                value = small.value
            elif isinstance(small, cst.AnnAssign) and small.value is not None:
                targets = [small.target]
                value = small.value
            elif isinstance(small, cst.AugAssign):
                targets = [small.target]
            for target in targets:
                if isinstance(target, cst.Name):
                    name = target.value
                    constants[name] = None if name in bound else value
                    definitions.pop(name, None)
                    bound.add(name)
    return constants, bound, definitions


class FileContext:
    def __init__(
        self,
        module: cst.Module,
        path: str,
        catalogue: Catalogue,
        rule_options: Mapping[str, Mapping[str, Any]],
        lowered: bytes = b"",
        project: Optional["ProjectIndex"] = None,
        module_name: Optional[str] = None,
        is_package: bool = False,
        scope_facts: Optional[Dict[int, ScopeFacts]] = None,
    ) -> None:
        self.module = module
        # the file's bytes in lower case: `mentions()` is the cheap test before any analysis
        self.lowered = lowered
        self.path = path
        self.catalogue = catalogue
        self.rule_options = rule_options
        # the rest of the project (nhilint.project), and this module's dotted name in it; None
        # when the file is checked on its own (a buffer with no path, a file outside the project)
        self.project = project
        self._origins: Dict[str, str] = {}  # memo of _origin
        self.module_name = module_name or ""
        self.imports = module_imports(module, (module_name, is_package) if module_name else None)
        # every name an import statement binds, anywhere (function-local imports included); the
        # engine adds them as the visit meets them, before the calls that use them
        self.imported_names: Set[str] = set(self.imports)
        self.module_constants, self.module_names, definitions = _module_bindings(module)
        if b"global " in self.lowered:
            # `global client_id` in `initialize()`: the module-level value is only the first
            for name in _declared_global(module):
                if name in self.module_constants:
                    self.module_constants[name] = None
        self.module_functions = {n: d for n, d in definitions.items() if isinstance(d, cst.FunctionDef)}
        self.module_classes = {n: d for n, d in definitions.items() if isinstance(d, cst.ClassDef)}
        self.evaluator = Evaluator(self)
        self.scope_stack: List[ScopeNode] = [module]
        self.statement_stack: List[cst.CSTNode] = []
        self.reports: List[Report] = []
        # the last names of the callees met in each scope (and the scopes around it), filled by
        # the engine during the one pass; complete for a function from its leave_ on
        self._callees: Dict[int, Set[str]] = {}
        self._finished: Set[int] = set()
        # by id of the scope node: the facts depend on the tree alone, so the contexts made on
        # one tree (a file checked and read for its export, nhilint.project.parses) share them
        self.scope_facts: Dict[int, ScopeFacts] = scope_facts if scope_facts is not None else {}
        self._memo: Dict[Any, Any] = {}

    def mentions(self, *words: str) -> bool:
        """Whether the file's text holds one of `words` (lower case), as the prefilter tests."""
        return any(word.encode() in self.lowered for word in words)

    def is_test_code(self) -> bool:
        """A test file by its path (nhilint.testfiles), or a pytest plugin a package ships for
        its users' tests (`requests_auth/testing.py`: it imports pytest and defines module-level
        `@pytest.fixture`s), or a module whose docstring says it is for tests only ("Test-only
        HTTP runner."): its tokens are test vectors too, minted for fakes."""
        return self.memo(("test-code",), lambda: is_test_file(self.path) or self._defines_fixtures()
                         or says_test_only(self.module.get_docstring()))

    def _defines_fixtures(self) -> bool:
        if not self.mentions("pytest"):
            return False
        for function in self.module_functions.values():
            for decorator in function.decorators:
                named = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
                if self.qualified_name(named) == "pytest.fixture":
                    return True
        return False

    # -- scopes -------------------------------------------------------------------------------
    @property
    def scope(self) -> ScopeNode:
        return self.scope_stack[-1]

    def facts(self, scope: Optional[ScopeNode] = None) -> ScopeFacts:
        scope = scope if scope is not None else self.scope
        facts = self.scope_facts.get(id(scope))
        if facts is None:
            facts = collect_scope_facts(scope)
            self.scope_facts[id(scope)] = facts
        return facts

    def record_call(self, leaf: str) -> None:
        for scope in self.scope_stack:
            self._callees.setdefault(id(scope), set()).add(leaf)

    def finish_scope(self, scope: ScopeNode) -> None:
        self._finished.add(id(scope))

    def callees(self, scope: ScopeNode) -> Optional[Set[str]]:
        """The callees inside `scope` (nested scopes included) once its visit is over: `.attr`
        for `x.attr(...)`, `name` for `name(...)`; None before, when the set is not complete."""
        if id(scope) not in self._finished:
            return None
        return self._callees.get(id(scope), set())

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """`compute()` once per key. A recursive ask for the key while it is being computed (a
        helper calling back into its caller) gets None: the cycle adds nothing."""
        if key not in self._memo:
            self._memo[key] = None
            self._memo[key] = compute()
        return self._memo[key]

    # -- names ----------------------------------------------------------------------------------
    def _origin(self, qualified: str) -> str:
        """A name imported from the project's own package, as the project defines it: `jwt` for
        `app.compat.jwt` when app/compat.py does `import jwt` (a lazy-import or compatibility
        module); any other name as it is."""
        if self.project is None or "." not in qualified:
            return qualified
        if qualified.rpartition(".")[2] not in self.catalogue.leaf_names:
            return qualified  # no library call it could be: not worth building the module's export
        found = self._origins.get(qualified)
        if found is None:
            found = self._origins[qualified] = self.project.origin(qualified, self.path)
        return found

    def qualified_name(
        self, expr: cst.BaseExpression, facts: Optional[ScopeFacts] = None, depth: int = 0
    ) -> Optional[str]:
        """The qualified name an expression refers to, through imports and module instances.

        `jwt.PyJWT().decode` and `_jwt.decode` (with `_jwt = jwt.PyJWT()`) both give
        `jwt.PyJWT.decode`. A name bound locally (parameter, assignment) shadows the import.
        """
        if depth > _MAX_INSTANCE_DEPTH:
            return None
        if type(expr) is cst.Attribute and type(expr.value) is cst.Call:  # type: ignore[attr-defined]
            owner = self.qualified_name(expr.value.func, facts, depth + 1)  # type: ignore[attr-defined]
            return f"{owner}.{expr.attr.value}" if owner else None
        dotted = dotted_name(expr)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        suffix = f".{rest}" if rest else ""
        if facts is not None and facts.node is not self.module and head in facts.imports:
            return self._origin(f"{facts.imports[head]}{suffix}")
        if facts is not None and facts.node is not self.module and facts.is_local(head):
            instance = self._instance_class(head, expr, facts, depth)
            return f"{instance}{suffix}" if instance else None
        if head in self.module_constants:
            instance = self._instance_class(head, expr, None, depth)
            return f"{instance}{suffix}" if instance else None
        if head in self.imports:
            return self._origin(f"{self.imports[head]}{suffix}")
        if head in self.module_names:
            return None
        return f"builtins.{dotted}"

    def _instance_class(
        self, name: str, use: cst.BaseExpression, facts: Optional[ScopeFacts], depth: int
    ) -> Optional[str]:
        """What a bound name stands for where `use` reads it: for `x = SomeClass(...)` the class,
        for `x = jwt.decode` the aliased function."""
        if facts is not None:
            binding = facts.binding_before(name, facts.order_of(use))
            value = binding.value if binding else None
        else:
            value = self.module_constants.get(name)
        if isinstance(value, cst.Call):
            return self.qualified_name(value.func, facts, depth + 1)
        if isinstance(value, (cst.Name, cst.Attribute)):  # `verify = jwt.decode`: an alias
            return self.qualified_name(value, facts, depth + 1)
        return None

    def bound_expression(self, name: cst.Name, facts: Optional[ScopeFacts] = None) -> Optional[cst.BaseExpression]:
        """What `name` was last assigned where it is read: a local binding before the read,
        else a module-level constant. None when unknown (parameters, loops, unpacking)."""
        facts = facts if facts is not None else self.facts()
        binding = facts.binding_before(name.value, facts.order_of(name))
        if binding is not None:
            return binding.value
        return None if facts.is_local(name.value) else self.module_constants.get(name.value)

    def local_function(
        self, call: cst.Call, facts: ScopeFacts, owner: Optional[cst.ClassDef]
    ) -> Optional["tuple[cst.FunctionDef, Optional[cst.ClassDef]]"]:
        """The function of this module that `call` runs, and its class, where that is plain to
        see: `helper(...)` for a function defined once at module level (and not shadowed where
        it is called); `self.helper(...)` / `cls.helper(...)` for a method of `owner`, the class
        around the caller, or of a base class of this module (also `super().helper(...)`);
        `validator.check(...)` with `validator = Validator(...)` at module level."""
        func = call.func
        kind = type(func)  # exact type tests: asked of most calls, an isinstance of a libcst class is slow
        if kind is cst.Name:
            function = None if facts.is_local(func.value) else self.module_functions.get(func.value)  # type: ignore[attr-defined]
            return (function, None) if function is not None else None
        if kind is not cst.Attribute:
            return None
        receiver = func.value  # type: ignore[attr-defined]
        if type(receiver) is cst.Call and type(receiver.func) is cst.Name and receiver.func.value == "super":
            bases = self._module_bases(owner) if owner is not None else []
            return self._method(bases, func.attr.value)  # type: ignore[attr-defined]
        if type(receiver) is not cst.Name:
            return None
        if receiver.value in ("self", "cls") and owner is not None:
            return self._method([owner, *self._module_bases(owner)], func.attr.value)
        instance = None if facts.is_local(receiver.value) else self.module_constants.get(receiver.value)
        if isinstance(instance, cst.Call) and isinstance(instance.func, cst.Name):
            cls = self.module_classes.get(instance.func.value)
            if cls is not None:
                return self._method([cls, *self._module_bases(cls)], func.attr.value)
        return None

    def _module_bases(self, cls: cst.ClassDef) -> List[cst.ClassDef]:
        """The base classes of `cls` defined in this module, nearest first (one level each)."""
        bases = []
        for base in cls.bases:
            found = self.module_classes.get(base.value.value) if isinstance(base.value, cst.Name) else None
            if found is not None and found is not cls:
                bases.append(found)
        return bases

    @staticmethod
    def _method(classes: List[cst.ClassDef], name: str) -> Optional["tuple[cst.FunctionDef, Optional[cst.ClassDef]]"]:
        for cls in classes:
            methods = [s for s in cls.body.body if type(s) is cst.FunctionDef and s.name.value == name]
            if methods:
                return (methods[0], cls) if len(methods) == 1 else None
        return None

    def enclosing_class(self) -> Optional[cst.ClassDef]:
        return next((s for s in reversed(self.statement_stack) if isinstance(s, cst.ClassDef)), None)

    def enclosing_facts(self) -> ScopeFacts:
        return self.facts(self.scope)

    # -- reports --------------------------------------------------------------------------------
    def add_report(
        self, code: str, node: cst.CSTNode, message: str, confidence: Optional[str] = None,
        statement: Optional[cst.CSTNode] = None, related: Sequence["RelatedPlace"] = (),
    ) -> None:
        """`statement` is for reports made after the visit left the node (from leave_Module);
        `related`: second places, (absolute path, line, message) or (None, node, message)."""
        if statement is None and self.statement_stack:
            statement = self.statement_stack[-1]
        self.reports.append(
            Report(code=code, node=node, statement=statement, message=message, confidence=confidence,
                   related=tuple(related))
        )
