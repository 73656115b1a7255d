"""Objects that live for one incoming request.

A class whose methods use `self.request` as the incoming web request (its session, user,
headers dict, absolute URI) is made for one request: Django's class-based views, DRF views,
allauth's per-sign-in OAuth clients. What such an object keeps on itself is gone when the
request ends, so an attribute of it is no cache that outlives a token.
"""

from __future__ import annotations

import libcst as cst

from nhilint.analysis.imports import dotted_name

# Attributes only an incoming request has (Django, DRF, Flask, Starlette): an outbound
# `requests.Request` / `httpx.Request` has none of them.
_INCOMING_ONLY = frozenset({
    "session", "user", "META", "COOKIES", "GET", "POST", "FILES", "query_params",
    "build_absolute_uri", "get_host", "is_secure", "get_full_path", "remote_addr", "client",
})


def lives_one_request(owner: cst.ClassDef) -> bool:
    """Whether a method of `owner` reads `self.request.<attribute of an incoming request>`
    (asked only of the few stores a rule is about to report: no memo)."""
    found = False

    class Visitor(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            nonlocal found
            if node.attr.value in _INCOMING_ONLY and dotted_name(node.value) == "self.request":
                found = True
            return not found

        def visit_Call(self, node: cst.Call) -> bool:
            nonlocal found
            # `build_absolute_uri(self.request, path)`: allauth's helper over the request
            if any(dotted_name(arg.value) == "self.request" for arg in node.args) and \
                    (dotted_name(node.func) or "").rsplit(".", 1)[-1] in _INCOMING_ONLY:
                found = True
            return not found

    owner.body.visit(Visitor())
    return found
