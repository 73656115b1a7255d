"""Objects that live for one incoming request, and slots and objects that live for one `with` block.

A class whose methods use `self.request` as the incoming web request (its session, user,
headers dict, absolute URI) is made for one request: Django's class-based views, DRF views,
allauth's per-sign-in OAuth clients. What such an object keeps on itself is gone when the
request ends, so an attribute of it is no cache that outlives a token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from nhilint.analysis.imports import dotted_name
from nhilint.catalogue.http import INCOMING_REQUEST_ONLY
from nhilint.walk import walk
from nhilint.analysis.syntax import is_none

if TYPE_CHECKING:
    from nhilint.flow.module import ModuleFlow


def lives_one_request(owner: cst.ClassDef) -> bool:
    """Whether a method of `owner` reads `self.request.<attribute of an incoming request>`, or
    hands `self.request` to a helper named for one (`build_absolute_uri(self.request, path)`,
    allauth's). Asked only of the few stores a rule is about to report: no memo."""
    found = False

    def visit(node: cst.CSTNode) -> bool:
        nonlocal found
        if found:
            return False  # the walk goes on over the siblings left: nothing more to learn
        if isinstance(node, cst.Attribute):
            found = node.attr.value in INCOMING_REQUEST_ONLY and dotted_name(node.value) == "self.request"
        elif isinstance(node, cst.Call):
            found = (dotted_name(node.func) or "").rsplit(".", 1)[-1] in INCOMING_REQUEST_ONLY and any(
                dotted_name(arg.value) == "self.request" for arg in node.args)
        return not found

    walk(owner.body, visit)
    return found


_BLOCK_METHODS = frozenset({"__enter__", "__aenter__", "__exit__", "__aexit__"})


def cleared_per_block(owner: cst.ClassDef, attribute: str) -> bool:
    """Whether `owner` empties `self.<attribute>` (`= None`, or `del`) when a `with` block
    starts or ends (`__enter__`, `__aenter__`, `__exit__`, `__aexit__`): the slot holds the
    result of what one block did (a login helper used as `async with sso: user = await
    sso.verify_and_process(request)`), not a value kept for later blocks."""
    body = owner.body.body if isinstance(owner.body, cst.IndentedBlock) else ()
    for method in body:
        if not isinstance(method, cst.FunctionDef) or method.name.value not in _BLOCK_METHODS:
            continue
        for line in method.body.body if isinstance(method.body, cst.IndentedBlock) else ():
            if not isinstance(line, cst.SimpleStatementLine):
                continue
            for small in line.body:
                if isinstance(small, cst.Assign) and is_none(small.value):
                    targets = [target.target for target in small.targets]
                elif isinstance(small, cst.Del):
                    targets = [small.target]
                else:
                    continue
                if any(dotted_name(target) == f"self.{attribute}" for target in targets):
                    return True
    return False


def made_per_block(module: "ModuleFlow", owner: cst.ClassDef) -> bool:
    """Whether every construction of `owner` in its module (two at least) is the context of a
    `with` or `async with` block (`async with BackendClient() as client:`): each object, and
    the token it keeps, lives for one block of a few requests. A construction kept anywhere
    else (a module-level singleton, an attribute) makes a long-lived one."""
    made = module.calls_named(owner.name.value)
    return len(made) >= 2 and all(isinstance(flow.facts.parent_of(call), cst.WithItem) for flow, call in made)
