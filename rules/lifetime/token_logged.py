from __future__ import annotations

import re
from typing import ClassVar, List, Optional

import libcst as cst

from nhilint.patterns import compiled_on_first_use
from nhilint.analysis.credentials import string_literal
from nhilint.analysis.imports import dotted_name, leaf_name
from nhilint.analysis.names import is_token_name, snake_case
from nhilint.catalogue.loggers import CONSOLE_INPUTS
from nhilint.catalogue.tokens import DECODED_CLAIMS, SESSION_NAME_PATTERN, SESSION_ROW_METHODS
from nhilint.context import FileContext
from nhilint.flow import module_flow
from nhilint.flow.function import FunctionFlow
from nhilint.flow.module import ModuleFlow
from nhilint.flow.labels import MINTED, NAMED, Label, token_labels
from nhilint.flow.error_answers import error_answer, in_branch
from nhilint.flow.sinks import handles_invalid_token, log_arguments, may_log, rejected_mismatch
from nhilint.flow.summary import LOG, Sink
from nhilint.rule import CHECK_TESTS, Rule
from nhilint.walk import nodes_of, walk

_SESSION_NAME = compiled_on_first_use(SESSION_NAME_PATTERN, re.I)
# an option asking to see the tokens: `show_tokens`, `print_token`, `display_credentials`
_SHOW_OPTION = compiled_on_first_use(r"^(show|print|display|reveal|echo|dump)_(\w+_)?(tokens?|credentials?|secrets?|keys?)$")


