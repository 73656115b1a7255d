"""The calls other modules of the project make to a function of the module being checked.

A rule that asks whether every caller of a function passes it a fetched token, or checks the
audience of what it returns, sees the callers of its own module (`ModuleFlow.callers`). A
package puts them elsewhere as often: `util/auth.py` decodes, `client.py` calls it with the
token of its own login; `auth.py` verifies the signature, `views.py` and `middleware.py` check
the claims. This finds those calls and asks the same question of each, in its own module's flow.

A module is read only when its text names the function (the project index's `mentioning`), at
most MAX_CALLER_MODULES of them (more: the name is too common to tell, and nothing is found). A
call counts when it resolves, through the caller's imports, to the function: `decode_jwt(...)`
after `from pkg.util.auth import decode_jwt` (also through a re-export), `auth.decode_jwt(...)`
after `import pkg.util.auth as auth`, `Auth.validate(...)` and `client.refresh(...)` on an
instance of the imported class (bound to a name, or a parameter annotated with the class). A
same-named function the caller module defines, or a name it binds itself, is not the function.

Asked only from the module being checked, never while a part of another module's export is
computed: one level, so what is asked of the callers cannot ask for their callers in turn. The
answer is computed on the other module's parse through the index (`ProjectIndex.computing`),
which records what it used; `mentioning` records the whole project as a dependency, so a cached
result is dropped when any module changes (a caller that stops checking is seen).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, List, Optional, Tuple

import libcst as cst

from nhilint.project import lazy
from nhilint.project.remote import own_path

if TYPE_CHECKING:
    from nhilint.context import FileContext
    from nhilint.flow.function import FunctionFlow
    from nhilint.project.build import LiveModule

# How many other modules naming the function are read at most. The function's name is the
# word looked for: a name as common as `decode` in more modules than this is asked about in no
# module's interest, and the question is left unanswered (the finding stays).
MAX_CALLER_MODULES = 16

# What is asked of one call elsewhere: True (it satisfies the question), False (it does not),
# None (it neither helps nor harms: a call that reads nothing of what the function answers).
Question = Callable[["FunctionFlow", cst.Call], Optional[bool]]


def answers_elsewhere(flow: "FunctionFlow", part: str, question: Question) -> Tuple[Optional[bool], ...]:
    """What `question` answers at each call of the function of `flow` that another module of
    the project makes, in a fixed order (modules by path, calls in source order). Empty when
    there is no project, no such call, more modules than the bound name it, or the question is
    asked while another module's part is computed. `part` names the question (with the
    function, it keys what the index computed on each module)."""
    target = _qualified(flow)
    context = flow.context
    project = context.project
    if target is None or project is None or lazy.OPEN:
        return ()
    name = target.rpartition(".")[2]
    root = import_root(context)
    home = own_path(context)
    exports = project.mentioning(name.lower(), where=lambda path: path.startswith(root), limit=MAX_CALLER_MODULES)
    if not exports:
        return ()
    found: List[Optional[bool]] = []
    for export in sorted(exports, key=lambda e: e.path):
        answers = project.computing(export.path, export.module, export.digest, ("callers-elsewhere", target, part),
                                    lambda live: _answers_in(live, target, question, home))
        # a module that names the function but cannot be read now (no longer parses, or past
        # the index's depth bound) may hold a call that does not satisfy: the answer is no
        found.extend(answers if answers is not None else (False,))
    return tuple(found)


def every_call_elsewhere(flow: "FunctionFlow", part: str, question: Question) -> bool:
    """Other modules of the project call the function (one call at least answers yes), and no
    call there answers no."""
    answers = answers_elsewhere(flow, part, question)
    return True in answers and False not in answers


def import_root(context: "FileContext") -> str:
    """The folder the checked module's package is imported from (`src/` of `src/pkg/util/auth.py`,
    module `pkg.util.auth`), with a separator at its end: only a module under it imports the
    package by that name (a folder of many projects holds other packages, whose modules say
    `decode_jwt` of their own)."""
    path = own_path(context)
    folder = os.path.dirname(path)
    package = os.path.basename(path) == "__init__.py"  # `pkg.util` is `pkg/util/__init__.py`
    for _ in range(context.module_name.count(".") + int(package)):
        folder = os.path.dirname(folder)
    return os.path.join(folder, "")


def _qualified(flow: "FunctionFlow") -> Optional[str]:
    """`pkg.mod.function` or `pkg.mod.Class.method`: a function at module level, or a method of a
    class at module level. None for anything else (nested functions are nobody's to import)."""
    function = flow.scope
    context = flow.context
    if not isinstance(function, cst.FunctionDef) or not context.module_name:
        return None
    name = function.name.value
    owner = flow.owner
    if owner is None:
        return f"{context.module_name}.{name}" if context.module_functions.get(name) is function else None
    if context.module_classes.get(owner.name.value) is not owner:
        return None
    return f"{context.module_name}.{owner.name.value}.{name}"


def _answers_in(live: "LiveModule", target: str, question: Question, home: str) -> Tuple[Optional[bool], ...]:
    """The answers at each call of `target` in one module (its parse and flow)."""
    name = target.rpartition(".")[2]
    return tuple(question(flow, call) for flow, call in live.flow.calls_by_leaf().get(name, ())
                 if _runs(flow, call, target, home))


def _runs(flow: "FunctionFlow", call: cst.Call, target: str, home: str) -> bool:
    """Whether `call` (in another module) runs the function `target` names (in the module at
    path `home`)."""
    context = flow.context
    func = call.func
    qualified = context.qualified_name(func, flow.facts)
    if qualified is None and isinstance(func, cst.Attribute):
        # `client.refresh(...)` with `client: Client` (a parameter annotated with the class)
        annotation = flow.module.annotated_class(flow, func.value)
        cls = context.qualified_name(annotation) if annotation is not None else None
        qualified = f"{cls}.{func.attr.value}" if cls else None
    if qualified is None or qualified.startswith("builtins."):
        return False
    if names_target(context, qualified, target, home):
        return True
    project = context.project
    # `from pkg.util import decode_jwt`, re-exported by `pkg/util/__init__.py`
    return project is not None and project.origin(qualified, context.path) == target


def names_target(context: "FileContext", qualified: str, target: str, home: str) -> bool:
    """Whether `qualified`, as module `context` names it, is `target` of the module at path
    `home`: the same name, or `armasec_cli.auth.extract_persona` for `auth.extract_persona`,
    the module kept in a folder with no `__init__.py` (a namespace package) and so named from
    that folder, that the project imports by the folder's name, when that name finds its file."""
    if qualified == target:
        return True
    if not qualified.endswith("." + target) or context.project is None:
        return False
    found = context.project.lookup(qualified, context.path)
    return found is not None and found[0].path == home
