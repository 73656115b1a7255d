"""Other modules of the project, as one module's flow and evaluator see them.

`from app.settings import JWT_OPTIONS`, `settings.API_TOKEN` (with `from app import settings`),
`tokens.get_graph_token(scope)`, `self.client.fetch()` (with `self.client = TokenClient()`
imported from the project), a method inherited from a base class of another module: each is
looked up in the project index (nhilint.project.index) by its qualified name, and answered from
the other module's export. Without a project (a buffer checked on its own, a name from a
library) every function here answers None, and the caller keeps its one-file view.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Sequence

import libcst as cst

from nhilint.flow.labels import PARAM, Label, Labels
from nhilint.project.exports import ClassExport, ConstantExport, FunctionExport, LabelExport, ModuleExport

if TYPE_CHECKING:
    from nhilint.analysis.scope import ScopeFacts
    from nhilint.context import FileContext
    from nhilint.flow.function import FunctionFlow
    from nhilint.project.build import LiveModule
    from nhilint.project.facts import MintExport

# how many base classes of other modules are searched for an inherited method
MAX_BASES = 4


def constant(context: "FileContext", expr: cst.BaseExpression, facts: Optional["ScopeFacts"]) -> Optional[ConstantExport]:
    """The other module's constant an imported name or a module attribute reads."""
    if context.project is None or not isinstance(expr, (cst.Name, cst.Attribute)):
        return None
    qualified = context.qualified_name(expr, facts)
    if qualified is None or qualified.startswith("builtins."):
        return None
    return context.project.constant(qualified, context.path)


def function(context: "FileContext", func: cst.BaseExpression, facts: Optional["ScopeFacts"]) -> Optional[FunctionExport]:
    """The other module's function (or a method of its class) a call's callee names."""
    if context.project is None or not isinstance(func, (cst.Name, cst.Attribute)):
        return None
    qualified = context.qualified_name(func, facts)
    if qualified is None or qualified.startswith("builtins."):
        return None
    return context.project.function(qualified, context.path)


def class_method(context: "FileContext", class_name: str, method: str) -> Optional[FunctionExport]:
    """A method of a class of another module, or of one of its bases there (qualified names)."""
    if context.project is None:
        return None
    pending: List[str] = [class_name]
    for _ in range(MAX_BASES):
        if not pending:
            return None
        found = context.project.cls(pending.pop(0), context.path)
        if found is None:
            continue
        if method in found.methods:
            # None when its summary is cut (a chain of modules too deep right now): it is this
            # class's method all the same, not a base's, and cannot be told
            return found.methods.get(method)
        pending.extend(base for base in found.bases if "." in base)
    return None


def inherited(context: "FileContext", cls: cst.ClassDef, method: str) -> Optional[FunctionExport]:
    """A method `cls` inherits from a base class defined in another module of the project."""
    if context.project is None:
        return None
    for base in cls.bases:
        qualified = context.qualified_name(base.value)
        if qualified is not None and not qualified.startswith("builtins."):
            found = class_method(context, qualified, method)
            if found is not None:
                return found
    return None


def cls(context: "FileContext", qualified: Optional[str]) -> Optional[ClassExport]:
    if context.project is None or qualified is None or qualified.startswith("builtins."):
        return None
    return context.project.cls(qualified, context.path)


def asked_of_function(context: "FileContext", func: cst.BaseExpression, facts: Optional["ScopeFacts"], part: str,
                      question: Callable[["FunctionFlow"], bool]) -> bool:
    """`question` asked of the flow of the module-level function of another module of the
    project a call's callee names (`load_tokens_from_cache` of `cache.py`), in that module's
    own parse; `part` names the question there. False without a project, for a name of no
    function of the project, or while another module's part is computed (one level: what is
    asked there cannot ask further modules in turn)."""
    from nhilint.project import lazy

    project = context.project
    qualified = context.qualified_name(func, facts) if project is not None else None
    if project is None or qualified is None or lazy.OPEN:
        return False
    found = project.lookup(qualified, context.path)
    if found is None or not isinstance(found[1], FunctionExport):
        return False
    export, name = found[0], qualified.rpartition(".")[2]

    def answer(live: "LiveModule") -> bool:
        function = live.context.module_functions.get(name)
        return function is not None and question(live.flow.flow(function))

    return bool(project.computing(export.path, export.module, export.digest, (part, name), answer))


def bind(function: FunctionExport, args: Sequence[cst.Arg]) -> Dict[str, cst.BaseExpression]:
    """The arguments of a call by the other module's parameter names (stars leave the rest
    unbound). Keyword-only parameters are among `params` too: a keyword binds to any name."""
    bound: Dict[str, cst.BaseExpression] = {}
    names = set(function.params)
    index = 0
    for arg in args:
        if arg.star:
            break
        if arg.keyword is not None:
            if arg.keyword.value in names:
                bound[arg.keyword.value] = arg.value
        elif index < function.positional:
            bound[function.params[index]] = arg.value
            index += 1
    return bound


def labels(exported: Sequence[LabelExport], origin: cst.CSTNode) -> Labels:
    """Another module's labels, for this one: placed at the expression that reads them."""
    return frozenset(
        Label(label.kind, None if label.kind == PARAM else origin, detail=label.detail, derived=label.derived,
              inputs=frozenset(f"param:{p}" for p in label.param_inputs),
              selectors=frozenset(f"param:{p}" for p in label.param_selectors))
        for label in exported
    )


def elsewhere(context: "FileContext", *words: str, where: Optional[Callable[[str], bool]] = None,
              limit: Optional[int] = None) -> Optional[List[ModuleExport]]:
    """The exports of the project's other modules (never this one) whose text holds every one of
    `words` (and whose path `where` accepts): a question over the whole project
    (nhilint.project.index.ProjectIndex.mentioning). None when more than `limit` hold them."""
    return context.project.mentioning(*words, where=where, limit=limit) if context.project is not None else []


def own_path(context: "FileContext") -> str:
    """This module's absolute path, as other modules' places name files."""
    root = context.project.layout.root if context.project is not None else ""
    return os.path.abspath(os.path.join(root, context.path))


def shown_path(context: "FileContext", path: str) -> str:
    """A project file as a message names it: relative to the project's root."""
    root = context.project.layout.root if context.project is not None else ""
    return os.path.relpath(path, root).replace(os.sep, "/")


def minted_elsewhere(context: "FileContext", identity: str) -> List[MintExport]:
    """The tokens other modules of the project sign with the key this module knows as
    `identity` (nhilint.flow.mints: `name:SECRET`, `attr:settings.SECRET_KEY`). A question over
    the whole project: the modules are found by the key's name in their text."""
    if context.project is None:
        return []
    from nhilint.project.build import qualify_key
    from nhilint.project.key_imports import may_qualify_to

    qualified = qualify_key(context, identity)
    word = qualified.rpartition(":")[2].rpartition(".")[2].lower()
    if not word:
        return []
    # a module mints only where its text says `encode` (nhilint.flow.mints.mint_sites) and names a
    # JWT library (`jwt`: PyJWT and its aliases; `jose`: python-jose, authlib.jose, joserfc): the
    # others' facts, a parse and a walk each, are not built
    exports = {export.path: export for library in ("jwt", "jose") for export in elsewhere(context, word, "encode", library) or ()}
    # nor those of a module whose imports cannot name the key as this one does (nhilint.project
    # .key_imports: from its shape)
    return [mint for path in sorted(exports) if may_qualify_to(qualified, exports[path].module, exports[path].imports)
            for mint in exports[path].mints if mint.key == qualified]