class TokenLogged(Rule):
    """
    ## What it does
    Finds a token value written to a log: passed to a logger's `debug` / `info` / `warning` /
    `error` / `exception` / `critical` / `log` (a logger from `logging.getLogger`, structlog,
    loguru, `app.logger`, `self.logger`, the project's own helper returning one, the `logging`
    module itself), to `print` or to `sys.stderr.write`; directly, inside an f-string, `%`,
    `+`, `.format()` or a dict, through local names, attributes and helpers of the module
    (a token handed to `log_request(token)` that logs it is reported at the call), and
    an entry of a dict filled by key read by a key the code shows, also through an accessor
    of the module (`get_config_value(self.CONFIG_NAME_COMPETITION)` of a helper returning
    `self.config_values.get(name)`, the key a class constant): the entry that key names, not
    every value the dict holds; and
    properties: `self.headers` holds what its `@property` returns, by where that comes from
    (the headers with a token fetched from the token endpoint); a name inside the property
    decides nothing (`return domain, self.credentials` of a `cache_key` property): read there,
    the value's name is the property's.

    A value is a token because of where it comes from: a fetched access token or the response
    holding it, the incoming request's credential or its headers copied whole, a minted JWT,
    the raw token a verifier is given, a credential setting or env var, a secret literal. Only
    where the code does not show where a value comes from (a parameter, an attribute set
    elsewhere) does its name decide (`access_token`, `api_key`), and then only its own: a part
    unpacked from a value only a name calls a token (`slot, bearer = fresh_token`) is judged by
    its name (`bearer` is reported, the cache `slot` is not); and a name unpacked from what a
    function of the module returns as a tuple on every path (`url, headers, body =
    normalise(url, headers, body)`) holds what that place of the tuple holds, so a helper
    that logs the URL does not log the headers handed to it. The answer of a client's
    request for a path or URL (`client.get("/orders/", json_data=body)`, a `.get` with more
    than a key and a default, or a key that is a path) is what the service answered, not the
    key the request carried (a mapping's `config.get("key", api_key)` hands the default back,
    and is reported). A pagination cursor is no token (`next_token`, `after_token`,
    `skip_token`), nor is where a key file lives (`APIKEY_FILE_HOME`). So a language model's token
    count (`estimated_tokens: int`, `total_tokens`), a claim (`token_scopes`), a row count, a
    header-name constant, a length or where a credential is kept (`credentials_dirname`,
    `token_file`: a path, logged when reading it fails), where a token is asked for
    (`token_server`, `auth_token_host`), a warning about tokens (the `X-Token-Warning` response
    header) or the parts a JWT is split into (`token.split(".")`: its header, claims and
    signature; the part after the scheme, `authorization.split(" ")[1]`, is the token) is not
    a token, whatever it is called; nor is a dict written out with public fields only (`credentials =
    dict(client_id=..., redirect_uri=..., state=...)`: its keys decide, not its name), nor the
    listing of a dict the code fills by key (`list(self.tokens)` gives the slots; a dict keyed
    by the tokens themselves, or `.values()`, is reported); nor is the public
    half of a credential the code splits in two (`client_id, client_secret =
    basic_auth(request.headers)`: `client_id`, `username`, `email` are the identity, the other
    half is the secret); nor is the name of
    a credential's variable kept as a class constant (`EnvironmentVariables.CLIENT_SECRET =
    "AZURE_CLIENT_SECRET"`: the class body's value decides). A model object is not a token
    either: one looked up by a token (`orm.APIToken.find(...)`, also through the project's own
    `find` that loops over a query, or its own `get_token()` that returns one), a row handed
    to a database session (`db.delete(token)`): its printed form is the model's, and the
    database keeps a hash. Nor is an object only its name calls a credential (`credentials`)
    whose class, in this module, prints a mask in place of the secret: its `__repr__` or
    `__str__` (its own or a base's) has a mask literal (`"********"`, `"[client_secret]"`,
    `"<redacted>"`), neither returns a credential's value or every field (`self.__dict__`,
    `asdict(self)`), and a class without a `__repr__` of its own is no dataclass and has no
    base nhilint cannot see. An object of a class that prints the secret (`return
    f"{self.username}:{self.password}"`), or whose class is not known (a plain parameter, a
    class of another module), is still reported.

    Not reported either:
    - a value written by a module-level logger to which its module attaches a filter named
      for hiding secrets (`log.addFilter(SecretsFilter())`, `f = SensitiveFilter();
      log.addFilter(f)`, also under an `if` that may leave it off, and the logger imported
      by other modules: `from pkg import log`): the filter rewrites the record before any
      handler sees it, and, as with a function named for redaction, what it hides is the
      author's stated intent. A filter not named so (`RequestIdFilter`) changes nothing;
    - a token logged while handling the exception that says it failed verification
      (`except jwt.ExpiredSignatureError:`, `except BadSignature:`), in the branch that found
      it expired (`if token.has_expired():`; not its `else`, not `if not ...`), or in the
      branch that found it did not match and turns the request away (`if not
      hmac.compare_digest(key, expected): ... return None`; not a branch that goes on): it
      authorizes nothing; so is the credential a request presented, compared with `!=` to
      the expected one in a branch that turns the request away (`if token !=
      self.secret_token: log.debug(..., token); raise HTTPError(403)`): only the side read
      from the incoming request; the expected secret logged there is reported;
    - a value logged in the branch where it is an endpoint's error answer, as it is or made
      into text (`json.dumps(response.to_dict())`), or handed there to a helper that logs it
      (`if "error" in result: error_handler(result)`) (`if "error" in
      response:`, AWS's `if "Code" in r and "Message" in r:`; the body of a failed answer, `if
      response.status_code != 200: log.error(response.text)`, `if not response.ok:`): an
      error holds no token. The body of the token endpoint's answer otherwise is the tokens
      (`response.text` or `response.json()` of a request whose body has a `grant_type`, also
      a form encoded with `urlencode({...})`, also a response bound by `async with
      session.post(...) as resp`), and is reported, whole; a field of it that is no token
      (`answer["scope"]`, `expires_in`) is not, nor is the `.json()` of a request to a URL
      only named for the token endpoint without a grant (`self.token_url`: Keystone's v3
      answers with the token in a header, its metadata in the body);
    - a copy of the headers whose credential is replaced by a literal mask
      (`{k: "(redacted)" if k.lower() == "authorization" else v for k, v in headers.items()}`);
    - a dict handed to a helper that logs only what is not a dict (`if not isinstance(x, dict):
      log.debug(x)`);
    - `print(token)` of a token the code has just minted (a command handing a new token to the
      person who asked for it), and the `print` of a token an interactive tool obtained, in a
      module that asks the person at the terminal (`input()`, `getpass.getpass()`,
      `click.prompt`), when the tool does no further work with it: the token is its answer to
      the person who asked for it (`python -m msal`, a docs example that prints the token it
      just obtained). Still reported: such a tool's logger calls; a tool that prints the token
      it then hands on (an importer printing the access token it goes on to use: no one asked
      to see it, and the scrollback or a captured output keeps it); a server's `print` (a hook
      printing a password-reset token writes to the server's log);
    - a `print` in the branch of an option that asks for the tokens to be shown (`if
      show_tokens:`, `if args.print_tokens:`): the person running the code asked to see them
      (not `if verbose:`, which asks for more output, not for secrets);
    - `print(..., file=f)` to a file the code keeps.

    Still reported, because the code at the call does not show it is safe: a log method of the
    project's own logger wrapper (`self._log.exception("bad id_token: %(id_token)s", {"id_token":
    token})`) whose method scrubs its arguments in another module, or only for some of them (a
    lone dict, unless PII logging is switched on): the wrapper's body and its conditions are not
    read from the call; scrub at the call (`scrub_pii({...})`) or suppress the line. And the
    `print` of a command that lists what the user's own files hold (`server list` printing each
    running server's login URL with its token): nothing in the code tells that output from a log.

    Masked, hashed or measured forms (`token[:4]`, `mask(token)`, `sha256(token)`, `len(token)`)
    are fine, as is what a function named for redaction returns (`sanitize(request)`,
    `scrub_pii(data)`, `redact(headers)`, this project's own included: what one keeps is decided
    by keys and patterns nhilint cannot weigh, and the author asked for secrets to go). A value
    found by a token
    (`get_session_info_by_token(token)`, `getUserForToken(token)`), the claims a token is minted
    from (`token_payload`; a claim set built from registered claims, `IdToken(iss=..., sub=...,
    exp=...)`, before it is signed), what a verification returned, by its name (`decoded_token`,
    `verified_id_token`: google-auth's and firebase's verifiers return the claims; not
    `validated_token`, which simplejwt prints as the token) or by the key it is read under
    (`answer["__verified_id_token"]`, also when a helper of the module returns it in a dict
    written out, `{"access_token": ..., "id_token": id_token}`: a key read from what such a
    helper returns holds what the helper put under that key, not the rest of the dict), a value only its name calls a token
    that the function reads a claim from (`credentials.id_token["email"]`, `id_token.get("sub")`:
    a mapping of claims, as oauth2client's decoded `credentials.id_token`; not a value read
    for another key, nor another value of the same object, `credentials.access_token`), a setting read from a table keyed by
    the kind of token it is for (`jwx_def["signing_alg"]["id_token"]`) and a reference to a secret
    (`secret_ref`) are no token. A token
    handed to a static method (`self.server.update_claims(session, "userinfo")`) binds its first
    parameter: no `self` takes the first argument.

    ## Why is this bad?
    Logs are copied to files, log shippers, SaaS dashboards and support tickets, and kept for
    months; far more people and systems read them than hold the token. A token in a log line is
    a leaked token (OWASP NHI-02; NHI2:2025 Secret Leakage).

    ## Example
    ```python
    import logging

    logger = logging.getLogger(__name__)

    def connect(access_token):
        logger.info("connecting with token %s", access_token)
    ```

    ## Use instead
    ```python
    import logging

    logger = logging.getLogger(__name__)

    def connect(access_token):
        logger.info("connecting with token %s…", access_token[:4])
    ```

    ## Options
    - `check-tests` (bool, default false): report in test files too (`test_*.py`, `*_test.py`,
      `tests.py`, `conftest.py`, files under a `tests/` or `test/` directory, a pytest plugin
      module defining fixtures). Without it the rule is silent there: test code handles test
      vectors and fakes, and authenticates no one.

    ## References
    - [OWASP Logging Cheat Sheet, data to exclude](https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude)
    - [OWASP Non-Human Identities Top 10 2025](https://owasp.org/www-project-non-human-identities-top-10/2025/)
    - CWE-532
    """

    code = "NHL404"
    name = "token-logged"
    family: ClassVar[str] = "token-transport"
    summary = "A token value is written to a log or printed"
    severity = "medium"
    confidence = "medium"
    owasp = "NHI-02"
    owasp_2025 = ("NHI2:2025",)
    cwe = (532,)
    options = {"check-tests": CHECK_TESTS}
    # credential names, headers, token sources and fields: what makes a value a token says one
    words = (
        "token", "bearer", "jwt", "api_key", "apikey", "secret", "credential", "password", "passwd",
        "authorization", "api-key", "subscription-key", ".headers",
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not may_log(node) and not module_flow(self.context).may_run_helper(node):
            return  # the cheap test first: most calls stop here
        flow = self.flow()
        logged = log_arguments(flow, node) if may_log(node) else None
        if logged is not None:
            if handles_invalid_token(flow, node):
                return  # the token just failed verification: it authorizes nothing
            for value in logged:
                if rejected_mismatch(flow, node, value):
                    continue  # the wrong credential a request presented, turned away
                tokens = _without_masked(flow, value, _without_claim_maps(flow, value, _without_rows(flow, token_labels(flow.labels(value)))))
                if tokens and not self._answers_person(flow, node, value, tokens) and not error_answer(flow, node, value) and not (
                    _failed_bodies(flow, node, tokens)
                ):
                    self.report(node, f"a token value {_shown(value)} is written to the log")
                    return
            return
        self._through_helper(flow, node)

    def _through_helper(self, flow: FunctionFlow, node: cst.Call) -> None:
        """`audit(token)` where `audit` logs its parameter: reported where the token goes in."""
        if not module_flow(self.context).runs_helper(flow, node):
            return
        if not any(token_labels(flow.labels(arg.value)) for arg in node.args if not arg.star):
            return  # no token handed over: what the helper logs does not matter (nor is it summarised)
        helper = module_flow(self.context).helper_sinks(flow, node)
        if helper is None:
            return
        bound, param_sinks = helper
        for name, sinks in param_sinks.items():
            if name not in bound or not token_labels(flow.labels(bound[name])):
                continue
            logs = [sink for sink in sinks if sink.kind == LOG and not sink.token_there and self._writes(flow, node, sink, bound[name])]
            if logs:
                where = logs[0].holder
                self.report(node, f"a token value {_shown(bound[name])} is handed to {where}(), which writes it to the log",
                            related=[logs[0].related(f"{where}() writes its parameter `{name}` to the log here")])
                return

    def _answers_person(self, flow: FunctionFlow, call: cst.Call, value: cst.BaseExpression, tokens: "frozenset[Label]") -> bool:
        """`print(token)` of a token this code just minted (`mytool token create`), or the
        token an interactive tool (`python -m msal`) obtained for the person at the terminal:
        its answer to the person who asked for the token, not a log."""
        if leaf_name(call) != "print":
            return False
        if _asked_to_show(flow, call):
            return True  # `if show_tokens:`: the person at the terminal asked to see them
        return all(label.kind == MINTED for label in tokens) or self._hands_over(flow, call, value)

    def _hands_over(self, flow: FunctionFlow, call: cst.CSTNode, value: cst.BaseExpression) -> bool:
        """An interactive tool printing a token that it then does no work with: the token is
        what the person asked for. An importer that prints the token it goes on to use shows
        it for no one's need (the terminal's scrollback, a captured output keep it)."""
        return self._interactive() and not _handed_on(flow, call, value)

    def _interactive(self) -> bool:
        return self.context.memo("nhl404-reads-terminal", lambda: _reads_terminal(self.context))

    def _writes(self, flow: FunctionFlow, call: cst.Call, sink: Sink, value: cst.BaseExpression) -> bool:
        """Whether a helper's log sink writes the value handed to it: not the `print` of an
        interactive tool, nor a log the helper keeps for values of another type."""
        if sink.function is None:
            return True  # in another module: what it does there is its summary's word
        if isinstance(sink.node, cst.Call) and leaf_name(sink.node) == "print" and self._hands_over(flow, call, value):
            return False
        return not (_is_dict(value) and _only_for_non_dicts(module_flow(self.context).flow(sink.function), sink.node))


def _handed_on(flow: FunctionFlow, printed: cst.CSTNode, value: cst.BaseExpression) -> bool:
    """Whether a name in the printed value is given to a call after the print
    (`TrelloImporter(admin, token)`): the code goes on to work with the token."""
    names = {node.value for node in nodes_of(value, cst.Name) if token_labels(flow.labels(node))}  # not the fetch's inputs
    after = flow.facts.order_of(printed)
    for call in flow.facts.own_calls:
        if flow.facts.order_of(call) > after and not may_log(call):
            if any(isinstance(arg.value, cst.Name) and arg.value.value in names for arg in call.args):
                return True
    return False


def _without_rows(flow: FunctionFlow, tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Leave out what a name alone says of a model object: a name handed to a database
    session (`db.delete(token)`) holds a row, whose printed form is the model's repr."""
    named = [label for label in tokens if label.kind == NAMED and isinstance(label.origin, cst.Name)]
    if not named:
        return tokens
    rows = _session_rows(flow)
    return frozenset(label for label in tokens if not (label in named and label.detail in rows))


def _without_claim_maps(flow: FunctionFlow, value: cst.BaseExpression, tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Leave out what a name alone says of a value the function reads as a mapping of claims
    (`credentials.id_token["email"]`, `id_token.get("sub")`): the decoded claims, not the token
    (oauth2client's `credentials.id_token`; its JWT is `id_token_jwt`)."""
    if not any(label.kind == NAMED for label in tokens):
        return tokens
    maps = _claim_maps(flow)
    if not maps:
        return tokens
    dropped: "set[Label]" = set()
    for kind in (cst.Name, cst.Attribute):
        for node in nodes_of(value, kind, nested=True):
            if dotted_name(node) in maps:
                dropped.update(label for label in flow.labels(node) if label.kind == NAMED)
    return tokens - dropped if dropped else tokens


def _without_masked(flow: FunctionFlow, value: cst.BaseExpression, tokens: "frozenset[Label]") -> "frozenset[Label]":
    """Leave out what a name alone says of an object of a class of this module whose printed
    forms mask the secret (`def __repr__(self): return f"Credentials({self.user!r}, '********')"`):
    the log gets the mask, not the credential."""
    if not any(label.kind == NAMED for label in tokens):
        return tokens
    module = flow.module
    dropped: "set[Label]" = set()
    for kind in (cst.Name, cst.Attribute, cst.Call):
        for node in nodes_of(value, kind, nested=True):
            labels = flow.labels(node)
            if not any(label.kind == NAMED for label in labels):
                continue
            cls = module.instance_class(flow, node)
            if cls is not None and _masking_class(module, cls):
                dropped.update(label for label in labels if label.kind == NAMED)
    return tokens - dropped if dropped else tokens


# Calls and attributes that print every field of an object (`vars(self)`, `self.__dict__`)
_ALL_FIELDS = frozenset({"vars", "asdict", "astuple", "model_dump", "dict", "__dict__", "to_dict", "json"})


def _masking_class(module: ModuleFlow, cls: cst.ClassDef) -> bool:
    """Whether the class's `__repr__` / `__str__` (its own or its bases' in this module) show a
    mask in place of the secret: one of them has a mask literal (`"********"`, `"[client_secret]"`,
    `"<redacted>"`), none returns a token's value or every field (`self.__dict__`), and a class
    that writes no `__repr__` gets Python's default one (not a dataclass's, nor an unknown base's)."""
    def compute() -> bool:
        lineage = module.lineage(cls)
        printed = {}
        for current in lineage:
            for method in module.methods(current):
                if method.name.value in ("__repr__", "__str__"):
                    printed.setdefault(method.name.value, method)
        if not printed:
            return False
        if "__repr__" not in printed:
            known = {id(c) for c in lineage}
            for current in lineage:
                if current.decorators:
                    return False  # `@dataclass`, `@attr.s`: a repr of every field
                for base in current.bases:
                    if base.keyword is not None:
                        continue
                    found = module.context.module_classes.get(base.value.value) if isinstance(base.value, cst.Name) else None
                    if (found is None or id(found) not in known) and dotted_name(base.value) != "object":
                        return False  # a base we cannot see may print every field
        masked = False
        for method in printed.values():
            if any(isinstance(node, cst.Name) and node.value in _ALL_FIELDS or
                   isinstance(node, cst.Attribute) and node.attr.value in _ALL_FIELDS for node in nodes_of(method, cst.BaseExpression, nested=True)):
                return False
            summary = module.summary(method)
            if summary is None or token_labels(summary.returns):
                return False
            masked = masked or any(_mask_literal(node.evaluated_value) for node in nodes_of(method, cst.SimpleString))
        return masked

    return module.context.memo(("nhl404-masking-class", id(cls)), compute)


def _mask_literal(text: object) -> bool:
    """`"********"`, `"[client_secret]"`, `"<redacted>"`: what a printed form shows in place of a secret."""
    if not isinstance(text, str):
        return False
    core = text.strip()
    if len(core) >= 3 and set(core) <= {"*", "\u2022", "x", "X"}:
        return True
    if core[:1] in "[<(" and core[-1:] in "]>)" and len(core) > 2:
        inner = core[1:-1].strip()
        return inner.lower() in ("redacted", "hidden", "masked", "secret", "filtered") or is_token_name(inner)
    return core.lower() in ("redacted", "(redacted)")


def _claim_maps(flow: FunctionFlow) -> "frozenset[str]":
    """The expressions (as written) the function reads a claim from: `x.id_token` of
    `x.id_token["email"]` or `x.id_token.get("sub")`."""
    def compute() -> "frozenset[str]":
        maps: "set[Optional[str]]" = set()
        for node in nodes_of(flow.scope, cst.Subscript):
            index = node.slice[0].slice if len(node.slice) == 1 else None
            if isinstance(flow.facts.parent_of(node), (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.Del)):
                continue  # `record["exp"] = ...` writes a key, which any mapping may hold
            if isinstance(index, cst.Index) and string_literal(index.value) in DECODED_CLAIMS:
                maps.add(dotted_name(node.value))
        for call in flow.facts.own_calls:
            func = call.func
            if leaf_name(call) == "get" and isinstance(func, cst.Attribute) and call.args and (
                string_literal(call.args[0].value) in DECODED_CLAIMS
            ):
                maps.add(dotted_name(func.value))
        return frozenset(name for name in maps if name is not None)

    return flow.context.memo(("nhl404-claim-maps", id(flow.scope)), compute)


def _session_rows(flow: FunctionFlow) -> "frozenset[str]":
    """The names this function hands alone to a database session's row method."""
    rows = set()
    for call in flow.facts.own_calls:
        func = call.func
        if leaf_name(call) not in SESSION_ROW_METHODS or not isinstance(func, cst.Attribute) or len(call.args) != 1:
            continue
        receiver = dotted_name(func.value) or ""
        if _SESSION_NAME.search(receiver.rsplit(".", 1)[-1]) and isinstance(call.args[0].value, cst.Name):
            rows.add(call.args[0].value.value)
    return frozenset(rows)


def _failed_bodies(flow: FunctionFlow, call: cst.Call, tokens: "frozenset[Label]") -> bool:
    """Every token logged is the body of an answer (`res.text`, also inside a `.format()`) in
    the branch that found the answer failed (`if res.status_code != 200:`): an error, no token."""
    for label in tokens:
        written = dotted_name(label.origin) if isinstance(label.origin, cst.Attribute) else None
        if written is None or not in_branch(flow, call, lambda test, body=written: _failed_status(test, body)):
            return False
    return True


def _failed_status(test: cst.BaseExpression, written: str) -> bool:
    """`if response.status_code != 200:` / `if not response.ok:` around `response.text`: the
    body of a failed answer, which holds an error, not a token."""
    receiver, _, field = written.rpartition(".")
    if field not in ("text", "content") or not receiver:
        return False
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return dotted_name(test.expression) == f"{receiver}.ok"
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and dotted_name(test.left) == f"{receiver}.status_code":
        operator = test.comparisons[0].operator
        return isinstance(operator, (cst.NotEqual, cst.GreaterThanEqual, cst.GreaterThan, cst.NotIn))
    return False


def _is_dict(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Dict) or (isinstance(value, cst.Call) and dotted_name(value.func) == "dict")


def _only_for_non_dicts(flow: FunctionFlow, log_call: cst.CSTNode) -> bool:
    """The log runs only under `if not isinstance(x, dict):` (a serializer that logs the
    objects it is given, not the dicts)."""
    node: cst.CSTNode = log_call
    parent = flow.facts.parent_of(node)
    while parent is not None and not isinstance(parent, cst.FunctionDef):
        if isinstance(parent, cst.If) and node is parent.body and _not_a_dict_test(parent.test):
            return True
        node, parent = parent, flow.facts.parent_of(parent)
    return False


def _not_a_dict_test(test: cst.BaseExpression) -> bool:
    if not isinstance(test, cst.UnaryOperation) or not isinstance(test.operator, cst.Not):
        return False
    check = test.expression
    return (
        isinstance(check, cst.Call) and leaf_name(check) == "isinstance" and len(check.args) == 2
        and dotted_name(check.args[1].value) == "dict"
    )


def _asked_to_show(flow: FunctionFlow, call: cst.Call) -> bool:
    """Whether a print runs only in the branch of an option that asks for the tokens to be
    shown (`if show_tokens:`, `if args.print_tokens:`), the person's own request."""
    child, current = call, flow.facts.parent_of(call)
    while current is not None:
        if isinstance(current, cst.If) and child is current.body:
            name = dotted_name(current.test)
            if name is not None and _SHOW_OPTION.search(snake_case(name.rsplit(".", 1)[-1])):
                return True
        child, current = current, flow.facts.parent_of(current)
    return False


def _reads_terminal(context: FileContext) -> bool:
    """Whether the module asks the person at the terminal (`input()`, `getpass.getpass()`)."""
    if not context.mentions("input", "getpass", "prompt"):
        return False
    found: List[cst.Call] = []

    def visit(node: cst.CSTNode) -> bool:
        if isinstance(node, cst.Call) and context.qualified_name(node.func) in CONSOLE_INPUTS:
            found.append(node)
        return not found

    walk(context.module, visit)
    return bool(found)


def _shown(value: cst.BaseExpression) -> str:
    """How a message names the logged value: a name or attribute as written, never a literal."""
    dotted = dotted_name(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
    return f"`{dotted}`" if dotted else "(an expression holding one)"
