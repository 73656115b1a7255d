"""TLS contexts that do not check the server's certificate.

`ssl._create_unverified_context()`; a context given `verify_mode = ssl.CERT_NONE` in the
function on every path (under an `if` it is the user's option); and `ssl.SSLContext()` made with no protocol or a protocol other than
`PROTOCOL_TLS_CLIENT` (`PROTOCOL_TLS`, `PROTOCOL_SSLv23`, `PROTOCOL_TLSv1_2`...), whose
`verify_mode` starts at `CERT_NONE` (checked with CPython 3.11: `ssl.SSLContext(ssl.PROTOCOL_TLS)
.verify_mode` is `CERT_NONE`, `ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)` is `CERT_REQUIRED`),
unless the function sets another mode. Loading a CA file changes no mode: such a context still
accepts any certificate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

from nhilint.analysis.imports import dotted_name

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

_UNVERIFIED_CONTEXTS = frozenset({"ssl._create_unverified_context"})


def cert_none(expr: Optional[cst.BaseExpression]) -> bool:
    """`ssl.CERT_NONE` (or `CERT_NONE` imported): the mode that checks no certificate."""
    return expr is not None and (dotted_name(expr) or "").endswith("CERT_NONE")


def unverified_context(flow: "FunctionFlow", context_arg: Optional[cst.BaseExpression], depth: int = 0) -> Optional[str]:
    """How `context_arg` (a context made in the call, or a name bound to one in the function or
    at module level, or what a function of the module making one returns, `insecure_context()`,
    or a method of the class, `self._build_context()`) skips the certificate check, or None."""
    if isinstance(context_arg, cst.Attribute):
        return _unverified_attribute(flow, context_arg)
    made = context_arg
    if isinstance(context_arg, cst.Name):
        made = flow.context.bound_expression(context_arg, flow.facts)
    if not isinstance(made, cst.Call):
        return None
    qualname = flow.context.qualified_name(made.func, flow.facts)
    if qualname in _UNVERIFIED_CONTEXTS:
        return "ssl._create_unverified_context()"
    if depth < 2 and ((isinstance(made.func, cst.Name) and made.func.value in flow.context.module_functions)
                      or (isinstance(made.func, cst.Attribute) and flow.is_self(made.func.value))):
        # `ssl_context=insecure_context()`, `tls_set_context(self._build_context())`
        target = flow.module.resolve(flow, made)
        helper = flow.module.flow(target[0]) if target is not None else None
        returns = helper.facts.returns if helper is not None else ()
        if helper is not None and len(returns) == 1:
            return unverified_context(helper, returns[0], depth + 1)
    stores = [binding for binding in flow.facts.attribute_stores.get(f"{context_arg.value}.verify_mode", ())
              if binding.value is not None] if isinstance(context_arg, cst.Name) else []
    modes = [binding.value for binding in stores]
    # `if not cfg.hostname_check: ctx.verify_mode = ssl.CERT_NONE`: the user's option, not
    # the default; only a mode set on every path counts
    if any(cert_none(binding.value) and not flow.conditional(binding, context_arg)
           for binding in stores):
        return "verify_mode = ssl.CERT_NONE"
    if qualname == "ssl.SSLContext" and not modes:
        protocol = made.args[0].value if made.args else None
        if protocol is None or not (dotted_name(protocol) or "").endswith("PROTOCOL_TLS_CLIENT"):
            return "an ssl.SSLContext() of a protocol that checks no certificate by default"
    return None


def _unverified_attribute(flow: "FunctionFlow", context_arg: cst.Attribute) -> Optional[str]:
    """`context=self._ssl_context` where the methods of the class store an unverified context
    there, and otherwise only the context the caller handed in (`if ssl_context is None:
    self._ssl_context = ssl._create_unverified_context()`): unverified unless the caller gives
    one. A verifying context stored on any path keeps it silent."""
    if flow.owner is None or not isinstance(context_arg.value, cst.Name) or context_arg.value.value != flow._self_name:
        return None
    from nhilint.flow import module_flow

    module = module_flow(flow.context)
    found: Optional[str] = None
    handed = False
    for method, value in module.attribute_writes(flow.owner, context_arg.attr.value):
        writer = module.flow(method) if method is not None else flow
        if isinstance(value, cst.Name) and writer.param_node(value.value) is not None:
            handed = True
            continue  # the caller's own context
        how = unverified_context(writer, value)
        if how is None:
            return None
        found = how
    return f"{found} unless the caller hands in a context" if found is not None and handed else found
