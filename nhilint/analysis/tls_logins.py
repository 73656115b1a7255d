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
- paho-mqtt's one-shot helpers: `publish.single(..., auth={"username": ..., "password":
  token}, tls={"cert_reqs": ssl.CERT_NONE})` (also `multiple`, and `tls=ctx` of a context that
  checks none). Checked with paho-mqtt 2.2: the helper hands the `tls` dict to `tls_set(**tls)`
  and the `auth` dict's password to `username_pw_set`.
- Mail: `client.login(user, password)` on an IMAP, SMTP or POP3 client the function made with
  a context that checks no certificate (`IMAPClient(host, ssl_context=ctx)`,
  `imaplib.IMAP4_SSL(host, ssl_context=ctx)`, `smtplib.SMTP_SSL(host, context=ctx)`,
  `poplib.POP3_SSL(host, context=ctx)`), or after `client.starttls(ssl_context=ctx)` /
  `starttls(context=ctx)` on it (reported at the login).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

import libcst as cst

from nhilint.analysis.credentials import string_literal
from nhilint.analysis.http import argument, keyword_arg
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.syntax import is_none
from nhilint.analysis.tls import cert_none, unverified_context
from nhilint.flow.reaching import in_a_branch

if TYPE_CHECKING:
    from nhilint.flow.function import FunctionFlow

# the last names of the calls this module looks at (a cheap test before any flow is built)
LOGIN_CALLS = frozenset({"tls_set", "tls_set_context", "Connection", "simple_bind_s", "simple_bind", "bind_s",
                         "single", "multiple", "login"})
# words without one of which a module makes no context that checks nothing (a cheap test before
# a `login()` call builds a flow)
UNVERIFIED_WORDS = ("cert_none", "_create_unverified_context", "sslcontext(")
_PAHO_HELPERS = frozenset({"paho.mqtt.publish.single", "paho.mqtt.publish.multiple"})
# mail clients made with a TLS context, by the keyword that takes it
_MAIL_CLIENTS = {
    "imapclient.IMAPClient": "ssl_context", "imapclient.imapclient.IMAPClient": "ssl_context",
    "imaplib.IMAP4_SSL": "ssl_context", "smtplib.SMTP_SSL": "context", "poplib.POP3_SSL": "context",
}
_MAIL_PLAIN_CLIENTS = frozenset({"imaplib.IMAP4", "smtplib.SMTP", "poplib.POP3"})
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
    if leaf in ("single", "multiple"):
        return _paho_publish(flow, call, is_credential)
    if leaf == "login":
        return _mail_login(flow, call, is_credential)
    return None


def _entry(flow: "FunctionFlow", mapping: Optional[cst.BaseExpression], key: str) -> Optional[cst.BaseExpression]:
    """`{"password": token}["password"]`, also of a name bound to the dict."""
    if isinstance(mapping, cst.Name):
        mapping = flow.context.bound_expression(mapping, flow.facts)
    if not isinstance(mapping, cst.Dict):
        return None
    return next((e.value for e in mapping.elements if isinstance(e, cst.DictElement) and string_literal(e.key) == key), None)


def _paho_publish(flow: "FunctionFlow", call: cst.Call, is_credential: IsCredential) -> Optional[str]:
    if flow.context.qualified_name(call.func, flow.facts) not in _PAHO_HELPERS:
        return None
    if not _password(flow, _entry(flow, keyword_arg(call, "auth"), "password"), is_credential):
        return None
    tls = keyword_arg(call, "tls")
    if cert_none(_entry(flow, tls, "cert_reqs")):
        how: Optional[str] = "cert_reqs=ssl.CERT_NONE"
    else:
        how = unverified_context(flow, tls) if tls is not None else None
    if how is None:
        return None
    return f"an MQTT publish logging in with a password is told not to check the broker's certificate ({how})"


def _mail_login(flow: "FunctionFlow", call: cst.Call, is_credential: IsCredential) -> Optional[str]:
    if not isinstance(call.func, cst.Attribute) or not isinstance(call.func.value, cst.Name):
        return None
    if not _password(flow, argument(call, "password", 1), is_credential):
        return None
    client = call.func.value
    made = flow.context.bound_expression(client, flow.facts)
    if made is None:
        # `with smtplib.SMTP_SSL(host, 465, context=ctx) as smtp:` (the client enters as itself)
        items = [binding.at.item for binding in flow.reaching(client.value, client) if isinstance(binding.at, cst.WithItem)]
        made = items[0] if len(items) == 1 else None
    if not isinstance(made, cst.Call):
        return None
    qualname = flow.context.qualified_name(made.func, flow.facts)
    contexts = [keyword_arg(made, _MAIL_CLIENTS[qualname])] if qualname in _MAIL_CLIENTS else []
    if qualname in _MAIL_CLIENTS or qualname in _MAIL_PLAIN_CLIENTS:
        # `client.starttls(ssl_context=ctx)` before the login
        contexts += [keyword_arg(tls, "ssl_context") or keyword_arg(tls, "context") for tls in flow.facts.own_calls
                     if leaf_name(tls) in ("starttls", "stls") and isinstance(tls.func, cst.Attribute)
                     and dotted_name(tls.func.value) == client.value]
    for context in contexts:
        how = unverified_context(flow, context) if context is not None else None
        if how is not None:
            return f"a mail login with a password over TLS that checks no certificate ({how})"
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
