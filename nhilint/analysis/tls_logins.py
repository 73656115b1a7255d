"""Logins with a password over TLS that checks no certificate, outside HTTP: the password goes
to whoever answers.

- paho-mqtt: `client.tls_set(cert_reqs=ssl.CERT_NONE)` or `client.tls_set_context(ctx)` of a
  context that checks none, on a client given `client.username_pw_set(user, password)` in the
  function or, for a client kept in `self`, in any method of the class (reported at the TLS
  call). Checked with paho-mqtt 2.2: `tls_set(cert_reqs=ssl.CERT_NONE)` leaves the client's
  context at `verify_mode` CERT_NONE.
- ldap3: `Connection(server, user, password)` of `server = Server(host, tls=tls)` and
  `tls = Tls(validate=ssl.CERT_NONE)` (reported at the connection).
- python-ldap: `conn.simple_bind_s(dn, password)` (or `bind_s`, `simple_bind`) in a function
  or module that sets `OPT_X_TLS_REQUIRE_CERT` to `OPT_X_TLS_NEVER` or `OPT_X_TLS_ALLOW`
  (a bad certificate ignored), globally or on the connection, outside any branch (under an
  `if` it is the user's option) (reported at the bind).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

import libcst as cst

from nhilint.analysis.http import argument, keyword_arg
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.syntax import is_none
from nhilint.analysis.tls import cert_none, unverified_context
from nhilint.flow.reaching import in_a_branch

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

# the last names of the calls this module looks at (a cheap test before any flow is built)
LOGIN_CALLS = frozenset({"tls_set", "tls_set_context", "Connection", "simple_bind_s", "simple_bind", "bind_s"})
_LDAP_BINDS = frozenset({"simple_bind_s", "simple_bind", "bind_s"})
_LDAP_ANY_CERT = ("OPT_X_TLS_NEVER", "OPT_X_TLS_ALLOW")

IsCredential = Callable[["FunctionFlow", cst.BaseExpression], bool]


def insecure_login(flow: "FunctionFlow", call: cst.Call, is_credential: IsCredential) -> Optional[str]:
    """Why this call sends a password over TLS that checks no certificate, or None."""
    leaf = leaf_name(call)
    if leaf in ("tls_set", "tls_set_context"):
        return _mqtt(flow, call, is_credential)
    if leaf == "Connection":
        return _ldap3(flow, call, is_credential)
    if leaf in _LDAP_BINDS:
        return _python_ldap(flow, call, is_credential)
    return None


def _password(flow: "FunctionFlow", value: Optional[cst.BaseExpression], is_credential: IsCredential) -> bool:
    return value is not None and not is_none(value) and is_credential(flow, value)


def _mqtt(flow: "FunctionFlow", call: cst.Call, is_credential: IsCredential) -> Optional[str]:
    if leaf_name(call) == "tls_set":
        how = "cert_reqs=ssl.CERT_NONE" if cert_none(keyword_arg(call, "cert_reqs")) else None
    else:
        how = unverified_context(flow, call.args[0].value) if call.args else None
    client = dotted_name(call.func.value) if isinstance(call.func, cst.Attribute) else None
    if how is None or client is None:
        return None
    from nhilint.flow.module import receiver_in_methods

    for other, written in receiver_in_methods(flow, client):
        for login in other.facts.own_calls:
            if leaf_name(login) == "username_pw_set" and isinstance(login.func, cst.Attribute) \
                    and dotted_name(login.func.value) == written \
                    and _password(other, argument(login, "password", 1), is_credential):
                return (f"an MQTT client logging in with a password (username_pw_set) is told not to "
                        f"check the broker's certificate ({how})")
    return None


def _made_by(flow: "FunctionFlow", value: Optional[cst.BaseExpression], qualname: str) -> Optional[cst.Call]:
    if isinstance(value, cst.Name):
        value = flow.context.bound_expression(value, flow.facts)
    if isinstance(value, cst.Call) and flow.context.qualified_name(value.func, flow.facts) == qualname:
        return value
    return None


def _ldap3(flow: "FunctionFlow", call: cst.Call, is_credential: IsCredential) -> Optional[str]:
    if flow.context.qualified_name(call.func, flow.facts) != "ldap3.Connection":
        return None
    if not _password(flow, argument(call, "password", 2), is_credential):
        return None
    server = _made_by(flow, argument(call, "server", 0), "ldap3.Server")
    tls = _made_by(flow, keyword_arg(server, "tls"), "ldap3.Tls") if server is not None else None
    validate = keyword_arg(tls, "validate") if tls is not None else None
    if cert_none(validate):
        return "an LDAP connection binding with a password over TLS that checks no certificate (Tls(validate=ssl.CERT_NONE))"
    return None


def _python_ldap(flow: "FunctionFlow", call: cst.Call, is_credential: IsCredential) -> Optional[str]:
    if not isinstance(call.func, cst.Attribute) or not _password(flow, argument(call, "cred", 1), is_credential):
        return None
    if not flow.context.mentions("opt_x_tls_require_cert"):
        return None
    # the option set in this function, on any object, or at module level (ldap.set_option), on
    # every path: under an `if` (`if config["LDAP_ALLOW_SELF_SIGNED_CERT"]:`) it is the user's option
    module_facts = flow.context.facts(flow.context.module)
    calls = [(c, flow.facts) for c in flow.facts.own_calls] + [(c, module_facts) for c in module_facts.own_calls]
    for option, facts in calls:
        if leaf_name(option) == "set_option" and len(option.args) >= 2 and not in_a_branch(facts, option):
            name = dotted_name(option.args[0].value) or ""
            value = dotted_name(option.args[1].value) or ""
            if name.endswith("OPT_X_TLS_REQUIRE_CERT") and value.endswith(_LDAP_ANY_CERT):
                return (f"an LDAP bind with a password over TLS that checks no certificate "
                        f"(OPT_X_TLS_REQUIRE_CERT = {value.rsplit('.', 1)[-1]})")
    return None
