"""Objects that live for one incoming request.

A class whose methods use `self.request` as the incoming web request (its session, user,
headers dict, absolute URI) is made for one request: Django's class-based views, DRF views,
allauth's per-sign-in OAuth clients. What such an object keeps on itself is gone when the
request ends, so an attribute of it is no cache that outlives a token.
"""

from __future__ import annotations

import libcst as cst

from nhilint.analysis.imports import dotted_name
from nhilint.catalogue.http import INCOMING_REQUEST_ONLY
from nhilint.walk import walk


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
